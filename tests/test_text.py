"""Sentence splitting: verbatim spans, robust to abbreviations, quotes, lists and headings."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from briefing.text import SumyTokenizer, normalize_text, split_sentences, words


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Adm. Brad Cooper met U.S. officials in Washington. Brig.-Gen. Ghassan Bakir agreed."
    assert texts(text) == [
        "Adm. Brad Cooper met U.S. officials in Washington.",
        "Brig.-Gen. Ghassan Bakir agreed.",
    ]


def test_titles_syntok_does_not_know_stay_with_the_name() -> None:
    text = (
        "In October, Rep. Ada Byron said so. Gov. Tom Hale and Lt. Gov. Ann Ray agreed. "
        "Reps. Bo Li and Sgt. Dee Moss left."
    )
    assert texts(text) == [
        "In October, Rep. Ada Byron said so.",
        "Gov. Tom Hale and Lt. Gov. Ann Ray agreed.",
        "Reps. Bo Li and Sgt. Dee Moss left.",
    ]
    # A title that ends a paragraph, or is followed by a lowercase word, is not joined.
    assert texts("He met the Gov.\n\nThen he left.") == ["He met the Gov.", "Then he left."]


def test_a_day_written_as_an_ordinal_stays_with_its_month() -> None:
    assert texts("Am 13. September 2018 begann der Bau. Die Stadt zahlt.") == [
        "Am 13. September 2018 begann der Bau.",
        "Die Stadt zahlt.",
    ]
    assert texts("Am 1. März beginnt der Bau.") == ["Am 1. März beginnt der Bau."]
    assert texts("Dne 1. března 2020 začala stavba.") == ["Dne 1. března 2020 začala stavba."]
    # English sentences that end in a number stay apart, before a name or a month
    assert texts("The toll rose to 12. August Smith said so.") == [
        "The toll rose to 12.",
        "August Smith said so.",
    ]
    assert texts("He finished 3. March was cold.") == ["He finished 3.", "March was cold."]


def test_quotes_stay_with_their_sentence() -> None:
    text = "Cooper said, “We will remain vigilant.” The raids continued. “It worked,” he said."
    assert texts(text) == [
        "Cooper said, “We will remain vigilant.”",
        "The raids continued.",
        "“It worked,” he said.",
    ]


def test_chinese_and_japanese_sentences_end_at_ideographic_stops() -> None:
    zh = (
        "北京消息。国务院周三宣布了一项计划，旨在提振消费！"
        "李强表示，这一计划将“有力支撑增长。”谁会受益？"
    )
    assert texts(zh) == [
        "北京消息。",
        "国务院周三宣布了一项计划，旨在提振消费！",
        "李强表示，这一计划将“有力支撑增长。”",
        "谁会受益？",
    ]
    # a quotation closed and then taken up by と, or a stop before a comma, goes on
    ja = "「明日行く。」と彼は言った。株価は上がった！\n\n本当か？　はい。"
    spans = split_sentences(ja)
    assert [s.text for s in spans] == [
        "「明日行く。」と彼は言った。",
        "株価は上がった！",
        "本当か？",
        "はい。",
    ]
    assert all(ja[s.start : s.end] == s.text for s in spans)
    # Korean writes spaces and Western stops, which syntok already ends sentences at
    ko = "서울시는 수요일 새 예산을 발표했다. 시장은 “좋은 날”이라고 말했다! 예산은 2.3% 늘었다."
    assert len(texts(ko)) == 3


def test_headings_and_list_items_are_their_own_sentences() -> None:
    text = (
        "Floods hit the north\nRain fell all night. Roads closed.\n"
        "- 300 homes flooded\n- two bridges shut"
    )
    assert texts(text) == [
        "Floods hit the north",
        "Rain fell all night.",
        "Roads closed.",
        "300 homes flooded",
        "two bridges shut",
    ]


def test_a_list_marker_opening_a_line_is_not_part_of_the_sentence() -> None:
    text = (
        "Rail services were disrupted.\n"
        "* A passenger train derailed near Verona, officials said.\n"
        "1. Services between Milan and Venice were suspended.\n"
        "2) Engineers expect the line to reopen.\n"
        "• Buses replace the trains. - Not a marker mid-line.\n"
        "  - An indented item counts too."
    )
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Rail services were disrupted.",
        "A passenger train derailed near Verona, officials said.",
        "Services between Milan and Venice were suspended.",
        "Engineers expect the line to reopen.",
        "Buses replace the trains.",
        "- Not a marker mid-line.",
        "An indented item counts too.",
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_hard_wrapped_lines_are_not_split() -> None:
    text = "The council voted on Monday to close the old\nbridge for repairs that will last a year."
    assert len(split_sentences(text)) == 1


def test_paragraphs_are_numbered() -> None:
    spans = split_sentences("One here. Two here.\n\nThree here.")
    assert [s.paragraph for s in spans] == [0, 0, 1]


def test_normalize_removes_nul_and_controls() -> None:
    assert normalize_text("a\x00b\r\nc\x07") == "ab\nc"


def test_words_keep_inner_hyphens_and_amounts() -> None:
    assert words("US-led forces spent $4.2 billion, al-Sharaa said.") == [
        "US-led",
        "forces",
        "spent",
        "$4.2",
        "billion",
        "al-Sharaa",
        "said",
    ]


def test_sumy_tokenizer_interface() -> None:
    tok = SumyTokenizer()
    assert tok.language == "english"
    assert tok.to_sentences("One here. Two here.") == ("One here.", "Two here.")
    assert tok.to_words("Two words.") == ("Two", "words")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_verbatim_ordered_sentences(text: str) -> None:
    spans = split_sentences(text)
    last_end = 0
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert span.start >= last_end
        assert span.text == span.text.strip() and span.text
        last_end = span.end


def test_paragraph_offsets_hold_across_many_paragraphs() -> None:
    text = "".join(f"Paragraph {i} opens here. It ends here.\n\n" for i in range(300))
    spans = split_sentences(text)
    assert len(spans) == 600
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert [s.paragraph for s in spans[:4]] == [0, 0, 1, 1]


def test_a_month_abbreviation_before_a_range_of_days_ends_no_sentence() -> None:
    text = "Visit the horse show, Oct. 11–21, in Harrisburg. It opens Sept. 5-7 next year."
    assert [s.text for s in split_sentences(text)] == [
        "Visit the horse show, Oct. 11–21, in Harrisburg.",
        "It opens Sept. 5-7 next year.",
    ]


def test_the_rupee_abbreviation_before_its_sum_ends_no_sentence() -> None:
    text = "The firm was fined Rs. 15 lakh on Monday. It will appeal."
    assert [s.text for s in split_sentences(text)] == [
        "The firm was fined Rs. 15 lakh on Monday.",
        "It will appeal.",
    ]


def test_a_wire_dateline_stays_with_its_sentence() -> None:
    text = "FRANKFURT (Reuters) - The bank cut rates on Thursday. Economists had expected it."
    assert [s.text for s in split_sentences(text)] == [
        "FRANKFURT (Reuters) - The bank cut rates on Thursday.",
        "Economists had expected it.",
    ]


def test_a_dateline_with_an_abbreviated_state_stays_with_its_sentence() -> None:
    from briefing.text import split_sentences

    for text in (
        "BOULDER, Colo. — The city council approved a new budget on Monday. It passed 6-3.",
        "TULSA, Okla. (AP) — Storms knocked out power to 30,000 homes. Crews were out.",
    ):
        first = split_sentences(text)[0].text
        assert first.startswith(text.split(",")[0]) and first.endswith("."), first
        assert len(split_sentences(text)) == 2
