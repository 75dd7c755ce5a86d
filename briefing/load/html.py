"""HTML pages (trafilatura) and HTML fragments from feeds (lxml) to plain text."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..models import Article
from ..text import normalize_text, word_count
from .document import make_article

_WHITESPACE = re.compile(r"\s+")  # in HTML text, source line breaks are only spaces
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt"}
    | {"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"}
    | {"hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody"}
    | {"td", "th", "thead", "tr", "ul"}
)
_VOID_TAGS = ("embed", "param", "source", "track", "wbr", "img", "input", "area", "col", "hr")
"""Elements that hold no content: the HTML parser may still nest the rest of the page in one."""
_ELSEWHERE_TAGS = frozenset({"aside", "nav", "footer", "li", "figure", "blockquote", "td"})
_ELSEWHERE_NAMES = re.compile(
    r"related|sidebar|widget|comment|teaser|recommend|more-stories|trending|popular", re.I
)
"""Where a <time> belongs to another story: its date is not this article's."""
_WORD = re.compile(r"\w+")
#: Fewer words than this is no article: a menu ("Home About"), "Page not found", a login
#: wall. The shortest of the 90 dev news pages has 88 words.
MIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…。]['\"’”)\]]*$")
_TEASER_LEAD = re.compile(
    r"^\W*(?:read more|related|more|see also|also read|you may also like|most read\b.*"
    r"|don'?t miss|recommended)\b\W*(?::|$|\.\.\.|…)",
    re.I,
)
"""A related-story lead-in: 'Read more: <headline>', 'Related: ...', 'DON'T MISS'."""
_CALL_TO_ACTION = re.compile(
    r"newsletter|subscrib|sign up|\binbox\b|follow (?:\w+ ){0,6}on (?:twitter|facebook|instagram)"
    r"|^comments?$",
    re.I,
)
"""Newsletter, subscription and follow-us lines, and a bare 'Comments' heading."""


@dataclass(frozen=True, slots=True)
class Tidy:
    """How the extracted body is tidied; a rule is off at 0.

    ``teaser_words``: a paragraph of at most this many words led by 'Read more:',
    'Related:' (and the like) points to another story. ``tail_words``: at the end of the
    body, paragraphs of at most this many words that ask the reader to subscribe, sign up
    or follow (or a bare 'Comments' heading) are the page's furniture. ``dek_overlap``: a
    first paragraph without a sentence end whose words are at least this share title or
    description words is the headline or standfirst again. The defaults (:data:`TIDY`)
    were chosen by 5-fold cross-validation in ``bench/eval_html.py``: the teaser and tail
    rules on, the standfirst rule off (it lowers F1 there). ``inline_spans``: every
    ``<span>`` inside a ``<p>`` loses its tag before extraction (its text stays), so the
    precision filters, which drop a ``span`` whose class is ``link`` or ``bottom`` (or that
    has a border style), cannot cut words out of the middle of a sentence ('has reported
    that <span class="link"><a>the NFL will fine Rudolph</a></span> for his role'; seen
    on 6 dev pages of 4 sites). ``title_anywhere``: a paragraph anywhere in the body that
    is the page title again (a share box, a caption, a related box naming this story);
    off: CV picks it, but its own paired gain (3 dev pages) is within noise.
    """

    dek_overlap: float = 0.0
    teaser_words: int = 0
    tail_words: int = 0
    inline_spans: bool = False
    title_anywhere: bool = False


TIDY = Tidy(teaser_words=25, tail_words=40, inline_spans=True)

# What html_to_text never reads; among it a feed entry's code listing or terminal session
# (<pre>): no prose, read as sentences it became summary lines ("self.bounds = ({ CGRect
# bounds = ...", "dom@dreizehn:/usr/local/etc$ exa -lTF ...") in the briefs of the dev
# feeds, 10 of which hold <pre> blocks. Code inside a sentence (<code>) stays.
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas"}
    | {"button", "select", "textarea", "head", "title", "pre"}
)


def article_from_html(
    page: str,
    name: str,
    *,
    url: str | None = None,
    host: str | None = None,
    tidy: Tidy = TIDY,
) -> Article:
    """Body text (paragraphs as blank-line-separated blocks), title and date via trafilatura."""
    if not page.strip():
        raise InputError(f"{name}: the page is empty; give the article's HTML or its text")
    from trafilatura import bare_extraction
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    try:
        tree = load_html(page)
        if tree is None:
            raise ValueError("no HTML tree")
        _repair_tree(tree)
        head_title = tree.findtext(".//head//title") or ""
        if tidy.inline_spans:
            for span in list(tree.iterfind(".//p//span")):
                if hasattr(span, "drop_tag"):
                    span.drop_tag()
        document = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_precision=True,  # cleaner bodies on news pages, and faster
            # Dates only from metadata (meta tags, JSON-LD, <time>, the URL): never a year
            # found in the body ("since 2016"), which htmldate's extensive search would take.
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "max_date": dt.date.today().isoformat(),
            },
        )
    except Exception as err:  # trafilatura and lxml raise assorted errors on broken pages
        raise InputError(
            f"{name}: cannot parse the HTML ({type(err).__name__}); save the article as text"
        ) from None
    body = ""
    if not isinstance(document, Document):
        document = Document()
    if document.text:
        lines = (" ".join(line.split()) for line in normalize_text(document.text).split("\n"))
        body = "\n\n".join(line for line in lines if line)
    if not body:
        raise InputError(f"{name}: no article text found in the page; save the article as text")
    title, site = _title_and_site(document.title, document.sitename, head_title)
    body = _drop_title_paragraph(body, title)
    body = _tidy_body(body, title, document.description, tidy)
    n_words = word_count(body)
    if n_words < MIN_WORDS:
        shown = " ".join(body.split())
        raise InputError(
            f"{name}: no article text found in the page (only {n_words} "
            f"word{'s' * (n_words != 1)}: {shown[:60]!r}); save the article as text"
        )
    published: dt.date | None = None
    if document.date:
        try:
            published = dt.date.fromisoformat(str(document.date)[:10])
        except ValueError:
            published = None
    return make_article(
        name,
        body,
        title=title,
        published=published,
        url=url or document.url,
        source=site or host,
    )


# How a page's <title> joins headline and site ("Headline | Site", "Site – Headline").
_TITLE_SEPARATOR = r"\s+[|–—•·]\s+|\s+-\s+"


def _title_and_site(
    title: str | None, site: str | None, head_title: str
) -> tuple[str | None, str | None]:
    """The headline without the site's name joined to it, and the site's name.

    trafilatura takes for the site's name a part of the <title> with a dot in it, meant for
    "example.com" but also "Reeves unveils £4.5bn plan" (the headline): a name equal to
    the headline is no name, and the <title>'s other part is; so is it when the page names
    no site ("Headline | Law Herald" with no og:site_name). A headline ending or starting
    with the site's name ("Best tech gadgets of 2019 | ZDNet", 10 of the 90 dev pages, from
    og:title) loses it.
    """
    if not title:
        return title, site
    folded = " ".join(title.split()).casefold()
    if not site or " ".join(site.split()).casefold() == folded:
        # no name, or the headline taken for it: the <title>'s part beside the headline
        parts = [" ".join(p.split()) for p in re.split(_TITLE_SEPARATOR, head_title.strip())]
        others = [p for p in parts if p and p.casefold() != folded]
        if len(parts) == 2 and len(others) == 1:
            return title, others[0]
        return title, None
    return without_site_name(title, site), site


def without_site_name(title: str, site: str, *, leading: bool = True) -> str:
    """``title`` without the site's name joined to its end ("Best tech gadgets of 2019 |
    ZDNet", "Crews contain blaze - Valley Daily") or, when ``leading``, its start ("ZDNet |
    …", "ZDNet: …"); unchanged when fewer than two words would be left."""
    name = re.escape(" ".join(site.split()))
    patterns = [rf"(?:{_TITLE_SEPARATOR}){name}\s*$"]
    if leading:
        patterns.append(rf"^\s*{name}(?:{_TITLE_SEPARATOR}|:\s+)")
    for pattern in patterns:
        bare = re.sub(pattern, "", title, flags=re.IGNORECASE).strip()
        if bare != title.strip() and len(bare.split()) >= 2:
            return bare
    return title


def _repair_tree(tree: Any) -> None:
    """Fix what would mislead the extractor, in place.

    ``<base href>`` is a hint for relative links, not the article's address, so it goes.
    A void element such as ``<embed>`` written without a closing tag can swallow the rest
    of the page in lxml's tree, and the extractor then drops it with the embed: its
    children are moved out to follow it. A ``<time>`` (or ``<abbr>``) in a sidebar, a
    list, a footer or a teaser dates another story, so it loses its tag (its text stays)
    and the extractor cannot take it for the publication date.
    """
    for base in list(tree.iter("base")):
        base.drop_tree()
    for element in list(tree.iter(*_VOID_TAGS)):
        children = list(element)
        if element.text and element.text.strip():
            children_text = element.text
            element.text = None
            previous_tail = element.tail or ""
            element.tail = previous_tail + children_text
        for child in reversed(children):
            element.addnext(child)
    for element in list(tree.iter("time", "abbr")):
        if _outside_the_article(element) and hasattr(element, "drop_tag"):
            element.drop_tag()  # its text stays; its date attribute no longer looks official


def _outside_the_article(element: Any) -> bool:
    """Whether a date element sits in a sidebar, list, footer or teaser (another story's)."""
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in _ELSEWHERE_TAGS:
            return True
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if _ELSEWHERE_NAMES.search(names):
            return True
    return False


def _drop_title_paragraph(body: str, title: str | None) -> str:
    """Drop a first paragraph that only repeats the page title (often with a site suffix)."""
    first, _sep, rest = body.partition("\n\n")
    if rest.strip() and _repeats_title(first, title):
        return rest
    return body


def _repeats_title(paragraph: str, title: str | None) -> bool:
    """Whether a paragraph is the page title (the title may add a site suffix after it)."""
    head = paragraph.casefold()
    full = " ".join((title or "").split()).casefold()
    if not head or not full:
        return False
    return full == head or (
        full.startswith(head) and full[len(head) :].lstrip()[:1] in ("|", "-", "–", "—")
    )


def _tidy_body(body: str, title: str | None, description: str | None, tidy: Tidy) -> str:
    """Drop a repeated headline or standfirst, related-story teasers and trailing furniture.

    Each rule names a pattern seen on several dev pages of the extraction benchmark
    (bench/eval_html.py): 'Read more: ...', 'Related: ...', 'More:', 'DON'T MISS', 'You
    may also like...' teaser lines left in the body (8 of 90 pages); newsletter,
    subscribe, follow-us and bare 'Comments' lines after the story (8 pages); a standfirst
    or reworded headline as the first paragraph (6 pages; that rule is off by default).
    A rule never empties the body.
    """
    paragraphs = body.split("\n\n")
    if tidy.title_anywhere:
        paragraphs = [p for p in paragraphs if not _repeats_title(p, title)] or paragraphs
    if tidy.dek_overlap > 0 and len(paragraphs) > 1:
        first = paragraphs[0]
        words = [w.casefold() for w in _WORD.findall(first)]
        known = {w.casefold() for w in _WORD.findall(f"{title or ''} {description or ''}")}
        if (
            len(words) >= 3
            and not _SENTENCE_END.search(first)
            and sum(w in known for w in words) >= tidy.dek_overlap * len(words)
        ):
            paragraphs = paragraphs[1:]
    if tidy.teaser_words > 0:
        kept = [
            p
            for p in paragraphs
            if not (_TEASER_LEAD.search(p) and len(_WORD.findall(p)) <= tidy.teaser_words)
        ]
        paragraphs = kept or paragraphs
    if tidy.tail_words > 0:
        end = len(paragraphs)
        while end > 1 and (
            _CALL_TO_ACTION.search(paragraphs[end - 1])
            and len(_WORD.findall(paragraphs[end - 1])) <= tidy.tail_words
        ):
            end -= 1
        paragraphs = paragraphs[:end]
    return "\n\n".join(paragraphs)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs, ``<br>`` a line
    break; a preformatted listing (``<pre>``) is left out."""
    if "<" not in fragment:  # no tags, but it is still HTML: entities are decoded
        paragraphs = html.unescape(fragment).split("\n\n")
        return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    from lxml import (
        etree,  # type: ignore[import-untyped,unused-ignore]
        html as lxml_html,  # type: ignore[import-untyped,unused-ignore]
    )

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(re.sub(r"<[^<>]*>", " ", fragment).split())
    _repair_tree(root)
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS or not tag:
                walker.skip_subtree()
                continue
            parts.append("\n" if tag == "br" else "\n\n" if tag in _BLOCK_TAGS else "")
            parts.append(_WHITESPACE.sub(" ", element.text or ""))
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n\n")
            if element.tail and element is not root:
                parts.append(_WHITESPACE.sub(" ", element.tail))
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", "".join(parts)):
        lines = (" ".join(line.split()) for line in block.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
