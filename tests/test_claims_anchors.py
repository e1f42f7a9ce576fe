"""What a claim is read against (issue 14, session 11): a capital after "Klopt het dat" is a
name's, "afnemende sectoren" are no decline, a ministry is a value of the claim (also written
as its letters alone), and a heading or footnote above the sentence that names the claim's
names does not hide it. Expected values are read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt).
"""

from __future__ import annotations

import pytest

from kb.claims.claim import clauses, direction_of, parse_claim
from kb.claims.contrast import labelled, ministries, without_ministries
from kb.claims.evidence import supports
from kb.claims.findings import Quote
from kb.claims.names import _person
from kb.claims.quantities import quantities
from kb.claims.verdict import check
from kb.claims.wording import direction
from kb.index import Index
from tests.support.claim_checks import assert_stands_against


def test_a_capital_after_the_asking_is_a_name_s() -> None:
    # Goal 5: "SLO heeft samen met een groep scholen het conceptschoolexamenprogramma ...".
    asked = parse_claim("Is het waar dat Cito samen met een groep scholen dit heeft ontwikkeld?")
    assert asked.statement.startswith("Cito ")
    # A claim that starts the sentence itself is read from its second word on.
    told = parse_claim("Het project Boris is van OCW, klopt dat?")
    assert told.statement.startswith("het project ")


def test_afnemende_sectoren_take_on_graduates_and_do_not_decline() -> None:
    # Goal 7: "Lerarenopleidingen stemmen in dit kader steeds meer af met (v)mbo-scholen en
    # afnemende sectoren of bedrijven."
    sentence = (
        "Lerarenopleidingen stemmen in dit kader steeds meer af met (v)mbo-scholen en afnemende"
        " sectoren of bedrijven."
    )
    assert direction_of(sentence) == "up"
    assert direction_of("het aantal techniekleraren is afnemende") == "down"


def test_more_of_something_as_a_purpose_is_no_direction() -> None:
    # Goal 6: "Hiervoor heeft de VSNU het Actieplan VSNU Lerarenagenda opgesteld, waarin onder
    # meer ... meer academisch opgeleide leraren"; goal 5: the aanpak for meisjes in the mbo.
    assert (
        direction_of("om onder meer meer academisch opgeleide leraren voor de klas te krijgen")
        is None
    )
    assert direction_of("in de aanpak voor meer meisjes in de mbo-techniek") is None
    assert direction_of("er kiezen meer meisjes voor techniek") == "up"


def test_a_ministry_by_its_letters_alone_is_a_ministry() -> None:
    # Goal 11: "... heeft SZW sinds mei 2016 een overzicht gemaakt ..."; goal 2's footnote:
    # "Kamerstuk 31288-547, brief OCW, 6 juli 2016"; goal 10: "De bewindslieden van OCW en
    # EZ hebben ...".
    assert ministries("heeft SZW sinds mei 2016 een overzicht gemaakt") == ("SZW", {"SZW"})
    assert ministries("Kamerstuk 31288-547, brief OCW, 6 juli 2016") == ("OCW", {"OCW"})
    assert ministries("De bewindslieden van OCW en EZ hebben") == (
        "bewindslieden van OCW en EZ",
        {"OCW", "EZ"},
    )
    # Letters inside a word are not a ministry's.
    assert ministries("een OCWB-regeling en een TEZ-project") is None
    found = labelled(
        "sinds mei 2016 houdt het ministerie van Economische Zaken een overzicht bij",
        "heeft SZW sinds mei 2016 een overzicht gemaakt van de nu bestaande subsidies",
    )
    assert [(f.claim_value, f.report_value) for f in found] == [
        ("ministerie van Economische Zaken", "SZW")
    ]


def test_which_ministry_is_not_what_the_claim_is_about() -> None:
    assert (
        without_ministries(
            "het project Boris wordt gesubsidieerd door de minister van Economische Zaken"
        )
        == "het project Boris wordt gesubsidieerd door de"
    )


def test_two_that_act_on_each_other_are_one_claim() -> None:
    # Goal 9 (Amersfoort): "Daarom werken zij gezamenlijk aan vijf speerpunten om die
    # verbinding te verbeteren."
    statement = (
        "werkgevers, scholen en gemeente in de regio Amersfoort werken aan vijf speerpunten om"
        " onderwijs en arbeidsmarkt beter op elkaar te laten aansluiten"
    )
    assert clauses(statement) == [statement]


def test_half_a_million_in_words_is_a_number() -> None:
    # Goal 12: "In totaal hebben de 76 sectorplannen meer dan 300 duizend deelnemers bereikt."
    (half,) = quantities("ruim een half miljoen deelnemers")
    assert (half.kind, half.number, half.bound) == ("count", 500_000, "some")
    (euros,) = quantities("anderhalf miljoen euro")
    assert (euros.kind, euros.number) == ("amount", 1_500_000)
    (report,) = quantities("meer dan 300 duizend deelnemers")
    assert not supports(half, report)
    # Goal 8: "... dragen per jaar gemiddeld €530.000 per Centre bij": "half" is no season.
    (centre,) = quantities("gemiddeld €530.000 per Centre")
    (claimed,) = quantities("ruim een half miljoen euro")
    assert supports(claimed, centre)


def test_a_title_may_be_written_with_the_ministry_before_it() -> None:
    # Goal 9: "Het Alfa-college heeft van onderwijsminister Jet Bussemaker een subsidie ...".
    sentence = "Het Alfa-college heeft van onderwijsminister Jet Bussemaker een subsidie"
    assert _person(sentence, ["Jet Bussemaker"])
    assert not _person(sentence, ["Alfa-college"])


def test_a_direction_the_claim_denies_is_not_the_opposite_of_no_change() -> None:
    # Goal 1: "... ongeveer gelijk zijn aan de prestaties bij de peilingen ..."; "Ondanks dit
    # aanbod presteerden de leerlingen op deze scholen niet beter."
    text = "Landelijk gezien zijn de leerling prestaties op dit gebied ongeveer gelijk."
    quote = Quote(text, 0, len(text), "x", None)  # type: ignore[arg-type]
    assert direction(parse_claim("hun leerlingen scoorden daardoor niet hoger"), quote) == []
    assert [f.status for f in direction(parse_claim("de prestaties zijn gestegen"), quote)] == [
        "contradicted"
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        # Goal 10: "Het aandeel bètatechnische studenten binnen het totaal aantal studenten in
        # het wo komt hiermee op 36%": "wetenschappelijk onderwijs" is the report's "wo".
        (
            "In het wetenschappelijk onderwijs studeert inmiddels zesendertig procent van alle"
            " studenten bètatechniek.",
            "klopt",
        ),
        # Goal 6: the Teaching & Learning Lab "bij de Universiteit Utrecht"; who opened it the
        # report does not say (a person stands against a person, not a university).
        (
            "Is het waar dat minister Bussemaker het Teaching & Learning Lab in Utrecht officieel"
            " heeft geopend?",
            "niet_in_rapport",
        ),
        # Goal 1: "De Rotterdamse Maakotheek maakt het scholen gemakkelijk ... De kern van het
        # aanbod is een abonnement op kennis, materiaal en onderhoud." (the sentence before
        # names what the quoted one is about).
        (
            "Is het waar dat de Maakotheek in Rotterdam scholen een abonnement aanbiedt op kennis,"
            " materialen en onderhoud voor de W&T-lessen?",
            "klopt",
        ),
        # Goal 6: "De ambitie is om in 2020 50% hbo- en wo-master opgeleide leraren te hebben
        # in het voortgezet onderwijs, momenteel heeft 37% van de docenten ... een
        # masteropleiding": a later part's "dit" is what the first part is about.
        (
            "Op dit moment heeft iets meer dan een derde van de leraren in het voortgezet"
            " onderwijs een master; het streven is dat dit in 2020 de helft is.",
            "klopt",
        ),
        # Goal 3: "Daarnaast zijn dertien gemeenten en drie provincies actief betrokken bij de
        # netwerken van Jet-Net en TechNet": each count is read against its own.
        (
            "Behalve scholen en bedrijven doen ook drie provincies en dertien gemeenten actief"
            " mee aan de netwerken van Jet-Net en TechNet.",
            "klopt",
        ),
        # Goal 7: "Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019."
        (
            "Het experiment educatieve minor ging op 1 juli 2016 van start en loopt tot eind juni"
            " 2019.",
            "klopt",
        ),
        # Goal 12: "De eerste twaalf van de 76 sectorplannen zijn inmiddels volledig afgerond"
        # and "... meer dan 300 duizend deelnemers bereikt".
        (
            "Van de 76 sectorplannen zijn de eerste twaalf helemaal afgerond, en samen hebben de"
            " plannen ruim een half miljoen deelnemers bereikt.",
            "deels",
        ),
    ],
)
def test_the_verdict_reads_the_report_s_words(
    report_index: Index, claim: str, verdict: str
) -> None:
    assert check(report_index, claim).verdict == verdict


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "shown"),
    [
        # Goal 2: "De pilot van de training is uitgevoerd op de Borgloschool in Deventer.",
        # below the heading "LEERKRACHTTRAINING ONTDEK HET ZELF EN DIGILEERKRACHT".
        (
            "Is het waar dat de leerkrachttraining Ontdek het Zelf is uitgeprobeerd op de"
            " Borgloschool in Apeldoorn?",
            "Deventer",
        ),
        # Goal 3: "De staatssecretaris van OCW subsidieert het project Boris."
        (
            "Het project Boris wordt gesubsidieerd door de minister van Economische Zaken.",
            "staatssecretaris van OCW",
        ),
        # Goal 10: "De bewindslieden van OCW en EZ hebben in samenwerking met de 4TU een
        # analyse van knelpunten in de bekostiging ..." (its footnote is ranked first).
        (
            "Het rapport zegt dat de bewindslieden van OCW en SZW samen met de 4TU een analyse"
            " hebben gemaakt van de knelpunten in de bekostiging van het hoger onderwijs —"
            " klopt dat?",
            "bewindslieden van OCW en EZ",
        ),
        # Goal 7: "... steeds meer af met (v)mbo-scholen en afnemende sectoren of bedrijven."
        (
            "Is het waar dat lerarenopleidingen zich steeds minder afstemmen met (v)mbo-scholen"
            " en bedrijven?",
            "meer",
        ),
        # The same, told: a first word the report never writes, where the sentence has
        # another name before the same words.
        (
            "Cito heeft samen met een groep scholen het conceptschoolexamenprogramma"
            " ‘Technologie en Toepassing’ ontwikkeld.",
            "SLO",
        ),
        # Goal 5: "SLO heeft samen met een groep scholen ... ontwikkeld."
        (
            "Is het waar dat Cito samen met een groep scholen het conceptexamenprogramma"
            " ‘Technologie en Toepassing’ heeft ontwikkeld?",
            "SLO",
        ),
    ],
)
def test_the_report_s_own_words_stand_against_the_claim(
    report_index: Index, claim: str, shown: str
) -> None:
    assert_stands_against(report_index, claim, shown)
