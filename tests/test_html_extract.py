"""Article bodies from HTML pages: related-story teasers and trailing furniture stay out.

Pages here are small ones written for the tests, shaped like the news pages of the
article-extraction benchmark (bench/eval_html.py measures the real ones).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

import briefing
from briefing.load.html import TIDY, Tidy, article_from_html

STORY = (
    "The city council approved the new harbour budget on Tuesday after a long debate "
    "about the cost of dredging the old channel and rebuilding the northern pier.",
    "Council members said the work would begin in the spring and take about two years, "
    "with most of the money coming from a regional transport fund and port fees.",
    "Local fishermen welcomed the decision, saying the silted channel had made it "
    "dangerous to come back to port at low tide during the winter storms.",
    "The mayor said the town would hold public meetings before the contracts are signed, "
    "so that residents can see the plans and ask questions about the timetable.",
)


def page(*paragraphs: str, after: str = "", lang: str = "en") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        "<title>Council approves harbour budget</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Council approves harbour budget</h1>"
        f"{body}</article>{after}<footer>Copyright Example Gazette</footer></body></html>"
    )


def test_read_more_and_related_teasers_inside_the_story_are_dropped() -> None:
    html = page(
        STORY[0],
        "Read more: Harbour master resigns after a row over the ferry timetable",
        STORY[1],
        "Related: Five things to know about the new pier",
        STORY[2],
        "DON'T MISS",
        STORY[3],
    )
    text = article_from_html(html, "harbour.html").text
    for paragraph in STORY:
        assert paragraph in text
    assert "Read more" not in text
    assert "Five things to know" not in text
    assert "DON'T MISS" not in text


def test_a_sentence_that_merely_starts_with_more_or_related_stays() -> None:
    kept = (
        "More than two hundred residents signed a letter asking for a public inquiry.",
        "Related costs, such as new lighting on the quay, will be paid by the port.",
    )
    text = article_from_html(page(STORY[0], *kept, STORY[1]), "harbour.html").text
    for paragraph in kept:
        assert paragraph in text


def test_newsletter_and_follow_lines_after_the_story_are_dropped() -> None:
    html = page(
        *STORY,
        "Follow our local news team on Twitter and Facebook.",
        "Get the day's top headlines delivered to your inbox. Subscribe to our newsletter.",
        "Comments",
    )
    text = article_from_html(html, "harbour.html").text
    assert text.endswith(STORY[3])
    assert "newsletter" not in text


def test_a_newsletter_mentioned_inside_the_story_stays() -> None:
    middle = "The port authority will send a monthly newsletter to residents about the works."
    html = page(STORY[0], STORY[1], middle, STORY[2], STORY[3])
    assert middle in article_from_html(html, "harbour.html").text


def test_a_long_comment_section_and_related_list_beside_the_story_stay_out() -> None:
    comments = "".join(
        f"<div class='comment'><p>Reader {i} says: I have lived by this harbour for "
        f"{i + 10} years and I think the council has wasted our money again.</p></div>"
        for i in range(12)
    )
    related = "".join(
        f"<li><a href='/story/{i}'>Another story about the town number {i}</a></li>"
        for i in range(10)
    )
    after = (
        f"<aside class='related'><h3>Related stories</h3><ul>{related}</ul></aside>"
        f"<section id='comments' class='comments'><h3>Comments</h3>{comments}</section>"
    )
    text = article_from_html(page(*STORY, after=after), "harbour.html").text
    for paragraph in STORY:
        assert paragraph in text
    assert "Reader 3 says" not in text
    assert "Another story about the town" not in text


def test_a_short_page_is_not_emptied() -> None:
    html = page("Read more: the council's statement on the harbour budget, published today")
    text = article_from_html(html, "short.html").text
    assert "council's statement" in text  # the only paragraph: kept, never an empty body


def test_a_page_of_only_a_call_to_action_keeps_it() -> None:
    html = page("Subscribe to our newsletter to get the harbour news every morning in your inbox.")
    assert "Subscribe" in article_from_html(html, "only.html").text


@pytest.mark.parametrize(
    ("html", "words"),
    [
        (
            "<html><body><nav><a href='/'>Home</a><a href='/a'>About</a></nav>"
            "<footer>(c) 2026</footer></body></html>",
            "'HomeAbout'",
        ),
        (
            "<html><head><title>Not found</title></head><body><h1>404</h1>"
            "<p>Page not found.</p></body></html>",
            "only 3 words",
        ),
    ],
)
def test_a_page_with_no_article_is_an_error_that_says_what_it_found(html: str, words: str) -> None:
    with pytest.raises(briefing.BriefingError, match="no article text found") as err:
        article_from_html(html, "menu.html")
    message = str(err.value)
    assert message.startswith("menu.html: ") and words in message
    assert "save the article as text" in message


def test_the_rules_can_be_turned_off() -> None:
    html = page(STORY[0], "Read more: Harbour master resigns", STORY[1], "Comments")
    assert TIDY.teaser_words > 0 and TIDY.tail_words > 0
    text = article_from_html(html, "off.html", tidy=Tidy()).text
    assert "Read more: Harbour master resigns" in text


def test_non_english_pages_still_extract(tmp_path: Path) -> None:
    portuguese = (
        "A prefeitura aprovou nesta terça-feira o orçamento do porto depois de um longo "
        "debate sobre o custo da dragagem do canal antigo e da reconstrução do píer.",
        "Os pescadores da cidade disseram que o canal assoreado tornava perigoso voltar "
        "ao porto na maré baixa durante as tempestades de inverno.",
    )
    russian = (
        "Городской совет во вторник утвердил бюджет на ремонт порта после долгого "
        "обсуждения стоимости углубления старого канала и восстановления северного пирса.",
        "Рыбаки приветствовали это решение, заявив, что заиленный канал делал "
        "возвращение в порт во время зимних штормов опасным.",
    )
    korean = (
        "시의회는 화요일 오래된 수로의 준설 비용과 북쪽 부두 재건에 대한 긴 토론 끝에 "
        "새로운 항구 예산을 승인했다고 밝혔다.",
        "지역 어부들은 겨울 폭풍 동안 썰물 때 항구로 돌아오는 것이 위험했다며 이 결정을 환영했다.",
    )
    for lang, paragraphs in (("pt-BR", portuguese), ("ru", russian), ("ko", korean)):
        path = tmp_path / f"{lang}.html.gz"
        path.write_bytes(gzip.compress(page(*paragraphs, lang=lang).encode("utf-8")))
        text = briefing.load(str(path)).text
        for paragraph in paragraphs:
            assert paragraph in text, lang


def test_a_link_wrapped_in_a_span_stays_inside_its_sentence() -> None:
    sentence = (
        'The harbour master has said that <span class="link"><a href="/story/7">the '
        "council will repay the fishermen</a></span> for the lost season."
    )
    html = page(STORY[0], sentence, STORY[1], STORY[2])
    text = article_from_html(html, "span.html").text
    assert "has said that the council will repay the fishermen for the lost season." in text
    # (without the repair, trafilatura's precision filter drops the span, link text and all)


def _titled(head: str, h1: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"<article><h1>{h1}</h1>{body}</article></body></html>"
    )


def test_a_headline_with_a_dot_is_not_taken_for_the_site_name() -> None:
    # trafilatura takes a <title> part with a dot for the site ("example.com"): "£4.5bn"
    html = _titled(
        "<title>Council sets £4.5bn harbour budget | The Harbour Gazette</title>",
        "Council sets £4.5bn harbour budget",
    )
    article = article_from_html(html, "page.html")
    assert article.title == "Council sets £4.5bn harbour budget"
    assert article.source == "The Harbour Gazette"


@pytest.mark.parametrize(
    "og_title",
    [
        "Council approves harbour budget | Harbour Gazette",
        "Council approves harbour budget - Harbour Gazette",
        "Harbour Gazette: Council approves harbour budget",
    ],
)
def test_the_site_name_joined_to_the_headline_is_not_part_of_the_title(og_title: str) -> None:
    html = _titled(
        f"<meta property='og:title' content='{og_title}'>"
        "<meta property='og:site_name' content='Harbour Gazette'>",
        "Council approves harbour budget",
    )
    article = article_from_html(html, "page.html")
    assert (article.title, article.source) == ("Council approves harbour budget", "Harbour Gazette")


def test_a_title_that_is_only_the_site_name_keeps_it() -> None:
    html = _titled(
        "<meta property='og:title' content='Gazette | Harbour'>"
        "<meta property='og:site_name' content='Harbour'>",
        "Gazette | Harbour",
    )
    assert article_from_html(html, "page.html").title == "Gazette | Harbour"


def test_a_page_naming_no_site_takes_it_from_beside_the_headline_in_its_title() -> None:
    html = _titled(
        "<title>Council approves harbour budget | Harbour Gazette</title>",
        "Council approves harbour budget",
    )
    assert article_from_html(html, "page.html").source == "Harbour Gazette"
