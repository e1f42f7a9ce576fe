"""Facts read from the report, checked against what ingest makes of it."""

from __future__ import annotations

import re

import pytest

from ingest.model import Document, to_source

# Goal titles as the report writes them in upper case (page headings), read by hand.
GOAL_TITLES = {
    1: "Alle basisscholen bieden hun leerlingen structureel wetenschap & technologie aan in "
    "2020, met een prominente plek voor digitale vaardigheden",
    2: "Beter toerusten leerkrachten in het basisonderwijs op het aanbieden van wetenschap & "
    "technologie",
    3: "Versterken van publiek-private samenwerkingen ten behoeve van basis- en voortgezet "
    "onderwijs",
    4: "Toename en het vasthouden van het aantal leerlingen in het voortgezet onderwijs dat "
    "voor een bètatechnisch profiel kiest en de inzet van loopbaanoriëntatie en –begeleiding "
    "(LOB)",
    5: "Verbeteren aansluiting tussen voortgezet onderwijs, middelbaar beroepsonderwijs en "
    "hoger onderwijs",
    6: "Professionalisering van docenten en meer docenten met een educatieve master in het "
    "voortgezet onderwijs",
    7: "Actieve samenwerking onderwijs en bedrijfsleven bij het opleiden en bijscholen van "
    "docenten in het beroepsonderwijs",
    8: "Verduurzamen van publiek-private samenwerkingen in het beroepsonderwijs",
    9: "Goede afstemming onderwijsaanbod met regionaal bedrijfsleven en instellingen in het "
    "voortgezet en het middelbaar beroepsonderwijs en voldoende geschikte "
    "stageplaatsen/leerwerkplekken (voor zowel jongens als meisjes)",
    10: "Goede afstemming tussen hoger onderwijsinstellingen met het bedrijfsleven en binnen "
    "het hoger onderwijs, en meer aandacht voor internationaal en technisch talent",
    11: "Bevorderen van integrale samenwerking van regionale en sectorale netwerken en betere "
    "arbeidsmarktinformatie ontsluiten",
    12: "Vakkrachten en hun talenten benutten en behouden voor het bedrijf, voor de sector en "
    "voor de techniek, door te investeren in duurzame inzetbaarheid van technici",
}

# Number of "→" bullets under "WAT IS ER BEREIKT?" per goal, counted in the report.
BULLETS = {1: 6, 2: 4, 3: 6, 4: 8, 5: 5, 6: 5, 7: 5, 8: 6, 9: 6, 10: 6, 11: 5, 12: 8}

FOOTNOTES = {
    1: "Inspectie van het Onderwijs, 2017. Peil Natuur en Techniek, 2015 – 2016",
    2: "Kamerstuk 31288-547, brief OCW, 6 juli 2016",
    3: "31524-301 Brief regering, 28 september 2016",
    4: "Tweede Kamer, vergaderjaar 2016–2017, 34 550 VIII, nr. 21.",
    5: "Kamerstuk 31524-311, brief OCW, 20 februari 2017",
    6: "Kamerstuk 27923-231, brief OCW, 29 november 2016",
    7: "www.mboraad.nl/publicaties/tekort-aan-techniekdocenten",
    8: "www.mboraad.nl/themas/professionalisering",
    9: "www.mboraad.nl/sites/default/files/documents/lerarenagenda_mbo_raad.pdf",
    10: "Kamerstuk 31524-310, brief OCW, 10 februari 2017.",
    11: "www.herzieningmbo.nl",
    12: "www.nro.nl/nieuwe-gecombineerde-leerweg-in-het-mbo-voorziet-in-behoefte",
    13: "Kamerstuk 31288-587, brief regering, 24 mei 2017",
    14: "Subsidiekaart: www.cko.online/content/data/CKO/subsidiekaart-mei-2016.pdf",
    15: "Kamerstuk 33566-96, brief SZW, 5 december 2016",
    16: "Kamerstuk 29544-763, brief SZW, 22 december 2016",
}

# Where each footnote is cited: goal, achievement bullet number, and the words before its
# marker as the cleaned text reads them (the marker itself gone).
CITED = {
    1: (1, 3, "peilingen uit 2008 en 2011"),
    2: (2, 2, "Procesevaluatie wetenschap en technologie op de pabo’"),
    3: (4, 6, "(LOB) in het onderwijs"),
    4: (4, 6, "de heer Duisenberg c.s."),
    5: (5, 1, "In de brief Sterk Beroepsonderwijs"),
    6: (6, 4, "Voortgangsrapportage lerarenagenda"),
    7: (7, 5, "het tekort aan techniekdocenten"),
    8: (
        7,
        5,
        "zal deze rapportage “Bouwstenen voor een actieplan tekorten techniekdocenten” "
        "gepubliceerd",
    ),
    9: (7, 5, "een eigen lerarenagenda voor het mbo ontwikkeld"),
    10: (8, 2, "De tussenevaluatie"),
    11: (9, 3, "door de regieorganisatie herziening mbo"),
    12: (9, 4, "is in mei 2017 gepubliceerd"),
    13: (10, 2, "knelpunten in de bekostiging van het hoger onderwijs opgeleverd"),
    14: (11, 2, "heeft SZW sinds mei 2016 een overzicht"),
    15: (12, 6, "Volgend op de voortgang"),
    16: (12, 7, "‘Actieplan perspectief voor vijftigplussers’"),
}

# Example titles (upper case in the report) with their web addresses, per goal.
EXAMPLES = {
    1: [
        ("KICK OFF ‘PROGRAMMEREN EN CODEREN OP LIMBURGSE SCHOLEN’", ["www.limburg.nl"]),
        ("DE MAAKOTHEEK ‘ONTZORGT’ SCHOLEN BIJ WETENSCHAP & TECHNOLOGIE.", ["www.techniekpact.nl"]),
        ("SUCCES VOOR LEERLIJN TECHNIEK, TALENT & ENERGIE PEDAGOGISCHE ACADEMIE", ["www.hanze.nl"]),
    ],
    2: [
        ("GOEDE EN INSPIRERENDE SFEER TIJDENS DRUKBEZOCHTE W&T ACADEMIE", ["www.ktwt.nl"]),
        (
            "LEERKRACHTTRAINING ONTDEK HET ZELF EN DIGILEERKRACHT",
            ["www.vhto.nl", "www.techyourfuture.nl"],
        ),
        (
            "PROFESSIONALISERING LEERKRACHTEN IN SAMENWERKING MET REGIONALE BEDRIJFSLEVEN IN OOST",
            ["www.kwto.nl"],
        ),
    ],
    3: [
        ("1E VAN 415 ROBOTS VOOR FRIESE BASISSCHOLEN VERWELKOMD", ["www.drachtstercourant.nl"]),
        (
            "OVERIJSSEL OPENT SUBSIDIE VOOR KIEZEN, LEREN EN WERKEN IN DE TECHNIEK",
            ["www.innofunding.nl"],
        ),
        ("ICT-PROFESSIONALS VERZORGEN GASTLESSEN IN VOORTGEZET ONDERWIJS", ["www.geefitdoor.nl"]),
    ],
    4: [
        (
            "IEDEREEN HEEFT RECHT OP GOED TECHNISCH ONDERWIJS",
            ["www.onderwijsenarbeidsmarkt.gelderland.nl"],
        ),
        ("DE VAKHAVO: VOOR DE PRAKTISCH GETALENTEERDE HAVIST", ["www.techniekpact.nl"]),
        ("SCIENCEMAKERS", ["www.sciencemakers.nl"]),
    ],
    5: [
        ("MAVO-LEERLINGEN DOEN ‘ONDERZOEK’ NAAR DIABETES", ["www.amsterdam.nl"]),
        ("TECHNIEKCOLLEGE PARKSTAD LIMBURG VERBETERT DOORSTROOM VMBO-MBO", ["www.techniekpact.nl"]),
        ("MEER MEISJES IN DE TECHNIEK", ["www.meermeisjesinmbotechniek.nl"]),
    ],
    6: [
        ("BEDRIJFSDOT ARDUINO", ["www.teacheracademy.nl"]),
        ("TEACHING & LEARNING LAB", ["www.teachinglearninglab.sites.uu.nl"]),
        ("ONDERWIJSREBELS MIDDAG MET IBM EN PROFESSIONAL REBEL", ["www.pbt-netwerk.nl"]),
    ],
    7: [
        ("LERARENPOOL UIT BEDRIJFSLEVEN", ["www.techyourfuture.nl"]),
        ("CYBERSECURITY ROC MONDRIAAN", ["www.techniekpact.nl"]),
        ("FIELDLAB FONTYS", ["www.circulairecarrieres.nl"]),
    ],
    8: [
        ("FOOD EN PROCES CAMPUS WINNAAR PROMOTOR AWARD 2017", ["www.wijzijnkatapult.nl"]),
        ("INSPIREREN VOOR LEVEN LANG LEREN", ["www.civwater.nl"]),
        ("CENTRES OF EXPERTISE POSITIEF BEOORDEELD", ["www.nritmedia.nl"]),
    ],
    9: [
        ("TOEKOMSTFONDS ONDERWIJS-ARBEIDSMARKT AMERSFOORT", ["www.economicboardutrecht.nl"]),
        ("ALFA-COLLEGE KRIJGT 2 MILJOEN VOOR INNOVATIECENTRUM", ["www.alfa-college.nl"]),
        ("WERVING VAN BBL-LEERBANEN EN BAROMETER DE KANSEN IN HET MBO", ["www.s-bb.nl"]),
    ],
    10: [
        ("PACT VAN TECHNISCHE UNIVERSITEITEN EN BEDRIJFSLEVEN", ["www.fme.nl"]),
        ("EXTRA GELD VOOR ONDERWIJS EN ECONOMIE ZEELAND", ["www.techniekpact.nl"]),
        ("AANDACHT VOOR INTERNATIONAAL TECHNISCH TALENT", ["www.agendastad.nl"]),
    ],
    11: [
        ("SERVICEPUNTEN TECHNIEK EN DWSRA", ["www.provincie.drenthe.nl", "www.agentschapszw.nl"]),
        (
            "REGIONALE ARBEIDSMARKTSINFORMATIE: PROVINCIAAL EN OVER DE GRENS",
            ["www.arbeidsmarktdashboard.nl", "www.samenvoordeklant.nl"],
        ),
        ("ONDERZOEK OVERIJSSEL INTERSECTORALE MOBILITEIT", ["www.overijssel.nl"]),
    ],
    12: [
        ("SUCCESVOL BEGIN ZIJ-INSTROOMPROJECT INSTALLATIETECHNIEK", ["www.regieraadtechniek.nl"]),
        ("HOUSE OF SKILLS", ["www.amsterdameconomicboard.com"]),
        ("VANUIT UITKERING OMSCHOLEN RICHTING TECHNIEK EN ICT", ["www.vakopleidingtechniek.nl"]),
    ],
}


def _unit(report: Document, goal: int, kind: str, number: int) -> str:
    units = report.goals[goal - 1].of_kind(kind)  # type: ignore[arg-type]
    return units[number - 1].text


def test_twelve_goals_with_their_titles_in_sentence_case(report: Document) -> None:
    assert [g.number for g in report.goals] == list(range(1, 13))
    for goal in report.goals:
        assert goal.title.lower() == GOAL_TITLES[goal.number].lower()
        assert goal.title[0].isupper() and not goal.title.isupper()
    assert "(LOB)" in report.goals[3].title


def test_seventy_achievement_bullets_each_its_own_unit(report: Document) -> None:
    counts = {g.number: len(g.of_kind("bereikt")) for g in report.goals}
    assert counts == BULLETS
    assert sum(counts.values()) == 70
    first = _unit(report, 9, "bereikt", 2)
    assert first.startswith("In het experiment cross-over kwalificaties")
    assert "waarvan er vier raken aan de techniek" in first
    assert "De afstemming tussen vmbo en mbo" not in first


def test_sub_bullets_and_lost_glyph_stay_in_their_bullet(report: Document) -> None:
    girlstech = _unit(report, 12, "bereikt", 8)
    assert girlstech.startswith("Om meer vrouwelijke vakkrachten")
    assert "› Landen met een vrouwelijke participatie boven 30%: Estland en Roemenië" in girlstech
    assert girlstech.count("\n›") == 3
    assert "In de periode tussen september 2016 en september 2018" in girlstech
    assert "�" not in girlstech


def test_thirty_six_examples_with_titles_and_web_addresses(report: Document) -> None:
    total = 0
    for goal in report.goals:
        examples = goal.of_kind("voorbeeld")
        expected = EXAMPLES[goal.number]
        assert len(examples) == 3
        for unit, (title, urls) in zip(examples, expected, strict=True):
            assert unit.title is not None and unit.title.upper() == title
            assert list(unit.urls[: len(urls)]) == urls
            assert unit.text and not unit.text.isupper()
            # The title and the web addresses as printed open and close the example's text.
            assert unit.text.startswith(title + "\n") and unit.lead == len(title)
            assert unit.text.endswith("\n" + "\n".join(urls))
        total += len(examples)
    assert total == 36


def test_goal_introductions_open_with_their_printed_heading(report: Document) -> None:
    for goal in report.goals:
        intro = goal.of_kind("inleiding")[0]
        heading = f"DOEL {goal.number} {GOAL_TITLES[goal.number].upper()}"
        assert intro.text[: intro.lead] == heading
        assert intro.text[intro.lead] == "\n"
    assert (
        report.goals[5]
        .of_kind("inleiding")[0]
        .text.startswith(
            "DOEL 6 PROFESSIONALISERING VAN DOCENTEN EN MEER DOCENTEN MET EEN EDUCATIEVE MASTER IN "
            "HET VOORTGEZET ONDERWIJS\nOm goed onderwijs te kunnen verzorgen"
        )
    )


def test_example_body_keeps_its_list_items(report: Document) -> None:
    girls = _unit(report, 5, "voorbeeld", 3)
    assert girls.startswith("MEER MEISJES IN DE TECHNIEK\n24 mbo-scholen gaan de komende twee jaar")
    assert "\n- Realisatie van een genderinclusieve cultuur en didactiek" in girls


def test_sixteen_footnotes_with_their_texts(report: Document) -> None:
    assert {f.number: f.text for f in report.footnotes} == FOOTNOTES


@pytest.mark.parametrize("number", sorted(CITED))
def test_footnote_attached_where_cited(report: Document, number: int) -> None:
    goal, bullet, before = CITED[number]
    unit = report.goals[goal - 1].of_kind("bereikt")[bullet - 1]
    positions = [at for n, at in unit.footnotes if n == number]
    assert len(positions) == 1
    assert unit.text[: positions[0]].endswith(before)


def test_glued_markers_are_separated(report: Document) -> None:
    text = _unit(report, 1, "bereikt", 3)
    assert "peilingen uit 2008 en 2011. Aan dit onderzoek" in text
    assert "20111" not in text
    assert "in het onderwijs. Dit gebeurt langs drie" in _unit(report, 4, "bereikt", 6)


def test_numbers_at_line_start_stay_body_text(report: Document) -> None:
    assert "Het experiment loopt van 1 juli 2016 tot en met 30 juni 2019." in _unit(
        report, 7, "bereikt", 3
    )
    assert "totaal 46 opleidingen die aan het experiment meedoen" in _unit(report, 9, "bereikt", 4)
    assert "\n24 mbo-scholen" in _unit(report, 5, "voorbeeld", 3)


def test_footnote_inside_a_sentence_is_lifted_out(report: Document) -> None:
    text = _unit(report, 5, "bereikt", 4)
    assert "keuzedelen voor technische mbo-opleidingen ontwikkeld, ter voorbereiding" in text
    assert "Kamerstuk" not in text
    assert "onderzoeken of de kwaliteit en de toegankelijkheid" in _unit(report, 9, "bereikt", 4)
    assert "eenheden van leeruitkomsten vast. Daarin" in _unit(report, 10, "bereikt", 6)


def test_paragraph_after_a_footnote_continues_its_bullet(report: Document) -> None:
    lob = _unit(report, 4, "bereikt", 6)
    assert "Het bovensectoraal expertisepunt LOB gaat deze zomer van start" in lob
    centres = _unit(report, 8, "bereikt", 5)
    assert "Beide evaluaties concluderen dat de Centres of expertise" in centres


def test_line_break_hyphens(report: Document) -> None:
    all_text = "\n".join(u.text for u in report.units)
    # Words the report splits at a line end ("opge-\nmaakt"), read from the source.
    for joined in [
        "basisonderwijs",
        "toekomstbestendig onderwijs",
        "TechniekTalent.nu",
        "mbo-instellingen",
        "BBL-studenten",
        "brancheorganisaties",
        "opgemaakt",
        "investeringen",
        "verbindend onderwijs",
        "Corné Pieterse",
        "laagdrempelige manier",
        "Professionalisering van de leerkrachten",
        "VO-bètadocenten",
        "tweedejaars student",
        "Roadmap 2025",
    ]:
        assert joined in all_text
    for kept in [
        "vmbo-leerlingen",
        "Toptechniek in Bedrijf-netwerken",
        "organisatie- en ontwikkelkracht",
        "basis- en voortgezet onderwijs",
    ]:
        assert kept in all_text
    for split in ["opge- maakt", "opgemaakt-", "investe-ringen", "Pieter- se"]:
        assert split not in all_text


def test_preface_is_split_into_its_paragraphs(report: Document) -> None:
    preface = [u for u in report.units if u.kind == "voorwoord"]
    assert len(preface) == 9
    # The cover's lines open the first paragraph, as printed: "JUNI 2017", "RAPPORTAGE", ...
    cover = "JUNI 2017 RAPPORTAGE NATIONAAL TECHNIEKPACT 2020 DE TUSSENSTAND IN 2017"
    assert preface[0].text.startswith(cover + "\nVoor u ligt de jaarlijkse Voortgangsrapportage")
    assert preface[0].lead == len(cover) and all(u.lead == 0 for u in preface[1:])
    assert "opgemaakt, met mogelijkheid" in preface[0].text
    assert preface[-1].text.endswith(
        "Daar zetten alle partners van het Techniekpact zich graag voor in."
    )


def test_offsets_point_into_the_source(report: Document, report_text: str) -> None:
    for unit in report.units:
        for clean_start, source_start, length in unit.segments:
            clean = unit.text[clean_start : clean_start + length]
            source = report_text[source_start : source_start + length]
            assert clean == source.replace("\u00a0", " "), unit.id
        assert to_source(unit.segments, 0) == unit.start
    bullet = report.goals[8].of_kind("bereikt")[1]
    position = bullet.text.index("waarvan er vier raken")
    offset = to_source(bullet.segments, position)
    assert report_text[offset : offset + 21] == "waarvan er vier raken"


def test_no_sentence_of_the_body_is_lost(report: Document, report_text: str) -> None:
    """Every body line of the source (footnotes, addresses and headings aside) is found in the
    units' text after white space is folded, bar its first and last word (which a line-break
    hyphen or a glued footnote marker may change)."""
    everything = " ".join(" ".join(u.text.split()) for u in report.units)
    skipped = set(FOOTNOTES.values())
    glued = re.compile(r"(?:(?<=[^\W\d_])|(?<=[’.]))\d{1,2}(?=[\s.,]|$)")
    for line in report_text.split("\n"):
        stripped = " ".join(line.split()).lstrip("→›� ").strip()
        words = stripped.split(" ")
        if (
            len(words) < 4
            or stripped.isupper()
            or stripped.startswith("www.")
            or any(stripped.endswith(f) for f in skipped)
        ):
            continue
        inner = glued.sub("", " ".join(words[1:-1]))
        assert inner in everything, line
