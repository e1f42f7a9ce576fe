"""How a claim is read (issue 14, session 14): a figure's school type is its own clause's, a
sector written out ("voortgezet onderwijs") is a school type, a part of a year holds only its
months, and "de gemengde en theoretische leerweg" is one claim. Expected values are read from the
report (corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import clauses, direction_of, negated
from kb.claims.quantities import consistent, quantities
from kb.claims.subject import other_thing, schools
from kb.claims.verdict import check
from kb.claims.wording import negates_too
from kb.index import Index

# Goal 4: "Op de havo is het aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%."
_PROFILES = "Op de havo is het aandeel in 2016-2017 43%, het aandeel op het vwo ligt op 62%."
# Goal 6, one sentence on two lines of the report.
_MASTERS = (
    "De ambitie is om in 2020 50% hbo- en wo-master opgeleide leraren te hebben in het "
    "voortgezet onderwijs, momenteel heeft 37% van de docenten in het voortgezet onderwijs "
    "een masteropleiding."
)


def _value(sentence: str, text: str):  # type: ignore[no-untyped-def]
    return next(q for q in quantities(sentence) if q.text == text)


def test_a_figure_is_about_the_school_type_of_its_own_clause() -> None:
    claim = "ruim zes op de tien vwo-leerlingen kiezen in 2016-2017 voor een N-profiel"
    assert other_thing(claim, _PROFILES, _value(_PROFILES, "43%"))
    assert not other_thing(claim, _PROFILES, _value(_PROFILES, "62%"))
    # The year is the whole sentence's, not one school type's.
    assert not other_thing(claim, _PROFILES, _value(_PROFILES, "2016-2017"))


def test_a_sector_written_out_is_a_school_type() -> None:
    assert schools("in het voortgezet onderwijs") == {"vo"}
    assert schools("leraren in het basisonderwijs") == {"po"}
    # "vo" is not an umbrella over the hbo and wo masters of its teachers.
    assert schools(_MASTERS) == {"vo", "hbo", "wo"}
    claim = "op dit moment heeft 47 procent van de vo-leraren een master"
    assert not other_thing(claim, _MASTERS, _value(_MASTERS, "37%"))
    # Goal 9: "Het aandeel jongeren op het mbo dat kiest voor een bètatechnische richting
    # (BOL en BBL) ligt rond de 30%." The bracket closes before the value.
    mbo = (
        "Het aandeel jongeren op het mbo dat kiest voor een bètatechnische richting (BOL en BBL) "
        "ligt rond de 30%."
    )
    assert not other_thing("dertig procent van de mbo-studenten", mbo, _value(mbo, "30%"))


def test_a_part_of_a_year_holds_only_its_months() -> None:
    def date(text: str):  # type: ignore[no-untyped-def]
        return next(q for q in quantities(text) if q.kind == "date")

    # Goal 12: "Eerste resultaten daarvan worden verwacht in 2018"; "Van mei 2016 tot februari
    # 2017 zijn door UWV ruim 17.000 scholingsvouchers toegekend".
    assert not consistent(date("eind 2017"), date("februari 2017"))
    assert consistent(date("begin 2017"), date("februari 2017"))
    assert consistent(date("februari 2017"), date("begin 2017"))
    assert consistent(date("medio 2016"), date("1 juli 2016"))
    assert not consistent(date("voorjaar 2017"), date("oktober 2017"))


def test_two_adjectives_of_one_leerweg_are_one_claim() -> None:
    text = (
        "het streven is dat vier op de tien vmbo-leerlingen in de gemengde en theoretische "
        "leerweg een pakket met natuur- en scheikunde kiezen"
    )
    assert clauses(text) == [text]


@pytest.mark.slow
def test_claims_about_one_school_type_or_a_part_of_a_year(report_index: Index) -> None:
    vwo = check(report_index, "Is het waar dat ruim zes op de tien vwo-leerlingen in 2016-2017 "
                "voor een N-profiel kiezen?")  # fmt: skip
    assert vwo.verdict == "klopt"
    assert any(f.report_value == "62%" for f in vwo.findings)
    # Goal 6: the 2020 ambition (50%) holds, today's share (37%) does not.
    masters = check(
        report_index,
        "In 2020 moet de helft van de vo-leraren een master hebben; op dit moment is dat al "
        "47 procent.",
    )
    assert masters.verdict == "deels"
    assert any(f.report_value == "37%" for f in masters.findings if f.status == "contradicted")
    # Goal 12: the first results are expected in 2018, not at the end of 2017.
    vouchers = check(
        report_index,
        "Sinds 2016 betaalt de minister van SZW scholingsvouchers voor werkzoekenden; de eerste "
        "resultaten worden al eind 2017 verwacht.",
    )
    assert vouchers.verdict != "klopt"


def test_net_geen_with_a_number_is_almost_not_a_negation() -> None:
    # Goal 9: "een subsidie van bijna 2 miljoen euro".
    assert not negated("het Alfa-college kreeg net geen twee miljoen euro")
    assert not negated("er zijn nog geen 40 trainees gestart")
    (almost,) = quantities("net geen 2 miljoen euro")
    assert almost.bound == "almost"  # close below (session 19: "bijna", "nagenoeg", "net geen")
    (below,) = quantities("nog geen 40 trainees")
    assert below.bound == "less"
    assert negated("er is nog geen besluit genomen")
    assert negated("het Alfa-college kreeg geen twee miljoen euro")


def test_the_passage_negates_the_same_word_in_another_form() -> None:
    # Goal 1: "Ondanks dit aanbod presteerden de leerlingen op deze scholen niet beter."
    passage = (
        "Aan dit onderzoek deden ook twintig voorhoedescholen mee. Ondanks dit aanbod "
        "presteerden de leerlingen op deze scholen niet beter."
    )
    assert negates_too("de voorhoedescholen lieten geen betere prestaties zien", passage)
    assert not negates_too("de voorhoedescholen lieten geen grotere groei zien", passage)


@pytest.mark.slow
def test_a_place_adjective_in_a_name_is_the_place(report_index: Index) -> None:
    # Goal 1: "De Rotterdamse Maakotheek maakt het scholen gemakkelijk om kwalitatief goede
    # lessen W&T te geven." ... "De kern van het aanbod is een abonnement op kennis, materiaal
    # en onderhoud."
    result = check(
        report_index,
        "De Utrechtse Maakotheek biedt basisscholen een abonnement op kennis, materiaal en "
        "onderhoud voor hun W&T-lessen.",
    )
    assert result.verdict == "klopt_niet"
    assert any(f.report_value == "Rotterdamse" for f in result.findings)
    alfa = check(
        report_index,
        "Onderwijsminister Bussemaker kende het Alfa-college net geen twee miljoen euro toe uit "
        "het Rif.",
    )
    assert alfa.verdict == "klopt"


def test_a_plain_en_joins_two_claims_only_before_a_verb() -> None:
    # Two subjects or two objects of one claim: not two claims.
    assert len(clauses(
        "in september 2015 presenteerden de staatssecretaris en de minister van OCW hun plannen "
        "om de loopbaanoriëntatie te verbeteren"
    )) == 1  # fmt: skip
    assert len(clauses(
        "PBT hield op 7 maart een OnderwijsRebels-middag voor vo-docenten en schoolleiders, "
        "samen met Microsoft en Professional Rebel"
    )) == 1  # fmt: skip
    # A second statement with its own verb stays a part of its own.
    assert clauses(
        "Ans Hekkenberg is in 2016 ambassadeur geworden en richt zich vooral op meisjes in havo"
    ) == ["Ans Hekkenberg is in 2016 ambassadeur geworden", "richt zich vooral op meisjes in havo"]
    assert len(clauses(
        "de Food en Proces Campus won de ProMotor Award 2017 en samen met het ROC van Amsterdam "
        "leidt de campus procesoperators op"
    )) == 2  # fmt: skip


def test_maar_before_a_number_means_only() -> None:
    text = "naast 22 BedrijfsDOTs worden er dit schooljaar maar 12 cursussen Bètaberoepen gegeven"
    assert clauses(text) == [text]
    assert len(clauses("er zijn 38 trainees gestart maar de helft is gestopt met het traject")) == 2


@pytest.mark.slow
def test_the_same_number_of_another_thing_is_not_the_claims(report_index: Index) -> None:
    # Goal 6: "... organiseren samen met het bedrijfsleven 22 BedrijfsDOTs en 22 Cursussen
    # Bètaberoepen in de les voor VO-bètadocenten".
    result = check(
        report_index,
        "Naast 22 BedrijfsDOTs worden er dit schooljaar maar 12 cursussen Bètaberoepen in de les "
        "georganiseerd voor bètadocenten in het vo.",
    )
    assert result.verdict == "klopt_niet"
    (wrong,) = [f for f in result.findings if f.status == "contradicted"]
    assert (wrong.claim_value, wrong.report_value) == ("12", "22")
    # Goal 3: "Momenteel werken 100 grote bedrijven en 3.300 mkb-ers samen met ...": each
    # claimed count stands against its own.
    both = check(report_index, "Zo'n 3.300 mkb-bedrijven en honderd grote bedrijven werken in de "
                 "netwerken samen met scholen.")  # fmt: skip
    assert both.verdict == "klopt"


def test_meer_dan_before_a_number_word_is_an_approximation() -> None:
    assert direction_of("op de havo kiest iets meer dan vier op de tien leerlingen") is None
    assert direction_of("meer dan de helft van de scholen doet mee") is None
    assert direction_of("er kiezen meer leerlingen voor techniek") == "up"


@pytest.mark.slow
def test_a_sentence_beside_the_quote_says_otherwise(report_index: Index) -> None:
    # Goal 1: "Aan dit onderzoek deden ook twintig voorhoedescholen mee, ... Ondanks dit aanbod
    # presteerden de leerlingen op deze scholen niet beter."
    better = check(
        report_index,
        "Is het waar dat leerlingen op de twintig voorhoedescholen dankzij hun rijkere aanbod "
        "beter presteerden bij Natuur en Techniek?",
    )
    assert better.verdict == "klopt_niet"
    assert any("niet beter" in (f.report_value or "") for f in better.findings)
    # Goal 6: "... Deze lichtingen zijn de laatste die gestart zijn in de huidige vorm."
    first = check(
        report_index,
        "Klopt het dat de trainees die in augustus 2016 begonnen, de eerste lichting vormen in "
        "de huidige opzet van de programma's?",
    )
    assert first.verdict == "klopt_niet"
    assert any(f.report_value == "laatste" for f in first.findings)
    # Goal 4: the N-profile share "is stabiel gebleven"; 43% on the havo holds.
    rose = check(
        report_index,
        "Klopt het dat op de havo 43 procent van de leerlingen een N-profiel kiest en dat dit "
        "aandeel in 2016-2017 is gestegen?",
    )
    assert rose.verdict == "deels"
    # The passage's own sentence beside it does not turn a true claim.
    havo = check(
        report_index,
        "Op de havo kiest iets meer dan vier op de tien leerlingen voor een N-profiel.",
    )
    assert havo.verdict == "klopt"


@pytest.mark.slow
def test_a_sentence_close_in_meaning_states_a_reworded_claim(report_index: Index) -> None:
    # Goal 4: "Het bovensectoraal expertisepunt LOB gaat deze zomer van start en zal scholen
    # faciliteren ..." (few of the claim's words, the same meaning).
    reworded = check(
        report_index,
        "Is het waar dat deze zomer een sectoroverstijgend expertisepunt voor "
        "loopbaanoriëntatie en -begeleiding begint dat scholen daarbij moet ondersteunen?",
    )
    assert reworded.verdict == "klopt"
    assert reworded.quote is not None and "bovensectoraal expertisepunt" in reworded.quote.text
    # Nothing in the report says the unions left the centres of expertise.
    unions = check(
        report_index,
        "Klopt het dat vakbonden zich volgens het rapport hebben teruggetrokken uit de Centres "
        "of expertise?",
    )
    assert unions.verdict == "niet_in_rapport"
