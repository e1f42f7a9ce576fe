"""Follow-up questions: read a short question in the context of the conversation before it.

A question is read as question phrase, finite verb and the rest (Dutch puts the verb second):
"Hoeveel geld | kreeg | het Alfa-college voor het innovatiecentrum?". A follow-up is rewritten
from those parts into a question that stands on its own, in Dutch word order:

- "wie gaf dat?" → "Wie gaf het geld dat het Alfa-college voor het innovatiecentrum kreeg?"
- "wanneer was dat?" → "Wanneer kreeg het Alfa-college voor het innovatiecentrum geld?"
- "welke scholen?" → "Welke scholen doen mee aan Jet-Net?" (after "Hoeveel scholen doen ...")
- "en hoe zit het met Limburg?" → the previous question with its place replaced, or "in
  Limburg" added
- "welk doel is dat?", "waar staat dat?" → answered from the previous answer itself.

A rewrite is built from the conversation's *base*: the last question that stands on its own
(asked as such, or a place/goal/subject swap that found an answer), so that a rewrite that
failed is never built upon. The app shows the question searched, and lets the reader edit it.

>>> base = Previous("Welke voorbeelden zijn er in Twente?", goal=9)
>>> resolve_followup("en in Limburg?", base, regions=["Limburg", "Twente"]).searched
'Welke voorbeelden zijn er in Limburg?'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kb.analyser import fold


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


FollowupKind = Literal["new", "refined", "about_previous"]
About = Literal["goal", "place"]

MAX_FOLLOWUP_WORDS = 7
"""A follow-up is short; a longer question stands on its own."""

_ANAPHORS = frozenset(
    {"dat", "dit", "die", "daar", "daarvan", "hiervan", "ervan", "hij", "zij", "ze"}
    | {"daarin", "daarbij", "daaraan", "daarover", "daarmee", "daarvoor"}
)
# "daarin" points at the base's thing with a preposition: "in de scholen die ...".
_PLACE_ANAPHORS = {"daar": "bij", "daarin": "in", "daarbij": "bij", "daaraan": "aan"}
_PLACE_ANAPHORS |= {"daarover": "over", "daarmee": "met", "daarvoor": "voor"}
_COPULAS = frozenset(
    {"is", "was", "waren", "zijn", "wordt", "werd", "gebeurde", "gebeurt", "er", "het"}
)
_NOUN_TAKERS = frozenset({"hoeveel", "welke", "welk"})
_QUESTION_WORDS = _NOUN_TAKERS | {"wanneer", "wie", "waar", "wat", "hoe", "waarom", "hoelang"}
# Finite verbs that questions about the report use; other verbs are found by their ending.
_VERBS = _word_set(
    "is was zijn waren wordt werd worden werden heeft hebben had hadden kreeg kregen krijgt "
    "krijgen ontving ontvingen ontvangt ontvangen gaf gaven geeft geven raakt raken kiest "
    "kiezen koos kozen doet doen deed deden gaat gaan ging gingen komt komen kwam kwamen "
    "staat staan stond stonden sloot sloten sluit sluiten telt tellen bedraagt bedroeg "
    "werkt werken werkte werkten biedt bieden bood boden levert leveren leverde leverden "
    "neemt nemen nam namen start starten startte startten begon begonnen kan kunnen kon "
    "konden moet moeten zal zullen wil willen volgt volgen volgde volgden zit zitten zat "
    "zaten steeg stegen daalde daalden groeide groeiden betaalde betaalden betaalt kost "
    "kostte kostten"
)
_NOT_VERBS = _word_set(
    "de het een in op van voor met bij aan naar over uit door er en of dat die dit deze"
)
# Nouns that take "het" (the rest take "de"), for "het geld dat ..." / "de scholen die ...".
_HET_NOUNS = _word_set(
    "geld aantal aandeel percentage bedrag doel project programma initiatief centrum "
    "innovatiecentrum convenant pact rapport onderzoek jaar plan budget fonds netwerk "
    "platform loket"
)
_CONNECTOR = re.compile(
    r"^\s*(?:en\s+hoe\s+(?:zit|staat)\s+het\s+(?:dan\s+)?met|en\s+ook|en|maar\s+ook|ook)\b\s*",
    re.IGNORECASE,
)
_GOAL_MENTION = re.compile(r"\bdoel\s+\d{1,2}\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\b")
_PREPOSITIONS = _word_set(
    "in op bij voor van aan met over uit na binnen tijdens onder per tot sinds"
)
# Words that show a short question leans on the one before: "het fonds", "de leerlingen".
_DEFINITE = frozenset({"het", "de", "deze", "die", "ze", "zij", "hij"})
_GOAL_WORDS = frozenset(
    {"welk", "welke", "doel", "hoort", "valt", "is", "was", "staat", "zit", "bij", "onder", "in"}
    | _ANAPHORS
    | {"het"}
)
_PLACE_WORDS = frozenset(
    {"waar", "staat", "stond", "vind", "ik", "in", "het", "rapport", "de", "bron", "wat", "is"}
    | _ANAPHORS
)


@dataclass(frozen=True)
class Previous:
    """What a follow-up can refer to: the conversation's base question (as searched), and the
    goal of its answer (None when it abstained or quoted the preface)."""

    searched: str
    goal: int | None = None


@dataclass(frozen=True)
class Resolved:
    """A question as it will be searched.

    `kind` is "new" (searched as asked), "refined" (rewritten from the base question) or
    "about_previous" (answered from the previous answer: `about` says what is asked, its goal
    or its place). `goal` restricts the search to the previous answer's goal, for a follow-up
    that points back at it ("wanneer was dat?"). `base` says whether the searched question may
    be the base of later follow-ups (a swap of place, goal or subject; not a rewrite around
    "dat").
    """

    asked: str
    searched: str
    kind: FollowupKind
    about: About | None = None
    goal: int | None = None
    base: bool = True


@dataclass(frozen=True)
class Parts:
    """A question read as `phrase` ("Hoeveel"), `noun` ("geld"), `verb` ("kreeg") and `rest`
    ("het Alfa-college voor het innovatiecentrum"); empty strings where a part is missing."""

    phrase: str
    noun: str
    verb: str
    rest: str


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-/'’][^\W_]+)*", fold(text))


def _is_verb(word: str) -> bool:
    folded = fold(word)
    return folded in _VERBS or (
        folded not in _NOT_VERBS and re.search(r"(?:en|de|te|t)$", folded) is not None
    )


def parse(question: str) -> Parts:
    """The parts of a question (see `Parts`); the phrase is empty when it has none."""
    words = question.strip().rstrip("?").strip().split()
    if len(words) > 1 and fold(words[0]) in _PREPOSITIONS:
        words = [f"{words[0]} {words[1]}", *words[2:]]  # "Op hoeveel", "Van wie"
    last = fold(words[0]).split()[-1:] if words else []
    if not last or last[0] not in _QUESTION_WORDS:
        return Parts("", "", "", " ".join(words))
    phrase, after = words[0], words[1:]
    if fold(phrase).split()[-1] in _NOUN_TAKERS:
        known = [i for i, w in enumerate(after) if i > 0 and fold(w) in _VERBS]
        guessed = [i for i, w in enumerate(after) if i > 0 and _is_verb(w)]
        at = (known or guessed or [len(after)])[0]
        return Parts(phrase, " ".join(after[:at]), " ".join(after[at : at + 1]), _tail(after, at))
    if after and _is_verb(after[0]) and fold(after[0]) not in _ANAPHORS:
        return Parts(phrase, "", after[0], " ".join(after[1:]))
    return Parts(phrase, "", "", " ".join(after))


def _tail(words: list[str], at: int) -> str:
    return " ".join(words[at + 1 :])


def _sentence(*parts: str) -> str:
    """The parts as one question: capital first, one question mark at the end."""
    text = " ".join(p.strip().rstrip("?").strip() for p in parts if p.strip())
    return text[:1].upper() + text[1:] + "?"


def _article(noun: str) -> str:
    return "het" if fold(noun.split()[-1]) in _HET_NOUNS else "de"


def _subject(base: Parts) -> bool:
    """Whether the base's noun is its subject: "hoeveel scholen doen mee" (plural verb), "welke
    school deed onderzoek" (no subject of its own after the verb), not "hoeveel geld kreeg het
    Alfa-college"."""
    first = base.rest.split()[0] if base.rest else ""
    return not (fold(first) in {"de", "het", "een", "zij", "hij", "ze"} or first[:1].isupper())


def _with_article(noun: str) -> str:
    """ "het geld", "de school"; a plural stays bare ("robots", "kwalificaties")."""
    if not noun or re.search(r"(?:s|en|'s|’s)$", fold(noun.split()[-1])):
        return noun
    return f"{_article(noun)} {noun}"


def _plural(verb: str) -> bool:
    return fold(verb).endswith("en")


def _find_region(text: str, regions: Sequence[str]) -> re.Match[str] | None:
    folded = fold(text)
    for region in sorted(regions, key=len, reverse=True):
        found = re.search(rf"(?<![\w-]){re.escape(fold(region))}(?![\w-])", folded)
        if found:
            return found
    return None


def _without_anaphors(words: list[str], base: Parts) -> list[str]:
    """The follow-up's own words: "dat" and "die" go, and so does the noun after them when it
    names the base's thing ("die school", "dat geld")."""
    kept: list[str] = []
    skip = False
    noun = fold(base.noun.split()[-1]) if base.noun else ""
    for number, word in enumerate(words):
        folded = fold(word).strip(",.")
        if skip:
            skip = False
            if folded == noun or folded in _HET_NOUNS:
                continue
        if folded in _ANAPHORS:
            skip = number + 1 < len(words)
            continue
        kept.append(word)
    return kept


def _pointing_back(asked: str, base: Parts, goal: int | None) -> Resolved | None:
    """ "wie gaf dat?", "wanneer was dat?": the base's event, asked with the new question word."""
    words = asked.rstrip("?").split()
    lead = 2 if fold(words[0]) in _PREPOSITIONS else 1
    next_word = fold(words[lead]) if len(words) > lead else ""
    if fold(words[lead - 1]) in _NOUN_TAKERS and next_word and next_word not in _ANAPHORS:
        lead += 1  # "in welke stad", "hoeveel scholen"
    words = [" ".join(words[:lead]), *words[lead:]]
    own = _without_anaphors(words[1:], base)
    verbs = [i for i, w in enumerate(own) if _is_verb(w) and fold(w) not in _COPULAS]
    # Words before the verb belong to the question phrase ("hoe lang duurt dat?").
    phrase = " ".join([words[0], *own[: verbs[0]]]) if verbs else words[0]
    verb = own[verbs[0]] if verbs else ""
    after = own[verbs[0] + 1 :] if verbs else []
    if not base.verb:
        return None
    if not verb:
        # The same event, asked for its time, place or cause: keep the base's verb.
        thing = _with_article(base.noun)
        if base.noun and _subject(base):
            searched = _sentence(phrase, base.verb, thing, base.rest)
        else:
            searched = _sentence(phrase, base.verb, base.rest, thing)
    elif base.noun:
        # A new verb about the base's thing: "het geld dat het Alfa-college ... kreeg".
        det = _article(base.noun)
        rel = "dat" if det == "het" else "die"
        thing = f"{det} {base.noun} {rel} {base.rest} {base.verb}"
        pointer = next((w for w in _words(asked) if w in _PLACE_ANAPHORS), None)
        if pointer:
            thing = f"{_PLACE_ANAPHORS[pointer]} {thing}"  # "hoeveel leerlingen zitten daar?"
        searched = _sentence(phrase, verb, thing, *after)
    else:
        return None
    return Resolved(asked, searched, "refined", goal=goal, base=False)


def _swap(rest: str, base: str, regions: Sequence[str]) -> str:
    """Put the follow-up's new place, goal or subject into the base question."""
    rest = rest.strip().rstrip("?").strip()
    new_region = _find_region(rest, regions)
    if new_region:
        region = rest[new_region.start() : new_region.end()]
        old_region = _find_region(base, regions)
        if old_region and len(fold(base)) == len(base):
            return base[: old_region.start()] + region + base[old_region.end() :]
        if fold(rest) == fold(region):
            return _sentence(base, "in", region)
        return _sentence(base, rest)
    for mention in (_GOAL_MENTION, _YEAR):
        new, old = mention.search(rest), mention.search(base)
        if new and old:
            return base[: old.start()] + new.group(0) + base[old.end() :]
    parts = parse(base)
    if fold(rest.split()[0]) in _PREPOSITIONS:
        # "en op het vwo?", "en in 2018?": a new circumstance, added to the base.
        return _sentence(base, rest)
    if parts.noun and parts.verb:
        subject = re.sub(r"^(?:de|het|een)\s+", "", rest, flags=re.IGNORECASE)
        return _sentence(parts.phrase, subject, parts.verb, parts.rest)
    return _sentence(base, "en", rest)


def resolve_followup(
    question: str, previous: Previous | None, regions: Sequence[str] = ()
) -> Resolved:
    """Read `question` in the context of `previous` (the conversation's base question).

    Args:
        regions: the place names the index knows, so that "en in Limburg?" can replace the
            place in the previous question rather than add a second one.
    """
    asked = " ".join(question.split())
    words = _words(asked)
    if previous is None or not words or len(words) > MAX_FOLLOWUP_WORDS:
        return Resolved(asked, asked, "new")
    vocabulary = set(words)
    if "doel" in vocabulary and vocabulary <= _GOAL_WORDS and vocabulary & {"welk", "welke"}:
        return Resolved(asked, previous.searched, "about_previous", about="goal")
    if {"waar", "staat"} <= vocabulary and vocabulary <= _PLACE_WORDS:
        return Resolved(asked, previous.searched, "about_previous", about="place")
    base = parse(previous.searched)
    if base.noun and vocabulary & {"daarvan", "hiervan", "ervan"}:
        # "hoeveel daarvan zijn in de techniek?": of the base's thing.
        named = re.sub(
            r"\b(?:daarvan|hiervan|ervan)\b", f"van de {base.noun}", asked, flags=re.IGNORECASE
        )
        return Resolved(asked, _sentence(named), "refined", goal=previous.goal, base=False)
    asks = words[0] in _QUESTION_WORDS or (
        words[0] in _PREPOSITIONS and len(words) > 1 and words[1] in _QUESTION_WORDS
    )
    if asks and vocabulary & _ANAPHORS:
        resolved = _pointing_back(asked, base, previous.goal)
        # No rewrite in good Dutch: the reader's own words, within the base's goal.
        return resolved or Resolved(asked, asked, "refined", goal=previous.goal, base=False)
    connector = _CONNECTOR.match(asked)
    rest = asked[connector.end() :] if connector else asked
    rest_words = _words(rest)
    short = bool(rest_words) and rest_words[0] in _QUESTION_WORDS and len(rest_words) <= 3
    if short and base.verb and not any(_is_verb(w) for w in rest.split()[1:]):
        # "welke scholen?", "en wie?": the base's verb and rest, asked anew.
        head = rest.rstrip("?").strip()
        if len(rest_words) == 1:
            # "en wie?" asks about the base's event: derived, never a base itself.
            noun = "" if base.noun and _plural(base.verb) else base.noun
            thing = f"{_article(noun)} {noun}" if noun else ""
            searched = _sentence(head, base.verb, base.rest, thing)
            return Resolved(asked, searched, "refined", goal=previous.goal, base=False)
        return Resolved(asked, _sentence(head, base.verb, base.rest), "refined")
    if connector and connector.end() < len(asked):
        return Resolved(asked, _swap(rest, previous.searched, regions), "refined")
    if _leans_on_context(words, asked):
        # "tot wanneer is het fonds verlengd?": searched as asked, within the base's goal.
        return Resolved(asked, asked, "refined", goal=previous.goal, base=False)
    return Resolved(asked, asked, "new")


def _leans_on_context(words: list[str], asked: str) -> bool:
    """A short question that names no thing of its own: it starts with a preposition and a
    question word ("voor hoe lang?"), or speaks of "het ...", "de ...", "ze" without a name."""
    if len(words) > 6 or any(w[:1].isupper() for w in asked.split()[1:]):
        return False
    opens = words[0] in _PREPOSITIONS and len(words) > 1 and words[1] in _QUESTION_WORDS
    return opens or (words[0] in _QUESTION_WORDS and bool(set(words[1:]) & _DEFINITE))


@dataclass(frozen=True)
class Said:
    """A turn of a conversation as the follow-up step sees it: how its question was read, the
    goal of its answer, and whether it found one."""

    resolved: Resolved
    goal: int | None
    answered: bool


def base_of(history: Sequence[Said]) -> Previous | None:
    """The conversation's base: the last question that stands on its own (asked as such, or a
    swap that found an answer). A rewrite around "dat", or one that found nothing, is never
    built upon.

    >>> asked = Said(Resolved("Waar?", "Waar?", "new"), goal=3, answered=True)
    >>> base_of([asked]).searched
    'Waar?'
    """
    for said in reversed(history):
        kind = said.resolved.kind
        if kind == "new" or (kind == "refined" and said.resolved.base and said.answered):
            return Previous(said.resolved.searched, said.goal)
    return None


__all__ = ["Parts", "Previous", "Resolved", "Said", "base_of", "parse", "resolve_followup"]
