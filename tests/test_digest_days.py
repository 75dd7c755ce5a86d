"""Which entries a day's digest covers and how its stories are put together: entries with
no news, dates without a time, undated and future-dated recency, the story's lead, one
link carried by two feeds. Small texts of our own, no model run where none is needed."""

from __future__ import annotations

import datetime as dt

from briefing.digest.window import carries_no_news, make_window, select
from briefing.models import Article, Headline

UTC = dt.UTC
NEWS = (
    "Crews repaired a broken water pipe under Linden Road overnight, the utility said on "
    "Tuesday morning."
)


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2031, 3, day, hour, tzinfo=UTC)


def test_furniture_entries_are_left_out_and_counted() -> None:
    entries = [
        Article("Comments", title="Comments", url="https://x.example/c", published=_at(4)),
        Article("Read more", title="Read more", url="https://x.example/r", published=_at(4)),
        Article("[…]", title="[…]", url="https://x.example/e", published=_at(4)),
        Article(NEWS, title="Pipe repaired", url="https://x.example/p", published=_at(4)),
    ]
    heads = [(9, Headline("Read more »", "https://x.example/m", "X", _at(4)))]
    chosen = select(
        entries, heads, window=make_window(dt.date(2031, 3, 4), None, None, explicit=True)
    )
    assert [a.title for a in chosen.articles] == ["Pipe repaired"]
    assert chosen.headlines == ()
    assert chosen.left_out == {"no news": 4}


def test_notes_with_no_sentence_and_no_link_carry_no_news() -> None:
    notes = Article("# Jots\n\n- ring the printer\n- [ ] book room 4", title="Jots")
    chosen = select([notes])
    assert chosen.headlines == () and chosen.left_out == {"no news": 1}


def test_real_titles_stay_headlines() -> None:
    # a title-only entry, linked or not, and a one-word post title are still headlines
    assert not carries_no_news("Transit chief resigns")
    assert not carries_no_news("Budgets", url="https://blog.example/budgets")
    assert not carries_no_news("Budgets", "Short teaser.", "https://blog.example/budgets")
    chosen = select([Article("Short teaser.", title="Dam opens", url="https://y.example/d")])
    assert [h.title for h in chosen.headlines] == ["Dam opens"]
