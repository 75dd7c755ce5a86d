"""Notes about the story (credits, bylines, editor's notes) are no news on every path."""

from __future__ import annotations

import datetime as dt

import briefing
from briefing.facts import extract_facts
from briefing.models import Article
from briefing.notes import drop_notes, without_notes

_CREDITED = (
    "Ferry service resumes after storm\n\n"
    "By Tomas Reyes, Transport Reporter\n\n"
    "Ferries between the two islands sailed again on Friday after a three-day halt, the "
    "operator said.\n\n"
    "About 1,200 passengers crossed in the first hours, port officials said.\n\n"
    "Wire Service writer Hanna Berg in Oslo contributed to this report."
)


def test_a_byline_under_its_agencys_name_and_a_contribution_are_dropped() -> None:
    text = (
        "By Lea Moreau\nWire Service\n\n"
        "The river crested at 9 meters overnight, officials said.\n\n"
        "The Wire Service contributed to this report."
    )
    assert drop_notes(text)[0] == "The river crested at 9 meters overnight, officials said."


def test_an_agency_name_alone_at_the_top_is_dropped() -> None:
    text = "Associated Press\n\nThe river crested at 9 meters overnight, officials said."
    assert drop_notes(text)[0] == "The river crested at 9 meters overnight, officials said."


def test_an_article_made_directly_loses_its_notes_once() -> None:
    text = "Published April 2, 2026\n\nThe river crested at 9 meters overnight, officials said."
    article = without_notes(Article(text))
    assert article.text == "The river crested at 9 meters overnight, officials said."
    assert article.published == dt.date(2026, 4, 2)
    assert without_notes(article) is article


def test_credits_in_text_passed_straight_in_are_no_who_and_no_where() -> None:
    for facts in (extract_facts(_CREDITED), briefing.brief(Article(_CREDITED)).facts):
        who = {f.text for f in facts.who}
        where = {f.text for f in facts.where}
        assert not who & {"Tomas Reyes", "Hanna Berg"}, who
        assert "Oslo" not in where and "Tomas Reyes" not in where, where


def test_a_text_opening_with_an_editors_note_takes_its_title_from_the_news() -> None:
    text = (
        "Editor's note: This story has been updated with new figures.\n\n"
        "Ferries between the two islands sailed again on Friday after a three-day halt."
    )
    assert briefing.brief(text).title.startswith("Ferries between the two islands")


def test_a_paywall_box_inside_the_story_is_dropped() -> None:
    text = (
        "The harbour board voted on Monday to raise mooring fees by 8 percent.\n\n"
        "This story is for subscribers only\n\n"
        "Good reporting costs money. Please subscribe now to keep reading.\n\n"
        "Get unlimited digital access for $2 for 6 months.\n\n"
        "Already a member? Sign in here.\n\n"
        "The new fees take effect in March, the board said."
    )
    assert drop_notes(text)[0] == (
        "The harbour board voted on Monday to raise mooring fees by 8 percent.\n\n"
        "The new fees take effect in March, the board said."
    )


def test_news_about_subscriptions_is_kept() -> None:
    text = (
        "The streaming service gained 4 million subscribers in the quarter.\n\n"
        "Members will keep unlimited access to the archive, the company said."
    )
    assert drop_notes(text)[0] == text
