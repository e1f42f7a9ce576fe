"""Which question sets the answer model remembers and which measure it.

The memory (kb.answers.memory) is fitted on the bank and eval/memory (`kb fit`); `kb remember`
(and `kb fit --recall`) joins more questions after the fit (`RECALLED`). A set that measures
the model (`MEASURING`) is never joined, and a joined question that twins one of its questions
is left out (`joinable`): the memory would hand the measured question its answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kb.errors import QuestionFileError
from kb.evaluation.questions import EvalQuestion, load_questions, refuse_gold, without_twins

BANK = Path("eval/bank")
REMEMBERED = Path("eval/memory")
RECALLED = (
    Path("eval/recall"),
    Path("eval/dev.jsonl"),
    Path("eval/answers-fresh"),
    *(Path(f"eval/answers-fresh{n}") for n in range(2, 8)),
)
"""The questions joined to the answer model's memory after the fit (`kb remember`, `kb fit
--recall`): eval/recall, and since session 51 the sets in users' words the project measured
with before (`joinable` leaves out their twins of a question that still measures)."""
MEASURING = (
    Path("eval/gold"),
    Path("eval/answers-fresh8"),
    Path("eval/answers-fresh9"),
    Path("eval/answers-places"),
    Path("eval/near-misses"),
    Path("eval/answers-fresh10"),
    Path("eval/near-misses2"),
    Path("eval/answers-names"),
    Path("eval/answers-checks"),
)
"""The question sets that measure the answer model and are never joined to its memory."""


def joinable(paths: Sequence[Path]) -> list[EvalQuestion]:
    """The questions of `paths` to join to the answer model's memory: all but those that twin
    a question of a set that measures the model (`MEASURING`, read only for this), which the
    memory would hand its answer (kb.evaluation.questions.twins).

    Raises:
        QuestionFileError: a path is (in) the gold folder, or a measuring set is not found
            (`MEASURING` is read from the working directory).
    """
    refuse_gold(*paths)
    missing = [str(path) for path in MEASURING if not path.exists()]
    if missing:
        raise QuestionFileError(
            f"{', '.join(missing)}: not found; questions join the memory from the project folder"
        )
    asked = [q for path in paths for q in load_questions(path)]
    measuring = [q for path in MEASURING for q in load_questions(path)]
    return without_twins(asked, measuring)


def remembered(questions: Sequence[EvalQuestion]) -> int:
    """How many of `questions` (by their wording) the committed answer model remembers: those
    of the folders its memory was fitted on and of those `kb remember` joins (`RECALLED`), as
    far as they are found from the working directory."""
    folders = [BANK, REMEMBERED, *RECALLED]
    held = {q.question for path in folders if path.exists() for q in load_questions(path)}
    return sum(q.question in held for q in questions)
