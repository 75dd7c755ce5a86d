"""The form of an interview's text: questions, answers and speakers' turns.

A printed Q&A opens its questions with "Q:" and may open its answers with "A:"; a
broadcast transcript opens each turn with the speaker's name in capitals and a colon
("DAVID GREENE: ...", "WRIGHT: ..."). The summarizer leaves the interviewer's turns out;
the facts list the interviewee's answers as quotes. Both read the form here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["QUESTION", "Transcript", "answer_label", "asks", "transcript", "turn_label"]

# A sentence ending on a question mark (closing quotes or brackets may follow).
QUESTION = re.compile(r"[?？][\"'”’)\]」』）]*\s*$")

# An interviewer's turn in a Q&A: "Q: The book has been called a thriller. Is that fair?".
# Its sentences are the questions, not the story (none of the 1,328 dev CNN/DM and BBC texts
# has a paragraph so opened). "Q." is left out: it is also an initial ("Q. Smith said").
_ASKED = re.compile(r"^\W{0,3}(?:Q|Question)\s*:\s")
# The interviewee's turn: "A: It works." ("A." is left out, as "Q." is)
_ANSWERED = re.compile(r"^\W{0,3}(?:A|Answer)\s*:\s+")

# A speaker's turn in a transcript: a paragraph opening with the name in capitals and a
# colon ("DAVID GREENE: Mr. Secretary, thanks for being here.", "WRIGHT: People should be
# concerned ..."), as broadcasters print interviews. A dateline in capitals ("NEW DELHI: The
# government ...") opens one paragraph, not a dialogue of turns.
_TURN = re.compile(r"^\W{0,3}((?:[A-Z][A-Z.'’-]+\s+){0,3}[A-Z][A-Z'’-]+)\s*:\s+(?=\S)")


def asks(text: str) -> bool:
    """True for a sentence opening an interviewer's question ("Q: ...", "Question: ...")."""
    return _ASKED.match(text) is not None


def answer_label(text: str) -> int:
    """The length of the "A: " or "Answer: " opening ``text`` (0: none)."""
    m = _ANSWERED.match(text)
    return m.end() if m else 0


def turn_label(text: str) -> tuple[str, int] | None:
    """The speaker's name opening a transcript turn ("CHRIS WRIGHT: ...") and where the
    turn's words start; None when ``text`` opens no turn."""
    m = _TURN.match(text)
    return (m.group(1), m.end()) if m else None


@dataclass(frozen=True, slots=True)
class Transcript:
    """The turns of a transcript: the paragraphs each speaker opens (a speaker is known by
    the last word of the name: "DAVID GREENE" and "GREENE" are one), the fullest name each
    is given, and the host: the one who asks the most questions."""

    turns: dict[str, list[int]]
    names: dict[str, str]
    host: str


def transcript(texts: Sequence[str], paragraphs: Sequence[int]) -> Transcript | None:
    """The transcript ``texts`` (sentences; ``paragraphs`` gives each one's paragraph, empty:
    a paragraph each) are: at least two speakers (named in capitals, "NAME: ...") take two
    turns or more each, and one of them asks more questions ("?") than every other; None
    for any other text (a dateline in capitals opens one paragraph; "UPDATE:" asks nothing)."""
    turns: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    asked: Counter[str] = Counter()
    speaker = ""
    for i, text in enumerate(texts):
        paragraph = paragraphs[i] if paragraphs else i
        if i == 0 or paragraph != (paragraphs[i - 1] if paragraphs else i - 1):
            label = turn_label(text)
            speaker = label[0].split()[-1] if label is not None else ""
            if label is not None:
                turns.setdefault(speaker, []).append(paragraph)
                if len(label[0]) > len(names.get(speaker, "")):
                    names[speaker] = label[0]
        if speaker and QUESTION.search(text):
            asked[speaker] += 1
    speakers = [name for name, seen in turns.items() if len(seen) >= 2]
    if len(speakers) < 2 or not asked:
        return None
    (top, most), (_, second) = [*asked.most_common(2), ("", 0)][:2]
    if top not in speakers or most <= second:
        return None
    return Transcript(turns, names, top)
