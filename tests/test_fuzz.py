"""Random bytes, random JSON and random feed XML never crash or hang loading or the digest.

The only exception a user's input may cause is a BriefingError (one line for the user);
anything else is a bug. Each example runs under a wall-clock alarm, so a hang fails the
test instead of stalling the suite.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings, strategies as st

import briefing
from briefing import Article, BriefingError

#: Seconds one example may take before it counts as a hang.
EXAMPLE_DEADLINE = 30

FUZZ = settings(
    max_examples=40,
    deadline=None,  # the alarm below is the deadline; hypothesis's own one flakes on load
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def hang(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def load_all(path: Path) -> None:
    """load() and load_many() of ``path``: BriefingError or articles, nothing else."""
    with alarm(EXAMPLE_DEADLINE):
        try:
            art = briefing.load(path, fetch=False)
            assert isinstance(art, Article)
        except BriefingError as exc:
            assert "\n" not in str(exc), "an error must be one line"
        for item in briefing.load_many([path], fetch=False):
            assert (item.article is None) != (item.error is None)
            if item.error is not None:
                assert isinstance(item.error, BriefingError)
                assert "\n" not in str(item.error)


SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".xml", ".rss", ".gz"])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "title", "published", "url", "source", "x"]) | st.text(),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=SUFFIXES)
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    load_all(path)


@FUZZ
@given(value=json_values, lines=st.integers(min_value=1, max_value=3))
def test_random_json(tmp_path: Path, value: object, lines: int) -> None:
    text = json.dumps(value)
    (tmp_path / "one.json").write_text(text, encoding="utf-8")
    (tmp_path / "many.jsonl").write_text("\n".join([text] * lines), encoding="utf-8")
    load_all(tmp_path / "one.json")
    load_all(tmp_path / "many.jsonl")


feed_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


@FUZZ
@given(
    entries=st.lists(
        st.tuples(feed_text, feed_text, feed_text, st.sampled_from(["", "html", "text"])),
        max_size=4,
    ),
    atom=st.booleans(),
)
def test_random_feeds(tmp_path: Path, entries: list[tuple[str, str, str, str]], atom: bool) -> None:
    def clean(s: str) -> str:  # XML 1.0 forbids most control characters
        return escape("".join(c for c in s if c in "\t\n\r" or ord(c) >= 0x20))

    if atom:
        items = "".join(
            f'<entry><title type="{kind or "text"}">{clean(t)}</title>'
            f'<link href="{clean(link)}"/><updated>{clean(link)}</updated>'
            f'<content type="{kind or "html"}">{clean(body)}</content></entry>'
            for t, body, link, kind in entries
        )
        xml = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{items}</feed>'
    else:
        items = "".join(
            f"<item><title>{clean(t)}</title><link>{clean(link)}</link>"
            f"<pubDate>{clean(link)}</pubDate><description>{clean(body)}</description></item>"
            for t, body, link, _ in entries
        )
        xml = f"<rss version='2.0'><channel><title>F</title>{items}</channel></rss>"
    path = tmp_path / "feed.xml"
    path.write_text(xml, encoding="utf-8")
    load_all(path)


words = st.sampled_from(
    ["Police", "said", "the", "storm", "hit", "Paris", "on", "Monday", '"We', 'left,"', "42",
     "%", ".", "\n\n", "A.", "Ms", "Smith", "€3m", "—", "(AP)", "Read", "more"]
)  # fmt: skip


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.lists(words, max_size=60).map(" ".join), min_size=1, max_size=4),
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)
def test_random_articles_digest(texts: list[str], day: dt.date) -> None:
    articles = [Article(t, published=day) for t in texts]
    with alarm(EXAMPLE_DEADLINE * 2):
        try:
            d = briefing.digest(articles, day, workers=1)
        except BriefingError as exc:
            assert "\n" not in str(exc)
        else:
            assert d.date == day
