"""Claim checking (issue 14): values compared with approximations, verdicts with the report's
value, drafts checked sentence by sentence, and list questions answered from the structure.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.answers.answer import answer
from kb.claims.abbreviations import abbreviated
from kb.claims.claim import (
    clauses,
    direction_of,
    direction_words,
    is_claim,
    negation_words,
    parse_claim,
)
from kb.claims.contrast import contrasts, hedged, labelled, ministries
from kb.claims.draft import check_draft
from kb.claims.evidence import supports
from kb.claims.quantities import consistent, quantities
from kb.claims.subject import other_unit, swapped
from kb.claims.verdict import Finding, Quote, check, combined, verdict_of
from kb.cli import main
from kb.index import Index
from kb.verdicts import draft_markdown as markdown


def _one(text: str) -> object:
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("claimed", "stated", "fits"),
    [
        ("meer dan 500 talenten", "meer dan 150 talenten", False),  # ScienceMakers
        ("meer dan 100 talenten", "meer dan 150 talenten", True),
        ("40 trainees", "38 onderwijstrainees", False),  # OnderwijsTraineeship
        ("zo'n 12.000 leerbanen", "ruim 12.000 leerbanen", True),
        ("12.000 leerbanen", "ruim 12.000 leerbanen", True),
        ("bijna 20.000 gediplomeerden", "19.635 gediplomeerden", True),
        ("vier kwalificaties", "4 kwalificaties", True),
        ("€ 2 miljoen", "2 miljoen euro", True),
        ("272 duizend euro", "circa 272 miljoen euro", False),
        ("40 procent", "40%", True),
        ("in mei 2017", "in juni 2017", False),
        ("op 6 februari", "op 6 februari 2017", True),
        # Goal 5: "ruimte voor nog maximaal zeven nieuwe Toptechniek in Bedrijf-netwerken".
        ("maximaal tien netwerken", "maximaal zeven netwerken", False),
        ("maximaal tien netwerken", "zeven netwerken", True),
        ("zeven netwerken", "maximaal zeven netwerken", True),
        # Goal 3: "een stage van minimaal 640 uur".
        ("vierhonderd uur", "640 uur", False),
        # Goal 10: "het Rijk 25 miljoen euro vrijmaakt".
        ("vijfentwintig miljoen euro", "25 miljoen euro", True),
        # Goal 9: the mbo share "ligt rond de 30%".
        ("ongeveer dertig procent", "rond de 30%", True),
    ],
)
def test_values_compare_with_the_reports_approximations(
    claimed: str, stated: str, fits: bool
) -> None:
    claim, report = quantities(claimed)[0], quantities(stated)[0]
    assert consistent(claim, report) is fits


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("Zevenentachtig doorlopende leerroutes", "count", 87.0),
        ("honderdduizend leerlingen", "count", 100000.0),
        ("tweeëntwintig scholen", "count", 22.0),
        ("vijftienhonderd deelnemers", "count", 1500.0),
        ("dertig procent van de studenten", "percent", 30.0),
        ("vijfentwintig miljoen euro", "amount", 25e6),
    ],
)
def test_numbers_in_compound_words_are_values(text: str, kind: str, number: float) -> None:
    found = _one(text)
    assert (found.kind, found.number) == (kind, number)  # type: ignore[attr-defined]


@pytest.mark.parametrize("word", ["kenmerken", "tiendaagse", "tienduizenden", "eerstejaars"])
def test_words_that_merely_hold_a_number_are_no_values(word: str) -> None:
    assert quantities(f"de {word} van de school") == []


def test_what_a_count_counts_decides_whether_it_is_the_same_thing() -> None:
    # Goal 5: "21 regionale Toptechniek in Bedrijf-netwerken zijn actief"; goal 2: "in de
    # afgelopen twee jaar zijn 1354 leerkrachten geprofessionaliseerd".
    claim, sentence = "er werken 200 technici als docent", "21 regionale netwerken zijn actief"
    assert other_unit(claim, _one(claim), sentence, _one(sentence))  # type: ignore[arg-type]
    claim, sentence = "1.854 leerkrachten geprofessionaliseerd", "1354 leerkrachten werden"
    assert not other_unit(claim, _one(claim), sentence, _one(sentence))  # type: ignore[arg-type]


def test_niet_before_a_hyphen_is_part_of_a_word_not_a_negation() -> None:
    # Goal 12: "keuzedelen voor volwassenen in het niet-bekostigd onderwijs".
    assert not parse_claim("keuzedelen in het niet-bekostigd onderwijs").negated
    assert parse_claim("keuzedelen zijn niet vastgesteld").negated


def test_an_ordinal_names_which_one_and_states_no_number() -> None:
    assert [q.text for q in quantities("de tweede ScienceMakers gaf meer dan 150 talenten")] == [
        "150"
    ]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Goal 4: "Ook binnen de kaderberoepsgerichte leerweg (vmbo-kb) nam in 2016-2017 het
        # absolute aantal leerlingen ... af naar 6.513"; a claim that it rose says "steeg".
        ("nam in 2016-2017 het absolute aantal leerlingen dat kiest af naar 6.513", "down"),
        ("In vmbo-kb steeg het aantal leerlingen", "up"),
        ("het aandeel met een N-profiel is stabiel gebleven", "flat"),
        ("aan meer dan 500 talenten", None),
    ],
)
def test_directions_as_the_report_and_claims_write_them(text: str, direction: str | None) -> None:
    assert direction_of(text) == direction


def test_a_number_glued_to_letters_is_a_name_not_a_count() -> None:
    # "FME en 4TU hebben op 6 februari een pact gesloten" (goal 10): 4TU is not four of anything.
    assert [q.text for q in quantities("FME en 4TU hebben op 6 februari een pact gesloten")] == [
        "6 februari"
    ]


def test_another_name_with_none_of_its_values_is_not_in_the_report() -> None:
    swapped = [
        Finding("date", "supported", "6 februari", "6 februari", None),
        Finding("name", "contradicted", "VNO-NCW", "FME", None),
    ]
    assert verdict_of(swapped) == "klopt_niet"
    other_subject = [
        Finding("amount", "contradicted", "25.000 euro", "2 miljoen euro", None),
        Finding("name", "contradicted", "Borgloschool", "Alfa-college", None),
    ]
    assert verdict_of(other_subject) == "niet_in_rapport"
    part = [
        Finding("count", "supported", "acht", "acht", None),
        Finding("count", "contradicted", "3.000", "2.000", None),
    ]
    assert verdict_of(part) == "deels"


def test_a_claim_question_is_recognised_and_unwrapped() -> None:
    assert is_claim("Klopt het dat er 38 trainees zijn gestart?")
    assert is_claim("Is het waar dat VHTO op acht pabo's trainingen gaf?")
    assert not is_claim("Hoeveel trainees zijn er gestart?")
    claim = parse_claim("Klopt het dat er 40 trainees zijn gestart, zoals de minister zei?")
    assert claim.statement == "er 40 trainees zijn gestart"
    assert [q.text for q in claim.quantities] == ["40"]
    assert claim.masked() == "er trainees zijn gestart"
    assert parse_claim("Het aantal is gedaald.").direction == "down"
    # "meer dan 500" is an approximation of a number, not a claim that something grew.
    assert parse_claim("aan meer dan 500 talenten").direction is None


@pytest.mark.parametrize(
    ("statement", "parts"),
    [
        # Two claims: a part that holds and a part with another date (goal 2).
        (
            "VHTO gaf in 2016 op acht pabo's trainingen en dat de procesevaluatie over W&T op "
            "de pabo in juli 2015 verscheen",
            2,
        ),
        ("het aandeel leerlingen in bètatechniek neemt af, terwijl het tekort kleiner wordt", 2),
        (
            "in vmbo-bb koos 24 procent een bètatechnische richting, "
            "en in vmbo-kb was dat 21 procent",
            2,
        ),
        # One claim: a range, two names, the end of a list, "tot en met".
        ("UWV heeft tussen mei 2016 en februari 2017 ruim 17.000 vouchers toegekend", 1),
        ("FME en 4TU hebben op 6 februari een pact gesloten", 1),
        ("de gesprekken met informatica, elektrotechniek en werktuigbouwkunde in Delft", 1),
        ("het Rif wordt verlengd tot en met 2018 met nogmaals 25 miljoen euro", 1),
        ("Ans Hekkenberg richt zich op meisjes in havo en vwo", 1),
    ],
)
def test_a_compound_claim_is_split_into_its_checkable_parts(statement: str, parts: int) -> None:
    assert len(clauses(statement)) == parts


def test_a_compound_verdict_combines_its_parts() -> None:
    assert combined(["klopt", "klopt"]) == "klopt"
    assert combined(["klopt", "klopt_niet"]) == "deels"
    assert combined(["klopt_niet", "klopt_niet"]) == "klopt_niet"


def test_the_reports_own_words_for_a_direction_and_a_negation() -> None:
    # Preface and goal 12, as the report writes them.
    assert direction_words("de recente signalen over het oplopende tekort aan vakmensen") == (
        "oplopende"
    )
    sentence = (
        "Na vier jaar Techniekpact worden de resultaten steeds meer zichtbaar; De houding ten "
        "aanzien van techniek en technologie is wezenlijk en in positieve zin aan het veranderen."
    )
    claim = "De houding tegenover techniek en technologie verandert in negatieve zin."
    assert direction_words(sentence, claim) == "positieve"
    assert direction_of("onder meer via de W&T netwerken") is None
    assert negation_words("Vijftigplussers worden niet vaker werkloos") == "niet vaker"


def test_an_ordinal_tranche_is_no_share() -> None:
    # Goal 12: "De 26 nieuwere sectorplannen uit de derde tranche": a count, no "een derde".
    found = quantities("De 26 nieuwere sectorplannen uit de derde tranche")
    assert [(q.kind, q.number) for q in found] == [("count", 26.0)]
    assert [q.number for q in quantities("een derde van de scholen")] == [
        pytest.approx(33.33, 0.01)
    ]


def test_another_acronym_or_school_type_is_another_subject() -> None:
    # Goal 10: "FME en 4TU hebben op 6 februari een pact gesloten"; goal 4: Ans Hekkenberg's
    # focus is "meisjes in het vmbo en mbo".
    report = "FME en 4TU hebben op 6 februari een pact gesloten"
    assert swapped("VNO-NCW en de 4TU sloten op 6 februari een pact", report) == ("VNO-NCW", "FME")
    assert swapped("FME en 4TU sloten op 6 februari een pact", report) is None
    assert swapped("zij richt zich op meisjes in havo en vwo", "meisjes in het vmbo en mbo") == (
        "havo, vwo",
        "mbo, vmbo",
    )
    assert swapped("het aandeel vmbo-leerlingen", "binnen de leerweg (vmbo-kb)") is None
    assert swapped("de motie over LOB", "Tweede Kamer, 34 550 VIII, nr. 21") is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "verdict", "report_value"),
    [
        # Goal 2: the trainings hold, the process evaluation appeared in July 2016.
        (
            "Klopt het dat VHTO in 2016 op acht pabo's trainingen gaf en dat de procesevaluatie "
            "over W&T op de pabo in juli 2015 verscheen?",
            "deels",
            "juli 2016",
        ),
        # Goal 2: the KWTO works "in Oost-Nederland".
        (
            "Klopt het dat het KWTO wetenschap en technologie stimuleert op basisscholen in "
            "Noord-Nederland?",
            "klopt_niet",
            "Oost-Nederland",
        ),
        # Preface: "een toename van studenten bij technische universiteiten".
        (
            "Klopt het dat het aantal studenten bij de technische universiteiten afneemt?",
            "klopt_niet",
            "toename",
        ),
        # Goal 12: "meer dan 300 duizend deelnemers", not the 76 plans of the same sentence.
        (
            "Is het waar dat de sectorplannen bij elkaar meer dan drie miljoen deelnemers hebben "
            "bereikt?",
            "klopt_niet",
            "300 duizend",
        ),
        # Goal 10: the pact of 6 February is FME's.
        (
            "Klopt het dat VNO-NCW en de 4TU op 6 februari een pact hebben gesloten?",
            "klopt_niet",
            "FME",
        ),
        # Goal 12: "Vijftigplussers worden niet vaker werkloos".
        (
            "Vijftigplussers raken vaker werkloos dan jongere werknemers, zo staat in het rapport.",
            "klopt_niet",
            "niet vaker",
        ),
        # Goal 4: the havo's share is 43% now; 55 procent is the ambition for 2020.
        (
            "Op de havo kiest inmiddels 55 procent van de leerlingen een N-profiel.",
            "klopt_niet",
            "43%",
        ),
        # Goal 8: "nogmaals €25 miljoen ... (in totaal €125 miljoen)": the total is €125 miljoen.
        (
            "Klopt het dat de minister van OCW in totaal 25 miljoen euro voor het Regionaal "
            "investeringsfonds mbo beschikbaar stelt?",
            "klopt_niet",
            "€125 miljoen",
        ),
        # Goal 2: "De betrokkenheid van het bedrijfsleven in deze wordt steeds groter."
        (
            "De betrokkenheid van het bedrijfsleven bij W&T op de pabo's neemt af.",
            "klopt_niet",
            "steeds groter",
        ),
    ],
)
def test_a_false_claim_is_caught_with_the_reports_words(
    report_index: Index, claim: str, verdict: str, report_value: str
) -> None:
    result = check(report_index, claim)
    assert result.verdict == verdict
    shown = [f.report_value for f in result.findings if f.status == "contradicted"]
    assert report_value in shown
    assert all(f.claim_value for f in result.findings if f.status == "contradicted")


def test_a_range_written_before_a_date_is_part_of_it() -> None:
    # Goal 8: "in de periode 2014-medio 2017 ... circa 272 miljoen euro".
    (date,) = [q for q in quantities("in de periode 2014-medio 2017 door") if q.kind == "date"]
    assert date.years == frozenset({2014, 2015, 2016, 2017})


@pytest.mark.slow
def test_a_later_part_without_a_name_is_searched_with_the_first_parts_names(
    report_index: Index,
) -> None:
    # Goal 4: Ans Hekkenberg started in 2016, with a focus on "meisjes in het vmbo en mbo".
    result = check(
        report_index,
        "Ans Hekkenberg is in 2016 ambassadeur geworden en richt zich vooral op meisjes in havo "
        "en vwo.",
    )
    assert result.verdict == "deels"
    assert any(f.report_value == "mbo, vmbo" for f in result.findings)


@pytest.mark.slow
def test_values_that_hold_do_not_save_the_opposite_direction(report_index: Index) -> None:
    # Goal 4: in vmbo-kb the number "nam in 2016-2017 ... af naar 6.513".
    result = check(
        report_index,
        "In vmbo-kb steeg in 2016-2017 het aantal leerlingen dat een bètatechnische richting "
        "kiest, tot 6.513.",
    )
    assert result.verdict == "klopt_niet"
    assert any(f.aspect == "direction" and f.status == "contradicted" for f in result.findings)


@pytest.mark.slow
def test_true_claims_still_hold(report_index: Index) -> None:
    # Preface: "Na vier jaar Techniekpact worden de resultaten steeds meer zichtbaar"; goal 10.
    compound = check(
        report_index,
        "Het Techniekpact bestaat nu vier jaar en de resultaten worden volgens het voorwoord "
        "steeds beter zichtbaar.",
    )
    assert compound.verdict == "klopt"
    assert check(report_index, "FME en 4TU hebben op 6 februari een pact gesloten.").verdict == (
        "klopt"
    )


@pytest.mark.slow
def test_a_wrong_number_is_caught_with_the_reports_value(report_index: Index) -> None:
    result = check(
        report_index,
        "Klopt het dat de tweede ScienceMakers aan meer dan 500 talenten een podium gaf?",
    )
    assert result.verdict == "klopt_niet"
    assert result.quote is not None and "meer dan 150 talenten" in result.quote.text
    assert any(f.report_value == "150" and f.claim_value == "500" for f in result.findings)
    assert result.quote.source.goal == 4

    trainees = check(
        report_index, "Klopt het dat er 40 trainees zijn gestart via het OnderwijsTraineeship?"
    )
    assert trainees.verdict == "klopt_niet"
    assert [f.report_value for f in trainees.findings if f.status == "contradicted"] == ["38"]


@pytest.mark.slow
def test_a_true_claim_holds_and_a_missing_subject_is_not_in_the_report(
    report_index: Index,
) -> None:
    true = check(report_index, "Via het OnderwijsTraineeship zijn 38 trainees begonnen.")
    assert true.verdict == "klopt"
    absent = check(
        report_index,
        "Is het waar dat het Techniekpact een ruimtevaartprogramma voor kleuters heeft?",
    )
    assert absent.verdict == "niet_in_rapport" and absent.quote is None


@pytest.mark.slow
def test_a_draft_is_checked_sentence_by_sentence(report_index: Index) -> None:
    draft = (
        "Via het OnderwijsTraineeship zijn 40 trainees gestart. Dat is goed nieuws. "
        "Minister Bussemaker maakte in Breda bekend dat de Centres of expertise geld krijgen."
    )
    rows = check_draft(report_index, draft)
    assert [r.sentence for r in rows][1] == "Dat is goed nieuws."
    assert rows[1].check is None
    assert rows[0].check is not None and rows[0].check.verdict == "klopt_niet"
    table = markdown(rows)
    assert table.startswith("| bewering | oordeel |") and "Klopt niet" in table
    assert "38 (bewering: 40)" in table and "geen bewering" in table


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Read from the report: the three examples placed in the province of Groningen.
        (
            "Welke voorbeelden zijn er in Groningen?",
            {"doel-01/voorbeeld/3", "doel-09/voorbeeld/2", "doel-11/voorbeeld/2"},
        ),
        ("Geef de voorbeelden bij doel 7", {f"doel-07/voorbeeld/{n}" for n in (1, 2, 3)}),
        ("Welke doelen heeft het Techniekpact?", {f"doel-{n:02d}" for n in range(1, 13)}),
        ("Welke Kamerstukken worden genoemd bij doel 12?", {"voetnoot/15", "voetnoot/16"}),
        ("In welke voorbeelden komt IBM voor?", {"doel-06/voorbeeld/3"}),
    ],
)
def test_list_questions_are_answered_from_the_structure(
    report_index: Index, question: str, expected: set[str]
) -> None:
    result = answer(report_index, question)
    assert not result.abstained
    assert {item.id.split("/", 1)[1] for item in result.items} == expected
    for item in result.items:
        # Every item's text is the report's own words: a sentence of its passage, or for a
        # goal its title.
        chunk = next(c for c in report_index.chunks if c.id == item.hit_id)
        assert item.text == chunk.goal_title if item.kind == "doel" else item.text in chunk.text


@pytest.mark.slow
def test_kb_check_prints_the_verdict_and_json(
    report_index: Index, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    build_dir = str(report_index.settings.build_dir)
    claim = "Klopt het dat VHTO in 2016 op twaalf pabo's trainingen gaf?"
    assert main(["check", "--build-dir", build_dir, claim]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Klopt niet:") and "acht" in out

    assert main(["check", "--json", "--build-dir", build_dir, claim]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["verdict"] == "klopt_niet" and record["quote"]["goal"] == 2

    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Er zijn 40 trainees gestart via het OnderwijsTraineeship.\n", encoding="utf-8"
    )
    assert main(["check", "--markdown", "--build-dir", build_dir, "--file", str(draft)]) == 0
    assert "| Klopt niet |" in capsys.readouterr().out

    # A claim typed as a question to `kb ask` is checked, verdict first.
    assert main(["ask", "--build-dir", build_dir, claim]) == 0
    assert capsys.readouterr().out.startswith("Klopt niet:")


def test_kb_check_refuses_bad_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check"]) == 2
    assert "give either a CLAIM or --file" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["check", "--file", str(empty)]) == 2


@pytest.mark.parametrize(
    ("claim", "verdict", "report_value"),
    [
        # Goal 5: "ruimte voor nog maximaal zeven nieuwe Toptechniek in Bedrijf-netwerken".
        (
            "Er is ruimte voor maximaal tien nieuwe Toptechniek in Bedrijf-netwerken.",
            "klopt_niet",
            "zeven",
        ),
        # Goal 3: "een stage van minimaal 640 uur".
        (
            "Erkende leerbedrijven krijgen subsidie voor een stage van minimaal vierhonderd uur.",
            "klopt_niet",
            "640",
        ),
        # Goal 10: "het Rijk 25 miljoen euro vrijmaakt voor het versterken van de Zeeuwse economie".
        (
            "Het Rijk maakt vijfentwintig miljoen euro vrij om de Zeeuwse economie te versterken.",
            "klopt",
            "25 miljoen euro",
        ),
    ],
)
def test_numbers_written_as_words_and_limits_are_checked(
    report_index: Index, claim: str, verdict: str, report_value: str
) -> None:
    result = check(report_index, claim)
    assert result.verdict == verdict
    assert report_value in [f.report_value for f in result.findings]


def _quote(text: str) -> Quote:
    return Quote(text, 0, len(text), "x", None)  # type: ignore[arg-type]


def test_a_level_the_sentence_names_otherwise_is_contradicted() -> None:
    # Goal 1: "Om basisschoolleerlingen van groep zeven en hun leerkrachten te enthousiasmeren";
    # goal 9: "op niveau 1 is het aandeel 40%, op niveau 2 is dit 34%".
    sentence = "Om basisschoolleerlingen van groep zeven en hun leerkrachten te enthousiasmeren"
    [found] = labelled("leerlingen uit groep acht", sentence)
    assert (found.claim_value, found.report_value) == ("groep acht", "groep zeven")
    assert labelled("leerlingen van groep 7", sentence) == []
    levels = "op niveau 1 is het aandeel 40%, op niveau 2 is dit 34%"
    assert labelled("op mbo-niveau 2 kiest 34 procent", levels) == []
    assert labelled("op niveau 3 kiest 34 procent", levels) != []


def test_a_ministry_the_sentence_names_otherwise_is_contradicted() -> None:
    # Goal 3: Geef IT Door! "wordt mede mogelijk gemaakt door CA-ICT, ministerie van
    # Economische Zaken"; goal 8: "door de ministers van OCW en EZ gefinancierde Centres".
    sentence = "wordt mede mogelijk gemaakt door CA-ICT, ministerie van Economische Zaken en"
    assert [f.report_value for f in labelled("door het ministerie van Onderwijs", sentence)] == [
        "ministerie van Economische Zaken"
    ]
    assert labelled("gesteund door het ministerie van EZ", sentence) == []
    assert ministries("door de ministers van OCW en EZ gefinancierde") == (
        "ministers van OCW en EZ",
        frozenset({"OCW", "EZ"}),
    )


@pytest.mark.parametrize(
    ("claim", "sentence", "contradicted"),
    [
        # Goal 7: "Daarmee kunnen zij een beperkte onderwijsbevoegdheid behalen."
        (
            "een volledige onderwijsbevoegdheid",
            "zij kunnen een beperkte onderwijsbevoegdheid behalen",
            True,
        ),
        ("een beperkte bevoegdheid", "zij kunnen een beperkte onderwijsbevoegdheid behalen", False),
        # Goal 10: "gelden voor deze medewerkers dezelfde kwaliteitseisen als voor de docenten".
        ("lichtere kwaliteitseisen", "gelden dezelfde kwaliteitseisen als voor de docenten", True),
        ("meisjes en jongens", "voor jongens en meisjes", False),
    ],
)
def test_a_word_whose_opposite_the_sentence_says_is_contradicted(
    claim: str, sentence: str, contradicted: bool
) -> None:
    assert bool(contrasts(claim, _quote(sentence))) is contradicted


def test_little_of_a_thing_the_sentence_simply_gives_is_contradicted() -> None:
    # Goal 3: "Dat geeft de praktijkverklaringen waarde voor het bedrijfsleven."
    sentence = _quote("Dat geeft de praktijkverklaringen waarde voor het bedrijfsleven.")
    assert hedged("de verklaringen hebben weinig waarde", sentence) != []
    assert hedged("de verklaringen hebben waarde", sentence) == []
    low = _quote("De waarde van de verklaringen is nog beperkt.")
    assert hedged("de verklaringen hebben weinig waarde", low) == []


def test_a_claim_of_another_school_year_is_klopt_niet(report_index: Index) -> None:
    # Goal 1: the Collegetours are for "basisschoolleerlingen van groep zeven".
    result = check(
        report_index, "De Collegetours van André Kuipers zijn voor kinderen uit groep acht."
    )
    assert result.verdict == "klopt_niet"
    assert "groep zeven" in [f.report_value for f in result.findings]


def test_a_figure_of_a_year_the_sentence_does_not_name_is_not_in_the_report() -> None:
    # Goal 2: "in de afgelopen twee jaar zijn 1354 leerkrachten geprofessionaliseerd" says
    # nothing of 2014: "in 2014 al 500 leerkrachten" is not contradicted by it.
    quote = _quote("in de afgelopen twee jaar zijn 1354 leerkrachten geprofessionaliseerd")
    year = Finding("date", "absent", "2014", None, None)
    figure = Finding("count", "contradicted", "500", "1354", quote)
    assert verdict_of([year, figure]) == "niet_in_rapport"
    assert verdict_of([figure]) == "klopt_niet"


def test_a_name_that_abbreviates_the_passages_words_is_held() -> None:
    # Goal 8: "Van de 63 aanvragen voor het Regionaal investeringsfonds mbo"; goal 2: "Het
    # Kenniscentrum Wetenschap & Technologie Oost".
    passage = "Van de 63 aanvragen voor het Regionaal investeringsfonds mbo die zijn geëvalueerd"
    assert abbreviated("Rif-aanvragen", passage, {"aanvraag"})
    assert abbreviated("KWTO", "Het Kenniscentrum Wetenschap & Technologie Oost", set())
    assert not abbreviated("PBT", passage, set())
    # Each letter starts a word in turn: "fonds" inside "het" does not spell "Rif".
    assert not abbreviated("Rif", "Regelingen in het fonds", set())


def test_a_season_is_not_stated_by_a_bare_school_year() -> None:
    # Goal 12: the Subsidieregeling praktijkleren "met ingang van schooljaar 2017-2018"
    # does not say "in het najaar van 2017"; goal 12's keuzedelen "in het najaar van 2016".
    claimed = _one("in het najaar van 2017")
    assert not supports(claimed, _one("met ingang van schooljaar 2017-2018"))  # type: ignore[arg-type]
    assert supports(_one("in het najaar van 2016"), _one("in het najaar van 2016"))  # type: ignore[arg-type]
