"""The name gate (session 52): a question about a name the report never mentions abstains.
Which names the report holds was read from the report
(corpus/techniekpact-voortgangsrapportage-2017.txt: no "Microsoft", "Philips", "ASML", "Shell",
"Siemens", "VNG" or "NEMO"; "4TU", "FME", "VHTO", "Google", "DigiLeerkracht", "Kamerstuk",
"Friese", "Den Haag" and "Dordrecht" are in it); the questions are worded apart from the
question sets."""

from __future__ import annotations

import json

import pytest

from ingest.regions import Gazetteer, load_gazetteer
from kb.answers.answer import answer
from kb.answers.names import Vocabulary, unknown_names, vocabulary
from kb.index import Index
from kb.render import SCHEMA_VERSION, answer_record, answer_text


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def words(report_index: Index) -> Vocabulary:
    return vocabulary(report_index)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Werkt Philips ook mee aan de Techniekpact-netwerken?", ("Philips",)),
        ("Heeft ASML een eigen opleiding opgezet met een roc?", ("ASML",)),
        ("Betaalt Shell mee aan de gastlessen?", ("Shell",)),
        ("Wat doen Siemens en FME samen voor de TU's?", ("Siemens",)),
        # two capitals: a name even as the first word
        ("VNG en OCW: welke afspraken over techniekonderwijs?", ("VNG",)),
        ("Doen NEMO en Microsoft mee aan het learning programme?", ("NEMO", "Microsoft")),
    ],
)
def test_names_the_report_never_mentions(
    words: Vocabulary, gazetteer: Gazetteer, question: str, names: tuple[str, ...]
) -> None:
    assert unknown_names(question, words, gazetteer) == names


@pytest.mark.parametrize(
    "question",
    [
        # names of the report, also inside a word of it ("4TU") or with a suffix
        "Hoeveel mensen uit bedrijven gaan lesgeven op de TU's?",
        "Wat doen FME en de 4TU samen?",
        "Van welke organisaties is DigiLeerkracht, naast Google?",
        "Welk Kamerstuknummer hoort bij de brief over Sterk Beroepsonderwijs?",
        "Hoeveel bedrijven doen mee aan Jetnet?",
        "Wie deed er mee aan Science Makers?",
        # an abbreviation of a name the report writes out, and the reverse written apart
        "Wie van de UvA zit in de BedrijfsDOT?",
        "Waar richt het CoE Water & Energy zich op?",
        "Hoeveel TiB-netwerken zijn er?",
        "Op welke school liep de pilot van Tech Your Future?",
        # a word the report has only at the head of longer words (bètatechniek)
        "Wat doet het Platform Bèta Techniek?",
        # places and words formed from them: the place gate's
        "Welke Haagse mbo-school zoekt docenten voor cybersecurity?",
        "Wanneer begon de Dordtse Duurzaamheidsfabriek?",
        "Welk roc in Veenendaal zoekt docenten?",
        # a capital that starts the question or a sentence in it
        "Hoeveel robots krijgen de scholen? Hoeveel scholen zijn er?",
        # no names at all
        "hoeveel basisscholen doen mee aan digileerkracht",
    ],
)
def test_names_of_the_report_places_and_plain_words_are_known(
    words: Vocabulary, gazetteer: Gazetteer, question: str
) -> None:
    assert unknown_names(question, words, gazetteer) == ()


def test_an_abbreviation_is_known_by_the_initials_of_a_name_inside_a_sentence() -> None:
    words = Vocabulary.of(["Dat deed de Universiteit van Amsterdam. In Nederland (SGR) in Delft."])
    assert unknown_names("Wat doet de UvA?", words, None) == ()
    # Not the initials of a sentence's first words, nor across brackets.
    assert unknown_names("Wat doet het INL?", words, None) == ("INL",)
    assert unknown_names("Wat doet de SID?", words, None) == ("SID",)


def test_a_vocabulary_knows_forms_compounds_and_parts_of_its_words() -> None:
    words = Vocabulary.of(
        ["De 4TU en de Friese scholen.", "Een Kamerstuk van OCW.", "Jet-Net en ScienceMakers."]
    )
    assert words.knows("TU")  # a part of "4TU"
    assert words.knows("Friesland")  # shares "Fries" with "Friese"
    assert words.knows("Kamerstuknummer")  # a compound on "Kamerstuk"
    assert words.knows("Makers")  # the tail of "ScienceMakers"
    assert words.knows("Jetnet")  # "Jet-Net" written as one
    assert not words.knows("Microsoft")


@pytest.mark.parametrize(
    "question",
    [
        # Session 51 answered both with a sentence about what the report does name.
        "Doet Microsoft naast Google ook mee aan het programma DigiLeerkracht?",
        "Werkt de VNG ook mee aan de oproep voor een Nationaal Akkoord voor menselijk kapitaal?",
    ],
)
def test_a_question_about_a_name_the_report_lacks_abstains(
    report_index: Index, question: str
) -> None:
    assert answer(report_index, question).abstained


def test_the_same_question_about_a_name_of_the_report_is_answered(report_index: Index) -> None:
    result = answer(report_index, "Welke organisaties zitten achter het programma DigiLeerkracht?")
    assert not result.abstained and "VHTO" in result.text


def test_an_abstention_for_a_name_says_which_words_the_report_lacks(report_index: Index) -> None:
    result = answer(
        report_index, "Doet Microsoft naast Google ook mee aan het programma DigiLeerkracht?"
    )
    assert result.abstained and result.not_in_report == ("Microsoft",)
    record = json.loads(answer_record("q", result).to_json())
    assert record["schema_version"] == SCHEMA_VERSION == 4
    assert record["answer"]["not_in_report"] == ["Microsoft"]
    assert "Niet in het rapport: Microsoft." in answer_text(result)


def test_an_answer_and_a_plain_abstention_name_nothing(report_index: Index) -> None:
    answered = answer(
        report_index, "Welke organisaties zitten achter het programma DigiLeerkracht?"
    )
    assert not answered.abstained and answered.not_in_report == ()
    # Abstains for another reason (the report gives no figure for 2014).
    plain = answer(report_index, "Hoeveel basisscholen deden in 2014 mee aan DigiLeerkracht?")
    assert plain.abstained and plain.not_in_report == ()
    assert "Niet in het rapport" not in answer_text(plain)


def test_a_name_is_said_without_its_suspended_hyphen_or_suffix() -> None:
    words = Vocabulary.of(["De VO-HO-netwerken en de 4TU."])
    question = "Wanneer dienen de TiB- en VO-HO-netwerken en de TU's hun aanvraag in?"
    assert unknown_names(question, words, None) == ("TiB",)


def test_the_vocabulary_is_read_once_per_loaded_index(report_index: Index) -> None:
    # Held by a weak reference: a swapped build is freed (tests/test_serve_holder.py).
    assert vocabulary(report_index) is vocabulary(report_index)
