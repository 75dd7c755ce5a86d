"""Quotes whose speaker a report describes instead of naming, pull quotes, inner quotes."""

from __future__ import annotations

from briefing import Article, extract_facts


def _quotes(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract_facts(Article(text)).quotes}


def test_age_names_the_person_given_that_age() -> None:
    text = (
        "Susan Miller, 61, and Paul Ortega, 38, run the bakery on Elm Street.\n\n"
        '"We have never seen a winter this quiet," the 61-year-old said.'
    )
    assert _quotes(text) == {"We have never seen a winter this quiet": "Susan Miller"}


def test_elder_of_a_family_is_the_older_one() -> None:
    text = (
        "Henry Blake, 80, founded the mill. His son, Tom Blake, 52, runs it now.\n\n"
        'The elder Blake said little. "The river will decide for us all," he said.'
    )
    assert _quotes(text) == {"The river will decide for us all": "Henry Blake"}


def test_demonym_is_the_subject_before_never_the_bare_word() -> None:
    text = (
        "Lukas Brenner finished third in the downhill on Saturday.\n\n"
        '"The snow was softer than we expected," the Austrian said.'
    )
    facts = extract_facts(Article(text))
    assert {q.text: q.speaker for q in facts.quotes} == {
        "The snow was softer than we expected": "Lukas Brenner"
    }
    assert "Austrian" not in {w.text for w in facts.who}


def test_a_description_the_article_gives_no_age_for_keeps_the_person_it_follows() -> None:
    # the article never says "Okafor, 68,": the description stands for the person the
    # paragraphs are about, not for no one (a pattern of real reports: "the 71-year-old
    # diplomat said" after paragraphs about him)
    text = (
        "Grace Okafor led the agency for a decade. When she took office in 2015, she made "
        "flood defences her first priority.\n\n"
        '"From the first day, the river was the work," the 68-year-old engineer said.'
    )
    assert _quotes(text) == {"From the first day, the river was the work": "Grace Okafor"}


def test_pull_quote_is_listed_once_with_its_speaker() -> None:
    text = (
        "Mayor Dana Holt opened the new bridge on Friday.\n\n"
        '"A city is only as strong as its crossings."\n\n'
        'The crowd cheered. "A city is only as strong as its crossings," Holt said.'
    )
    quotes = extract_facts(Article(text)).quotes
    assert [q.speaker for q in quotes] == ["Dana Holt"]


def test_a_quotation_ending_in_an_inner_quote_stays_verbatim() -> None:
    # the comma inside the closing single mark is the sentence's, but cutting it would
    # leave "'Keep your head up'", words the article never printed
    text = "Ann Cole won on Monday.\n\n\"My coach told me, 'Keep your head up,'\" Cole said."
    [quote] = list(_quotes(text))
    assert quote in text and quote.startswith("My coach told me")


def test_quote_standing_alone_keeps_the_speaker_before_not_the_next_source() -> None:
    text = (
        '"We lost good people today," Weller said. "Hold the families close tonight." '
        "Nine workers were taken to hospital, according to Mercy General Hospital.\n\n"
        'Councillor Dana Ruiz spoke first. "We will clear the road by Friday," she said. '
        '"Nobody will be left behind." Roads stayed shut, the highway agency said.'
    )
    assert _quotes(text) == {
        "We lost good people today": "Weller",
        "Hold the families close tonight.": "Weller",
        "We will clear the road by Friday": "Dana Ruiz",
        "Nobody will be left behind.": "Dana Ruiz",
    }


def test_the_company_is_the_company_the_article_named() -> None:
    text = (
        "A court fined Halvorsen for leaks from the company's Bluewave pumps.\n\n"
        '"We will appeal this ruling," the company said in a statement.'
    )
    assert _quotes(text) == {"We will appeal this ruling": "Halvorsen"}


def test_the_ministry_is_no_company_and_else_the_noun_speaks() -> None:
    text = (
        "Tarrow Mining Ltd shut its mine after the Ministry of Labour opened an inquiry.\n\n"
        '"Our inspectors were on site within hours," the ministry said.\n\n'
        '"We have found no fault in the shafts so far," the agency said.'
    )
    assert _quotes(text) == {
        "Our inspectors were on site within hours": "Ministry of Labour",
        "We have found no fault in the shafts so far": "the agency",
    }


def test_a_name_run_on_over_a_lower_case_word_is_cut_there() -> None:
    from spacy.tokens import Span

    from briefing.facts.entities import fixed_entities
    from briefing.nlp import get_nlp

    doc = get_nlp()(
        "Wells shared a stand with Archer after Kent captain Lee Marsh chose to bat, "
        "as Prince of Wales Cup holders Bank of Leeds watched."
    )
    words = [t.text for t in doc]
    archer, prince, bank = words.index("Archer"), words.index("Prince"), words.index("Bank")
    doc.ents = [
        Span(doc, archer, archer + 3, label="PERSON"),  # "Archer after Kent"
        Span(doc, prince, prince + 3, label="PERSON"),  # "Prince of Wales"
        Span(doc, bank, bank + 3, label="ORG"),  # "Bank of Leeds"
    ]
    fixed = [e.text for e in fixed_entities(doc)]
    assert fixed == ["Archer", "Prince of Wales", "Bank of Leeds"]


def test_a_hyphenated_surname_speaker_keeps_its_hyphen() -> None:
    text = (
        '"We don\'t talk about the run," Kuminga-Alexander said.\n\n'
        "Jon Kuminga-Alexander scored 41 points."
    )
    assert _quotes(text) == {"We don't talk about the run": "Jon Kuminga-Alexander"}


def test_a_surname_the_model_reads_as_a_noun_is_its_own_sentences_speaker() -> None:
    text = (
        "Councillor Helen Marsh and Paul Rowlands debated the budget. "
        '"We cannot afford a new bridge this year," Marsh said. '
        '"The bridge will pay for itself within a decade," Rowlands said.'
    )
    quotes = _quotes(text)
    assert quotes["The bridge will pay for itself within a decade"] == "Paul Rowlands"


def test_a_new_paragraph_naming_its_poster_is_not_the_previous_speaker() -> None:
    text = (
        "Dmitri Paredes and Ines Arbeloa both stood for mayor. "
        '"We will count every single vote," Arbeloa said.\n\n'
        'Paredes later posted on Instagram: "Thank you all. The hard part starts now."'
    )
    quotes = _quotes(text)
    assert quotes["Thank you all. The hard part starts now."] == "Dmitri Paredes"


def test_she_after_a_wife_named_in_apposition_is_the_wife() -> None:
    text = (
        "Angus Reid ran the ferry for thirty years. "
        '"Nobody crossed in a storm but me," he says.\n\n'
        'His sister, Mhairi, tells it another way. "He never once missed a crossing," she says.'
    )
    quotes = _quotes(text)
    assert quotes["He never once missed a crossing"] == "Mhairi"


def test_the_official_after_an_unnamed_official_borrows_no_name() -> None:
    text = (
        'Governor Paula Brandt spoke after the vote. "We did what we promised," Brandt said.\n\n'
        "A senior aide, who asked not to be named, said the talks had nearly failed. "
        '"Nobody in the room expected a deal," the aide said.'
    )
    quotes = _quotes(text)
    assert quotes["Nobody in the room expected a deal"] != "Paula Brandt"


def test_a_bare_surname_speaker_is_shown_by_the_full_name_written_before() -> None:
    text = (
        "Ilse Kramm, the harbour master, spoke on Friday. "
        '"The old pier will not survive another winter," Kramm said.'
    )
    quotes = _quotes(text)
    assert quotes["The old pier will not survive another winter"] == "Ilse Kramm"


def test_a_spokesperson_for_a_body_speaks_for_that_body() -> None:
    text = (
        "Smoke rose over the docks of Bremen on Monday. "
        '"Nobody was hurt and the roads are open again," a spokesperson for the Bremen '
        "port authority said."
    )
    assert _quotes(text) == {
        "Nobody was hurt and the roads are open again": "Bremen port authority"
    }


def test_the_statement_is_the_words_of_whoever_issued_it() -> None:
    text = (
        "Two workers were hurt at the plant in Lyon. "
        '"We are sorry for what happened at the plant," Odile Marchand said.\n\n'
        "In a statement, Valtrane Chemicals said it would pay for repairs. "
        '"We will cover every cost of the families involved," the statement said.'
    )
    quotes = _quotes(text)
    assert quotes["We will cover every cost of the families involved"] == "Valtrane Chemicals"


def test_one_quote_per_speaker_ranks_first_and_a_split_quote_from_its_first_half() -> None:
    text = (
        "The council closed the old library on Tuesday. Mayor Greta Lindqvist and "
        "librarian Omar Haddad both spoke.\n\n"
        '"This building served the town for ninety years," Lindqvist said. '
        '"But the roof cannot be saved by anyone now."\n\n'
        'She added: "We will open a new branch by the spring."\n\n'
        'Asked about the books, Haddad said: "Every volume will move to the school hall."\n\n'
        '"Our readers deserve better than a closed door," Ines Moreau told the local paper.'
    )
    quotes = sorted(extract_facts(Article(text)).quotes, key=lambda q: -q.score)
    assert len({q.speaker for q in quotes[:3]}) == 3
    first = next(q for q in quotes if q.speaker == "Greta Lindqvist")
    assert first.text.startswith("This building")


def test_a_split_quotation_is_shown_by_its_strongest_piece_not_its_lead_in() -> None:
    text = (
        "Harlow Mills raised its yearly outlook on Thursday after a strong autumn.\n\n"
        '"The outlook said it all," said Petra Voss, an analyst at Fenwick Research. '
        '"Buyers are signing longer contracts and the mills are running at full speed."\n\n'
        '"We have never shipped this much cloth in a single quarter," chief executive '
        "Aaron Blake said."
    )
    quotes = sorted(extract_facts(Article(text)).quotes, key=lambda q: -q.score)
    voss = [q.text for q in quotes if q.speaker == "Petra Voss"]
    assert voss[0].startswith("Buyers are signing longer contracts")
    assert {q.speaker for q in quotes[:2]} == {"Petra Voss", "Aaron Blake"}
