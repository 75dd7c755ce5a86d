"""The digest's ranking reads genre: a news report leads a help request and a company
announcement when every other signal is equal; other languages are not penalised; ties
always break the same way."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from briefing import Article
from briefing.digest import RankWeights, digest, rank_stories
from briefing.digest.genre import feed_likeness, genre_cues, news_likeness
from briefing.models import Source, Story

DAY = dt.date(2026, 3, 4)

HELP_POST = (
    "I recently bought a second-hand rack server for my basement and I cannot get it to "
    "boot from the new disk. I have tried two different cables and my old controller "
    "card. Can you tell me what I am doing wrong? Any advice for my first build would be "
    "great, thanks in advance."
)
ANNOUNCEMENT = (
    "Today we are excited to announce the next version of our platform. We have worked "
    "hard with our community to make your daily work faster. You can now share your "
    "dashboards with your whole team in one click. We can't wait to see what you build "
    "with it, and we would love to hear your feedback."
)
REPORT = (
    "The harbour authority of Northport closed the eastern terminal on Tuesday after a "
    "fire damaged two cranes, officials said. According to the fire service, nobody was "
    "injured and the blaze was under control by the evening. “The terminal will reopen "
    "once the cranes have been inspected,” a spokeswoman for the authority told "
    "reporters. Shipping companies said delays of several days were expected."
)
GERMAN_REPORT = (
    "Die Hafenbehörde von Nordhafen hat am Dienstag das östliche Terminal geschlossen, "
    "nachdem ein Brand zwei Kräne beschädigt hatte. Laut Feuerwehr wurde niemand verletzt. "
    "Das Terminal werde nach einer Prüfung der Kräne wieder geöffnet, sagte eine "
    "Sprecherin der Behörde am Abend."
)
# Slovak: a language with no word lists here; only language-neutral cues count
SLOVAK_REPORT = (
    "Prístavný úrad v Severnom prístave v utorok zatvoril východný terminál po tom, čo "
    "požiar poškodil dva žeriavy. Nikto nebol zranený a požiar bol večer pod kontrolou. "
    "Lodné spoločnosti očakávajú niekoľkodňové meškania."
)


def test_genre_cues_tell_a_report_from_a_help_post_and_an_announcement() -> None:
    help_cues = genre_cues(HELP_POST, "Can anyone help with my first server?", "en")
    assert help_cues.personal > 0.5
    assert help_cues.questions > 0
    assert help_cues.score < 0
    assert genre_cues(ANNOUNCEMENT, "Introducing version 5", "en").score < 0
    report = genre_cues(REPORT, "Fire closes Northport terminal", "en")
    assert report.personal == 0
    assert report.questions == 0
    assert report.attribution > 0.5
    assert report.score > 0


def test_pronouns_inside_a_quotation_are_the_speaker_s_not_the_writer_s() -> None:
    quoted = (
        "“We will rebuild our port and we will not give up,” the mayor said on Monday. "
        "The city council approved the budget for the repairs later that day."
    )
    cues = genre_cues(quoted, None, "en")
    assert cues.personal == 0
    assert cues.attribution > 0
    unquoted = "We will rebuild our port and we will not give up. We met on Monday."
    assert genre_cues(unquoted, None, "en").personal > 0


@pytest.mark.parametrize(
    ("text", "language"),
    [(GERMAN_REPORT, "de"), (SLOVAK_REPORT, "sk"), (SLOVAK_REPORT, None)],
)
def test_news_in_other_languages_is_not_penalised(text: str, language: str | None) -> None:
    value = news_likeness(text, "Hafen / Prístav", language)
    assert value >= 0  # no English cue missing counts against it
    assert value > news_likeness(HELP_POST, None, "en")
    assert value > news_likeness(ANNOUNCEMENT, None, "en")


def test_a_german_first_person_post_is_read_as_such() -> None:
    post = (
        "Ich habe mir letzte Woche meinen ersten Server gekauft und mein Netzwerk "
        "umgebaut. Wir wohnen auf dem Land, deshalb brauche ich eine gute Lösung für "
        "unser Haus. Habt ihr Tipps für mich?"
    )
    assert news_likeness(post, None, "de") < 0 <= news_likeness(GERMAN_REPORT, None, "de")


def test_feed_likeness_is_the_mean_of_its_entries() -> None:
    means = feed_likeness([1.0, 0.0, -0.5, 0.25], ["a", "a", "b", "a"])
    assert means == {"a": pytest.approx(1.25 / 3), "b": -0.5}


def _story(title: str, position: int, feed: str) -> Story:
    return Story(
        title=title,
        summary=(),
        who=(),
        where=(),
        when=(),
        sources=(Source(name=feed, url=None, title=title),),
        article_count=1,
        articles=(position,),
        published=DAY,
        feeds=(feed,),
    )


def test_the_news_term_orders_otherwise_equal_stories() -> None:
    stories = [_story(f"Story {k}", k, f"feed {k}") for k in range(3)]
    news = [(-0.8, -0.8), (0.6, 0.6), (-0.4, -0.4)]
    ranked = rank_stories(stories, DAY, [frozenset()] * 3, None, [3, 3, 3], None, news)
    assert [s.title for s in ranked] == ["Story 1", "Story 2", "Story 0"]
    assert dict(ranked[0].features)["news"] == pytest.approx(RankWeights().news_feed * 0.6)
    # without the weight, the same stories tie and fall back to their titles
    flat = rank_stories(
        stories, DAY, [frozenset()] * 3, RankWeights(news_feed=0.0), [3, 3, 3], None, news
    )
    assert [s.title for s in flat] == ["Story 0", "Story 1", "Story 2"]


def test_ties_break_the_same_way_whatever_the_input_order() -> None:
    stories = [_story(title, k, f"feed {k}") for k, title in enumerate("dbca")]
    stories.append(_story("a", 9, "feed 9"))  # same title: input position decides
    news = [(0.1, 0.1)] * len(stories)
    expected = None
    rng = random.Random(5)
    for _ in range(6):
        order = list(range(len(stories)))
        rng.shuffle(order)
        ranked = rank_stories(
            [stories[i] for i in order],
            DAY,
            [frozenset()] * len(order),
            None,
            [2] * len(order),
            None,
            [news[i] for i in order],
        )
        got = [(s.title, s.articles) for s in ranked]
        expected = expected or got
        assert got == expected
    assert expected == [("a", (3,)), ("a", (9,)), ("b", (1,)), ("c", (2,)), ("d", (0,))]


def test_a_digest_leads_with_the_report_when_all_else_is_equal() -> None:
    articles = [
        Article(HELP_POST, title="Server will not boot", published=DAY, source="Home Forum"),
        Article(ANNOUNCEMENT, title="Version 5 is here", published=DAY, source="Acme Blog"),
        # its title sorts last: only the news term can put it first
        Article(REPORT, title="Weekend fire closes a terminal", published=DAY, source="Wire"),
    ]
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        d = digest([articles[i] for i in order], DAY)
        titles = [s.title for s in d.stories]
        assert titles[0] == "Weekend fire closes a terminal", titles
        first = dict(d.stories[0].features)
        for other in d.stories[1:]:
            features = dict(other.features)
            # every other signal equal: the news term alone decides
            assert {k: v for k, v in features.items() if k != "news"} == pytest.approx(
                {k: v for k, v in first.items() if k != "news"}
            )
            assert features["news"] < first["news"]
