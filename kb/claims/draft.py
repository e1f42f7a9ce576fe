"""A draft checked claim by claim: split into checkable sentences, each checked, as a table.

A sentence is checkable when it states a number, a date or year, a name or a comparison; an
opinion or a transition ("Dat is goed nieuws.") is left out of the table.

>>> rows = check_draft(index, "Er zijn 40 trainees gestart. Dat is mooi.")
>>> [(row.sentence, row.check.verdict if row.check else None) for row in rows]
[('Er zijn 40 trainees gestart.', 'klopt_niet'), ('Dat is mooi.', None)]

`kb.verdicts.draft_markdown()` turns the rows into a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.sentences import split_sentences
from kb.analyser import fold
from kb.claims.claim import parse_claim
from kb.claims.verdict import Check, check
from kb.index import Filters, Index

MAX_CLAIMS = 50
"""Sentences checked per draft; the rest are listed as not checked."""
MAX_TEXT_CHARS = 20_000
"""Characters of a claim or a pasted draft (the app's Controleren page, `POST /v1/check`)."""

_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w&-]+|\b[A-Z]{2,}\b")


@dataclass(frozen=True)
class DraftRow:
    """A sentence of the draft and its check (None when it states nothing to check)."""

    sentence: str
    check: Check | None


def claims_of(draft: str) -> list[str]:
    """The sentences of a draft, in order (line breaks inside a sentence joined)."""
    text = " ".join(draft.split())
    return [
        text[start:end].strip() for start, end in split_sentences(text) if text[start:end].strip()
    ]


def checkable(sentence: str) -> bool:
    """Whether a sentence states something the report can confirm or contradict."""
    claim = parse_claim(sentence)
    return bool(
        claim.quantities
        or claim.direction
        or _NAME.search(claim.statement)
        or re.search(r"\b(?:meer|minder) dan\b", fold(claim.statement))
    )


def check_claims(index: Index, text: str, filters: Filters | None = None) -> list[DraftRow]:
    """A claim (one sentence: always checked) or a draft (each checkable sentence checked)."""
    sentences = claims_of(text)
    if len(sentences) <= 1:
        return [DraftRow(text.strip(), check(index, text, filters))]
    return check_draft(index, text, filters)


def check_draft(index: Index, draft: str, filters: Filters | None = None) -> list[DraftRow]:
    """Every sentence of `draft`, with the check of those that state something checkable."""
    rows: list[DraftRow] = []
    checked = 0
    for sentence in claims_of(draft):
        if checkable(sentence) and checked < MAX_CLAIMS:
            rows.append(DraftRow(sentence, check(index, sentence, filters)))
            checked += 1
        else:
            rows.append(DraftRow(sentence, None))
    return rows
