"""Page furniture in Markdown and plain-text articles: captions, bylines, date lines, share
bars, related links and the columnist's bio never reach the briefing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import briefing
import briefing.pipeline
from briefing.load import load
from briefing.summarize.features import penalties_of

BODY = (
    "The river ferry will stop running for two months from Monday, the port authority "
    "said on Tuesday.\n\n"
    "Engineers found cracks in the hull of the older of its two boats during an "
    "inspection last week, and the newer boat is already in dry dock.\n\n"
    "A bus will replace the ferry every half hour while the boats are repaired."
)

MARKDOWN = f"""# Ferry service halted for repairs

*By Ines Moreau* | March 4, 2031

![The ferry at its mooring](https://example.org/ferry.jpg)
*The older ferry at its mooring on Tuesday. (Photo: Harbour Gazette)*

{BODY}

[Share on Facebook](https://example.org/share) | [Email](mailto:?subject=ferry)

### More from the harbour

- [Three new cafés open on the quay](https://example.org/a)
- [Tide tables for the spring](https://example.org/b)
"""

TEXT = f"""Ferry service halted for repairs

By Ines Moreau, Transport Reporter
Published March 4, 2031

The older ferry at its mooring on Tuesday. (Olek Brandt/Harbour Gazette)

{BODY}
"""


def test_markdown_chrome_is_not_article_text(tmp_path: Path) -> None:
    path = tmp_path / "ferry.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    article = load(path)
    assert article.text == BODY
    assert article.published == dt.date(2031, 3, 4)  # from the byline's date


def test_text_byline_caption_and_published_line(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = load(path)
    assert article.text == BODY
    assert article.published == dt.date(2031, 3, 4)
    b = briefing.brief(article, sentences=3)
    assert "Moreau" not in str(b.facts.to_dict())
    # relative dates now have a value: "on Tuesday" before 4 March 2031
    assert any(f.value == "2031-03-04" for f in b.facts.when), b.facts.when


def test_an_updated_line_with_its_time_first_dates_the_text(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(
        TEXT.replace("Published March 4, 2031", "Updated 8:40 PM GMT, March 4, 2031"),
        encoding="utf-8",
    )
    article = load(path)
    assert article.text == BODY
    assert article.published == dt.date(2031, 3, 4)


def test_columnist_bio_is_dropped_but_other_people_are_kept(tmp_path: Path) -> None:
    text = (
        "Why the ferry matters\n\nBy Ines Moreau\n\n"
        "Ines Moreau is a former harbour pilot and a contributing columnist for the Gazette."
        f"\n\n{BODY}\n\nPaul Okafor is a writer who took the ferry every day for ten years."
    )
    path = tmp_path / "column.txt"
    path.write_text(text, encoding="utf-8")
    article = load(path)
    assert "Ines Moreau" not in article.text
    assert "Paul Okafor is a writer" in article.text  # names someone else: article text
    md = tmp_path / "column.md"
    md.write_text(
        f"{BODY}\n\n*Olga Brandt is an editor at large and writes about cities.*\n",
        encoding="utf-8",
    )
    assert load(md).text == BODY  # an italic bio needs no byline


def test_article_text_that_looks_close_to_chrome_is_kept(tmp_path: Path) -> None:
    text = (
        "Ferry service halted\n\n"
        "By Monday the port authority had cancelled every crossing.\n\n"
        "Tuesday, 4 March\n\n"  # a date alone with no byline: the crossing's date, kept
        f"{BODY}\n\n"
        "Published figures show 1,200 people used the ferry each day (Harbour Board).\n\n"
        "Related: the bus company said it would hire 12 drivers for the summer."
    )
    path = tmp_path / "close.txt"
    path.write_text(text, encoding="utf-8")
    article = load(path)
    assert article.text == text.split("\n\n", 1)[1]
    assert article.published is None


def test_interview_questions_are_not_summary_sentences() -> None:
    texts = [
        "Q: The ferry has run for ninety years.",
        "Why stop it now?",
        "The boats are old and the hull of one is cracked, the director said.",
    ]
    penalties = penalties_of(texts, paragraphs=[0, 0, 1])
    assert [p for p, _ in penalties] == [1.0, 1.0, 0.0]
    article = briefing.Article(
        "Q: The ferry has run for ninety years and carried millions of people across. "
        "Is it time to stop it now?\n\n"
        "Director: The boats are old and the hull of one of them is cracked, so we must "
        "repair them before the summer season starts.\n\n"
        "Q: How long will the repairs take, and what will they cost the city?\n\n"
        "Director: About two months, and the city has set aside four million euros for it."
    )
    chosen = [s.text for s in briefing.summarize(article, sentences=2)]
    assert not any(t.startswith(("Q:", "Is it time")) for t in chosen), chosen


# --- datelines and headlines of saved pages (tester10d: 6 of 16 texts undated) --------------

LEDE = (
    "The valley's only bakery reopened on Monday after a fire in the spring, its owner "
    "said. Queues formed before dawn."
)


@pytest.mark.parametrize(
    ("top", "day"),
    [
        ("By Ana Folau\nThu 6 Mar 2031 07.30 GMT", dt.date(2031, 3, 6)),  # weekday cut short
        ("KNS | Mar 6, 2031, 09.15 PM IST", dt.date(2031, 3, 6)),  # a wire's tag and a bar
        ("*March 6, 2031 — By Ana Folau*", dt.date(2031, 3, 6)),  # date and byline
        ("March 6, 2031", dt.date(2031, 3, 6)),  # a dated line alone before the body
        ("ISSUED BY\nValley Bakers, Ltd.\nMar 6, 2031, 10:00 ET", dt.date(2031, 3, 6)),
        ("**From:** Ministry of Food\n**Published:** 6 March 2031", dt.date(2031, 3, 6)),
        ("_Words by Ilse van der Wal | 6 Mar 2031_", dt.date(2031, 3, 6)),  # name particles
        ("*By Ana da Costa | 6 March 2031*", dt.date(2031, 3, 6)),
        # a metadata line of "Key: value" fields with its stamp
        ("*Kind: Notice · Owner: Shop team · Published 6 March 2031*", dt.date(2031, 3, 6)),
    ],
)
def test_dateline_forms_date_the_text_and_are_not_article_text(
    tmp_path: Path, top: str, day: dt.date
) -> None:
    for suffix in (".txt", ".md"):
        path = tmp_path / f"bakery{suffix}"
        path.write_text(f"Bakery reopens after fire\n\n{top}\n\n{LEDE}\n", encoding="utf-8")
        article = load(path)
        assert article.published == day, (suffix, top)
        assert article.text == LEDE, (suffix, top)
        assert article.title == "Bakery reopens after fire"


# a byline line above the stamp, and stamps with a time after a dash, a bullet or "at"
# (tester11e: 8 of 18 British, Irish, Australian and Indian texts undated)
@pytest.mark.parametrize(
    "top",
    [
        "Ana Folau Food and drink correspondent\nThu 6 Mar 2031 07.30 GMT",  # name, role
        "KNS Reporter | Valleytown\nUpdated on Mar 06, 2031 08:10 PM IST",  # desk | place
        "By Ana Folau, chief baking writer at Valley Mill\n\nThursday 6 March 2031",
        "Ana Folau\n\nThu Mar 6 2031 - 18:45",  # a name alone, the stamp its own paragraph
        "Ana Folau, Food Editor\nThursday March 06 2031, 10.00pm, The Valley Times",
        "Valley Radio / By Ana Folau\n\nPosted Thu 6 Mar 2031 at 5:01am, updated Thu 6 Mar "
        "2031 at 7:30am",
        "By Ana Folau\n\nMarch 6, 2031 — 11.47am",
        "From Ana Folau, Chief Food Correspondent, in Valleytown\n\n6 March 2031 • 7:15am",
    ],
)
def test_a_stamp_under_a_byline_line_dates_the_text_on_every_path(tmp_path: Path, top: str) -> None:
    for suffix in (".txt", ".md"):
        path = tmp_path / f"bakery{suffix}"
        path.write_text(f"Bakery reopens after fire\n\n{top}\n\n{LEDE}\n", encoding="utf-8")
        article = load(path)
        assert article.published == dt.date(2031, 3, 6), (suffix, top)
        assert article.text == LEDE, (suffix, top)
    # the library reads a stamp at the top of the text as the loader does
    read = briefing.pipeline.as_article(briefing.Article(f"{top}\n\n{LEDE}"))
    assert (read.published, read.text) == (dt.date(2031, 3, 6), LEDE), top


def test_a_short_sentence_line_above_a_date_is_kept(tmp_path: Path) -> None:
    text = f"Bakery reopens\n\nThe owner thanked the village.\nMarch 6, 2031\n\n{LEDE}"
    path = tmp_path / "thanks.txt"
    path.write_text(text, encoding="utf-8")
    assert "The owner thanked the village." in load(path).text


def test_a_dated_line_inside_the_story_is_not_its_date(tmp_path: Path) -> None:
    text = f"Bakery reopens\n\n{LEDE}\n\nMarch 6, 2031\n\nThe owner thanked the village."
    path = tmp_path / "later.txt"
    path.write_text(text, encoding="utf-8")
    article = load(path)
    assert article.published is None
    assert "March 6, 2031" in article.text


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # a long sentence-case headline standing alone as a paragraph
        (
            "How a mountain village learned to bake its own bread again after a decade "
            "without a baker",
            "How a mountain village learned to bake its own bread again after a decade "
            "without a baker",
        ),
        (
            "Valley bakery to hire 40 people as its new ovens arrive from Italy; work on "
            "the second shop starts in May",
            "Valley bakery to hire 40 people as its new ovens arrive from Italy; work on "
            "the second shop starts in May",
        ),
        # a kicker line above the headline, or before it with a bar
        ("News Analysis\nWhy the Valley's Bread Costs More This Winter", None),
        ("Explainer\nWhy the valley's bread costs more this winter", None),
        ("Opinion | Why the valley's bread costs more this winter", None),
    ],
)
def test_long_headlines_and_kickers(tmp_path: Path, head: str, title: str | None) -> None:
    path = tmp_path / "head.txt"
    path.write_text(f"{head}\n\n{LEDE}\n", encoding="utf-8")
    article = load(path)
    expected = title or head.split("\n")[-1].split(" | ")[-1]
    assert article.title == expected
    assert article.text == LEDE


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("release.md", "**VALLEY WATER BOARD — NEWS RELEASE**\n\n**Bakery gets its own well**"),
        ("release.txt", "FOR IMMEDIATE RELEASE\n\nBakery gets its own well"),
        ("advisory.md", "# MEDIA ADVISORY\n\n## Bakery gets its own well"),
    ],
)
def test_a_releases_capital_banner_is_no_title(tmp_path: Path, name: str, head: str) -> None:
    path = tmp_path / name
    path.write_text(f"{head}\n\n{LEDE}\n", encoding="utf-8")
    article = load(path)
    assert article.title == "Bakery gets its own well"
    assert article.text == LEDE


def test_a_long_line_running_on_is_no_headline(tmp_path: Path) -> None:
    # a long first line with the paragraph running on below it: a wrapped lede
    text = (
        "The valley's only bakery reopened on Monday morning after a long fire in the early "
        "spring that had\n"
        "closed it for months, its owner said. Queues formed before dawn."
    )
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="utf-8")
    article = load(path)
    assert article.title is None
    assert article.text == text


def test_a_wire_dateline_resolves_weekdays_and_gives_no_facts(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(
        f"Bakery reopens after fire\n\nKNS | Mar 6, 2031, 09.15 PM IST\n\n{LEDE}\n",
        encoding="utf-8",
    )
    b = briefing.brief(load(path), sentences=2)
    facts = str(b.facts.to_dict())
    assert "KNS" not in facts and "09.15" not in facts
    assert any(f.value == "2031-03-03" for f in b.facts.when), b.facts.when  # "on Monday"


def test_a_metadata_line_of_fields_is_furniture_without_a_date(tmp_path: Path) -> None:
    path = tmp_path / "fields.md"
    path.write_text(
        f"# Bakery reopens\n\n*Status: Open · Owner: Bakers guild*\n\n{LEDE}\n", encoding="utf-8"
    )
    assert load(path).text == LEDE
