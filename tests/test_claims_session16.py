"""How a claim is read (issue 14, session 16): a limit the other way ("hoogstens" against
"minimaal"), a dozen in words, a ministry by its letters or in another sentence of the passage,
a negation said in other words ("te weinig", "zonder", "stabiel"), a heading that names nothing,
and a name read with the sentence before it. Expected values are read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import clauses, direction_of, parse_claim
from kb.claims.contrast import opposite_words
from kb.claims.parts import subject_of
from kb.claims.quantities import quantities
from kb.claims.verdict import check
from kb.claims.wording import negations, said_negatively
from kb.index import Index
from tests.support.claim_checks import contradicted, sentence_quote

# The preface: "Er is nog altijd een tekort aan vakdocenten techniek. Met de huidige
# instroomcijfers in de lerarenopleidingen kunnen we niet voorzien in de vraag van
# onderwijsinstellingen."
_INFLOW = (
    "Met de huidige instroomcijfers in de lerarenopleidingen kunnen we niet voorzien in de vraag "
    "van onderwijsinstellingen."
)


def test_a_limit_the_other_way_is_another_figure(report_index: Index) -> None:
    [cap] = quantities("een stage van hoogstens 640 uur")
    assert (cap.number, cap.bound) == (640.0, "cap")
    # Goal 3: "De regeling voor erkende leerbedrijven die studenten een stage van minimaal 640
    # uur aanbieden ..."
    most = check(
        report_index,
        "De subsidieregeling praktijkleren is voor leerbedrijven met stages van hoogstens 640 uur.",
    )
    assert most.verdict == "klopt_niet"
    assert ("hoogstens 640", "minimaal 640") in contradicted(most)
    least = check(
        report_index,
        "De subsidieregeling praktijkleren is voor leerbedrijven met stages van minstens 640 uur.",
    )
    assert least.verdict == "klopt"


def test_a_dozen_in_words() -> None:
    assert [(q.text, q.number) for q in quantities("een half dozijn scholen")] == [
        ("een half dozijn", 6.0)
    ]
    assert [q.number for q in quantities("ruim een dozijn scholen")] == [12.0]


def test_a_ministry_by_its_letters_and_in_another_sentence(report_index: Index) -> None:
    # Goal 11: "... heeft SZW sinds mei 2016 een overzicht14 gemaakt van de nu bestaande
    # subsidies ..."
    letters = check(
        report_index,
        "Het ministerie van Sociale Zaken en Werkgelegenheid heeft sinds mei 2016 een overzicht "
        "van de bestaande subsidies voor werknemers.",
    )
    assert letters.verdict == "klopt"
    other = check(
        report_index,
        "Het ministerie van Economische Zaken heeft sinds mei 2016 een overzicht van de "
        "bestaande subsidies voor werknemers.",
    )
    assert other.verdict == "klopt_niet"
    # Goal 3: "De staatssecretaris van OCW subsidieert het project Boris." stands before the
    # sentence about the diplomas, which a longer claim about Boris finds first.
    boris = check(
        report_index,
        "Het project Boris, dat jongeren zonder diploma met praktijkverklaringen aan het werk "
        "helpt, wordt gesubsidieerd door de minister van Sociale Zaken.",
    )
    assert boris.verdict == "klopt_niet"
    assert ("minister van Sociale Zaken", "staatssecretaris van OCW") in contradicted(boris)


def test_a_negation_said_in_other_words() -> None:
    assert said_negatively("Er is te weinig instroom voor de vraag.", _INFLOW)
    assert said_negatively("jongeren zonder diploma", "jongeren die geen diploma halen")
    assert said_negatively("Het aandeel is niet veranderd.", "Het aandeel is stabiel gebleven.")
    # Said plainly, the negation stands against it.
    enough = parse_claim("De instroom is voldoende om in de vraag te voorzien.")
    assert not said_negatively(enough.statement, _INFLOW)
    assert [f.status for f in negations(enough, sentence_quote(_INFLOW))] == ["contradicted"]
    few = parse_claim("Er is te weinig instroom in de lerarenopleidingen voor de vraag.")
    assert negations(few, sentence_quote(_INFLOW)) == []


def test_too_few_is_a_shortage(report_index: Index) -> None:
    # The preface: "Er is nog altijd een tekort aan vakdocenten techniek."
    few = check(report_index, "Er zijn nog steeds te weinig vakdocenten techniek.")
    assert few.verdict == "klopt"
    both = check(
        report_index,
        "Er zijn nog steeds te weinig vakdocenten techniek, maar de huidige instroom in de "
        "lerarenopleidingen is voldoende om in de vraag te voorzien.",
    )
    assert both.verdict == "deels"


def test_a_name_the_report_never_writes_against_a_heading(report_index: Index) -> None:
    # Nothing in the report is about Minecraft; the best sentence is goal 1's title.
    result = check(
        report_index,
        "Volgens het rapport werken steeds meer basisscholen met Minecraft in de lessen "
        "wetenschap en technologie.",
    )
    assert result.verdict == "niet_in_rapport"


def test_a_name_is_read_with_the_sentence_before_it(report_index: Index) -> None:
    # Goal 6: "... Hiervoor heeft de VSNU het Actieplan VSNU Lerarenagenda opgesteld, ..."
    # after what it is for (more academically trained teachers).
    result = check(
        report_index,
        "Om meer academisch opgeleide leraren voor de klas te krijgen heeft de VO-raad het "
        "Actieplan Lerarenagenda opgesteld.",
    )
    assert result.verdict == "klopt_niet"
    assert any("VSNU" in (value or "") for _, value in contradicted(result))


def test_a_later_part_that_names_only_a_ministry_is_about_the_first_parts_subject(
    report_index: Index,
) -> None:
    # Goal 3: "Geef IT Door! koppelt enthousiaste ICT-professionals aan een middelbare school om
    # een gastles te verzorgen." and "... wordt mede mogelijk gemaakt door CA-ICT, ministerie van
    # Economische Zaken en Grand Coalition for Digital Jobs (EC)."
    assert subject_of("en wordt betaald door het ministerie van OCW", "Geef IT Door! koppelt")
    result = check(
        report_index,
        "Geef IT Door! brengt ICT-professionals voor een gastles naar middelbare scholen en wordt "
        "mede mogelijk gemaakt door het ministerie van OCW.",
    )
    assert result.verdict == "deels"
    assert ("ministerie van OCW", "ministerie van Economische Zaken") in contradicted(result)
    # The ministry is read as a ministry, not as a name against every name of the sentence.
    assert not [f for f in result.findings if f.aspect == "name"]


def test_the_report_speaks_of_a_subject_said_with_the_opposite_word_or_another_place(
    report_index: Index,
) -> None:
    # Goal 8: "... de projecten worden door de samenwerkingspartners als (zeer) positief
    # gewaardeerd."
    assert opposite_words("overwegend negatief beoordeeld", "als (zeer) positief gewaardeerd") == [
        "negatief"
    ]
    assert opposite_words("positief beoordeeld", "als (zeer) positief gewaardeerd") == []
    # The preface: "... de uitdagingen die zijn ontstaan door een toename van studenten bij
    # technische universiteiten." Said the other way, it is the same subject: "klopt niet".
    fewer = check(
        report_index,
        "Volgens het voorwoord is er een afname van studenten bij de technische universiteiten.",
    )
    assert fewer.verdict == "klopt_niet"
    assert any(f.report_value == "toename" for f in fewer.findings)
    # Goal 1: "... de eerste van 415 robots die in 2017 op alle Friese basisscholen worden
    # uitgereikt." Another province is what the claim gets wrong, not another subject.
    robots = check(report_index, "In 2017 krijgen alle Groningse basisscholen een robot.")
    assert robots.verdict == "klopt_niet"
    assert any(f.report_value == "Friese" for f in robots.findings)


def test_a_rise_or_fall_in_a_subordinate_clause_and_a_concession_as_a_part(
    report_index: Index,
) -> None:
    assert direction_of("het aantal leerlingen dat techniek kiest toenam") == "up"
    assert direction_of("terwijl hun aantal afnam") == "down"
    claim = (
        "ROC Mondriaan kreeg geld uit het Regionaal investeringsfonds mbo voor cybersecurity, al "
        "is er bij bedrijven nauwelijks vraag naar zulke jongeren"
    )
    assert len(clauses(claim)) == 2
    # Goal 4: "In vmbo-gl is het aantal gediplomeerden toegenomen tot 2.562 in 2015-2016." and
    # "... (vmbo-bb) is het aantal leerlingen dat in het derde leerjaar kiest voor een
    # bètatechnische richting afgenomen naar 5.170 in 2016-2017."
    result = check(
        report_index,
        "In vmbo-gl steeg het aantal gediplomeerden tot 2.562, terwijl het aantal "
        "vmbo-bb-leerlingen dat voor een bètatechnische richting kiest toenam tot 5.170.",
    )
    assert result.verdict == "deels"
    assert any(f.report_value == "afgenomen" for f in result.findings)


def test_a_compound_claim_is_split_at_its_strongest_join_first() -> None:
    # Goal 8: the Rif's partners work on "het curriculum, stages, ..."; the fund "met een jaar
    # wordt verlengd tot en met 2018". The plain "en" between two subjects joins no claims.
    claim = (
        "Via het Rif werken bedrijven en scholen samen aan het curriculum en stages; het fonds "
        "is inmiddels verlengd tot en met 2020"
    )
    assert clauses(claim) == [
        "Via het Rif werken bedrijven en scholen samen aan het curriculum en stages",
        "het fonds is inmiddels verlengd tot en met 2020",
    ]
    # Both sides of ";" are split further where they join claims themselves.
    three = (
        "VHTO gaf in 2016 trainingen op acht pabo's en de evaluatie verscheen in juli 2016; ook "
        "zijn er 20 netwerken"
    )
    assert len(clauses(three)) == 3
