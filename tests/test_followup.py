"""Follow-up questions read against the conversation's base question (kb.followup)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.evaluation.conversations import load_conversations
from kb.followup import Previous, Resolved, Said, base_of, resolve_followup
from kb.index import Filters, Index
from tests.support.ingest_fixtures import ROOT

REGIONS = ["Limburg", "Twente", "Noord-Brabant", "Fryslân", "Den Haag"]
CROSS_OVER = "hoeveel cross-over kwalificaties raken techniek?"


def test_a_question_without_a_previous_one_is_searched_as_asked() -> None:
    resolved = resolve_followup("  en in   Limburg? ", None, REGIONS)
    assert (resolved.searched, resolved.kind) == ("en in Limburg?", "new")


def test_a_new_place_replaces_the_place_of_the_previous_question() -> None:
    previous = Previous("Welke voorbeelden zijn er in Twente?", goal=9)
    resolved = resolve_followup("en in Limburg?", previous, REGIONS)
    assert resolved.searched == "Welke voorbeelden zijn er in Limburg?"
    assert (resolved.kind, resolved.goal) == ("refined", None)


def test_places_are_matched_without_case_and_accents() -> None:
    previous = Previous("Welke projecten lopen er in Fryslân?")
    resolved = resolve_followup("En in noord-brabant?", previous, REGIONS)
    assert resolved.searched == "Welke projecten lopen er in noord-brabant?"


def test_a_place_is_added_when_the_previous_question_named_none() -> None:
    resolved = resolve_followup("en in Limburg?", Previous(CROSS_OVER, goal=9), REGIONS)
    assert resolved.searched == "Hoeveel cross-over kwalificaties raken techniek in Limburg?"
    # "en hoe zit het met Limburg?" names the place alone: "in" is added before it.
    resolved = resolve_followup("en hoe zit het met Limburg?", Previous(CROSS_OVER), REGIONS)
    assert resolved.searched == "Hoeveel cross-over kwalificaties raken techniek in Limburg?"


def test_en_hoe_zit_het_met_swaps_the_subject() -> None:
    previous = Previous("Hoeveel pabo's doen mee aan W&T?")
    resolved = resolve_followup("en hoe zit het met de lerarenopleidingen?", previous)
    assert resolved.searched == "Hoeveel lerarenopleidingen doen mee aan W&T?"


def test_a_short_which_question_is_a_followup() -> None:
    previous = Previous("Hoeveel scholen doen mee aan Jet-Net?")
    resolved = resolve_followup("welke scholen?", previous)
    assert (resolved.searched, resolved.kind) == ("Welke scholen doen mee aan Jet-Net?", "refined")


def test_a_goal_replaces_the_goal_of_the_previous_question() -> None:
    previous = Previous("Welke voorbeelden staan bij doel 3?")
    resolved = resolve_followup("en bij doel 5?", previous)
    assert resolved.searched == "Welke voorbeelden staan bij doel 5?"


@pytest.mark.parametrize(
    "question", ["welk doel is dat?", "Welk doel?", "bij welk doel hoort dit?", "welk doel is het"]
)
def test_which_goal_is_answered_from_the_previous_answer(question: str) -> None:
    resolved = resolve_followup(question, Previous(CROSS_OVER, goal=9))
    assert (resolved.kind, resolved.about, resolved.searched) == (
        "about_previous",
        "goal",
        CROSS_OVER,
    )


def test_where_is_that_is_answered_from_the_previous_answer() -> None:
    resolved = resolve_followup("waar staat dat in het rapport?", Previous(CROSS_OVER, goal=9))
    assert (resolved.kind, resolved.about) == ("about_previous", "place")


def test_when_was_that_asks_the_previous_topic_within_its_goal() -> None:
    resolved = resolve_followup("wanneer was dat?", Previous(CROSS_OVER, goal=9))
    assert resolved.searched == "Wanneer raken cross-over kwalificaties techniek?"
    assert (resolved.kind, resolved.goal, resolved.base) == ("refined", 9, False)


def test_who_did_that_keeps_its_own_words() -> None:
    previous = Previous("Welk bedrag kreeg het Alfa-college voor het innovatiecentrum?", goal=9)
    # A preposition before the question word, and "dat geld" naming the base's thing.
    resolved = resolve_followup("Van wie kwam dat geld?", previous)
    assert resolved.searched == (
        "Van wie kwam het bedrag dat het Alfa-college voor het innovatiecentrum kreeg?"
    )
    # "dat" is the base's thing, in a relative clause with the base's own verb at the end.
    resolved = resolve_followup("wie gaf dat?", previous)
    assert (
        resolved.searched
        == "Wie gaf het bedrag dat het Alfa-college voor het innovatiecentrum kreeg?"
    )
    assert resolved.goal == 9
    resolved = resolve_followup("wanneer was dat?", previous)
    assert (
        resolved.searched == "Wanneer kreeg het Alfa-college voor het innovatiecentrum het bedrag?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Welk doel gaat over stageplaatsen in het mbo?",
        "Hoeveel robots krijgen Groningse basisscholen?",
        "Wat doet het Techniekpact voor vrouwen in de techniek en voor vijftigplussers?",
        "Enkele voorbeelden uit Limburg?",
    ],
)
def test_questions_that_stand_on_their_own_are_searched_as_asked(question: str) -> None:
    resolved = resolve_followup(question, Previous(CROSS_OVER, goal=9), REGIONS)
    assert (resolved.searched, resolved.kind) == (question, "new")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_any_question_after_any_question_is_read_without_error(question: str, before: str) -> None:
    # "../../etc/passwd" after a question made the reader index an empty word.
    base = Previous(before, goal=3) if before.strip() else None
    resolved = resolve_followup(question, base, REGIONS)
    if question.strip():
        assert resolved.searched.strip()
    resolve_followup(question, Previous("../../etc/passwd"), REGIONS)


def test_a_huge_question_is_cut_before_any_work(
    sample_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The follow-up step ran on the whole text before the search cut it to 1,000 characters,
    # and every distinct question stayed in the caches: 200 questions of 1 MB kept 463 MB.
    import app.session as session

    seen: list[int] = []
    real = session.resolve_followup

    def spy(asked: str, *args: object, **kwargs: object) -> object:
        seen.append(len(asked))
        return real(asked, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session, "resolve_followup", spy)
    limit = sample_index.settings.max_question_chars
    turn = session.ask(sample_index, "techniek " * 120_000, Filters(), 5)
    # Cut by kb.text.limit_question: at the last space before the limit.
    assert len(seen) == 1 and limit * 0.8 < seen[0] <= limit
    assert len(turn.asked) == seen[0] and turn.answer is not None


ALFA = "Hoeveel geld kreeg het Alfa-college voor het innovatiecentrum?"


def test_a_rewrite_around_dat_or_a_failed_swap_is_never_built_upon() -> None:
    first = Said(Resolved(ALFA, ALFA, "new"), goal=9, answered=True)
    derived = resolve_followup("wie gaf dat?", Previous(ALFA, goal=9))
    failed = Said(Resolved("en in Limburg?", f"{ALFA} in Limburg?", "refined"), None, False)
    assert base_of([first, Said(derived, 9, True)]) == Previous(ALFA, 9)
    assert base_of([first, failed]) == Previous(ALFA, 9)
    # So "en hoe zit het met Limburg?" after "wie gaf dat?" swaps into the first question.
    base = base_of([first, Said(derived, 9, True)])
    resolved = resolve_followup("en hoe zit het met Limburg?", base, REGIONS)
    assert resolved.searched == f"{ALFA[:-1]} in Limburg?"


def test_the_conversation_set_is_large_enough_and_quotes_the_report() -> None:
    conversations = load_conversations(ROOT / "eval" / "conversations.jsonl")
    assert len(conversations) >= 60
    assert all(2 <= len(c.turns) <= 3 for c in conversations)
    report = ROOT / "corpus" / "techniekpact-voortgangsrapportage-2017.txt"
    lines_list = report.read_text("utf-8").splitlines()
    for conversation in conversations:
        later = conversation.turns[1:]
        assert any(t.searched or t.fact for t in later), conversation.id
        for turn in conversation.turns:
            if turn.fact:
                assert any(turn.fact in line for line in lines_list), (conversation.id, turn.fact)
