"""Where the answer model misses: every answerable question it gets wrong, in one category.

The categories follow the answer step's pipeline, so the first one that applies is the stage
that lost the answer (out-of-fold rankings and abstention from kb.evaluation.crossval):

0. `fact in no passage's text`: the gold span is a web address (kept as a passage's metadata,
   not its text), a heading in capitals (the goal's title), or copied from the raw file with
   what cleaning removes (a footnote marker glued to a word, a double space; a line-break
   hyphen at the span's end is read away, kb.text.as_indexed): an artefact of the bank, no
   sentence can hold it;
1. `passage not retrieved`: no passage among the first `PASSAGE_DEPTH` holds the gold fact;
2. `passage below the candidates`: one does, but below the passages candidates come from;
3. `no sentence holds the fact`: the passage holds the fact, no sentence of it does (the
   gold span crosses a sentence boundary, or the sentence split cuts it);
4. `right sentence 2nd/3rd`, `right sentence lower, best from the right passage`,
   `right sentence lower, best from another passage`: the ranking;
5. `right sentence, wrong value`: sub-kinds by the question's trap (ambition, school type,
   total/part, year range, two numbers) and whether the gold value was a candidate at all;
6. `abstained`: the right answer was first, and the abstention model (or a kept gate)
   declined.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kb.evaluation.answers import same_value
from kb.evaluation.crossval import Abstention
from kb.evaluation.fit import Ranked

CATEGORIES = (
    "fact in no passage's text",
    "passage not retrieved",
    "passage below the candidates",
    "no sentence holds the fact",
    "right sentence 2nd/3rd",
    "right sentence lower, best from the right passage",
    "right sentence lower, best from another passage",
    "right sentence, wrong value",
    "abstained",
)


@dataclass(frozen=True)
class Miss:
    """An answerable question answered wrongly, and why."""

    question_id: str
    question: str
    category: str
    detail: str
    """The sub-kind (wrong value: trap and whether the gold value was a candidate; no
    sentence: whether the fact crosses a sentence end), or the passage's rank."""
    chosen: str
    """The chosen sentence (and value in brackets)."""
    fact: str
    value: str | None


def categorise(
    ranked: Sequence[Ranked],
    abstention: Abstention,
    texts: Sequence[str],
    gate: Callable[[Ranked], bool] = lambda r: False,
) -> list[Miss]:
    """Every answerable question whose answer is wrong end to end (an abstention is wrong),
    with its category. `texts` are every passage's text; `gate` says whether an explicit rule
    abstains on top of the model."""
    out: list[Miss] = []
    for r in ranked:
        question = r.example.question
        if not question.answerable or question.fact is None or question.found is None:
            continue
        abstained = abstention.abstains(question.id) or gate(r)
        right = _right_first(r)
        if right and not abstained:
            continue
        if right:
            category, detail = "abstained", ""
        elif not any(question.found in text for text in texts):
            category, detail = "fact in no passage's text", _artefact(question.fact)
        else:
            category, detail = _category(r)
        best = r.best
        chosen = "(no candidate)"
        if best is not None:
            candidate = r.example.candidates[best]
            value = candidate.value.text if candidate.value else "-"
            chosen = f"{candidate.sentence.text} [{value}]"
        out.append(
            Miss(
                question.id,
                question.question,
                category,
                detail,
                chosen,
                question.fact,
                question.value,
            )
        )
    return out


def _right_first(r: Ranked) -> bool:
    fact = r.example.question.found
    best = r.best
    if best is None or fact is None:
        return False
    candidate = r.example.candidates[best]
    if fact not in candidate.sentence.text:
        return False
    gold = r.example.question.value
    value = candidate.value
    return gold is None or (
        value is not None and r.shows_value(best) and same_value(value.text, gold)
    )


def _category(r: Ranked) -> tuple[str, str]:
    example = r.example
    fact = example.question.found
    assert fact is not None
    hits = example.retrieved.hits
    holding = [h.rank for h in hits if fact in h.chunk.text]
    if not holding:
        return "passage not retrieved", ""
    if min(holding) > example.retrieved.passages:
        return "passage below the candidates", f"rank {min(holding)}"
    sentences = [i for i in r.order if fact in example.candidates[i].sentence.text]
    if not sentences:
        return "no sentence holds the fact", _span_kind(fact)
    place = r.order.index(sentences[0]) + 1
    if place > 1:
        if place <= 3:
            return "right sentence 2nd/3rd", f"place {place}"
        best = example.candidates[r.order[0]]
        if fact in best.hit.chunk.text:
            return "right sentence lower, best from the right passage", f"place {place}"
        return "right sentence lower, best from another passage", f"place {place}"
    return "right sentence, wrong value", _value_kind(r)


def _artefact(fact: str) -> str:
    if "www." in fact or "http" in fact:
        return "web address"
    if fact.upper() == fact:
        return "heading in capitals"
    return "raw-file span (footnote marker, spaces)"


def _span_kind(fact: str) -> str:
    if any(mark in fact[:-1] for mark in (". ", "? ", "! ", "; ")):
        return "fact crosses a sentence end"
    return "sentence split inside the fact"


def _value_kind(r: Ranked) -> str:
    example = r.example
    gold = example.question.value
    fact = example.question.found
    assert gold is not None and fact is not None
    offered = any(
        c.value is not None and fact in c.sentence.text and same_value(c.value.text, gold)
        for c in example.candidates
    )
    trap = example.question.trap or "no trap"
    best = r.best
    assert best is not None
    chosen = example.candidates[best].value
    if chosen is not None and same_value(chosen.text, gold) and not r.shows_value(best):
        return f"{trap}; gold value chosen, not shown (another type asked)"
    return f"{trap}; gold value {'a candidate' if offered else 'not a candidate'}"


def table(misses: Sequence[Miss], answerable: int) -> str:
    """The misses by category, as a Markdown table (share of the answerable questions)."""
    counts = Counter(m.category for m in misses)
    lines = ["| category | questions | share of answerable |", "|---|---:|---:|"]
    for name in CATEGORIES:
        lines.append(f"| {name} | {counts[name]} | {counts[name] / max(answerable, 1):.1%} |")
    lines.append(f"| all misses | {len(misses)} | {len(misses) / max(answerable, 1):.1%} |")
    return "\n".join(lines)


def details(misses: Sequence[Miss], category: str) -> Counter[str]:
    """The sub-kinds of one category, counted."""
    return Counter(m.detail for m in misses if m.category == category)
