"""Key words of a claim: the words that say what it is about, read against the report's
vocabulary. A claim whose key word the report never writes, and that no word of the sentence
says in other words, is about something the sentence does not speak of (kb.claims.wording)."""

from __future__ import annotations

import re

from kb.analyser import fold
from kb.embed import Embedder
from kb.sentence_store import SentenceStore

MIN_TERM_LETTERS = 4
"""Letters each word of an unwritten term must have (`unwritten_term`)."""
MIN_KEY_LETTERS = 10
"""A word of the claim this long that the report never writes, nor the parts it is compounded
of, is what the claim is about ("belastingvoordeel", "stagediscriminatie"): mostly a compound
noun, where a shorter one is mostly a verb or an adverb said in other words ("praat"). A
shorter word is a key word only as the noun of an article's phrase ("een gratis laptop")."""
MIN_SYNONYM = 0.86
"""Cosine (word against word, embedded alone) from which a word of the sentence says a missing
key word in other words ("concludeert" and "constateert")."""


def _written(word: str, vocabulary: frozenset[str], depth: int = 0) -> bool:
    """Whether the report writes `word`, or every part of it as a compound of up to three words
    of its own, a linking "s" allowed ("tienpuntenplan", "tweedejaarsstudent")."""
    if word in vocabulary:
        return True
    if depth > 1:
        return False
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        heads = (head, head[:-1]) if head.endswith("s") else (head,)
        if any(h in vocabulary for h in heads) and _written(tail, vocabulary, depth + 1):
            return True
    return False


def _never_written(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a (folded) word, hyphenated parts each read apart, is not written in the report
    (`_written`)."""
    return not all(_written(part, vocabulary) for part in word.split("-") if part)


def unwritten_term(store: SentenceStore, statement: str) -> str | None:
    """Two words in a row of the claim, in lower case and of `MIN_TERM_LETTERS` or more each,
    that the report never writes ("numerus fixus"): a term for something the report does not
    speak of; None when there is none. Names are left out: a name may be swapped."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", statement)
    unwritten = [
        len(w) >= MIN_TERM_LETTERS and w == w.lower() and _never_written(fold(w), store.words)
        for w in words
    ]
    pair = next((i for i in range(len(words) - 1) if unwritten[i] and unwritten[i + 1]), None)
    return None if pair is None else f"{words[pair]} {words[pair + 1]}"


_AFTER_ARTICLE = re.compile(r"\b(?:een|de|het)\s+([a-z][a-z-]{4,})(?:\s+([a-z][a-z-]{4,}))?")
"""A noun after an article, or after an article and an adjective ("een gratis laptop"): what
a claim speaks of, even when it is short."""
_ABOUT_THE_REPORT = frozenset(
    ["voorwoord", "rapport", "rapportage", "schrijver", "schrijvers", "auteur", "auteurs"]
)
"""Nouns for the report and who wrote it, which a claim names without speaking of them."""


def _noun(match: re.Match[str]) -> str:
    """The noun of an article's phrase: the word after an adjective ("landelijke", "gratis",
    "extra"), else the word after the article."""
    first, second = match.group(1), match.group(2)
    adjective = first.endswith("e") or first in ("gratis", "extra")
    return second if second and adjective else first


def unsaid(store: SentenceStore, embedder: Embedder, statement: str, sentence: str) -> list[str]:
    """The claim's key words (`MIN_KEY_LETTERS`) that the report never writes and that no word
    of `sentence` says in other words (`MIN_SYNONYM`): the claim is about something the
    sentence, holding its other words, does not speak of."""
    vocabulary = store.words
    folded = fold(statement)
    nouns = {_noun(m) for m in _AFTER_ARTICLE.finditer(folded)} - _ABOUT_THE_REPORT
    keys = [
        word
        for word in dict.fromkeys(re.findall(r"[a-z][a-z-]*", folded))
        if (len(word.replace("-", "")) >= MIN_KEY_LETTERS or word in nouns)
        and _never_written(word, vocabulary)
    ]
    words = list(dict.fromkeys(w for w in re.findall(r"[a-z][a-z-]+", fold(sentence))))
    if not keys or not words:
        return keys
    similar = embedder.embed_queries(keys) @ embedder.embed_passages(words).T
    return [
        key
        for key, row in zip(keys, similar, strict=True)
        if max((s for s, w in zip(row, words, strict=True) if not _modifies(w, key)), default=0)
        < MIN_SYNONYM
    ]


def _modifies(word: str, key: str) -> bool:
    """Whether `word` only begins the compound `key` ("leraren" of "lerarenbeurs"): close to it
    in the embedding, but the compound's head, what it is about, is another word."""
    return key.startswith(word) and len(key) - len(word) >= MIN_TERM_LETTERS
