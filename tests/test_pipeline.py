"""brief() as a script calls it: one ranking shared by summary and facts, bounded work."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

import briefing
from briefing.facts import extract_facts
from briefing.models import Article, Sentence

STORY = (
    "The city council of Greyford approved a new budget on Tuesday. The budget raises "
    "spending on schools by a tenth. Mayor Anna Lee said the vote was a victory for "
    "parents.\n\n"
    "Opposition leader Tom Hart voted against the plan. He said the council had ignored "
    "the roads. Residents packed the hall for the vote.\n\n"
    "The new budget takes effect in January. Work on three new schools starts in spring. "
    "Builders from Acme Corp will lead the work."
)


def test_brief_ranks_the_sentences_once(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("briefing.summarize")
    real = module.summarize
    calls: list[Any] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("algorithm"))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "summarize", counting)
    briefing.brief(STORY, algorithm="lead")
    assert calls == ["lead"]
    extract_facts(STORY)  # alone, facts rank the sentences themselves
    assert len(calls) == 2


@pytest.mark.parametrize("algorithm", ["default", "lead", "luhn"])
def test_facts_follow_the_summarys_algorithm(algorithm: str) -> None:
    b = briefing.brief(STORY, sentences=2, algorithm=algorithm)
    chosen = {s.index for s in b.summary}
    clauses = [f for f in b.facts.what if f.sentence_index is not None]
    assert clauses
    assert {f.sentence_index for f in clauses} <= chosen


def test_extract_facts_uses_a_given_ranking() -> None:
    last = Sentence("Builders from Acme Corp will lead the work.", index=8, score=1.0)
    facts = extract_facts(Article(STORY), ranking=(last,))
    assert [f.sentence_index for f in facts.what] == [8]
