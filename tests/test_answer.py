"""Extractive answers: question types, values as spans of the report's sentences, sources,
verbatim quoting and abstention. Expected values are read from the report, not from the program.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.regions import load_gazetteer
from kb.answers.answer import ABSTENTION, answer, source_of
from kb.answers.decide import decide
from kb.answers.model import load_model
from kb.answers.question import question_type
from kb.answers.value_choice import pick_value
from kb.answers.values import find_values
from kb.cli import main
from kb.errors import EmptyQuestionError
from kb.evaluation.answers import same_value
from kb.evaluation.questions import load_questions
from kb.index import Filters, Index
from tests.support.ingest_fixtures import REPORT, ROOT

CROSS_OVER = (
    "Op grond van de aanvragen in het eerste aanvraagtijdvak zijn er momenteel acht cross-over "
    "kwalificaties goedgekeurd, waarvan er vier raken aan de techniek."
)
STRATEGIC_AGENDA = (
    "Vanaf 2018 wordt daarom voor een periode van vier jaar een totaalbedrag van € 32,1 miljoen "
    "beschikbaar gesteld vanuit de Strategische Agenda voor het versterken van de samenwerking "
    "in de regio tussen onderwijssectoren vo, mbo en hoger onderwijs."
)
PACT = (
    "FME en 4TU hebben op 6 februari een pact gesloten, waarbij o.a. afspraken zijn gemaakt dat "
    "het bedrijfsleven capaciteit gaat leveren in de vorm van docenten en onderwijsruimtes om zo "
    "de druk op de technische universiteiten te verlichten."
)
TECHGIRL = (
    "Om juist meer meisjes te interesseren en de weg naar bètatechnische profielen te laten "
    "vinden, is ‘Techgirl’ Ans Hekkenberg in 2016 als ambassadeur van het Techniekpact gestart en "
    "heeft ze de focus op (de omgeving van) meisjes in het vmbo en mbo."
)
N_PROFILE = "Op de havo is het aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%."
RIF = (
    "Via het investeringsfonds is in de periode 2014-medio 2017 door onderwijsinstellingen, "
    "bedrijfsleven, regionale overheden en de minister van OCW in totaal circa 272 miljoen euro "
    "geïnvesteerd in samenwerkingsverbanden die de brug slaan tussen onderwijs en arbeidsmarkt."
)
ROBOTS = (
    "Gedeputeerde Sander de Rouwe overhandigde op 18 mei 2017 de eerste van 415 robots die in "
    "2017 op alle Friese basisscholen worden uitgereikt."
)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("hoeveel cross-over kwalificaties raken techniek?", "count"),
        ("Hoe vaak trok André Kuipers door het land?", "count"),
        ("Welk percentage van de vwo'ers kiest een N-profiel?", "percent"),
        ("Welk aandeel kiest op mbo-niveau 1 voor bètatechniek?", "percent"),
        ("Hoeveel geld komt er vanaf 2018 beschikbaar voor samenwerking vo, mbo en ho?", "amount"),
        ("Welk bedrag trekt OCW in 2018 uit?", "amount"),
        ("Wanneer sloten FME en 4TU een pact?", "date"),
        ("Op welke datum stuurde OCW de brief?", "date"),
        ("Wie is de Techgirl-ambassadeur?", "person"),
        ("Waar is de pilot van Ontdek het Zelf gehouden?", "place"),
        ("Welke school in Zeeland combineert havo met techniek?", "which"),
        ("Waarom kiezen minder leerlingen voor techniek?", "other"),
    ],
)
def test_question_types(question: str, kind: str) -> None:
    assert question_type(question) == kind


def _value(sentence: str, question: str) -> str | None:
    kind = question_type(question)
    value = pick_value(sentence, find_values(sentence, kind, load_gazetteer()), question)
    if value is not None:
        assert sentence[value.start : value.end] == value.text
    return value.text if value else None


def test_count_picks_the_number_of_the_clause_the_question_is_about() -> None:
    # "acht" are approved, "vier" of them touch technology: the question asks the latter.
    assert _value(CROSS_OVER, "hoeveel cross-over kwalificaties raken techniek?") == "vier"
    assert _value(CROSS_OVER, "Hoeveel cross-over kwalificaties zijn goedgekeurd?") == "acht"


def test_amount_keeps_the_report_spacing() -> None:
    question = "Hoeveel geld komt er vanaf 2018 beschikbaar voor samenwerking vo, mbo en ho?"
    assert _value(STRATEGIC_AGENDA, question) == "€ 32,1 miljoen"
    assert _value(RIF, "Hoeveel is er via het Rif geïnvesteerd?") == "272 miljoen euro"


def test_percentage_of_the_group_asked_about() -> None:
    assert _value(N_PROFILE, "Welk percentage van de vwo-leerlingen kiest een N-profiel?") == "62%"
    assert _value(N_PROFILE, "Welk percentage van de havo-leerlingen kiest een N-profiel?") == "43%"


def test_date_prefers_a_day_and_month_over_a_year() -> None:
    assert _value(PACT, "Wanneer sloten FME en 4TU een pact?") == "6 februari"
    question = "Op welke dag deelde de gedeputeerde de eerste robot uit?"
    assert _value(ROBOTS, question) == "18 mei 2017"


def test_a_value_named_in_the_question_is_not_the_answer() -> None:
    # The school year is in the question; the answer is the count.
    sentence = "Ook in het schooljaar 2016-2017 gaf hij negen Collegetours."
    assert _value(sentence, "Hoeveel Collegetours gaf hij in 2016-2017?") == "negen"


def test_person_and_place() -> None:
    assert _value(TECHGIRL, "Wie is de Techgirl-ambassadeur?") == "Ans Hekkenberg"
    assert _value(ROBOTS, "Welke gedeputeerde deelde de eerste robot uit?") == "Sander de Rouwe"
    deventer = "De pilot van de training is uitgevoerd op de Borgloschool in Deventer."
    assert _value(deventer, "Waar is de pilot van de training uitgevoerd?") == "Deventer"


def test_number_words_and_counts_leave_out_years_and_percentages() -> None:
    values = [v.text for v in find_values(ROBOTS, "count")]
    assert values == ["415"]
    assert [v.text for v in find_values(N_PROFILE, "percent")] == ["43%", "62%"]


def test_same_value_ignores_the_space_after_the_euro_sign() -> None:
    assert same_value("€25 miljoen", "€ 25 miljoen")
    assert not same_value("€125 miljoen", "€ 25 miljoen")
    assert not same_value(None, "vier")


# The real model and the report indexed once per session (tests/search_fixtures.py).


@pytest.mark.slow
def test_cross_over_answer_quotes_goal_9(report_index: Index) -> None:
    result = answer(report_index, "hoeveel cross-over kwalificaties raken techniek?")
    assert not result.abstained
    assert "waarvan er vier raken aan de techniek" in result.text
    assert result.value == "vier"
    assert result.source is not None
    assert result.source.goal == 9 and result.source.section == "Wat is er bereikt?"
    hit = next(h for h in result.hits if h.chunk.id == result.hit_id)
    assert hit.chunk.text[result.start : result.end] == result.text
    source = REPORT.read_text(encoding="utf-8")[result.source.start : result.source.end]
    assert source.startswith("Op grond van de aanvragen") and source.endswith("techniek.")
    assert " ".join(source.split()) == result.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "quoted", "value", "goal"),
    [
        (
            "Hoeveel geld komt er vanaf 2018 beschikbaar voor samenwerking vo, mbo en ho?",
            "totaalbedrag van € 32,1 miljoen beschikbaar gesteld",
            "€ 32,1 miljoen",
            5,
        ),
        (
            "Wanneer sloten FME en 4TU een pact?",
            "op 6 februari een pact gesloten",
            "6 februari",
            10,
        ),
        ("Wie is de Techgirl-ambassadeur?", "‘Techgirl’ Ans Hekkenberg", "Ans Hekkenberg", 4),
        # Abstained from session 6 (the relative features) to session 31; answered again by
        # session 33's refit; abstains again with session 37's (the memory's near misses in
        # users' words ask the same of girls, of bbl'ers, of niveau 3: a limit, kept in sight).
        pytest.param(
            "Welk aandeel van de mbo-studenten kiest voor een bètatechnische richting?",
            "(BOL en BBL) ligt rond de 30%",
            "30%",
            9,
            marks=pytest.mark.xfail(
                strict=True,
                reason="session 37's refit abstains (probability 0.58, threshold 0.64)",
            ),
        ),
        # Abstained with the session-7 model (0.666, just below its threshold 0.671);
        # answered again since the ranker also sees the sentence's cosine alone (session 8).
        (
            "Hoeveel robots krijgen de basisscholen in Friesland?",
            "de eerste van 415 robots",
            "415",
            3,
        ),
    ],
)
def test_answers_by_question_type(
    report_index: Index, question: str, quoted: str, value: str, goal: int
) -> None:
    result = answer(report_index, question)
    assert quoted in result.text
    assert result.value == value
    assert result.source is not None and result.source.goal == goal


@pytest.mark.slow
def test_footnote_next_to_the_sentence_is_a_source(report_index: Index) -> None:
    chunk = next(c for c in report_index.chunks if "brief Sterk Beroepsonderwijs" in c.text)
    start = chunk.text.index("In de brief Sterk Beroepsonderwijs")
    end = chunk.text.index("praktischer maken van het vmbo.") + len(
        "praktischer maken van het vmbo."
    )
    source = source_of(chunk, start, end)
    assert [(f.number, f.text) for f in source.footnotes] == [
        (5, "Kamerstuk 31524-311, brief OCW, 20 februari 2017")
    ]
    # The sentence before it cites no footnote.
    assert source_of(chunk, 0, start - 1).footnotes == []
    result = answer(
        report_index, "In welke brief kondigt OCW maatregelen aan voor de aansluiting vmbo-mbo?"
    )
    assert "brief Sterk Beroepsonderwijs" in result.text
    assert result.source is not None
    assert [f.number for f in result.source.footnotes] == [5]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "quoted", "value", "number", "goal"),
    [
        (
            "Van welke datum is de brief over de Voortgangsrapportage lerarenagenda?",
            "Kamerstuk 27923-231, brief OCW, 29 november 2016",
            "29 november 2016",
            6,
            6,
        ),
        (
            "Welk Kamerstuk hoort bij de brief Sterk Beroepsonderwijs?",
            "Kamerstuk 31524-311, brief OCW, 20 februari 2017",
            "31524-311",
            5,
            5,
        ),
        (
            "Op welke website staat de subsidiekaart?",
            "Subsidiekaart: www.cko.online/content/data/CKO/subsidiekaart-mei-2016.pdf",
            "www.cko.online/content/data/CKO/subsidiekaart-mei-2016.pdf",
            14,
            11,
        ),
    ],
)
def test_a_footnote_is_quoted_when_the_question_asks_for_it(
    report_index: Index, question: str, quoted: str, value: str, number: int, goal: int
) -> None:
    result = answer(report_index, question)
    assert result.text == quoted
    assert result.value == value
    assert result.hit_id == f"techniekpact-2017/voetnoot/{number:02d}#1"
    source = result.source
    assert source is not None
    assert (source.goal, source.kind, source.section, source.title) == (
        goal,
        "voetnoot",
        "Voetnoten",
        f"Voetnoot {number}",
    )
    raw = REPORT.read_text(encoding="utf-8")
    assert raw[source.start : source.end] == quoted
    # Shown with the report's sentence that the footnote belongs to.
    citing = next(c for c in report_index.chunks if f"Voetnoot {number}:" in c.context)
    assert source.cited_in is not None and source.cited_in in citing.text


@pytest.mark.slow
def test_quotes_are_verbatim_over_the_dev_questions(report_index: Index) -> None:
    questions = load_questions(ROOT / "eval" / "dev.jsonl")
    answered = 0
    for question in questions:
        result = answer(report_index, question.question)
        if result.abstained:
            assert result.text == ABSTENTION and result.source is None and result.value is None
            continue
        if result.items:
            # A list answer: each item's text is its passage's own words (a goal: its title).
            chunks = {c.id: c for c in report_index.chunks}
            for item in result.items:
                chunk = chunks[item.hit_id]
                assert (
                    item.text == chunk.goal_title
                    if item.kind == "doel"
                    else item.text in chunk.text
                )
            continue
        answered += 1
        hit = next(h for h in result.hits if h.chunk.id == result.hit_id)
        assert result.start is not None and result.end is not None
        assert hit.chunk.text[result.start : result.end] == result.text
        if result.value is not None:
            assert result.value_start is not None and result.value_end is not None
            assert result.text[result.value_start : result.value_end] == result.value
        assert 0.0 <= result.confidence <= 1.0
    assert answered >= 100


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Wie won de Tour de France?",
        "Hoe bak ik een appeltaart?",
        "What is the capital of Canada?",
        "Hoeveel robots krijgen Groningse basisscholen?",
        # A number in a sentence about the award, but no word of it about prize money.
        "Hoeveel prijzengeld hoorde bij de ProMotor Award 2017?",
        # The passage names 2018 (results expected then); the sentence with the count does not.
        "Hoeveel vouchers voor scholing verstrekte UWV in 2018?",
    ],
)
def test_abstains_when_the_report_has_no_answer(report_index: Index, question: str) -> None:
    result = answer(report_index, question)
    assert result.abstained and result.text == "Het rapport bevat hierover geen informatie."
    assert result.source is None and result.hit_id is None
    assert result.hits  # the nearest passages, offered as possibly relevant


@pytest.mark.slow
def test_a_value_for_a_named_year_comes_from_a_sentence_naming_it(report_index: Index) -> None:
    result = answer(
        report_index,
        "Hoeveel scholingsvouchers heeft UWV tussen mei 2016 en februari 2017 toegekend?",
    )
    assert result.text == (
        "Van mei 2016 tot februari 2017 zijn door UWV ruim 17.000 scholingsvouchers toegekend."
    )
    assert result.value == "17.000"


@pytest.mark.slow
def test_the_year_asked_may_stand_in_the_sentence_before(report_index: Index) -> None:
    # Report lines 714-715: "De zestien Centres of expertise in Nederland krijgen ook in 2017
    # financiering vanuit de Rijksoverheid. Dat maakte minister Bussemaker van Onderwijs op
    # 16 november 2016 in Breda bekend ..." (the year gate read the second sentence alone
    # until session 53, and abstained).
    result = answer(
        report_index, "Op welke dag werd bekend dat de Centres of expertise in 2017 geld houden?"
    )
    assert not result.abstained and result.value == "16 november 2016"
    assert result.text.startswith("Dat maakte minister Bussemaker van Onderwijs")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "printed", "value"),
    [
        # The web address printed under the example (report line 126).
        (
            "Op welke website staat meer over Programmeren en Coderen op Limburgse scholen?",
            "www.limburg.nl",
            "www.limburg.nl",
        ),
        # An example's title in its printed capitals (line 547).
        (
            "Welk voorbeeld bij doel 6 gaat over een middag met IBM voor vo-docenten?",
            "ONDERWIJSREBELS MIDDAG MET IBM EN PROFESSIONAL REBEL",
            None,
        ),
        # A goal's heading: "DOEL 6" and its three lines (lines 484-487).
        (
            "Wat is doel 6 van het Techniekpact?",
            "DOEL 6 PROFESSIONALISERING VAN DOCENTEN EN MEER DOCENTEN MET EEN EDUCATIEVE MASTER "
            "IN HET VOORTGEZET ONDERWIJS",
            None,
        ),
        # The cover (lines 2-10), with its month as a date.
        (
            "In welke maand is de voortgangsrapportage van het Techniekpact uitgebracht?",
            "JUNI 2017 RAPPORTAGE NATIONAAL TECHNIEKPACT 2020 DE TUSSENSTAND IN 2017",
            "JUNI 2017",
        ),
    ],
)
def test_printed_headings_and_web_addresses_are_quotable(
    report_index: Index, question: str, printed: str, value: str | None
) -> None:
    model = load_model()
    assert model is not None
    decision = decide(report_index, model, question, None, 10, load_gazetteer())
    quotable = [c for c in decision.candidates if c.sentence.text == printed]
    assert quotable, "the printed line is a candidate sentence of a retrieved passage"
    if value is not None:
        assert value in {c.value.text for c in quotable if c.value}
    candidate = quotable[0]
    chunk = candidate.hit.chunk
    start = chunk.text.index(printed)
    source = source_of(chunk, start, start + len(printed))
    raw = REPORT.read_text(encoding="utf-8")[source.start : source.end]
    # Quoted as printed: the same words and capitals, line breaks aside.
    assert " ".join(raw.split()) == printed


@pytest.mark.slow
def test_filters_and_bad_questions(report_index: Index) -> None:
    result = answer(report_index, "Hoeveel robots krijgen de basisscholen?", Filters(goals=(2,)))
    assert all(h.chunk.goal == 2 for h in result.hits)
    with pytest.raises(EmptyQuestionError):
        answer(report_index, "   ")
    long = answer(report_index, "Wie is de Techgirl-ambassadeur? " + "x" * 2000)
    assert long.notice is not None and long.question.startswith("Wie is")


@pytest.mark.slow
def test_cli_prints_the_answer_and_its_json(
    report_index: Index, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    build_dir = str(report_index.settings.build_dir)
    assert main(["ask", "--build-dir", build_dir, "Wie is de Techgirl-ambassadeur?"]) == 0
    out = capsys.readouterr().out
    assert "Ans Hekkenberg" in out and "Doel 4 · Wat is er bereikt?" in out

    questions = tmp_path / "questions.txt"
    questions.write_text(
        "hoeveel cross-over kwalificaties raken techniek?\nWie won de Tour de France?\n",
        encoding="utf-8",
    )
    assert main(["ask", "--json", "--build-dir", build_dir, "--batch", str(questions)]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    quoted = first["answer"]
    assert quoted["value"] == "vier" and quoted["goal"] == 9 and not quoted["abstained"]
    hit = next(h for h in first["hits"] if h["id"] == quoted["hit_id"])
    assert hit["text"][quoted["start"] : quoted["end"]] == quoted["text"]
    assert {"section", "urls", "footnotes", "source_start", "source_end"} <= set(quoted)
    assert second["answer"]["abstained"] and second["hits"]
