"""List and overview questions: which questions are lists, and the parts of the report they list.

Expected parts are read from the report (corpus/techniekpact-voortgangsrapportage-2017.txt):
the places each example names, the organisations in its text, the goals' titles.
"""

from __future__ import annotations

import pytest

from ingest.regions import load_gazetteer
from kb.analyser import analyse
from kb.answers.answer import answer
from kb.answers.goal_themes import goal_of_theme, goals_of_theme
from kb.answers.list_question import list_request
from kb.answers.listing import list_items
from kb.index import Index

GAZETTEER = load_gazetteer()


def _examples(*ids: str) -> set[str]:
    return {f"doel-{i[:2]}/voorbeeld/{i[3]}" for i in ids}


@pytest.mark.parametrize(
    "question",
    [
        # Questions after one fact that name an example, a goal or a source only to say where
        # the fact stands.
        "Hoeveel mbo-scholen doen mee aan het voorbeeld over meer meisjes in de techniek?",
        "Welke website hoort bij het voorbeeld van het Alfa-college?",
        "Welke scholen zitten in de BedrijfsDOT Arduino, het voorbeeld bij doel 6?",
        "Waar staat de afkorting STERA voor?",
        "Waar komen de kandidaten voor het certificeringstraject vandaan?",
        "Wie hebben de doelen van de aanpak voor meer meisjes in de mbo-techniek opgesteld?",
        "Welk Kamerstuk gaat over het project Boris?",
        "datum Kamerstuk 33566-96",
        "Welke projecten die met het Zeeuwse rijksgeld worden betaald, noemt het rapport bij naam?",
        "Wat hebben OCW, EZ en de 4TU bij doel 10 samen opgeleverd?",
        "Waar lees ik meer over de middag OnderwijsRebels van PBT?",
        "Welk voorbeeld bij doel 7 gaat over een pool van leraren uit bedrijven?",
        "Klopt het dat er vier voorbeelden uit Limburg zijn?",
    ],
)
def test_a_question_after_one_fact_is_no_list_question(question: str) -> None:
    assert list_request(question, GAZETTEER, {}) is None


@pytest.mark.parametrize(
    ("question", "kind", "goal", "provinces", "regions"),
    [
        ("Welke praktijkvoorbeelden zijn er in Drenthe?", "examples", None, ("Drenthe",), ()),
        ("initiatieven Zuid-Holland", "examples", None, ("Zuid-Holland",), ()),
        ("Is er een project in de stad Utrecht?", "examples", None, (), ("Utrecht",)),
        ("Welke resultaten zijn er bij het vijfde doel?", "achievements", 5, (), ()),
        ("Wat zijn de resultaten van doel 3?", "achievements", 3, (), ()),
        ("Noem de twaalf doelen", "goals", None, (), ()),
        ("Welke doelstellingen heeft het Techniekpact?", "goals", None, (), ()),
        ("Welke kamerbrieven horen bij doel 12?", "footnotes", 12, (), ()),
        ("bronnen doel vier", "footnotes", 4, (), ()),
        ("Waar komt VHTO voor?", "mentions", None, (), ()),
        ("Hoeveel voorbeelden zijn er in Zeeland?", "examples", None, ("Zeeland",), ()),
        ("Hoe staat het met doel 9?", "achievements", 9, (), ()),
        ("Wat zijn voorbeelden bij doel 2?", "examples", 2, (), ()),
    ],
)
def test_the_kind_and_scope_of_a_list_question(
    question: str,
    kind: str,
    goal: int | None,
    provinces: tuple[str, ...],
    regions: tuple[str, ...],
) -> None:
    request = list_request(question, GAZETTEER, {})
    assert request is not None
    assert (request.kind, request.goal, request.provinces, request.regions) == (
        kind,
        goal,
        provinces,
        regions,
    )


@pytest.mark.slow
def test_goals_named_by_their_theme(report_index: Index) -> None:
    titles = report_index.goal_titles
    # Goal 2: "Beter toerusten leerkrachten in het basisonderwijs ..."; the user's words differ.
    assert goal_of_theme(analyse("leraren basisschool"), titles) == 2
    # Goal 6: "Professionalisering van docenten ... in het voortgezet onderwijs".
    assert goal_of_theme(analyse("docenten voortgezet onderwijs"), titles) == 6
    # Goal 9 "... voldoende geschikte stageplaatsen/leerwerkplekken": one word is enough when
    # it is all that is asked.
    assert goal_of_theme(analyse("stageplaatsen"), titles) == 9
    # Goal 1 "Alle basisscholen ...", goal 2 "... in het basisonderwijs", goal 3 "... basis- en
    # voortgezet onderwijs"; no other title names primary schools.
    assert goals_of_theme(analyse("basisonderwijs"), titles) == [1, 2, 3]
    # "beroepsonderwijs" stands in the titles of goals 5, 7, 8 and 9 (10 says "hoger onderwijs").
    assert goals_of_theme(analyse("beroepsonderwijs"), titles) == [5, 7, 8, 9]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Servicepunt Techniek Drenthe; the labour-market dashboard for Groningen/Noord-Drenthe.
        ("Welke praktijkvoorbeelden zijn er in Drenthe?", _examples("11/1", "11/2")),
        # Rotterdam, Den Haag, Delft, Servicepunt Techniek Zuid-Holland, Rijnmond/Haaglanden.
        ("initiatieven Zuid-Holland", _examples("01/2", "07/2", "10/1", "11/1", "12/3")),
        ("Welk project speelt in Zaanstad?", _examples("08/1")),
        # No example names Zwolle: the examples of its province, Overijssel.
        ("Zijn er voorbeelden uit Zwolle?", _examples("02/2", "03/2", "10/1", "11/3")),
        # The examples that name no place at all.
        (
            "Welke landelijke voorbeelden noemt het rapport?",
            _examples("03/3", "04/3", "05/3", "09/3", "10/3"),
        ),
        # Groningen, Fryslân and Drenthe.
        (
            "Welke voorbeelden zijn er in Noord-Nederland?",
            _examples("01/3", "03/1", "08/2", "09/2", "11/1", "11/2"),
        ),
        ("Bij welke projecten is Google betrokken?", _examples("02/2")),
        # "MBO-Raad" written without its hyphen and capitals.
        ("In welke voorbeelden komt de mbo raad voor?", _examples("05/3", "08/2")),
        ("voorbeelden met OTIB", _examples("07/1", "11/1", "11/3")),
        ("In welke voorbeelden komt 4TU voor?", _examples("10/1")),
        # "Pedagogische Academie Hanzehogeschool Groningen"; not every example with "school".
        ("Welke voorbeelden noemen de Hanzehogeschool?", _examples("01/3")),
        (
            "Welke voorbeelden horen bij het doel over docenten in het voortgezet onderwijs?",
            _examples("06/1", "06/2", "06/3"),
        ),
        # "mbo" is "middelbaar beroepsonderwijs", in the titles of goals 5 and 9 alike.
        (
            "Welke voorbeelden worden genoemd bij het doel over het mbo?",
            _examples("05/1", "05/2", "05/3", "09/1", "09/2", "09/3"),
        ),
        # "over de grens" and "grensoverschrijdende" in goal 11's second and third example.
        ("Welke voorbeelden gaan over de landsgrens heen?", _examples("11/2", "11/3")),
        # "Regionaal investeringsfonds mbo": ROC Mondriaan's P@ct, the Alfa-college's subsidy.
        (
            "Welke projecten hebben geld gekregen uit het Regionaal investeringsfonds mbo?",
            _examples("07/2", "09/2"),
        ),
        (
            "Wat is er bereikt voor leerkrachten in het basisonderwijs?",
            {f"doel-02/bereikt/0{n}" for n in (1, 2, 3, 4)},
        ),
        ("Welke doelen gaan over het basisonderwijs?", {"doel-01", "doel-02", "doel-03"}),
        ("Welke doelstellingen heeft het Techniekpact?", {f"doel-{n:02d}" for n in range(1, 13)}),
        ("Welke bronnen staan in het rapport?", {f"voetnoot/{n:02d}" for n in range(1, 17)}),
        ("Welke kamerbrieven horen bij doel 12?", {"voetnoot/15", "voetnoot/16"}),
        # Footnotes that cite papers of the Tweede Kamer (Kamerstuk numbers, "Tweede Kamer,
        # vergaderjaar"), not the Inspectie's report nor the websites of footnotes 7-9, 11, 12, 14.
        (
            "Welke kamerstukken noemt het rapport?",
            {f"voetnoot/{n:02d}" for n in (2, 3, 4, 5, 6, 10, 13, 15, 16)},
        ),
        (
            "Welke Kamerbrieven van OCW worden aangehaald?",
            {"voetnoot/02", "voetnoot/05", "voetnoot/06", "voetnoot/10"},
        ),
        ("Noemt het rapport voorbeelden uit Limburg?", _examples("01/1", "05/2", "11/2", "12/3")),
        # Jet-Net and TechNet, in goal 3's first two achievements.
        (
            "In welke delen van het rapport komt TechNet voor?",
            {"doel-03/bereikt/01", "doel-03/bereikt/02"},
        ),
    ],
)
def test_list_items_of_general_wordings(
    report_index: Index, question: str, expected: set[str]
) -> None:
    request = list_request(question, GAZETTEER, report_index.goal_titles)
    assert request is not None
    assert {item.id.split("/", 1)[1] for item in list_items(report_index, request)} == expected


@pytest.mark.slow
def test_list_answers_name_their_places(report_index: Index) -> None:
    zwolle = answer(report_index, "Zijn er voorbeelden uit Zwolle?")
    assert "Overijssel" in zwolle.text and "Zwolle zelf komt niet voor" in zwolle.text
    provinces = answer(report_index, "Uit welke provincies komen de voorbeelden?")
    # Every province has at least one example; the examples that name no province are left out.
    assert "12 provincies" in provinces.text
    assert not {"doel-04/voorbeeld/3", "doel-10/voorbeeld/3"} & {
        item.id.split("/", 1)[1] for item in provinces.items
    }
    # A question after one fact of an example is answered as a question, not as a list.
    fact = answer(report_index, "Welke website hoort bij het voorbeeld van het Alfa-college?")
    assert fact.items == [] and fact.list_kind is None
