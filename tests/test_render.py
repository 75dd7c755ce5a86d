"""Markdown, HTML and JSON rendering of a hand-built briefing, and template look-up."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, strategies as st

from briefing.errors import OutputError, TemplateError
from briefing.models import Article, Briefing, Fact, Facts, Sentence
from briefing.render import (
    markdown_escape,
    markdown_unescape,
    render_html,
    render_json,
    render_markdown,
    safe_url,
    write_atomic,
)

GOLDEN = Path(__file__).parent / "golden" / "render_fixture.md"

SENTENCES = (
    "The city council of Riverton voted 7-2 on Monday to approve a $48 million flood "
    "barrier along the Hollis River.",
    "Mayor Elena Park said construction would begin in March 2026.",
    '"We cannot keep asking families to rebuild every spring," Park said.',
    "Councillor David Osei argued that the cost would force cuts to parks.",
    "Floods in April 2024 damaged more than 1,200 homes in the Eastside district.",
)
TEXT = " ".join(SENTENCES)


def fact(text: str, value: str | None, index: int, score: float, **extra: Any) -> Fact:
    return Fact(text, value, SENTENCES[index], score, sentence_index=index, **extra)


def make_briefing(**article: object) -> Briefing:
    """A briefing built by hand, so these tests do not depend on the summarizer or facts."""
    fields: dict[str, object] = {
        "title": "Riverton approves flood barrier",
        "published": dt.date(2025, 11, 24),
        "url": "https://news.example.com/riverton?id=42",
        "source": "Riverton Gazette",
    }
    fields.update(article)
    art = Article(TEXT, **fields)  # type: ignore[arg-type]
    summary = (
        Sentence(SENTENCES[0], 0, 0.93, features=(("position", 1.0), ("centrality", 0.71))),
        Sentence(SENTENCES[1], 1, 0.81),
        Sentence(SENTENCES[4], 4, 0.64),
    )
    facts = Facts(
        who=(
            fact("Elena Park", "Elena Park", 1, 0.95, role="mayor"),
            fact("David Osei", "David Osei", 3, 0.82, role="councillor"),
            fact("city council of Riverton", "Riverton City Council", 0, 0.7),
        ),
        what=(fact("The city council of Riverton voted 7-2", None, 0, 0.9),),
        where=(fact("Riverton", "Riverton", 0, 0.9), fact("Hollis River", "Hollis River", 0, 0.7)),
        when=(fact("Monday", "2025-11-24", 0, 0.9), fact("March 2026", "2026-03", 1, 0.7)),
        numbers=(
            fact("$48 million", "48000000", 0, 0.9, label="MONEY"),
            fact("1,200 homes", "1200", 4, 0.7, label="households"),
        ),
        quotes=(
            fact(
                "We cannot keep asking families to rebuild every spring,",
                None,
                2,
                0.9,
                speaker="Elena Park",
            ),
        ),
    )
    return Briefing(art, str(fields["title"]), summary, facts)


HOSTILE = (
    'Look <img src="file:///etc/passwd"> and <link rel=stylesheet '
    'href="http://127.0.0.1:9/x.css"> {{ 7*7 }} <script>alert(1)</script> *bold* _it_ [x](y)'
)


def hostile_briefing() -> Briefing:
    art = Article(HOSTILE, title=HOSTILE, url="javascript:alert(1)", source=HOSTILE)
    sentence = Sentence(HOSTILE, 0, 1.0)
    facts = Facts(
        who=(Fact(HOSTILE, None, HOSTILE, 1.0, role=HOSTILE, sentence_index=0),),
        quotes=(Fact(HOSTILE, None, HOSTILE, 1.0, speaker=HOSTILE, sentence_index=0),),
    )
    return Briefing(art, HOSTILE, (sentence,), facts)


# ------------------------------------------------------------------------- Markdown


def test_markdown_shows_title_metadata_summary_and_facts() -> None:
    md = render_markdown(make_briefing())
    lines = md.splitlines()
    assert lines[0] == "# Riverton approves flood barrier"
    meta = lines[2]
    for part in (
        "Riverton Gazette",
        "2025-11-24",
        "<https://news.example.com/riverton?id=42>",
        "words",
        "1 min read",
    ):
        assert part in meta
    for s in (SENTENCES[0], SENTENCES[1], SENTENCES[4]):
        assert f"- {markdown_escape(s)}" in lines
    assert SENTENCES[3] not in md  # not in the summary, not evidence unless explained
    assert "- **Who:** Elena Park — mayor; David Osei — councillor; Riverton City Council" in md
    assert "- **When:** Monday (24 Nov 2025); March 2026\n" in md  # no words repeating the text
    assert "2025-11-24;" not in md and "MONEY" not in md.upper()  # no codes, no tagger labels
    assert "- **Numbers:** $48 million; 1,200 homes (households)" in md  # a reader's word only
    assert "> “We cannot keep asking families to rebuild every spring” — Elena Park" in md
    assert "score" not in md
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_a_chinese_article_counts_characters_and_reads_at_400_a_minute() -> None:
    text = "国务院宣布了一项经济刺激计划。" * 70  # 1,050 characters, 980 of them Han
    b = Briefing(Article(text), "经济刺激计划", (), Facts())
    meta = render_markdown(b).splitlines()[2]
    assert "980 words" in meta and "3 min read" in meta  # not "1 words · 1 min read"
    mixed = Briefing(Article("The Tokyo (東京) office opened today."), "Office", (), Facts())
    assert "7 words" in render_markdown(mixed).splitlines()[2]


def test_markdown_matches_golden_file(update_golden: bool) -> None:
    md = render_markdown(make_briefing())
    if update_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(md, encoding="utf-8")
    assert GOLDEN.exists(), "run pytest --update-golden once to create the golden file"
    assert md == GOLDEN.read_text(encoding="utf-8")


def test_markdown_is_deterministic() -> None:
    assert render_markdown(make_briefing()) == render_markdown(make_briefing())
    assert render_markdown(make_briefing(), explain=True) == render_markdown(
        make_briefing(), explain=True
    )


def test_markdown_explain_shows_scores_and_evidence() -> None:
    md = render_markdown(make_briefing(), explain=True)
    assert "score 0.93 · sentence 1 · position 1.00, centrality 0.71" in md
    assert "- David Osei — councillor · score 0.82 · sentence 4" in md
    assert f"  - evidence: {markdown_escape(SENTENCES[3])}" in md
    assert "evidence: " + markdown_escape(SENTENCES[2]) in md


def test_markdown_caps_facts_per_kind_and_says_how_many_more() -> None:
    b = make_briefing()
    many = tuple(fact(f"Person {i}", f"Person {i}", 0, 1.0 - i / 10) for i in range(9))
    b = Briefing(b.article, b.title, b.summary, Facts(who=many))
    md = render_markdown(b)
    assert "Person 5" in md and "Person 6" not in md
    assert "*(+3 more)*" in md


def test_a_when_fact_that_places_nothing_is_kept_in_json_not_shown() -> None:
    b = make_briefing()
    when = (
        fact("Monday", "2025-11-24", 0, 0.9),
        fact("now", None, 1, 0.0),  # TimeML's PRESENT_REF: returned, scored 0, not shown
        fact("for decades", None, 1, 0.3),  # no value but scored: shown
    )
    b = Briefing(b.article, b.title, b.summary, Facts(when=when))
    md = render_markdown(b)
    assert "Monday" in md and "for decades" in md
    assert "now" not in md.split("**When:**", 1)[1].split("\n", 1)[0]
    assert "+1 more" not in md
    assert [f["text"] for f in json.loads(render_json(b))["facts"]["when"]] == [
        "Monday",
        "now",
        "for decades",
    ]


def test_a_further_mention_of_a_date_is_kept_in_json_not_shown_again() -> None:
    b = make_briefing()
    when = (
        fact("Monday", "2025-11-24", 0, 0.9),
        fact("March 2026", "2026-03", 1, 0.7),
        fact("Monday", "2025-11-24", 3, 0.7, repeat=True),  # the same date, another sentence
    )
    b = Briefing(b.article, b.title, b.summary, Facts(when=when))
    line = render_markdown(b).split("**When:**", 1)[1].split("\n", 1)[0]
    assert line.count("Monday") == 1 and "March 2026" in line
    assert "more" not in line
    got = json.loads(render_json(b))["facts"]["when"]
    assert [(f["text"], f["sentence_index"], f["repeat"]) for f in got] == [
        ("Monday", 0, False),
        ("March 2026", 1, False),
        ("Monday", 3, True),
    ]


def test_markdown_escapes_article_text() -> None:
    md = render_markdown(hostile_briefing(), explain=True)
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "{{ 7\\*7 }}" in md and "49" not in md
    assert "\\*bold\\* \\_it\\_ \\[x\\](y)" in md
    assert "javascript:" not in md
    # No unescaped HTML tag start anywhere outside the autolink we add ourselves.
    assert re.search(r"(?<!\\)<(?!https?://)", md) is None


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# Not a heading", "\\# Not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("3.2 kilometres", "3.2 kilometres"),
        ("a <b> c", "a \\<b\\> c"),
        ("line\n# two", "line # two"),
        ("AT&T &amp; co", "AT&T \\&amp; co"),
        ("back\\slash `code` |pipe| ~del~", "back\\\\slash \\`code\\` \\|pipe\\| \\~del\\~"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert markdown_escape(text) == escaped


@given(st.text(max_size=80) | st.sampled_from(["1. first", "2) second", "# tag", "a\\b"]))
def test_markdown_unescape_undoes_the_escape(text: str) -> None:
    assert markdown_unescape(markdown_escape(text)) == " ".join(text.split())


def test_a_label_shows_only_what_the_fact_does_not_say() -> None:
    numbers = (
        Fact("two suspects", "2", SENTENCES[0], 0.9, label="suspects killed"),
        Fact("1,200 homes", "1200", SENTENCES[4], 0.8, label="homes"),
        Fact("$48 million", "48000000", SENTENCES[0], 0.7, label="flood barrier"),
    )
    b = make_briefing()
    md = render_markdown(Briefing(b.article, b.title, b.summary, Facts(numbers=numbers)))
    assert "two suspects (killed)" in md and "1,200 homes;" in md
    assert "$48 million (flood barrier)" in md


def test_safe_url_accepts_only_plain_http() -> None:
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://x.com/a b", "//x.com", None):
        assert safe_url(bad) is None


# ----------------------------------------------------------------------------- HTML


def test_html_autoescapes_article_text() -> None:
    html = render_html(hostile_briefing(), explain=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    assert "<img" not in html and "<link" not in html
    assert "{{ 7*7 }}" in html
    assert "javascript:" not in html  # the bad URL is dropped, not linked


def test_the_articles_own_words_carry_its_language_and_direction() -> None:
    arabic = render_html(make_briefing(language="ar"))
    # the page is the article's; its own English words say so, and its layout stays
    # left to right (English labels read backwards in a right-to-left block)
    assert '<html lang="ar">' in arabic
    assert '<th lang="en">Who</th>' in arabic and '<h2 lang="en">Summary</h2>' in arabic
    for tag in ("h1", "ul", "td", "blockquote"):
        assert re.search(rf'<{tag} lang="ar" dir="rtl"', arabic), tag
    english = render_html(make_briefing(language="en"))
    assert '<h1 lang="en" dir="ltr">' in english
    assert "<h1>" in render_html(make_briefing())  # unknown: nothing claimed
    hostile = render_html(make_briefing(language='x" onload="alert(1)'))
    assert 'onload="' not in hostile


def test_the_page_is_in_the_articles_language() -> None:
    for code in ("it", "pl", "zh", "ja"):
        html = render_html(make_briefing(language=code))
        assert f'<html lang="{code}">' in html, code
    english = render_html(make_briefing(language="en"))
    assert '<html lang="en">' in english and 'lang="en">Summary' not in english
    assert '<html lang="en">' in render_html(make_briefing())  # unknown: the labels' own


def test_a_page_says_what_is_not_read_in_its_language() -> None:
    note = "Italian: people, places, events and who is quoted are not read"
    italian = make_briefing(language="it")
    md, html = render_markdown(italian), render_html(italian)
    assert note in md and note in html
    assert "dates, numbers and quotations are." in md
    assert "· Italian*" in md  # the metadata line names the language
    for english in (make_briefing(language="en"), make_briefing()):
        assert "not read" not in render_markdown(english)
        assert "not read" not in render_html(english)


def test_html_links_only_a_plain_http_article_url() -> None:
    html = render_html(make_briefing())
    assert '<a href="https://news.example.com/riverton?id=42">' in html
    srcs = re.findall(r"""(?:src|href)\s*=\s*["']?([^"' >]+)""", html)
    assert srcs == ["https://news.example.com/riverton?id=42"]
    assert '<meta name="dcterms.created" content="2025-11-24">' in html


def test_html_explain_shows_evidence_lines() -> None:
    plain = render_html(make_briefing())
    explained = render_html(make_briefing(), explain=True)
    assert 'class="evidence"' not in plain
    assert explained.count('class="evidence"') == 11  # one per fact shown (10) + the quote
    assert "score 0.82 · sentence 4" in explained


# ------------------------------------------------------------------------ templates


def test_user_folder_overrides_markdown_by_name_and_falls_back_for_html(tmp_path: Path) -> None:
    (tmp_path / "default.md.j2").write_text("MINE {{ title|md }} {{ facts.who|length }}\n")
    b = make_briefing()
    assert render_markdown(b, tmp_path) == "MINE Riverton approves flood barrier 3\n"
    assert render_markdown(b, str(tmp_path)) == "MINE Riverton approves flood barrier 3\n"
    html = render_html(b, tmp_path)
    assert "<h1>Riverton approves flood barrier</h1>" in html  # the built-in HTML template


def test_user_folder_can_override_the_stylesheet(tmp_path: Path) -> None:
    (tmp_path / "briefing.css").write_text("h1 { color: rebeccapurple; }\n")
    html = render_html(make_briefing(), tmp_path)
    assert "rebeccapurple" in html
    assert "DejaVu Serif" not in html.split("</style>")[0]


def test_single_file_template_is_used_with_includes_from_its_folder(tmp_path: Path) -> None:
    (tmp_path / "_head.j2").write_text("HEAD ")
    mine = tmp_path / "mine.md.j2"
    mine.write_text('{% include "_head.j2" %}{{ summary|length }} sentences\n')
    b = make_briefing()
    assert render_markdown(b, mine) == "HEAD 3 sentences\n"
    assert "<h1>" in render_html(b, mine)  # no mine.html.j2: the built-in HTML template
    (tmp_path / "mine.html.j2").write_text("<p>{{ title }}</p>\n")
    assert render_html(b, mine) == "<p>Riverton approves flood barrier</p>\n"


@pytest.mark.parametrize(
    ("source", "told"),
    [
        ("{{ 'x' * 10000000000 }}", "a repetition would make more than"),
        ("{{ [1] * 10000000000 }}", "a repetition would make more than"),
        ("{{ 10 ** 100000000 }}", "a power would make more than"),
        ("{{ 'a'.ljust(10**10) }}", "a call would make more than"),
        ("{{ '{:>10000000000}'.format(1) }}", "a format would make more than"),
        ("{{ '%10000000000s' % 1 }}", "a format would make more than"),
        ("{{ '%10000000000s'|format(1) }}", "the filter format would make more than"),
        ("{{ 'a'|center(10**10) }}", "the filter center would make more than"),
        ("{{ [1]|batch(10**10, 0)|list }}", "the filter batch would make more than"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
         "the template writes more than"),
        ("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", "calls itself too deep"),
        ("{{ lipsum(1000000) }}", "'lipsum' is undefined"),
    ],
)  # fmt: skip
def test_a_template_cannot_fill_the_memory(tmp_path: Path, source: str, told: str) -> None:
    mine = tmp_path / "greedy.md.j2"
    mine.write_text(source + "\n")
    with pytest.raises(TemplateError, match=re.escape(told)) as caught:
        render_markdown(make_briefing(), mine)
    assert str(caught.value).endswith("; fix the template or pass --template default")


def test_a_template_may_still_repeat_pad_and_format_a_little(tmp_path: Path) -> None:
    mine = tmp_path / "rule.md.j2"
    mine.write_text("{{ '-' * 5 }}|{{ 'ab'|center(6) }}|{{ '{:>4}'.format(7) }}|{{ 2 ** 10 }}\n")
    assert render_markdown(make_briefing(), mine) == "-----|  ab  |   7|1024\n"


def test_single_html_file_template_is_autoescaped(tmp_path: Path) -> None:
    mine = tmp_path / "page.html.j2"
    mine.write_text("<p>{{ title }}</p>")
    assert render_html(hostile_briefing(), mine).startswith("<p>Look &lt;img")


def test_missing_template_names_it_and_the_folders_searched(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render_markdown(make_briefing(), "no-such-template")
    message = str(info.value)
    assert "no-such-template" in message and "no-such-template.md.j2" in message
    assert "templates" in message
    with pytest.raises(TemplateError, match="no such template file or folder"):
        render_markdown(make_briefing(), tmp_path / "absent" / "x.md.j2")


def test_template_with_unknown_extension_is_refused(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text("{{ title }}")
    with pytest.raises(TemplateError, match=r"NAME\.md\.j2"):
        render_markdown(make_briefing(), odd)


def test_undefined_variable_in_user_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "default.md.j2").write_text("# {{ title }}\n\n{{ b.titel }}\n")
    with pytest.raises(TemplateError) as info:
        render_markdown(make_briefing(), tmp_path)
    message = str(info.value)
    assert f"{tmp_path / 'default.md.j2'}:3" in message
    assert "titel" in message


def test_syntax_error_in_user_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "default.md.j2").write_text("ok\n{% for x in summary %}\nno end\n")
    with pytest.raises(TemplateError) as info:
        render_markdown(make_briefing(), tmp_path)
    assert str(tmp_path / "default.md.j2") in str(info.value)
    assert re.search(r"default\.md\.j2:\d+: ", str(info.value))


# ------------------------------------------------------------------------ JSON, write


def test_render_json_is_sorted_and_round_trips() -> None:
    b = make_briefing()
    text = render_json(b)
    assert text.endswith("}\n")
    assert json.loads(text) == json.loads(json.dumps(b.to_dict()))
    assert text.index('"article"') < text.index('"facts"') < text.index('"summary"')


def test_write_atomic_replaces_whole_files_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out" / "story.md"
    assert write_atomic(target, "first\n") == target
    write_atomic(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["story.md"]


def test_write_atomic_reports_unwritable_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(blocker / "story.md", "text")
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, "text")


# ------------------------------------------------------------ blocks and inheritance


def test_user_template_extends_the_builtin_and_overrides_one_block(tmp_path: Path) -> None:
    (tmp_path / "default.html.j2").write_text(
        '{% extends "!default.html.j2" %}\n'
        '{% block summary %}<section class="summary"><h2>In short</h2>'
        "{% for s in summary %}<p>{{ s.text }}</p>{% endfor %}</section>{% endblock %}\n",
        encoding="utf-8",
    )
    (tmp_path / "default.md.j2").write_text(
        '{% extends "!default.md.j2" %}{% block title %}# Custom: {{ title|md }}\n\n{% endblock %}',
        encoding="utf-8",
    )
    b = make_briefing()
    html = render_html(b, tmp_path)
    assert "<h2>In short</h2>" in html and "<h2>Summary</h2>" not in html
    assert "<h2>Key facts</h2>" in html and "<h2>Quotes</h2>" in html  # inherited
    assert "Elena Park" in html and "Hollis River" in html
    assert "&lt;" not in SENTENCES[0] and "<p>The city council of Riverton" in html
    md = render_markdown(b, tmp_path)
    assert md.startswith("# Custom: Riverton approves flood barrier\n")
    assert "## Key facts" in md and "## Summary" in md  # the rest inherited


def test_user_digest_template_overrides_one_story_block(tmp_path: Path) -> None:
    from briefing.render import render_digest_markdown
    from briefing.render.check import _sample_digest

    (tmp_path / "digest.md.j2").write_text(
        '{% extends "!digest.md.j2" %}{% block story %}* {{ s.title|md }}\n{% endblock %}',
        encoding="utf-8",
    )
    md = render_digest_markdown(_sample_digest(), tmp_path)
    assert "* Sample story" in md and "* Another story" in md
    assert "## 1. Sample story" not in md
    assert md.startswith("# Sample digest")  # the header block inherited


def test_html_briefing_is_autoescaped_in_a_user_html_j2_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.html.j2"
    path.write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    b = make_briefing(title="<script>alert(1)</script>")
    assert render_html(b, path) == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"


# ------------------------------------------------------------------------ sandbox


@pytest.mark.parametrize(
    "source",
    [
        "{{ cycler.__init__.__globals__.os.system('id') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ b.__class__.__init__.__globals__ }}",
        "{% for x in range.__self__ %}{% endfor %}",
    ],
)
def test_user_template_cannot_reach_python_internals(tmp_path: Path, source: str) -> None:
    path = tmp_path / "evil.md.j2"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_markdown(make_briefing(), path)
    message = str(caught.value)
    assert "\n" not in message and "evil.md.j2:1" in message
    assert "--template default" in message


def test_check_template_reports_a_broken_template_before_any_work(tmp_path: Path) -> None:
    from briefing.render import check_template

    check_template("default", ("md", "html", "pdf", "json"))
    check_template("default", ("md", "html"), digest=True)
    (tmp_path / "default.md.j2").write_text("{{ titel }}", encoding="utf-8")
    with pytest.raises(TemplateError, match="titel"):
        check_template(tmp_path, ("md",))
    check_template(tmp_path, ("html", "json"))  # the html falls back to the built-in
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "default.html.j2").write_text("{% block x %}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"default\.html\.j2:1"):
        check_template(broken, ("pdf",))
    (broken / "other.html.j2").write_text('{% extends "!nothing.html.j2" %}', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"nothing\.html\.j2"):
        check_template(broken / "other.html.j2", ("html",))
    with pytest.raises(TemplateError, match="no such template"):
        check_template(tmp_path / "missing.md.j2", ("md",))


# ----------------------------------------------------------------- package layout


def test_package_templates_dir_holds_the_builtins_and_fonts() -> None:
    from briefing.render import package_templates_dir

    folder = package_templates_dir()
    for name in ("default.md.j2", "default.html.j2", "digest.md.j2", "digest.html.j2"):
        assert (folder / name).is_file()
    assert (folder / "fonts" / "OFL.txt").is_file()
    assert len(list((folder / "fonts").glob("*.ttf"))) == 4


def test_python_m_briefing_without_its_packages_says_to_install_in_one_line(
    tmp_path: Path,
) -> None:
    """A Python that never installed briefing, in a checkout: one line, no traceback."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys, runpy; sys.modules['click'] = None; "  # as if click were not installed
        f"sys.path.insert(0, {str(root)!r}); sys.argv = ['briefing', '--help']; "
        "runpy.run_module('briefing', run_name='__main__')"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "needs the package 'click'" in run.stderr and "install briefing first" in run.stderr


def test_briefing_runs_from_the_repository_root_without_install(tmp_path: Path) -> None:
    """``python -m briefing`` from a checkout finds the templates beside the package."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys; from briefing.render import package_templates_dir, render_markdown;"
        "print(package_templates_dir()); print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(root)!r}); {code}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert Path(out[0]) == root / "templates"
    assert out[1] == "False"  # rendering Markdown never imports WeasyPrint


def test_reading_minutes_get_a_thousands_separator_like_the_word_count() -> None:
    from briefing.render import render_html, render_markdown

    b = Briefing(article=Article("word " * 300_000), title="Long", summary=())
    md = render_markdown(b)
    minutes = re.search(r"([\d,]+) min read", md)
    assert "300,000 words" in md and minutes is not None and "," in minutes.group(1)
    assert f"{minutes.group(1)} min read" in render_html(b)
