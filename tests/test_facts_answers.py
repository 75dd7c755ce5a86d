"""An interview's answers are the interviewee's quotes; its questions never are."""

from __future__ import annotations

from briefing import Article, extract_facts
from briefing.interview import transcript


def _quotes(text: str, title: str | None = None) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_facts(Article(text, title=title)).quotes}


def test_q_and_a_answers_are_the_interviewees_quotes() -> None:
    text = (
        "Lena Okafor, 52, has run the harbour pilots' service for ten years. "
        "She spoke to us before the winter season.\n\n"
        "Q: How many ships did your pilots bring in last year?\n\n"
        "A: Just over four thousand, which is a record for a port of our size. "
        "Most of them arrived at night.\n\n"
        "Q: Is the channel deep enough?\n\n"
        "A: Yes.\n\n"
        "Q: What worries you most?\n\n"
        "A: Fog. We lose more hours to fog than to storms, and the radar cannot see "
        "the small fishing boats that cross the channel.\n\n"
        "This interview has been edited for length."
    )
    assert _quotes(text) == {
        "Just over four thousand, which is a record for a port of our size. "
        "Most of them arrived at night.": "Lena Okafor",
        "Fog. We lose more hours to fog than to storms, and the radar cannot see "
        "the small fishing boats that cross the channel.": "Lena Okafor",
    }


def test_plain_answers_after_questions_end_at_the_last_answer() -> None:
    text = (
        "The novelist Tomas Reyes, 47, talked to us about his new book.\n\n"
        "Q: Why did you set the story on an island?\n\n"
        "Because an island keeps everyone in the same room, and nobody can leave "
        "when the argument starts.\n\n"
        "Q: Will there be a sequel?\n\n"
        "I have written the first chapter twice and thrown both versions away.\n\n"
        "The Salt House is out now from Harbour Press, priced at twenty pounds."
    )
    quotes = _quotes(text)
    assert set(quotes.values()) == {"Tomas Reyes"}
    assert len(quotes) == 2
    assert not any("Salt House" in q or "?" in q for q in quotes)


def test_transcript_turns_are_the_guests_quotes_never_the_hosts() -> None:
    text = (
        "Transport minister Alma Voss joined host PETER LINDGREN to talk about the "
        "rail timetable.\n\n"
        "PETER LINDGREN: Minister, welcome to the programme.\n\n"
        "ALMA VOSS: Thank you, Peter.\n\n"
        "LINDGREN: Trains were late on most lines this autumn. Why?\n\n"
        "VOSS: Because the track was renewed on three lines at the same time, and "
        "that will not happen again next year.\n\n"
        "LINDGREN: Will fares go up in January?\n\n"
        "VOSS: They will rise by two percent, which is less than inflation for the "
        "third year in a row."
    )
    quotes = _quotes(text)
    assert len(quotes) == 2
    assert set(quotes.values()) == {"Alma Voss"}
    assert all(q.startswith(("Because", "They will")) for q in quotes)


def test_label_lines_of_an_ordinary_article_are_no_turns() -> None:
    text = (
        "The county will close the bridge on Main Street for repairs next month.\n\n"
        "UPDATE: The county moved the closure to March after a council vote.\n\n"
        "Drivers will follow signs to the river road during the work.\n\n"
        "NOTE: An earlier version of this story gave the wrong month.\n\n"
        "UPDATE: The contractor said the work will take six weeks.\n\n"
        "NOTE: The council meets again on Tuesday."
    )
    assert _quotes(text) == {}
    assert transcript(text.split("\n\n"), ()) is None


def test_a_talk_with_questions_from_the_floor_is_no_q_and_a() -> None:
    lecture = "".join(
        f"Part {n}: the engineers built the machine in a small room, and it ran for "
        "years without a single fault.\n\n"
        for n in range(1, 7)
    )
    text = (
        "Ruth Adler, 70, gave a talk on the early computers of the laboratory.\n\n"
        "Question: Did the machine have a name?\n\n" + lecture + "Question: Who paid for it?\n\n"
        "The telephone company paid for every part of it, down to the last relay."
    )
    assert _quotes(text) == {}


def test_a_turn_in_quotation_marks_is_quoted_once() -> None:
    text = (
        "The mayor, Ines Duarte, was asked about the budget on a radio show. "
        "Part of the transcript follows.\n\n"
        '"HOST: What will you cut first?\n\n'
        '"DUARTE: Nothing that keeps the libraries open, because the libraries are '
        "where our children study after school.\n\n"
        '"HOST: And the buses?\n\n'
        '"DUARTE: The buses will run as they do now, every ten minutes at rush hour."'
    )
    quotes = [q.text for q in extract_facts(Article(text)).quotes]
    assert not any(q.startswith("Nothing") for q in quotes)
    assert sum("libraries" in q for q in quotes) == 1
