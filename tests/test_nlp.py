"""The spaCy pipeline as we load it: rule fixes, and the compiled attribute ruler."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from briefing.nlp import DEFAULT_MODEL, get_nlp, parse
from briefing.ruler import compile_ruler
from briefing.text import split_sentences

# Texts that exercise the attribute ruler's rules: auxiliaries, "there is", pronoun case,
# "gonna", contractions, a "but" adverb, determiners used as pronouns, odd whitespace.
TEXTS = [
    "I told you it was there, but there is nothing I can do about it now.",
    "They're gonna say that this isn't what we did; she has had enough and let's go.",
    'The minister, who had been told of the plan, said: "It does not work."\n\n  Next.',
    "You ain't seen it.   That was it, and all of them knew it was going to happen.",
    "Do you have the data? We did have it, but those were lost in 2019.",
]

ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]


@pytest.fixture(scope="module")
def stock() -> Any:
    return spacy.load(DEFAULT_MODEL, exclude=["lemmatizer"])


def test_compiled_ruler_sets_exactly_what_spacys_attribute_ruler_sets(stock: Any) -> None:
    ours = get_nlp()
    assert "attribute_ruler" not in ours.pipe_names
    assert "briefing_attribute_ruler" in ours.pipe_names
    for text in TEXTS:
        a, b = ours(text), stock(text)
        assert a.to_array(ATTRS).tolist() == b.to_array(ATTRS).tolist(), text
        assert [t.pos_ for t in a] == [t.pos_ for t in b]


def test_compiled_ruler_changes_what_the_stock_ruler_would_change(stock: Any) -> None:
    # Without any ruler, POS stays empty: the compiled one really does the work.
    doc = stock.make_doc(TEXTS[0])
    for _name, pipe in stock.pipeline[:3]:  # tok2vec, tagger, parser
        doc = pipe(doc)
    assert all(t.pos_ == "" for t in doc)
    compiled = compile_ruler(stock.get_pipe("attribute_ruler"))
    assert compiled is not None
    compiled(doc)
    assert [t.pos_ for t in doc][:3] == ["PRON", "VERB", "PRON"]


def test_unsupported_patterns_keep_spacys_ruler() -> None:
    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert compile_ruler(ruler) is None
    other: Any = spacy.blank("en").add_pipe("attribute_ruler")
    other.add([[{"LENGTH": {">": 3}}]], {"POS": "X"})
    assert compile_ruler(other) is None


def test_parse_streams_the_lead_first_in_the_same_pass() -> None:
    text = "First paragraph here.\n\nSecond one, with Reuters."
    pairs = list(parse(text, split_sentences(text), lead="Headline of the day"))
    assert pairs[0][1].text == "Headline of the day"
    assert [(off, doc.text) for off, doc in pairs[1:]] == [
        (0, "First paragraph here."),
        (23, "Second one, with Reuters."),
    ]
    # the news-agency rule: Reuters is an organisation
    assert ("Reuters", "ORG") in [(e.text, e.label_) for e in pairs[2][1].ents]


def test_the_model_name_comes_from_the_argument_not_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from briefing.nlp import model_name

    monkeypatch.setenv("BRIEFING_MODEL", "no_such_model")
    assert model_name() == DEFAULT_MODEL
    assert model_name("other_model") == "other_model"


def test_word_lists_and_the_loader_import_without_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, briefing.lexicon, briefing.nlp; "
        "assert 'Reuters' in briefing.lexicon.NEWS_AGENCIES; "
        "assert briefing.nlp.NEWS_AGENCIES is briefing.lexicon.NEWS_AGENCIES; "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_sentence_longer_than_a_chunk_is_cut_at_spaces() -> None:
    from briefing.nlp import _CHUNK_CHARS, chunks

    text = "word " * (_CHUNK_CHARS // 2)  # one "sentence" of about two chunks
    ranges = chunks(text, split_sentences(text))
    assert len(ranges) >= 2
    assert all(b - a <= _CHUNK_CHARS for a, b in ranges)
    assert "".join(text[a:b] for a, b in ranges) == text.rstrip()
    assert all(text[b - 1] == " " for a, b in ranges[:-1])
