"""A name in the place of the claim's: the same words before it, another name after them.

"de lerarenopleiding van Saxion" where the report's sentence has "de lerarenopleiding van
Windesheim" is the same statement about another body ("klopt niet"); kb.claims.names reads
a claim's names and asks these functions where a missing name's place is.
"""

from __future__ import annotations

import re

from ingest.regions import Gazetteer
from kb.analyser import DUTCH_STOP_WORDS, fold
from kb.claims.claim import Claim
from kb.claims.findings import Finding
from kb.claims.wording import Scored, quote_of
from kb.sentence_store import SentenceStore

MIN_SLOT = 0.3
"""Another name after the same one word ("van Onderwijs" for "van Economische Zaken") stands
against the claim's when the sentence holds this share of the claim's other words."""

MIN_STEM = 5
"""Letters of the word before "met de" read as its stem ("samen" of "samenwerking")."""
_SLOT_WORDS = frozenset(["van", "bij", "door", "met", "uit", "voor", "aan", "naar", "namens"])
"""The one word before a name that places it ("minister van", "opgezet door")."""
_SLOT_NAME = r"\d?[A-Z][\w&-]*(?:\s(?:(?:van|voor|en|de|der)\s)?[A-Z][\w&-]*)*"


def _after_article(before: list[str], statement: str, sentence: str) -> str | None:
    """The sentence's name after the claim's two words before an article, the first read as a
    stem of `MIN_STEM` letters and the second a word like "met" (`_SLOT_WORDS`)."""
    if len(before) < 2 or fold(before[-1]) not in _SLOT_WORDS or len(before[-2]) < MIN_STEM:
        return None
    context = rf"{re.escape(before[-2][:MIN_STEM])}\w*\s+{re.escape(before[-1])}\s+(?:de|het)"
    return _name_after(context, statement, sentence)


def _name_after(context: str, statement: str, sentence: str) -> str | None:
    """The first name in `sentence` right after the words `context` (a pattern) that the claim's
    `statement` does not state itself."""
    for found in re.finditer(rf"(?<!\w)(?i:{context})\s+({_SLOT_NAME})", sentence):
        if found.group(1) not in statement:
            return found.group(1)
    return None


def slot_finding(
    gazetteer: Gazetteer, claim: Claim, missing: list[str], best: Scored, share: float
) -> list[Finding]:
    """ "de lerarenopleiding van Saxion" where the best sentence has "de lerarenopleiding van
    Windesheim": another name in the same place of the same statement ("klopt niet"; a place
    named whole: "Landsdeel Zuidoost", not "Zuidoost")."""
    slot = in_slot(claim.statement, missing, best.sentence.text, share)
    if slot is None:
        return []
    slot = next((n for n in gazetteer.names(best.sentence.text) if slot in n), slot)
    return [Finding("name", "contradicted", ", ".join(missing), slot, quote_of(best))]


def in_slot(statement: str, missing: list[str], sentence: str, share: float) -> str | None:
    """The sentence's name in the place of a name the claim states and the sentence lacks: the
    words before it are the same ("Masterplan Techniek Rotterdam" against "Masterplan Techniek
    Amsterdam"); one word before it ("van") only when the sentence holds `MIN_SLOT` of the
    claim's other words. None when no name stands there."""
    for name in missing:
        at = statement.find(name)
        if at < 0:
            continue
        lacking = [w for w in name.split() if w not in sentence]
        if not lacking:
            continue
        # The claim's words before the first word the sentence lacks ("Masterplan Techniek").
        before = (statement[:at] + name[: name.find(lacking[0])]).split()
        if before and fold(before[-1]) in ("de", "het"):
            # After an article, the two words before it, the first as a stem: "samen met de
            # Vereniging Hogescholen" against "in samenwerking met de 4TU".
            other = _after_article(before[:-1], statement, sentence)
            if other is not None:
                return other
        before = before[-2:]
        for size in (2, 1) if share >= MIN_SLOT else (2,):
            if len(before) < size or (
                all(fold(w) in DUTCH_STOP_WORDS for w in before)
                if size == 2
                else fold(before[-1]) not in _SLOT_WORDS
            ):
                # "door de" holds no word of the claim's own; one word is a word like "van"
                # ("brief OCW" is the same letter as "brief Sterk Beroepsonderwijs").
                continue
            context = r"\s+".join(re.escape(w) for w in before[-size:])
            if (found := _name_after(context, statement, sentence)) is not None:
                return found
        if (found := _name_before(statement[at + len(name) :], statement, sentence)) is not None:
            return found
    return None


MAX_AFTER = 4
"""Words after a missing name read to find the sentence's name before them."""


def _name_before(rest: str, statement: str, sentence: str) -> str | None:
    """The sentence's name before the claim's words after a missing name, up to the first word
    that is no stop word (at most `MAX_AFTER`): "PGGM en een aantal schoolbesturen" against
    "APG en een aantal schoolbesturen". None when those words are stop words only."""
    words = re.findall(r"[\w’'-]+", rest)[:MAX_AFTER]
    content = next((i for i, w in enumerate(words) if fold(w) not in DUTCH_STOP_WORDS), None)
    if content is None or content == 0:
        # The next word alone ("PGGM heeft") is too little to place a name.
        return None
    context = r"\s+".join(re.escape(w) for w in words[: content + 1])
    for found in re.finditer(rf"({_SLOT_NAME})\s+(?i:{context})\b", sentence):
        if found.group(1) not in statement and not compound_noun(found.group(1)):
            return found.group(1)
    return None


def compound_noun(name: str) -> bool:
    """Whether a capitalised word is a compound noun, not a name: "BBL-leerbanen",
    "ICT-professionals" (a name's part after a hyphen starts with a capital: "VO-raad" aside)."""
    return bool(re.search(r"[A-Z]{2,}-[a-z]{5,}", name))


def first_in_slot(store: SentenceStore, claim: Claim, best: Scored) -> list[Finding]:
    """A claim that starts with a name the report never writes, where the sentence has another
    name before the claim's next words: "Cito heeft samen met een groep scholen ..." against
    "SLO heeft samen met een groep scholen ..." ("klopt niet")."""
    words = claim.text.split()
    if len(words) < 3 or not re.fullmatch(r"[A-Z][\w&-]+", words[0]) or words[1][0].isupper():
        # "Volgens Platform Onderwijs2032 ...": the name follows.
        return []
    if fold(claim.statement.split(" ", 1)[0]) != fold(words[0]):
        # "Klopt het dat ...": the claim does not start the text.
        return []
    if fold(words[0]) in store.words:
        return []
    after = r"\s+".join(re.escape(w) for w in words[1:3])
    found = re.search(rf"({_SLOT_NAME})\s+(?i:{after})\b", best.sentence.text)
    if found is None or found.group(1) == words[0]:
        return []
    return [Finding("name", "contradicted", words[0], found.group(1), quote_of(best))]
