"""How a claim is read (issue 14, session 17): dozens counted ("twee dozijn"), a limit never
held by a count of something else, "4x per jaar" counted as times, a place abroad against the
place abroad the report names, two more pairs of opposite words, an age that is no count, a
length of time read from a range of dates, a clause with a verb before ", en" read as a part, a
footnote read only for the source it names, who says it left out of what is checked, and a term
the report never writes.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import clauses, parse_claim
from kb.claims.contrast import opposite_words
from kb.claims.durations import years_between
from kb.claims.quantities import quantities
from kb.claims.subject import same_unit
from kb.claims.verdict import check
from kb.index import Index
from tests.support.claim_checks import contradicted


def test_several_dozens() -> None:
    assert [(q.text, q.number) for q in quantities("Twee dozijn scholen")] == [
        ("Twee dozijn", 24.0)
    ]
    assert [q.number for q in quantities("drie dozijn en een half dozijn")] == [36.0, 6.0]


def test_two_dozen_schools_is_the_reports_24(report_index: Index) -> None:
    # Goal 5: "... conceptschoolexamenprogramma, waar 24 scholen nu ervaring mee opdoen."
    result = check(
        report_index,
        "Twee dozijn scholen doen ervaring op met het conceptexamenprogramma "
        "'Technologie en Toepassing' voor vmbo-g/tl.",
    )
    assert result.verdict == "klopt"


def test_a_limit_is_not_held_by_a_count_of_something_else(report_index: Index) -> None:
    # Goal 5: "21 regionale Toptechniek in Bedrijf-netwerken zijn actief ..." and "Binnen deze
    # regeling is daarnaast ruimte voor nog maximaal zeven nieuwe Toptechniek in
    # Bedrijf-netwerken." The "nog drie jaar" of the sentence between them counts years: it
    # does not hold "maximaal tien extra netwerken".
    result = check(
        report_index,
        "Klopt het dat er 21 regionale Toptechniek in Bedrijf-netwerken actief zijn en dat de "
        "nieuwe subsidieregeling ruimte biedt voor maximaal tien extra netwerken?",
    )
    assert result.verdict == "deels"
    assert not any(f.claim_value == "tien" and f.status == "supported" for f in result.findings)


def test_times_a_year_count_times() -> None:
    # Goal 9: "SBB adviseert de minister van OCW zo gewenst 4x per jaar over welke keuzedelen
    # ..."
    report = "SBB adviseert de minister van OCW zo gewenst 4x per jaar over welke keuzedelen"
    claim = "SBB adviseert de minister hooguit twee keer per jaar"
    [stated], [claimed] = quantities(report), quantities(claim)
    assert same_unit(claim, claimed, report, stated)


def test_times_a_year_against_the_reports(report_index: Index) -> None:
    result = check(
        report_index,
        "Klopt het dat volgens het rapport SBB de minister hooguit twee keer per jaar adviseert "
        "over welke keuzedelen vastgesteld moeten worden?",
    )
    assert result.verdict == "klopt_niet"
    assert ("twee", "4x per jaar") in contradicted(result)


def test_a_place_abroad_against_the_reports(report_index: Index) -> None:
    # Goal 11: "Met dit project wordt de grensoverschrijdende mobiliteit van de
    # beroepsbevolking in Zuid-Nederland en Vlaanderen bevorderd ..."
    result = check(
        report_index,
        "Het Interreg-project Werkinzicht moet de arbeidsmobiliteit over de grens tussen "
        "Zuid-Nederland en Duitsland bevorderen.",
    )
    assert result.verdict == "klopt_niet"
    assert ("Duitsland", "Vlaanderen") in contradicted(result)


def test_countries_abroad_in_a_compound_claim(report_index: Index) -> None:
    # Goal 12: "Landen met een vrouwelijke participatie boven 30%: Estland en Roemenië" and
    # "... tussen 10 en 20%: Het Verenigde Koninkrijk, Portugal en Finland."
    result = check(
        report_index,
        "Klopt het dat volgens het rapport Estland en Roemenië in GirlsTech boven de 30% "
        "vrouwelijke participatie zitten, terwijl het Verenigd Koninkrijk net als Nederland "
        "onder de 10% blijft?",
    )
    assert result.verdict == "deels"


def test_more_opposite_words() -> None:
    assert opposite_words("het is geen probleem om docenten te vinden", "is geen sinecure") == [
        "geen probleem"
    ]
    assert opposite_words("de houding verslechtert", "in positieve zin aan het veranderen") == [
        "verslechtert"
    ]


def test_no_problem_against_no_sinecure(report_index: Index) -> None:
    # Goal 7, example: "Het verkrijgen van docenten voor deze opleiding met de juiste skills is
    # geen sinecure."
    result = check(
        report_index,
        "Voor ROC Mondriaan is het geen probleem om docenten met de juiste skills voor de "
        "cybersecurityopleiding te vinden.",
    )
    assert result.verdict == "klopt_niet"
    assert ("geen probleem", "geen sinecure") in contradicted(result)


def test_places_abroad_are_places_for_claims_only() -> None:
    from ingest.regions import load_gazetteer
    from kb.claims.places import ABROAD, _with_abroad

    dutch = load_gazetteer()
    both = _with_abroad(dutch)
    text = "de mobiliteit in Zuid-Nederland en Vlaanderen"
    assert "Vlaanderen" not in dutch.tag(text).regions
    assert "Vlaanderen" in both.tag(text).regions
    assert both.names(text) == ("Zuid-Nederland", "Vlaanderen")
    # The provinces of a Dutch place are kept; a place abroad lies in none.
    assert both.tag("Leeuwarden en Wallonië").provinces == dutch.tag("Leeuwarden").provinces
    assert "Wallonië" in ABROAD


def test_an_age_is_not_a_count() -> None:
    # Goal 11: "... maar als mensen boven de 50 jaar hun baan verliezen ..."
    assert quantities("als mensen boven de 50 jaar hun baan verliezen") == []
    assert quantities("ouder dan 18 jaar") == []
    assert [q.number for q in quantities("meer dan 50 jaar ervaring")] == [50.0]
    assert [q.kind for q in quantities("boven de 50 procent")] == ["percent"]


def test_years_between_the_dates_of_a_range() -> None:
    # Goal 7: "Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019."
    assert years_between("Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019.") == (
        3.0,
        "van 1 juli 2016 tot en met 30 juni 2019",
    )
    assert years_between("van 2016 tot 2019") == (3.0, "van 2016 tot 2019")
    assert years_between("van 2016 tot en met 2019")[0] == 4.0  # type: ignore[index]
    assert years_between("Het experiment loopt tot en met 30 juni 2019.") is None


def test_a_length_of_time_against_the_reports_dates(report_index: Index) -> None:
    # Goal 7: "Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019."
    three = check(
        report_index, "Het experiment met de educatieve minor loopt drie jaar, tot eind juni 2019."
    )
    assert three.verdict == "klopt"
    four = check(
        report_index, "Het experiment met de educatieve minor loopt vier jaar, tot eind juni 2019."
    )
    assert four.verdict == "klopt_niet"
    assert ("vier", "van 1 juli 2016 tot en met 30 juni 2019") in contradicted(four)


def test_a_clause_with_a_verb_before_en_is_a_part() -> None:
    statement = parse_claim(
        "Onderwijs, bedrijfsleven en overheden werken dagelijks samen in regionale verbanden, en "
        "recente signalen wijzen op een afnemend tekort aan vakmensen uit het mbo."
    ).statement
    assert len(clauses(statement)) == 2
    # ", en wel ..." says more of the first part.
    said = parse_claim(
        "Volgens het voorwoord verandert de houding tegenover techniek en technologie wezenlijk, "
        "en wel in positieve zin."
    ).statement
    assert clauses(said) == [said]


def test_half_true_with_a_direction_the_other_way(report_index: Index) -> None:
    # Preface: "Dagelijks zetten onderwijs, bedrijfsleven en overheden zich in regionale
    # samenwerkingsverbanden hiervoor in." and "... de recente signalen over het oplopende
    # tekort aan vakmensen in het mbo."
    result = check(
        report_index,
        "Onderwijs, bedrijfsleven en overheden werken dagelijks samen in regionale verbanden, en "
        "recente signalen wijzen op een afnemend tekort aan vakmensen uit het mbo.",
    )
    assert result.verdict == "deels"
    assert ("afnemend", "oplopende") in contradicted(result)


def test_a_footnote_is_not_read_for_what_its_sentence_says(report_index: Index) -> None:
    # Goal 8: "De tussenevaluatie in februari 2017 liet zien dat er brede waardering is voor de
    # pps-en die van de grond komen: de projecten worden door de samenwerkingspartners in
    # overgrote meerderheid (zeer) positief beoordeeld." Its footnote, "Kamerstuk 31524-310,
    # brief OCW, 10 februari 2017.", says nothing of how the projects are judged.
    result = check(
        report_index,
        "Het rapport zegt dat de samenwerkingspartners de Rif-projecten in de tussenevaluatie "
        "overwegend negatief beoordelen?",
    )
    assert result.verdict == "klopt_niet"
    assert result.quote is not None and "Kamerstuk" not in result.quote.text


def test_a_footnote_is_read_for_the_source_it_names(report_index: Index) -> None:
    # Goal 1, footnote: "Inspectie van het Onderwijs, 2017. Peil Natuur en Techniek, 2015 –
    # 2016."
    result = check(
        report_index,
        "De peiling Natuur en Techniek over 2015-2016 is een publicatie van de onderwijsinspectie "
        "uit 2017.",
    )
    assert result.verdict == "klopt"


def test_an_opposite_word_in_a_claim_the_answer_step_does_not_find(report_index: Index) -> None:
    # Goal 5: "In de brief Sterk Beroepsonderwijs zijn verschillende maatregelen aangekondigd
    # voor het verbeteren van de aansluiting van het vmbo op het mbo en het praktischer maken
    # van het vmbo."
    result = check(
        report_index,
        "Doel 5: door de plannen uit de brief Sterk Beroepsonderwijs wordt het vmbo theoretischer.",
    )
    assert result.verdict == "klopt_niet"
    assert ("theoretischer", "praktischer") in contradicted(result)


def test_who_says_it_is_not_what_is_checked() -> None:
    for claim, statement in (
        (
            "Het rapport erkent dat er nog steeds te weinig vakdocenten techniek zijn.",
            "er nog steeds te weinig vakdocenten techniek zijn",
        ),
        (
            "Er zijn nog steeds te weinig vakleraren techniek, schrijft het voorwoord van de "
            "rapportage.",
            "er zijn nog steeds te weinig vakleraren techniek",
        ),
        (
            "Het voorwoord constateert dat er te weinig vakdocenten zijn.",
            "er te weinig vakdocenten zijn",
        ),
    ):
        assert parse_claim(claim).statement == statement


def test_too_few_teachers_said_in_other_words(report_index: Index) -> None:
    # Preface: "Er is nog altijd een tekort aan vakdocenten techniek."
    result = check(
        report_index, "Het rapport erkent dat er nog steeds te weinig vakdocenten techniek zijn."
    )
    assert result.verdict == "klopt"


def test_a_term_the_report_never_writes_is_not_in_it(report_index: Index) -> None:
    # Goal 10 speaks of "de druk op de technische universiteiten" and of talks "tussen FME en
    # opleidingen informatica, elektrotechniek en werktuigbouwkunde in Delft, Eindhoven en
    # Twente"; it never writes "numerus fixus".
    result = check(
        report_index,
        "Zegt het rapport dat de TU Delft vanwege de drukte een numerus fixus invoert voor "
        "werktuigbouwkunde?",
    )
    assert result.verdict == "niet_in_rapport"
    # A name swapped is still a name swapped: "Kamerlid Jansen" for goal 4's "de motie van de
    # heer Duisenberg" is no term.
    swapped = check(
        report_index,
        "OCW werkt aan landelijke LOB-normen, zoals de Tweede Kamer vroeg in een motie van "
        "Kamerlid Jansen.",
    )
    assert swapped.verdict == "klopt_niet"
    assert ("Jansen", "Duisenberg") in contradicted(swapped)


def test_a_share_in_words(report_index: Index) -> None:
    # Goal 8: "Van de 63 aanvragen voor het Regionaal investeringsfonds mbo die zijn
    # geëvalueerd in de tussenevaluatie zijn ruim de helft actief in de sector techniek &
    # procesindustrie (34) ..."
    more = check(
        report_index,
        "Van de 63 Rif-aanvragen uit de tussenevaluatie is meer dan de helft actief in de sector "
        "techniek en procesindustrie.",
    )
    assert more.verdict == "klopt"
    quarter = check(
        report_index,
        "Van de 63 Rif-aanvragen uit de tussenevaluatie is een kwart actief in de sector "
        "techniek en procesindustrie.",
    )
    assert quarter.verdict == "klopt_niet"
    assert ("een kwart", "de helft") in contradicted(quarter)


def test_a_share_of_a_count_before_it(report_index: Index) -> None:
    # Goal 9: "... zijn er momenteel acht cross-over kwalificaties goedgekeurd, waarvan er vier
    # raken aan de techniek."
    half = check(
        report_index,
        "Zegt het rapport dat de helft van de goedgekeurde cross-over kwalificaties raakt aan "
        "techniek?",
    )
    assert half.verdict == "klopt"
    quarter = check(
        report_index,
        "Zegt het rapport dat een kwart van de goedgekeurde cross-over kwalificaties raakt aan "
        "techniek?",
    )
    assert quarter.verdict == "klopt_niet"
    assert ("een kwart", "vier van de acht") in contradicted(quarter)
