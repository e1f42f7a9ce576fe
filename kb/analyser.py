"""The Dutch analyser: text to stemmed tokens for BM25, and `fold` for comparing words.

Snowball stemming, and the Dutch stop words that bm25s ships (the Snowball list, copied). Question
words such as "hoeveel", "wanneer" and "waarom" are not on it; they are rare in the report, so
BM25's idf already gives them little weight.

The analyser folds the variants that people type for the report's words onto one token:
accents ("bètatechniek" -> "betatechniek"), case, hyphenated compounds ("cross-over" ->
"crossover" plus its parts), split compounds in questions ("cross over", "beta techniek":
adjacent question words are also tried joined) and abbreviations with an ampersand ("W&T",
"W & T" -> "wt", and "wetenschap en technologie" adds "wt").
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

import Stemmer

ANALYSER = "nl-1"
"""The analyser's version, recorded with every BM25 index: a change means a rebuild."""
# fmt: off
DUTCH_STOP_WORDS: frozenset[str] = frozenset([
    "aan", "al", "alles", "als", "altijd", "andere", "ben", "bij", "daar", "dan", "dat", "de",
    "der", "deze", "die", "dit", "doch", "doen", "door", "dus", "een", "eens", "en", "er", "ge",
    "geen", "geweest", "haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij",
    "hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "kan", "kon", "kunnen",
    "maar", "me", "meer", "men", "met", "mij", "mijn", "moet", "na", "naar", "niet", "niets",
    "nog", "nu", "of", "om", "omdat", "onder", "ons", "ook", "op", "over", "reeds", "te",
    "tegen", "toch", "toen", "tot", "u", "uit", "uw", "van", "veel", "voor", "want", "waren",
    "was", "wat", "werd", "wezen", "wie", "wil", "worden", "wordt", "zal", "ze", "zelf", "zich",
    "zij", "zijn", "zo", "zonder", "zou",
])
# fmt: on
"""The Snowball Dutch stop words, as bm25s ships them (`bm25s.stopwords.STOPWORDS_DUTCH`;
copied, so that answering a question does not import bm25s)."""

_STEMMER = Stemmer.Stemmer("dutch")

_AMPERSAND_ABBREVIATION = re.compile(r"\b([a-z]{1,3})\s*&\s*([a-z]{1,3})\b")
_WT_SPELLED_OUT = re.compile(r"\bwetenschap\s+(?:en|&)\s+technologie\b")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
# A number keeps its thousands dots and decimal comma ("4.185", "32,1") so that it stays one
# token; a word keeps its inner hyphens so that compounds can be joined below.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'][^\W_]+)*|\d+[^\W_]*")


FOLD_CACHED_CHARS = 2000
"""Texts up to this length (a question within its limit, a passage, a sentence, a word) are
cached; longer ones are folded anew each time, so the cache holds at most 8,192 x 2,000
characters whatever it is asked."""


def fold(text: str) -> str:
    """Lowercase, fold accents and unify apostrophes: 'Bèta-Techniek' -> 'beta-techniek'."""
    return _fold_cached(text) if len(text) <= FOLD_CACHED_CHARS else _fold(text)


@functools.lru_cache(maxsize=8192)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


def _words(text: str) -> list[str]:
    folded = _AMPERSAND_ABBREVIATION.sub(r"\1\2", fold(text))
    if _WT_SPELLED_OUT.search(folded):
        folded += " wt"
    return _TOKEN.findall(folded)


def _expand(word: str) -> list[str]:
    if word[0].isdigit():
        return [word.replace(".", "")]
    if "-" not in word and "'" not in word:
        return [word]
    parts = [p for p in re.split(r"[-']", word) if p]
    return ["".join(parts), *parts]


def _keep(token: str) -> bool:
    return token not in DUTCH_STOP_WORDS and (len(token) > 1 or token.isdigit())


def analyse(text: str, *, question: bool = False) -> list[str]:
    """The stemmed BM25 tokens of a passage or (with `question=True`) a question.

    >>> analyse("Hoeveel cross over kwalificaties?", question=True)
    ['hoeveel', 'cros', 'kwalificeer', 'hoeveelcros', 'crossover', 'overkwalificeer']
    """
    words = _words(text)
    tokens = [t for w in words for t in _expand(w)]
    if question:
        # People split compounds the report writes as one word ("beta techniek"); a joined pair
        # that is not in the vocabulary is simply ignored by BM25.
        plain = [w for w in words if w.isalpha()]
        tokens += [a + b for a, b in itertools.pairwise(plain)]
    kept = [t for t in tokens if _keep(t)]
    return list(_STEMMER.stemWords(kept))
