"""A "she said" goes to a woman, a "he said" to a man, where the article shows which;
"her daughter said" is the daughter, not the mother."""

from __future__ import annotations

from briefing import Article, extract_facts


def _quotes(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_facts(Article(text)).quotes}


def test_she_skips_a_man_the_article_calls_mr() -> None:
    text = (
        "Gordon Pike, 58, was fined on Monday for dumping waste in the canal. Mr. Pike "
        "had denied the charge.\n\n"
        "Judge Maria Lopez said the damage would take years to repair. "
        "Pike looked away as the fine was read. "
        '"The canal is not a rubbish tip," she said.'
    )
    assert _quotes(text)["The canal is not a rubbish tip"] == "Maria Lopez"


def test_she_skips_a_man_whose_own_his_shows_him() -> None:
    text = (
        "When Nadia Orr opened a noodle bar in 2012, she cooked every bowl herself.\n\n"
        "Tobias Wren, a former banker, later sold his flat and put the money into the "
        'business. Orr still cooks on Sundays, Wren said. "I miss the small room," she said.'
    )
    assert _quotes(text)["I miss the small room"] == "Nadia Orr"


def test_her_daughter_is_the_daughter_named_before() -> None:
    text = (
        "Edith Rowe, who ran the village post office for forty years, died on Sunday. "
        "She was 94.\n\n"
        "Her daughter, Clare Rowe-Bennett, said she had been ill since the summer.\n\n"
        '"She knew every family by the letters they got," her daughter said.'
    )
    assert _quotes(text)["She knew every family by the letters they got"] == "Clare Rowe-Bennett"


def test_her_daughter_unnamed_is_the_daughter_of_the_woman() -> None:
    text = (
        "Edith Rowe, who ran the village post office for forty years, died on Sunday. "
        "She was 94.\n\n"
        '"She knew every family by the letters they got," her daughter said.'
    )
    quotes = _quotes(text)
    assert quotes["She knew every family by the letters they got"] == "daughter of Edith Rowe"


def test_his_lawyer_is_not_the_man_himself() -> None:
    text = (
        "Victor Hale was charged on Friday with fraud. He denies it.\n\n"
        '"My client will fight every count," his lawyer said.'
    )
    assert _quotes(text)["My client will fight every count"] == "lawyer of Victor Hale"


def test_according_to_his_sister_named_in_apposition_is_the_sister() -> None:
    text = (
        "Paul Okafor grew up in Leeds and left school at sixteen. Everyone called him Pip. "
        "According to his sister, Grace Okafor, \u201cHe could fix any radio you gave him "
        "before he could read.\u201d He later trained as an engineer."
    )
    quotes = _quotes(text)
    assert quotes["He could fix any radio you gave him before he could read."] == "Grace Okafor"
