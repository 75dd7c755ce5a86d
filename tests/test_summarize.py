"""The summary stage: budgets, order, verbatim sentences, explanations, boilerplate, MMR,
every algorithm, errors, long texts, and arbitrary input (hypothesis)."""

from __future__ import annotations

import importlib
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefing.errors import BriefingError
from briefing.models import Article, Sentence
from briefing.summarize import ALGORITHMS, SumyMethod, rank, summarize
from briefing.summarize.boilerplate import lead_prefix
from briefing.summarize.features import penalties_of
from briefing.text import split_sentences

# `briefing.summarize` is also the name of the function the package re-exports: reach the
# module's internals (boilerplate, lede_weight, the ranker) through importlib.
S = importlib.import_module("briefing.summarize")

TITLE = "Millbrook evacuated as River Dane floods"
STORY = (
    "Flood water forced 2,000 residents of Millbrook to leave their homes on Tuesday after "
    "the River Dane burst its banks. "
    "The Millbrook council said emergency shelters at three schools had taken in 450 people "
    "by nightfall. "
    "Forecasters expect another 40mm of rain on Wednesday, and the Environment Agency issued "
    "a severe flood warning for the town. "
    "Mayor Helen Price said the evacuation of Millbrook had been orderly and that no one had "
    "been hurt. "
    "Volunteers from neighbouring villages brought food, blankets and sandbags to the shelters. "
    "The river peaked at 4.2 metres on Tuesday evening, the highest level since records began "
    "in 1968. "
    "Insurers estimate the damage to homes and shops in Millbrook at 12 million pounds. "
    "Residents will not be allowed back until engineers have inspected the flood defences. "
    "Local shopkeeper Ravi Patel said his shop had been flooded for the third time in ten "
    "years. "
    "The council will meet on Friday to discuss new flood defences for the town."
)
ARTICLE = Article(STORY, title=TITLE)
N_STORY = len(split_sentences(STORY))
QUADRATIC = ("lexrank", "textrank", "lsa", "kl", "reduction", "sumbasic")


def word_count(sentences: tuple[Sentence, ...]) -> int:
    return sum(len(s.text.split()) for s in sentences)


def assert_verbatim(text: str, sentences: tuple[Sentence, ...]) -> None:
    spans = split_sentences(text)
    for s in sentences:
        assert s.text == text[s.start : s.end]
        # a summary line is its sentence, or the sentences of one quotation and its
        # attribution ("'A. B,' said X."): it starts where its sentence starts and ends
        # where one of the sentences from there ends
        assert spans[s.index].start == s.start
        assert s.end in {span.end for span in spans[s.index :]}


def long_text(n: int) -> str:
    """``n`` varied news-like sentences in paragraphs of five (deterministic)."""
    rng = random.Random(7)
    who = ["The minister", "Police", "The council", "Engineers", "Doctors", "The company"]
    did = ["announced", "rejected", "delayed", "approved", "questioned", "funded"]
    what = ["a new bridge", "the budget", "a rail link", "the inquiry", "a school", "the plan"]
    where = ["in Leeds", "in Cardiff", "near Bristol", "in Glasgow", "outside York", "in Hull"]
    sentences = [
        f"{rng.choice(who)} {rng.choice(did)} {rng.choice(what)} {rng.choice(where)} "
        f"on day {i} after {rng.randint(2, 900)} complaints."
        for i in range(n)
    ]
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, n, 5))


# --------------------------------------------------------------------------- budgets


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_sentence_budget_gives_that_many_sentences(count: int) -> None:
    assert len(summarize(ARTICLE, count)) == count


CHINESE = (
    "北京消息。中国国务院周三宣布了一项规模达一万亿元人民币的经济刺激计划，旨在提振国内消费和基础设施投资。"
    "国务院总理李强表示，这一计划将“有力支撑经济稳定增长”。\n\n"
    "根据计划，政府将在明年发行特别国债，重点支持高铁、城市更新和新能源项目。"
    "分析人士认为，该政策有望推动今年经济增长达到百分之五左右。\n\n"
    "上海和深圳股市周四应声上涨，上证综指上涨超过两个百分点。"
    "部分经济学家提醒，地方政府债务问题仍然需要认真对待。"
)


def test_a_chinese_article_gives_as_many_sentences_as_asked() -> None:
    # every sentence was one "word" (no spaces), so each was a fragment and only one was given
    summary = summarize(Article(CHINESE, title="中国发布新一轮经济刺激政策"), sentences=5)
    assert len(summary) == 5
    assert all(CHINESE[s.start : s.end] == s.text for s in summary)
    assert "北京消息。" not in [s.text for s in summary]  # a dateline of 4 characters waits
    # a word budget counts each Chinese character as a word
    short = summarize(CHINESE, words=100)
    han = sum(len(re.findall(r"[\u4e00-\u9fff]", s.text)) for s in short)
    assert len(short) > 1 and han <= 100


def test_word_budget_is_respected() -> None:
    summary = summarize(ARTICLE, sentences=None, words=45)
    assert len(summary) >= 1
    assert word_count(summary) <= 45


def test_both_budgets_apply_together() -> None:
    summary = summarize(ARTICLE, sentences=5, words=40)
    assert len(summary) <= 5
    assert word_count(summary) <= 40
    assert len(summarize(ARTICLE, sentences=1, words=500)) == 1


def test_a_word_budget_below_every_sentence_still_gives_one_sentence() -> None:
    assert len(summarize(ARTICLE, sentences=None, words=3)) == 1


def test_no_budget_means_three_sentences() -> None:
    assert len(summarize(ARTICLE, sentences=None)) == 3


@pytest.mark.parametrize("bad", [0, -2, 2.5, True])
def test_a_bad_budget_is_a_briefing_error(bad: object) -> None:
    with pytest.raises(BriefingError, match="sentences"):
        summarize(ARTICLE, sentences=bad)  # type: ignore[arg-type]
    with pytest.raises(BriefingError, match="words"):
        summarize(ARTICLE, sentences=None, words=bad)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- order, verbatim


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_every_algorithm_returns_verbatim_sentences_in_article_order(algorithm: str) -> None:
    summary = summarize(ARTICLE, 4, algorithm)
    assert len(summary) == 4
    indices = [s.index for s in summary]
    assert indices == sorted(set(indices))
    assert_verbatim(STORY, summary)
    assert all(isinstance(s.score, float) for s in summary)


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_rank_returns_every_sentence_once(algorithm: str) -> None:
    ranked = rank(ARTICLE, algorithm)
    assert sorted(s.index for s in ranked) == list(range(N_STORY))
    assert_verbatim(STORY, ranked)


def test_plain_text_works_like_an_untitled_article() -> None:
    assert summarize(STORY, 2) == summarize(Article(STORY), 2)


def test_lead_takes_the_first_sentences() -> None:
    assert [s.index for s in summarize(STORY, 3, "lead")] == [0, 1, 2]


def test_rank_prefix_is_the_summary() -> None:
    top = sorted(s.index for s in rank(ARTICLE)[:3])
    assert top == [s.index for s in summarize(ARTICLE, 3)]


# --------------------------------------------------------------------------- explanations

FEATURES = {
    "position",
    "centrality",
    "coverage",
    "title",
    "density",
    "length",
    "reader",
    "boilerplate",
    "redundancy",
}


def test_default_explains_each_chosen_sentence() -> None:
    for s in summarize(ARTICLE, 3):
        names = dict(s.features)
        assert set(names) == FEATURES
        assert s.score == sum(v for _, v in s.features)  # exactly, redundancy included
        assert s.to_dict()["features"]["position"] == pytest.approx(names["position"])


def test_features_add_up_to_the_score_when_redundancy_counts() -> None:
    lead = split_sentences(STORY)[0].text
    echo = lead.replace("after the River Dane", "as the River Dane")
    text = STORY.replace(lead, f"{lead} {echo}", 1)
    ranked = rank(Article(text, title=TITLE))
    penalised = [s for s in ranked if dict(s.features)["redundancy"] < 0]
    assert penalised  # the echo (and others sharing its words) pay for repeating the lead
    for s in ranked:
        assert s.score == sum(v for _, v in s.features)


def test_a_word_budget_sets_the_length() -> None:
    short = summarize(ARTICLE, words=40)
    long = summarize(ARTICLE, words=150)
    assert word_count(short) <= 40 < word_count(long) <= 150
    assert len(long) > len(short) and len(long) > 3
    # with both, the sentence count still caps
    assert len(summarize(ARTICLE, sentences=2, words=150)) == 2


def test_title_similarity_counts() -> None:
    titled = {s.index: dict(s.features)["title"] for s in rank(ARTICLE)}
    untitled = {s.index: dict(s.features)["title"] for s in rank(STORY)}
    assert max(titled.values()) > 0
    assert set(untitled.values()) == {0.0}


def test_small_budgets_favour_the_lede_and_large_ones_coverage() -> None:
    assert S.lede_weight(0.1) == 1.0
    assert S.lede_weight(0.6) == 0.0
    ratios = [i / 20 for i in range(21)]
    weights = [S.lede_weight(r) for r in ratios]
    assert weights == sorted(weights, reverse=True)
    first = summarize(ARTICLE, 1)[0]
    assert dict(first.features)["coverage"] == 0.0  # a 1-in-10 budget is all lede
    assert first.index == 0


def test_a_short_teaser_keeps_its_lead() -> None:
    # 2 of 3 sentences is a large budget, but coverage over two other sentences is noise:
    # the lead, which shares little vocabulary with the rest, is the news
    teaser = Article(
        "The Harbour Street food fair will open on 6 March with 45 stalls, organisers said. "
        "The fair runs each Saturday morning until the summer. "
        "Last summer the fair drew about 12,000 visitors to the street.",
        title="Food fair returns to Harbour Street",
    )
    assert [s.index for s in summarize(teaser, 2)] == [0, 1]


# --------------------------------------------------------------------------- boilerplate

JUNK = [
    "Click here to read more.",
    "By . Jane Doe .",
    "By John Smith and Mary Jones for the Daily Post",
    "Photo: Reuters",
    "Photo: Residents wade through the flooded high street in Millbrook (Getty Images)",
    "Follow us on Twitter for live updates on the Millbrook flood.",
    "(CNN)",
    "Millbrook Flood Latest",
]


@pytest.mark.parametrize("junk", JUNK)
def test_boilerplate_is_never_chosen_even_first(junk: str) -> None:
    text = f"{junk}\n\n{STORY}"
    junk_sentences = {s.text for s in split_sentences(junk)}
    for count in (1, 3, N_STORY - 1):
        chosen = {s.text for s in summarize(Article(text, title=TITLE), count)}
        assert not chosen & junk_sentences
    assert {s.text for s in rank(text)[-len(junk_sentences) :]} == junk_sentences


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("By . Daily Mail Reporter .", "byline"),
        ("By JOHN SMITH, Political Editor", "byline"),
        ("Click here to read more.", "furniture"),
        ("PUBLISHED: 12:45 EST, 3 April 2015 | UPDATED: 14:01 EST, 3 April 2015", "furniture"),
        ("Photo: A man walks past the damaged building in Kyiv.", "credit"),
        ("LONDON, England (CNN) --", "fragment"),
        ("Obama Signs New Climate Bill Into Law", "heading"),
        ("What would you do if your house flooded tonight?", "reader question"),
        ("Well, for one it is really easy to parse HTML or XML:", "lead-in"),
        (" ".join(["word"] * 81) + ".", "run-on"),
        ("Good evening and welcome to our live updates on the flooding.", "live blog"),
        ("Hello and welcome back to the Herald's rolling coverage of the count.", "live blog"),
        ("This live page is now closed, but our reporting on the storm continues.", "live blog"),
        ("We'll keep you updated through the afternoon as the talks go on.", "live blog"),
    ],
)
def test_boilerplate_reasons(text: str, reason: str) -> None:
    assert S.boilerplate(text)[1] == reason


@pytest.mark.parametrize(
    "text",
    [
        "By the time he arrived, the police had already sealed off the area.",
        "(CNN)The last time Frank Jordan spoke with his son, he was fishing off the coast.",
        "The channel has 2.8 million subscribers and often posts tutorial videos.",
        "A complaint for copyright violation was filed by groups including Tono.",
        "The mayor said visitors were welcome to the live music at the harbour festival.",
    ],
)
def test_content_is_not_boilerplate(text: str) -> None:
    assert S.boilerplate(text) == (0.0, "")


# The Daily Mail header of the public CNN/DM corpus, as the sentence splitter cuts it.
MAIL_HEADER = (
    "By . Jill Reilly . and Sam Webb . PUBLISHED: . 10:44 EST, 3 March 2014 . | . "
    "UPDATED: . 11:02 EST, 3 March 2014 . "
)


def test_a_daily_mail_header_is_never_in_the_summary() -> None:
    text = MAIL_HEADER + STORY
    header = {s.text for s in split_sentences(MAIL_HEADER)}
    assert {"10:44 EST, 3 March 2014 .", "Jill Reilly . and Sam Webb ."} <= header
    for count in (1, 3, 5):
        summary = summarize(text, count)
        assert len(summary) == count
        assert not {s.text for s in summary} & header
        assert_verbatim(text, summary)
    assert [s.text for s in summarize(text, 3)] == [s.text for s in summarize(STORY, 3)]


@pytest.mark.parametrize(
    ("text", "penalised"),
    [
        ("10:44 EST, 3 March 2014 .", True),
        ("4:52 PM GMT, April 3rd, 2015", True),
        ("At 10:44 on 3 March 2014 the first train left the new station in Leeds.", False),
        ("The vote is at 10.30 on Friday, 3 March 2014, the council said.", False),
    ],
)
def test_a_time_stamp_alone_is_a_dateline(text: str, penalised: bool) -> None:
    assert S.boilerplate(text)[1] == ("dateline" if penalised else "")


def test_a_byline_split_at_its_dots_is_judged_whole() -> None:
    text = "By . Associated Press Reporter . and Jane Doe . " + STORY
    spans = [s.text for s in split_sentences(text)]
    assert spans[:2] == ["By .", "Associated Press Reporter . and Jane Doe ."]
    assert S.boilerplate(spans[1]) == (0.0, "")  # alone it reads as a sentence
    assert spans[1] not in {s.text for s in summarize(text, 3)}
    # only names after a bare "By ." make a byline; a sentence after "passed by." does not
    names = "Anna Berg and Tom Ross ."
    assert penalties_of(["By .", names])[1] == (1.0, "byline")
    assert penalties_of(["The plan was passed by .", names])[1] == (0.0, "")
    assert penalties_of(["By .", "Police Chief Anna Berg said the road would reopen."])[1] == (
        0.0,
        "",
    )


def test_a_dateline_prefixed_lead_stays_verbatim() -> None:
    lead = "LONDON, England (CNN) -- " + split_sentences(STORY)[0].text
    text = STORY.replace(split_sentences(STORY)[0].text, lead, 1)
    for weights in (S.Weights(), S.Weights(clean_prefix=True, short_lead=10)):
        doc = S._document(text)
        chosen = S.run(S.NewsRanker(weights), doc, S.Budget(3, None))
        assert chosen[0].index == 0
        assert chosen[0].text == lead  # the prefix is not cut: summaries are verbatim
        assert_verbatim(text, chosen)
    assert lead_prefix(lead) == len("LONDON, England (CNN) -- ")
    assert lead_prefix("(CNN)The last time he spoke") == len("(CNN)")
    assert lead_prefix("Scroll down for video Police said") == len("Scroll down for video ")
    assert lead_prefix(split_sentences(STORY)[0].text) == 0


def test_only_boilerplate_still_gives_one_sentence() -> None:
    assert len(summarize("Click here to read more.", 3)) == 1


# --------------------------------------------------------------------------- redundancy (MMR)


def test_mmr_skips_a_near_duplicate() -> None:
    lead = split_sentences(STORY)[0].text
    duplicate = lead.replace("after the River Dane", "when the River Dane")
    text = STORY.replace(lead, f"{lead} {duplicate}", 1)
    doc = S._document(Article(text, title=TITLE))
    ranker = S.NewsRanker()
    ratings = ranker.rate(doc, S.Budget(2, None))
    by_score = sorted(ratings, key=lambda r: -r.score)
    assert {r.index for r in by_score[:2]} == {0, 1}  # on scores alone both would be chosen
    chosen = [s.index for s in summarize(Article(text, title=TITLE), 2)]
    assert 0 in chosen and 1 not in chosen
    redundancy = dict(rank(Article(text, title=TITLE))[-1].features).get("redundancy")
    w = S.Weights()
    assert redundancy is not None and redundancy <= -w.duplicate * (1 - w.mmr) / w.mmr


# --------------------------------------------------------------------------- errors, edge cases


def test_unknown_algorithm_lists_the_valid_names() -> None:
    with pytest.raises(BriefingError) as caught:
        summarize(ARTICLE, 3, "bogus")
    message = str(caught.value)
    assert "bogus" in message
    for name in ALGORITHMS:
        assert name in message
    with pytest.raises(BriefingError):
        rank(ARTICLE, "bogus")


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\t"])
@pytest.mark.parametrize("algorithm", ["default", "lexrank", "kl"])
def test_empty_text_gives_nothing(text: str, algorithm: str) -> None:
    assert summarize(text, 3, algorithm) == ()
    assert rank(Article(text), algorithm) == ()


def test_a_wrong_type_is_a_briefing_error() -> None:
    with pytest.raises(BriefingError, match="Article"):
        summarize(42)  # type: ignore[arg-type]


def test_registry_holds_every_method() -> None:
    assert set(ALGORITHMS) == {
        "default",
        "lead",
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "edmundson",
        "kl",
        "reduction",
        "sumbasic",
    }
    for name, cls in ALGORITHMS.items():
        assert issubclass(cls, S.Summarizer) and cls.name == name


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_every_method_summarises_a_language_with_no_stop_word_list(algorithm: str) -> None:
    # Welsh: a Snowball-less, stop-word-less language; sumy's Edmundson refused it (ValueError)
    text = (
        "Mae'r afon wedi codi dros nos yn y dref. Roedd y cyngor wedi agor tair canolfan. "
        "Dywedodd y maer fod y dŵr yn uchel iawn. Bydd y ffyrdd ar gau tan ddydd Llun."
    )
    summary = summarize(Article(text, title="Llifogydd yn y dref", language="cy"), 2, algorithm)
    assert len(summary) == 2
    assert_verbatim(text, summary)


@pytest.mark.parametrize("algorithm", [*QUADRATIC, "default"])
def test_a_2000_sentence_text_finishes(algorithm: str) -> None:
    text = long_text(2000)
    summary = summarize(text, 3, algorithm)
    assert len(summary) == 3
    assert_verbatim(text, summary)


@pytest.mark.parametrize("algorithm", ["lexrank", "lsa", "kl"])
def test_windowed_methods_still_rank_every_sentence(algorithm: str) -> None:
    text = long_text(300)
    ranked = rank(text, algorithm)
    method = ALGORITHMS[algorithm]
    assert issubclass(method, SumyMethod) and method.window is not None
    window = method.window
    assert sorted(s.index for s in ranked) == list(range(300))
    assert {s.index for s in ranked[:window]} == set(range(window))


# --------------------------------------------------------------------------- any text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(max_size=400),
        st.lists(
            st.sampled_from(
                ["The", "river", "rose", ".", "By", "you", "?", "Click here", "\n\n", "2,000",
                 "Mr", "Smith", "said", "—", "(CNN)", "“", "”", "!", "a", "flood"]
            ),
            max_size=80,
        ).map(" ".join),
    ),
    algorithm=st.sampled_from(sorted(ALGORITHMS)),
    count=st.one_of(st.none(), st.integers(1, 6)),
    words=st.one_of(st.none(), st.integers(1, 60)),
)  # fmt: skip
def test_any_text_gives_verbatim_sentences(
    text: str, algorithm: str, count: int | None, words: int | None
) -> None:
    summary = summarize(Article(text, title=text[:30] or None), count, algorithm, words=words)
    assert_verbatim(text, summary)
    indices = [s.index for s in summary]
    assert indices == sorted(set(indices))
    n = len(split_sentences(text))
    assert (len(summary) >= 1) == (n >= 1)
    limit = count if count is not None else (None if words is not None else 3)
    if limit is not None:
        assert len(summary) <= limit
    if words is not None and len(summary) > 1:
        assert word_count(summary) <= words


# --------------------------------------------------------------------------- the CLI's budget


def _cli_summary(tmp_path: object, *options: str) -> list[str]:
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from briefing.cli import cli

    source = Path(str(tmp_path)) / "story.txt"
    source.write_text(f"{TITLE}\n\n{STORY}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["make", str(source), "-o", "-", "--format", "json", *options])
    assert result.exit_code == 0, result.output
    return [s["text"] for s in json.loads(result.stdout)["summary"]]


def test_cli_words_sets_the_budget(tmp_path: object) -> None:
    short = _cli_summary(tmp_path, "--words", "40")
    long = _cli_summary(tmp_path, "--words", "150")
    assert sum(len(s.split()) for s in short) <= 40
    assert 40 < sum(len(s.split()) for s in long) <= 150
    assert len(long) > 3
    assert len(_cli_summary(tmp_path)) == 3  # no budget: three sentences
    assert len(_cli_summary(tmp_path, "--sentences", "2", "--words", "150")) == 2


# --------------------------------------------------------------------------- runaway input


@pytest.mark.parametrize("text", ["A.\n\n" * 100_000, "A. " * 100_000, "word " * 200_000])
def test_runaway_input_stays_fast(text: str) -> None:
    import time

    start = time.perf_counter()
    summary = summarize(text, language="en")
    summarize(text + " ", 3, "lead", language="en")
    elapsed = time.perf_counter() - start
    assert 1 <= len(summary) <= 3
    assert all(text[s.start : s.end] == s.text for s in summary)
    assert elapsed < 10.0  # linear: about 1 s here; syntok's own analyze took minutes


def test_many_paragraphs_split_in_linear_time() -> None:
    import time

    def seconds(n: int) -> float:
        text = "The river rose again.\n\n" * n
        start = time.perf_counter()
        assert len(split_sentences(text)) == n
        return time.perf_counter() - start

    small, large = seconds(2_000), seconds(20_000)
    assert large < 30 * small + 0.5  # 10x the paragraphs: ~10x the time, not ~100x


def test_a_long_text_is_summarised_from_its_head() -> None:
    text = long_text(6000)
    summary = summarize(text, 3)
    assert len(summary) == 3
    assert_verbatim(text, summary)
    ranked = rank(text)
    assert max(s.end for s in ranked) <= S.MAX_CHARS


# --------------------------------------------------------------------------- options off by default


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        ("On the rise: Adina Vincent is one of the many models signed by the agency.", True),
        ("Blasted : judge Nicholas Cooke blasted his junior colleague in court.", True),
        ("Mr Dean is confident though: he expects the service to grow.", False),
        ("He went on: the council will meet again on Friday.", False),
        ('Mayor Helen Price said: "The evacuation was orderly."', False),
        ("Flood water forced 2,000 residents of Millbrook to leave their homes.", False),
    ],
)
def test_caption_pattern(text: str, caption: bool) -> None:
    assert S.is_caption(text) is caption


@pytest.mark.parametrize(
    ("text", "broad", "precise"),
    [
        ("Judges are in discussions to sign up for the new series of the show.", True, False),
        ("He said he did not subscribe to the views of some of his colleagues.", True, False),
        ("The man was posting an advertisement complete with his requirements.", True, False),
        ("Sign up for our newsletter to get the latest flood news.", True, True),
        ("Readers can subscribe to our daily bulletin for free today.", True, True),
        ("Follow us on Twitter for live updates on the flood.", True, True),
    ],
)
def test_precise_furniture_keeps_news_that_uses_the_words(
    text: str, broad: bool, precise: bool
) -> None:
    assert (S.boilerplate(text, precise=False)[1] == "furniture") is broad
    assert (S.boilerplate(text)[1] == "furniture") is precise  # the default


def test_clean_prefix_judges_a_sentence_past_scroll_down_for_video() -> None:
    glued = "Scroll down for video Police said the man was arrested in Leeds on Monday night."
    text = f"{STORY} {glued}"
    doc = S._document(text)
    index = len(split_sentences(text)) - 1
    plain = S.NewsRanker().rate(doc, S.Budget(3, None))[index]
    clean = S.NewsRanker(S.Weights(clean_prefix=True)).rate(doc, S.Budget(3, None))[index]
    assert not plain.eligible and clean.eligible


def test_short_lead_option_skips_a_short_first_sentence() -> None:
    text = "It was a quiet night. " + STORY
    doc = S._document(text)
    plain = S.run(S.NewsRanker(), doc, S.Budget(3, None))
    tuned = S.run(S.NewsRanker(S.Weights(short_lead=10, short_weight=0.6)), doc, S.Budget(3, None))
    assert plain[0].index == 0
    assert 0 not in [s.index for s in tuned]
    assert dict(tuned[0].features)["short lead"] == 0.0
    assert_verbatim(text, tuned)


def test_options_show_in_the_explanation_only_when_switched_on() -> None:
    doc = S._document(ARTICLE)
    plain = S.NewsRanker().rate(doc, S.Budget(3, None))
    options = S.Weights(backward=-0.2, caption=0.3, short_lead=8, names=0.2, quote=0.2)
    tuned = S.NewsRanker(options).rate(doc, S.Budget(3, None))
    added = {"backward", "caption", "short lead", "names", "quote"}
    assert not added & set(dict(plain[1].features))
    assert added <= set(dict(tuned[1].features))
    assert max(dict(r.features)["names"] for r in tuned) > 0.0
    # the quote option docks a quotation, not reported speech ("Mayor ... said the ...")
    quoted = {r.index: dict(r.features)["quote"] for r in tuned}
    mayor = next(i for i, s in enumerate(split_sentences(STORY)) if "Mayor" in s.text)
    assert quoted[0] == 0.0 and quoted[mayor] == 0.0
    speech = f'{STORY} "We lost everything in an hour," said one resident of the town.'
    said = S.NewsRanker(options).rate(S._document(speech), S.Budget(1, None))
    assert dict(said[0].features)["quote"] == 0.0
    assert dict(said[-1].features)["quote"] < 0.0
    for r in tuned:
        assert r.score == sum(v for _, v in r.features)
    # a later sentence that repeats earlier ones loses score under the backward option
    assert dict(tuned[-1].features)["backward"] <= 0.0


def test_the_headline_repeated_in_the_text_is_no_summary_line() -> None:
    title = "Investors do not seem to know what to make of the long trade war between the two"
    body = (
        "Stock markets rose on Monday after officials in both capitals said talks would "
        "resume next week. Analysts said the gains were fragile and could reverse quickly. "
        "Bond yields fell for a third day as investors sought safety. Oil prices were "
        "little changed in quiet trading across Asia and Europe."
    )
    for text in (f"{title}\n\n{body}", f"{title} by Jane Doe Monday, November 18, 2019\n\n{body}"):
        summary = summarize(Article(text, title=title), sentences=3)
        assert len(summary) == 3
        assert not any(s.text.startswith("Investors do not seem") for s in summary)
    # without the title known, the same line is ordinary text and may lead
    assert summarize(Article(f"{title}\n\n{body}"), sentences=3)[0].text.startswith("Investors")


def test_a_sentence_leading_into_what_follows_waits_behind_content() -> None:
    text = (
        "The council approved the new budget on Monday after a long debate. "
        "Here is what the mayor said about the plan at the meeting:\n\n"
        "Spending on schools rises by 4 percent under the plan, officials said. "
        "Critics said the plan would raise taxes for families in the north."
    )
    chosen = [s.text for s in summarize(Article(text), sentences=2)]
    assert len(chosen) == 2 and not any(t.endswith(":") for t in chosen), chosen


# --- a quotation and its attribution are one summary unit --------------------------------

_QUOTE_STORY = (
    "Ferry crews on the northern islands will stop work for two days from Monday, "
    "their union said, after talks with the operator broke down.\n\n"
    '"Our crews have waited four years for a fair offer. Patience has run out," '
    "union organiser Dana Whitcombe said at the harbour.\n\n"
    "The operator said the stoppage would strand about 3,000 passengers a day.\n\n"
    "A regional judge wrote that the dispute belonged at the table. "
    '"A court cannot set the wages of ferry crews," Judge Amos Kerr wrote. '
    '"That is what bargaining is for."\n\n'
    "Island councils asked both sides to keep a lifeline service for hospital trips."
)


def test_a_quotation_of_two_sentences_is_never_cut_in_half() -> None:
    from briefing.summarize import rank

    texts = [s.text for s in rank(_QUOTE_STORY)]
    assert any(t.startswith('"Our crews') and t.endswith("at the harbour.") for t in texts)
    for text in texts:
        assert text.count('"') % 2 == 0, text


def test_a_bare_quotation_stays_with_its_speaker() -> None:
    from briefing.summarize import rank

    texts = [s.text for s in rank(_QUOTE_STORY)]
    assert '"That is what bargaining is for."' not in texts
    assert any(t.endswith('"That is what bargaining is for."') and "Kerr wrote" in t for t in texts)


def test_a_unit_keeps_the_index_of_its_first_sentence() -> None:
    from briefing.summarize import rank
    from briefing.text import split_sentences

    starts = [s.start for s in split_sentences(_QUOTE_STORY)]
    for s in rank(_QUOTE_STORY):
        assert starts[s.index] == s.start
        assert _QUOTE_STORY[s.start : s.end] == s.text


def test_a_chinese_quotation_joins_the_sentence_naming_its_speaker() -> None:
    from briefing.summarize import rank

    text = (
        "“以前去市中心要一个小时，现在二十分钟就够了。”住在东区的教师王海燕说。她每天坐新线上班。"
    )
    texts = [s.text for s in rank(text, language="zh")]
    assert "“以前去市中心要一个小时，现在二十分钟就够了。”住在东区的教师王海燕说。" in texts


def test_a_summary_line_never_ends_on_a_semicolon() -> None:
    from briefing.summarize import rank

    text = (
        "Rain fell on the valley for a week. The river rose two metres overnight; "
        "Farmers moved their sheep to the upper fields.\n\nThe road to the ford stays shut."
    )
    texts = [s.text for s in rank(text)]
    assert (
        "The river rose two metres overnight; Farmers moved their sheep to the upper fields."
        in texts
    )
    assert not any(t.endswith(";") for t in texts)


_SINGLE_MARKS_STORY = (
    "A village choir has been asked to sing at the county show in August.\n\n"
    "The choir's leader said in a statement: 'We can hardly believe it. Half of us "
    "only joined last winter, and now we're singing on the main stage.'\n\n"
    "'It is a big day for the whole valley,' said the show's organiser, Brenda Hale. "
    "'We're thrilled.'\n\n"
    "Rehearsals will move to the village hall from next week, the choir's secretary said."
)


def test_a_single_mark_quotation_is_kept_whole_where_the_article_quotes_in_single_marks() -> None:
    from briefing.summarize import rank

    texts = [s.text for s in rank(_SINGLE_MARKS_STORY)]
    assert any(t.startswith("The choir's leader") and t.endswith("main stage.'") for t in texts)
    assert any(t.startswith("'It is a big day") and t.endswith("'We're thrilled.'") for t in texts)
    assert "'We're thrilled.'" not in texts


def test_a_quotation_left_open_at_its_paragraph_end_joins_nothing() -> None:
    from briefing.summarize import rank
    from briefing.text import split_sentences

    text = (
        '"The first ferry leaves at six. The last one leaves at ten. '
        "Nobody will be left behind on the pier tonight.\n\n"
        '"We have checked every timetable," the harbour master said.'
    )
    assert len(rank(text)) == len(split_sentences(text))


_TRANSCRIPT = "\n\n".join(
    [
        "Transcript of a conversation aired on City Hour, March 3, 2026. "
        "It has been edited for length and clarity.",
        "MARA LINDQVIST: Commissioner, welcome to the program.",
        "TOM OKAFOR: Glad to be here, Mara.",
        "LINDQVIST: The ferry line lost four of its six boats to repairs this month. "
        "How long will riders wait?",
        "OKAFOR: Two boats return to service on Monday, and the third by April. "
        "We have hired a second shipyard to finish the work faster.",
        "LINDQVIST: Riders say fares rose twice last year. Will they rise again?",
        "OKAFOR: No. The council froze fares until 2027, and the state is paying for the "
        "repairs out of its harbour fund.",
        "LINDQVIST: Commissioner Tom Okafor, thank you.",
        "OKAFOR: Thank you, Mara.",
    ]
)


def test_a_transcript_keeps_its_header_and_the_interviewers_turns_out() -> None:
    chosen = {s.text for s in summarize(Article(_TRANSCRIPT, title="Ferries"), 4)}
    assert chosen
    furniture = ("LINDQVIST", "MARA", "TOM", "Transcript", "It has")
    assert not any(t.startswith(furniture) for t in chosen)
    assert "We have hired a second shipyard to finish the work faster." in chosen


def test_a_dateline_in_capitals_is_no_transcript_turn() -> None:
    texts = [
        "OSLO: The city council voted on Tuesday to close the old harbour bridge.",
        "Why now?",
        "The bridge was built in 1931 and needs repairs the city cannot pay for.",
    ]
    assert [p for p, _ in penalties_of(texts)] == [0.0, 1.0, 0.0]  # "Why now?": a fragment


_RELEASE = "\n\n".join(
    [
        "Larkspur Foods Buys Two Bakeries in Ohio",
        "DAYTON, Ohio, March 2, 2026 -- Larkspur Foods said today it has bought two family "
        "bakeries in Dayton and Columbus for $40 million in cash. The bakeries employ 310 "
        "people and will keep their names, the company said. Larkspur expects the deal to add "
        "about $55 million to its yearly sales.",
        "About Larkspur Foods\nFounded in 1988 and based in Cincinnati, Larkspur Foods makes "
        "breads and snacks sold in grocery stores across 14 states and employs more than 2,000 "
        "people. Learn more at its website.",
        "Forward-Looking Statements\nThis release contains forward-looking statements that "
        "involve risks and uncertainties, and actual results may differ materially from those "
        "the company expects today.",
    ]
)


def test_a_press_releases_closing_sections_are_not_summarised() -> None:
    chosen = {s.text for s in summarize(Article(_RELEASE, title="Larkspur"), 4, words=200)}
    assert chosen
    assert not any(t.startswith(("Founded in", "This release")) for t in chosen)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Here is what we know so far.", "lead-in"),
        ("Here's how the new fare system works.", "lead-in"),
        ("Here is how bad the flooding got in the words of one farmer who lost his barn.", ""),
        ("This interview has been edited and condensed.", "note"),
        ("The video had been edited before it was shown to the jury on Monday.", ""),
    ],
)
def test_sentences_about_the_text_itself(text: str, reason: str) -> None:
    assert S.boilerplate(text)[1] == reason


def test_a_standfirst_told_again_by_the_lede_gives_one_line_the_fuller() -> None:
    text = (
        "A 41-year-old Dunmore woman was charged with stealing a delivery van at knifepoint "
        "Sunday evening, police said.\n\n"
        "DUNMORE — A 41-year-old Dunmore woman was arrested Monday and charged with stealing "
        "a parcel company's delivery van at knifepoint, police said.\n\n"
        "The driver had stopped on Elm Street at about 6:15 p.m. when the woman showed a knife "
        "and demanded the keys. He was not hurt.\n\n"
        "Officers found the van abandoned near the rail yard an hour later, with most of its "
        "parcels still inside.\n\n"
        "She is due in court on Thursday."
    )
    lines = [s.text for s in summarize(Article(text, title="Woman held over van theft"), 3)]
    assert not any(line.startswith("A 41-year-old") for line in lines)
    assert any(line.startswith("DUNMORE") for line in lines)


def test_a_pictured_caption_and_a_pointer_to_another_page_are_never_summary_lines() -> None:
    text = (
        "Fog closed the ferry port at Harwich for most of Monday morning.\n\n"
        "Pictured: lorries queueing on the approach road to the port while the fog lifted\n\n"
        "Sailings resumed at noon, and the operator said no crossing had been cancelled.\n\n"
        "For the latest travel news, visit the port's website."
    )
    texts = [s.text for s in summarize(text, sentences=4)]
    assert texts and not [t for t in texts if t.startswith(("Pictured", "For the latest"))]
