"""Names a question asks about that the report never mentions (session 52): read by the name
gate (kb.answers.gates.name_gate).

"Doet Microsoft ook mee aan DigiLeerkracht, naast Google?" names Microsoft, which stands
nowhere in the report: whatever sentence about DigiLeerkracht ranks first, it does not say
whether Microsoft takes part. A name here is a word written with a capital inside the
question ("Microsoft", "Uneto-VNI") or with two capitals anywhere ("VNG", "KvK"). It is
unknown when no word of the index comes close: not the word itself, nor a word it is part of
("4TU" holds "TU", "ScienceMakers" "Makers"), a longer form ("Friese" for "Friesland"), the
head of a compound ("Kamerstuk" in "Kamerstuknummer"), the words of a hyphenated name written
as one ("Jetnet"), the name written together with the capitalised words around it ("Tech Your
Future": "TechYourFuture"), or, for an abbreviation, a name of several words whose initials it
is ("UvA": "Universiteit van Amsterdam"). Places are the place gate's (kb.answers.places): a place
the gazetteer knows, or a word formed from one ("Haagse", "Dordtse"), is not a name here.

>>> words = Vocabulary.of(["Het pact van FME en 4TU.", "In Den Haag en Dordrecht."])
>>> unknown_names("Doet Microsoft ook mee aan het pact van FME?", words, None)
('Microsoft',)
>>> unknown_names("Gaan bedrijven lesgeven op de TU's?", words, None)
()
>>> unknown_names("Welke Haagse school doet mee?", words, None)
()
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.regions import Gazetteer
from kb.analyser import fold
from kb.answers.question import QuestionInfo
from kb.index import Index

SHORTEST_STEM = 5
"""The letters a word must share with a word of the report to count as a form of it."""

_TOKEN = re.compile(r"[^\W\d_][\w'’&-]*")
_SUFFIX = re.compile(r"['’](?:s|er|ers|en|tje|tjes)$")
""""TU's", "ICT'ers": the name is what comes before the apostrophe."""
_ADJECTIVE = re.compile(r"(?:t?se|s)$")
""""Haagse", "Dordtse", "Haags": a word formed from a place."""
_PARTS = re.compile(r"[-&'’]")
_STARTS = "?.!:\"“‘'("
"""What a sentence of a question opens after (`_opens`)."""


@dataclass(frozen=True)
class Vocabulary:
    """The words of everything an index holds, folded, and their beginnings."""

    words: frozenset[str]
    beginnings: frozenset[str]
    """Every beginning of four letters or more of a word."""
    initials: frozenset[str] = frozenset()
    """The initials of names of several words ("uva" of "Universiteit van Amsterdam", "tib"
    of "Toptechniek in Bedrijf"): what an abbreviation in a question may stand for."""

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        """The vocabulary of `texts`: their words, the runs of letters within a word ("tu" of
        "4tu") and hyphenated words written as one ("jetnet" of "Jet-Net")."""
        words: set[str] = set()
        initials: set[str] = set()
        for text in texts:
            initials.update(_initials(text))
            folded = fold(text)
            words.update(re.findall(r"\w+", folded))
            words.update(re.findall(r"[^\W\d_]+", folded))
            words.update(w.replace("-", "") for w in re.findall(r"\w+(?:-\w+)+", folded))
        beginnings = {w[:k] for w in words for k in range(4, len(w) + 1)}
        return cls(frozenset(words), frozenset(beginnings), frozenset(initials))

    def knows(self, part: str) -> bool:
        """`part` of a name is a word of the report, a form of one or a compound on one."""
        word = fold(part)
        if word in self.words:
            return True
        if len(word) >= 4 and word[: max(SHORTEST_STEM, len(word) - 4)] in self.beginnings:
            return True
        if any(word[:k] in self.words for k in range(SHORTEST_STEM, len(word) - 2)):
            return True
        # the tail of a compound ("Makers" of "ScienceMakers")
        return len(word) >= SHORTEST_STEM and any(word in w for w in self.words)


def vocabulary(index: Index) -> Vocabulary:
    """The vocabulary of an index (once per loaded index, and freed with it): its passages,
    their titles and goal titles, footnotes and web addresses."""
    known = _VOCABULARIES.get(index)
    if known is None:
        texts: list[str] = []
        for chunk in index.chunks:
            texts += [chunk.text, chunk.title or "", chunk.goal_title or "", *chunk.urls]
            texts += [f.text for f in chunk.footnotes]
        known = _VOCABULARIES[index] = Vocabulary.of(texts)
    return known


_VOCABULARIES: weakref.WeakKeyDictionary[Index, Vocabulary] = weakref.WeakKeyDictionary()


def with_names(info: QuestionInfo, index: Index, gazetteer: Gazetteer | None) -> QuestionInfo:
    """`info` with the names it asks about that `index` never mentions (`unknown`)."""
    return dataclasses.replace(info, unknown=unknown_names(info.text, vocabulary(index), gazetteer))


def unknown_names(
    question: str, vocabulary: Vocabulary, gazetteer: Gazetteer | None
) -> tuple[str, ...]:
    """The names `question` asks about that no word of `vocabulary` comes close to."""
    unknown: list[str] = []
    tokens = list(_TOKEN.finditer(question))
    for number, match in enumerate(tokens):
        token = match.group(0)
        capitals = sum(c.isupper() for c in token)
        if capitals < 2 and (_opens(question, match.start(), _STARTS) or not token[0].isupper()):
            continue
        name = _SUFFIX.sub("", token).rstrip("-&'’")
        if _is_place(name, vocabulary, gazetteer):
            continue
        if capitals >= 2 and fold(name) in vocabulary.initials:
            continue  # "UvA": Universiteit van Amsterdam
        parts = [p for p in _PARTS.split(name) if len(p) >= 3]
        if not parts or any(vocabulary.knows(p) for p in parts):
            continue
        if not any(w in vocabulary.words for w in _written_as_one(question, tokens, number)):
            unknown.append(name)
    return tuple(dict.fromkeys(unknown))


def _opens(text: str, start: int, openers: str) -> bool:
    """The word at `start` opens `text`, or follows one of `openers` (spaces between): its
    capital is the sentence's, not a name's."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in openers


def _written_as_one(question: str, tokens: list[re.Match[str]], number: int) -> list[str]:
    """The name at `number` written together with the capitalised words around it, folded:
    "Tech Your Future" as "techyourfuture"."""
    start = end = number
    while start > 0 and _joined(question, tokens[start - 1], tokens[start]):
        start -= 1
    while end + 1 < len(tokens) and _joined(question, tokens[end], tokens[end + 1]):
        end += 1
    return [
        fold("".join(t.group(0) for t in tokens[i : j + 1]))
        for i in range(start, number + 1)
        for j in range(max(number, i + 1), end + 1)
    ]


def _joined(question: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Two capitalised words with one space between them."""
    between = question[left.end() : right.start()]
    return between == " " and left.group(0)[0].isupper() and right.group(0)[0].isupper()


def _initials(text: str) -> set[str]:
    """The initials of each run of two to six capitalised words in `text`, one space apart,
    with "van", "of", "in" ... between them, that does not open a sentence: "uva" of
    "Universiteit van Amsterdam", not "in" of "In Nederland"."""
    tokens = list(_TOKEN.finditer(text))
    found: set[str] = set()
    for i, first in enumerate(tokens):
        if not first.group(0)[0].isupper() or _opens(text, first.start(), _OPENERS):
            continue
        letters, last = first.group(0)[0], first
        for match in tokens[i + 1 : i + 8]:
            word = match.group(0)
            if text[last.end() : match.start()] != " ":
                break
            last = match
            if word[0].isupper():
                letters += word[0]
                if len(letters) <= 6:
                    found.add(fold(letters))
            elif word in _PARTICLES:
                letters += word[0]
            else:
                break
    return found


_OPENERS = ".?!:;→•\n"
"""What a sentence or a bullet of the report opens after (`_opens`)."""
_PARTICLES = frozenset({"van", "de", "der", "den", "voor", "en", "in", "of", "het", "for", "the"})


def not_mentioned(names: tuple[str, ...] | list[str]) -> str:
    """What an abstention says of the names the report never mentions: the words as the
    question wrote them, no more (the report may name "Metaalunie", not "Koninklijke").

    >>> not_mentioned(["NEMO", "Microsoft"])
    'Niet in het rapport: NEMO, Microsoft.'
    """
    return f"Niet in het rapport: {', '.join(names)}."


def _is_place(name: str, vocabulary: Vocabulary, gazetteer: Gazetteer | None) -> bool:
    """A place the gazetteer knows, or a word formed from a place of the report ("Haagse",
    "Almeerse"): the place gate's to judge."""
    if gazetteer is not None and gazetteer.tag(name).regions:
        return True
    word = fold(name)
    stem = _ADJECTIVE.sub("", word)
    return (
        stem != word and len(stem) >= 4 and stem[: max(4, len(stem) - 3)] in vocabulary.beginnings
    )
