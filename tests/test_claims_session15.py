"""How a claim is read (issue 14, session 15): "alleen" one thing against a sentence that names
it with another, the direction of a value's or a level's own clause, the year in the pact's
name, a contrast in a clause of its own after "maar" or "terwijl", and "terugliep" as a fall.
Expected values are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

from kb.claims.claim import clauses, direction_of, parse_claim
from kb.claims.exclusive import exclusive
from kb.claims.quantities import named_year, quantities
from kb.claims.verdict import check
from kb.claims.wording import direction
from kb.index import Index
from tests.support.claim_checks import sentence_quote

# Goal 7: "Dit geldt voor het deeltijdonderwijs en het voltijdonderwijs."
_BOTH_FORMS = "Dit geldt voor het deeltijdonderwijs en het voltijdonderwijs."
# Goal 9, one sentence on two lines of the report.
_LEVELS = (
    "Wel zijn er verschillen in de verschillende opleidingsniveaus; op niveau 1 is het aandeel "
    "40%, op niveau 2 is dit 34%, de grootste stijging vond plaats op niveau 3 daar bedraagt het "
    "aandeel nu 29% en op niveau 4 is het aandeel stabiel gebleven op 32%."
)


def test_only_one_thing_against_a_sentence_that_names_two() -> None:
    found = exclusive("de educatieve minor kan alleen in voltijd", sentence_quote(_BOTH_FORMS))
    assert [f.report_value for f in found] == ["deeltijdonderwijs en het voltijdonderwijs"]
    assert found[0].status == "contradicted"
    # Saying the other is not so is still "only one".
    assert exclusive("alleen voor voltijd en niet voor deeltijd", sentence_quote(_BOTH_FORMS))
    # Both claimed: nothing stands against it; "alleen" before a number is a count.
    assert not exclusive("alleen in voltijd en in deeltijd", sentence_quote(_BOTH_FORMS))
    assert not exclusive(
        "slechts 12 scholen", sentence_quote("12 scholen en 4 bedrijven doen mee.")
    )
    # Goal 7: "Vanuit deze pool worden zij ingezet op meerdere mbo-instellingen".
    pool = "Vanuit deze pool worden zij ingezet op meerdere mbo-instellingen."
    found = exclusive("zij werken op slechts één mbo-instelling", sentence_quote(pool))
    assert [f.report_value for f in found] == ["meerdere mbo-instellingen"]


def test_the_direction_of_a_value_is_that_of_its_own_clause() -> None:
    up = parse_claim("Op mbo-niveau 4 is het aandeel techniekkiezers gestegen naar 32 procent.")
    # The sentence's "de grootste stijging" is niveau 3's; 32% stayed the same.
    found = direction(up, sentence_quote(_LEVELS), "32%")
    assert [(f.status, f.report_value) for f in found] == [("contradicted", "stabiel")]
    flat = parse_claim(
        "Op mbo-niveau 4 is het aandeel techniekkiezers gelijk gebleven: 32 procent."
    )
    assert direction(flat, sentence_quote(_LEVELS), "32%") == []


def test_the_direction_of_a_level_is_that_of_its_own_clause() -> None:
    fell = parse_claim("Op mbo-niveau 4 is het aandeel dat bètatechniek kiest gedaald.")
    found = direction(fell, sentence_quote(_LEVELS))
    assert [(f.status, f.report_value) for f in found] == [("contradicted", "stabiel")]
    # Niveau 3's clause has the rise, niveau 2's none: then the sentence's own ("stijging").
    rose = parse_claim("Op niveau 3 is het aandeel gestegen.")
    assert direction(rose, sentence_quote(_LEVELS)) == []


def test_the_year_in_the_pacts_name_is_no_date() -> None:
    # The preface: "Voor u ligt de jaarlijkse Voortgangsrapportage van het Nationaal
    # Techniekpact 2020, die een doorkijk geeft in de uitvoering van de 12 doelen."
    preface = (
        "Voor u ligt de jaarlijkse Voortgangsrapportage van het Nationaal Techniekpact 2020, die "
        "een doorkijk geeft in de uitvoering van de 12 doelen."
    )
    years = [q for q in quantities(preface) if q.kind == "date"]
    assert [q.text for q in years] == ["2020"] and named_year(preface, years[0])
    ambition = "In 2020 moet de helft een master hebben."
    assert not named_year(ambition, next(q for q in quantities(ambition) if q.kind == "date"))


def test_the_pacts_name_is_compared_with_the_pacts_name(report_index: Index) -> None:
    # The title page: "JUNI 2017 ... RAPPORTAGE NATIONAAL TECHNIEKPACT 2020" (session 14 showed
    # the name's "2020" as the report's date).
    month = check(
        report_index,
        "De voortgangsrapportage van het Nationaal Techniekpact is in mei 2017 uitgebracht.",
    )
    assert month.verdict == "klopt_niet"
    assert [f.report_value for f in month.findings if f.status == "contradicted"] == ["JUNI 2017"]
    name = check(report_index, "Dit is de rapportage van het Nationaal Techniekpact 2030.")
    assert name.verdict == "klopt_niet"
    assert any(f.report_value == "2020" for f in name.findings)


def test_a_contrast_in_a_clause_of_its_own_is_a_part() -> None:
    assert direction_of("terwijl hun aandeel juist terugliep") == "down"
    claim = (
        "ROC Mondriaan werkt aan een cybersecurity-opleiding, maar de school staat afwijzend "
        "tegenover docenten uit het bedrijfsleven"
    )
    assert len(clauses(claim)) == 2
    # Before "en dat" too, a clause with a verb states something without a value or name.
    two = (
        "de instroom in de lerarenopleidingen is groot genoeg voor de vraag van de scholen, en "
        "dat bedrijven en scholen fieldlabs beginnen"
    )
    assert len(clauses(two)) == 2
    # Too short to state a second thing: one claim.
    assert len(clauses("ROC Mondriaan werkt aan een opleiding, maar dat kost tijd")) == 1


def test_claims_that_say_only_one_or_the_other_direction(report_index: Index) -> None:
    only = check(
        report_index,
        "Het Teaching & Learning Lab in Utrecht is alleen voor docenten uit het hoger onderwijs.",
    )
    # Goal 6: "... een onderwijslab voor docenten in het voortgezet en hoger onderwijs, ..."
    assert only.verdict == "klopt_niet"
    assert any("voortgezet en hoger" in (f.report_value or "") for f in only.findings)
    risen = check(report_index, "Op mbo-niveau 4 is het aandeel bètatechniek gestegen naar 32%.")
    assert risen.verdict == "klopt_niet"
    # Goal 9: "In vmbo-gl is het aantal gediplomeerden toegenomen tot 2.562 in 2015-2016";
    # "het aandeel gediplomeerden met NaSk is in 2015-2016 ook toegenomen".
    fell = check(
        report_index,
        "In vmbo-gl steeg het aantal gediplomeerden met NaSk tot 2.562, terwijl hun aandeel "
        "juist terugliep.",
    )
    assert fell.verdict == "deels"
    # The preface: "Zoals uit de voortgangsrapportage blijkt worden regionaal andere vormen
    # van docentschap onderzocht."
    national = check(report_index, "Andere vormen van docentschap worden landelijk onderzocht.")
    assert national.verdict == "klopt_niet"
    assert any(f.report_value == "regionaal" for f in national.findings)
