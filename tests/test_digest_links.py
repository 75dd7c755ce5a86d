"""Feed links on the digest's pages: only http(s) is linked, and no link can break out.

A feed is written by someone else, and the HTML digest is e-mailed: a ``javascript:`` or
``data:`` link must never become a link, and a URL with ``)``, ``<`` or ``>`` in it must not
end the Markdown link early or smuggle raw HTML onto the page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefing.digest import render_digest_html, render_digest_markdown
from briefing.models import Digest, Headline, Sentence, Source, Story
from briefing.render.env import link_url

DAY = dt.date(2025, 11, 24)
BAD = ("javascript:alert(6)", "data:text/html,<script>alert(7)</script>", " JaVaScRiPt:x")
ODD = "http://x.example/a)b>c<d e"


def story(title: str, url: str) -> Story:
    return Story(
        title=title,
        summary=(Sentence("The council approved the budget on Monday.", 0, 1.0),),
        who=(),
        where=(),
        when=(),
        sources=(Source("Evil", url, title),),
        article_count=1,
        articles=(0,),
        published=DAY,
    )


def hostile_digest() -> Digest:
    links = (*BAD, ODD)
    return Digest(
        title="Daily digest",
        date=DAY,
        stories=tuple(story(f"Story {i}", url) for i, url in enumerate(links)),
        headlines=tuple(Headline(f"Head {i}", url, "Evil", DAY) for i, url in enumerate(links)),
    )


@pytest.mark.parametrize("url", BAD)
def test_link_url_refuses_every_scheme_but_http(url: str) -> None:
    assert link_url(url) is None


def test_link_url_percent_encodes_what_could_end_a_link() -> None:
    assert link_url(ODD) == "http://x.example/a%29b%3Ec%3Cd%20e"
    assert link_url("https://x.example/a?b=1&c=(2)") == "https://x.example/a?b=1&c=%282%29"
    assert link_url('http://x.example/"onmouseover=x') == "http://x.example/%22onmouseover=x"


def test_markdown_digest_links_only_http_and_escapes_the_target() -> None:
    md = render_digest_markdown(hostile_digest())
    assert "javascript" not in md.lower() and "data:" not in md and "<script" not in md
    # the titles of the refused links are still listed, without a link
    assert "- Head 0 — Evil" in md and "- Head 1 — Evil" in md
    assert "[Head 3](<http://x.example/a%29b%3Ec%3Cd%20e>)" in md
    assert "[Evil](<http://x.example/a%29b%3Ec%3Cd%20e>)" in md
    # every "<" left on the page opens one of our own link targets, and it closes at ">"
    for match in re.finditer(r"(?<!\\)<", md):
        target = re.match(r"<(https?://[^<>\s]*)>", md[match.start() :])
        assert target is not None, md[match.start() : match.start() + 40]


def test_html_digest_links_only_http_and_escapes_the_target() -> None:
    html = render_digest_html(hostile_digest())
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h == "http://x.example/a%29b%3Ec%3Cd%20e" for h in hrefs)
    assert "javascript" not in html.lower() and "data:text" not in html
    assert "Head 0" in html and "Story 0" in html  # shown, unlinked
