"""`kb fit`: cross-validate the answer model on a question bank, fit it, write it and a report.

The report (`eval/fit/report.md` and `report.json`, written by kb.evaluation.fit_report) holds
the cross-validated figures of the fitted model beside the hand-set scorer's on the same
questions, the ablation (each feature group left out, refitted and cross-validated again), the
abstention rule measured as a gate, abstention without the remembered near misses, and what
runs by wording (paraphrased questions apart, as users ask). Nothing here reads `eval/gold/`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kb.answers.candidates import FEATURES
from kb.answers.gates import (
    agent_gate,
    kept_gates,
    name_gate,
    place_gate,
    whole_gate,
    year_gate,
)
from kb.answers.model import AnswerModel, PassageFusion, Remembered, model_bytes
from kb.answers.question import QuestionInfo
from kb.evaluation import crossval
from kb.evaluation.alternatives import choose_margin, margin_table
from kb.evaluation.fit import (
    MAX_FALSE_ABSTENTION,
    Ranked,
    build_model,
    cross_fitted_types,
    fit_ranker,
    fit_types,
    fold_of,
)
from kb.evaluation.fitdata import Retrieved, examples, retrieve
from kb.evaluation.memory_fit import BankMemory, remember
from kb.evaluation.metrics import judge
from kb.evaluation.passages import choose_fusion
from kb.evaluation.questions import EvalQuestion, read_sources
from kb.files import write_atomic
from kb.index import Index

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class FitOutcome:
    model: AnswerModel
    report: dict[str, object]


def run_fit(
    index: Index,
    questions: Sequence[EvalQuestion],
    progress: Progress,
    *,
    ablation: bool = True,
    remembered: Sequence[EvalQuestion] = (),
    recalled: Sequence[EvalQuestion] = (),
) -> FitOutcome:
    """Cross-validate, ablate (unless `ablation`), and fit the final model on every question. The
    `remembered` ones join the memory and teach its ranker and abstention, never the own ranker;
    the `recalled` ones join the model's memory after the fit (kb.evaluation.memory_fit)."""
    retrieved, extra, recall = _search(index, (questions, remembered, recalled), progress)
    progress("prepare the folds", 0, 1)
    everyone = [*retrieved, *extra]
    memory = BankMemory.of(index, everyone)
    prepared = crossval.folds(index, retrieved, memory, extra)
    progress("cross-validate", 0, 1)
    # Out of fold: this report's text asked anew (kb.evaluation.memory_fit), and new text.
    ranked = crossval.out_of_fold(prepared, recall="known")
    new_text = crossval.out_of_fold(prepared, recall="new")
    # Abstention reads the own ranker (kb.answers.decide); it learns from users' words too.
    learned = crossval.out_of_fold(prepared, extra=True)
    own, users = _split(learned, {r.question.id for r in retrieved})
    progress("passage re-ranking", 0, 1)
    passages = choose_fusion(ranked, _qrels(index, questions))
    near = memory.abstention_columns(everyone)
    plain = crossval.evaluate_abstention(learned)  # the own abstainer alone, out of fold
    abstention = run_abstention(ranked, learned, near, plain=plain)
    runs = _gate(ranked, abstention, _kept)  # what runs: the kept gates on the model
    margins = margin_table(ranked, runs)
    margin = choose_margin(margins)
    new_runs = _new_text_runs(new_text, learned, plain, memory, everyone)
    new_margin = choose_margin(margin_table(new_text, new_runs))
    report: dict[str, object] = {
        "questions": len(retrieved),
        "answerable": sum(r.question.answerable for r in retrieved),
        "remembered": len(memory.ids),
        "remembered only": sum(r.question.answerable and bool(r.question.fact) for r in extra),
        "recalled only": sum(r.question.answerable and bool(r.question.fact) for r in recall),
        "question types right": sum(f.types_right for f in prepared) / len(retrieved),
        "fitted, ranking only": crossval.ranking_scores(ranked).row(),
        "own ranker, ranking only": crossval.ranking_scores(own).row(),
        **_abstention_figures(ranked, plain, abstention, runs),
        "new text, ranking only": crossval.ranking_scores(new_text).row(),
        "new text, what runs": crossval.end_to_end(new_text, new_runs),
        "hand-set": crossval.hand_scores(retrieved),
        "reachable": crossval.ranking_scores(ranked).reachable,
        "passages": passages.report,
        "abstention targets": _targets(ranked, learned, near),
        "by wording": by_wording(ranked, runs),
        "users' words": _users_words(users, abstention),
        "alternatives": {"margins": margins, "chosen": margin, "new text": new_margin},
        "ablation": _ablation(prepared, progress) if ablation else {},
    }
    progress("fit the final model", 0, 1)
    final = (margin, new_margin), memory, near
    model = _final(index, retrieved, learned, passages.fusion, *final, extra, recall)
    report |= {"model version": model.version, "abstention threshold": model.abstainer.threshold}
    return FitOutcome(model, report)


def _search(
    index: Index, sets: Sequence[Sequence[EvalQuestion]], progress: Progress
) -> list[list[Retrieved]]:
    """Each set of questions searched (the first is the bank's)."""
    progress("search the questions", 0, len(sets[0]))
    return [retrieve(index, qs, functools.partial(_searched, progress, len(qs))) for qs in sets]


def _searched(progress: Progress, total: int, done: int) -> None:
    progress("search", done, total)


def _new_text_runs(
    new_text: list[Ranked],
    learned: list[Ranked],
    plain: crossval.Abstention,
    memory: BankMemory,
    everyone: Sequence[Retrieved],
) -> crossval.Abstention:
    """Abstention on text the bank never asked about, as it runs: the memory's abstainer
    reading the near misses of the training goals only, the own one (`plain`) elsewhere, and
    the kept gates."""
    unseen = memory.abstention_columns(everyone, fold_of)
    abstention = run_abstention(new_text, learned, unseen, plain=plain)
    return _gate(new_text, abstention, _kept)


def _qrels(index: Index, questions: Sequence[EvalQuestion]) -> dict[str, dict[str, int]]:
    """The passages judged relevant to each question (kb.evaluation.metrics.judge)."""
    return judge(questions, index.chunks, read_sources(index.settings.corpus_dir)).qrels


def _abstention_figures(
    ranked: list[Ranked],
    plain: crossval.Abstention,
    abstention: crossval.Abstention,
    runs: crossval.Abstention,
) -> dict[str, dict[str, float]]:
    """What runs on this report (`runs`: `abstention` and the kept gates), beside the model
    alone, the old place/number gate, and abstention read off the own ranker alone (no near
    misses remembered)."""
    return {
        "fitted": crossval.end_to_end(ranked, abstention),
        "fitted, with the place/number gate": _gated(ranked, abstention, _names_missing),
        "fitted + year gate": _gated(ranked, abstention, _year_missing),
        "fitted + whole gate": _gated(ranked, abstention, _whole_missing),
        "fitted + place gate": _gated(ranked, abstention, _other_place),
        "fitted + name gate": _gated(ranked, abstention, _unknown_name),
        "fitted + agent gate": _gated(ranked, abstention, _no_one_named),
        "fitted + kept gates (what runs)": crossval.end_to_end(ranked, runs),
        "what runs, no near misses remembered": _gated(ranked, plain, _kept),
    }


def _final(
    index: Index,
    retrieved: list[Retrieved],
    own: list[Ranked],
    passages: PassageFusion,
    margins: tuple[float, float],
    memory: BankMemory,
    near: crossval.Columns,
    extra: Sequence[Retrieved] = (),
    recall: Sequence[Retrieved] = (),
) -> AnswerModel:
    """The model fitted on every question: its own ranker and the memory's (`margins`: the
    runner-up margins of the memory's and of the own ranker). The abstention model learns from
    the own ranker's out-of-fold rankings (`own`, the bank's and the `extra` questions): scores
    as it gives them to questions it has not seen. The `recall` questions join the memory
    written (`remember`: after the others' answerable questions, their near misses
    after the others'); no part of the model is fitted with them, nor named by them."""
    types = fit_types(retrieved)
    bank = {r.question.id for r in retrieved}
    taught = examples(index, retrieved, cross_fitted_types(retrieved))
    more = crossval.extra_examples(index, retrieved, extra)
    remembered = Remembered(
        questions=memory.memory,
        ranker=fit_ranker(memory.read([*taught, *more])),
        alternatives_margin=margins[0],
        # Its threshold is read on the bank alone: out of fold, the users' words abstain less
        # under it than the bank's questions do (the own abstainer: more).
        abstainer=crossval.fit_abstainer(own, columns=near, scored=bank),
    )
    ranker, abstainer = fit_ranker(taught), crossval.fit_abstainer(own)
    model = build_model(
        retrieved, types, ranker, abstainer, passages, margins[1], remembered, extra
    )
    return remember(model, index, recall)


ABSTENTION_TARGETS = (0.05, 0.04, 0.03)
"""False-abstention targets the report compares (the model uses MAX_FALSE_ABSTENTION): a
lower one is a margin for questions unlike the bank's, paid for in near misses answered."""


def _targets(
    ranked: list[Ranked], own: list[Ranked], near: crossval.Columns
) -> dict[str, dict[str, float]]:
    """What runs (fitted + kept gates), with the threshold set for each target."""
    return {f"{t:.0%}": what_runs(ranked, t, own, near) for t in ABSTENTION_TARGETS}


def what_runs(
    ranked: list[Ranked],
    target: float = MAX_FALSE_ABSTENTION,
    own: list[Ranked] | None = None,
    near: crossval.Columns | None = None,
) -> dict[str, float]:
    """The end-to-end figures of out-of-fold rankings as the answer step runs: each fold's
    abstainers fitted on the other folds' rankings by the own ranker (`own`, if not `ranked`
    itself; threshold for false abstention `target`), the memory's reading `near` too, and
    the kept gates."""
    abstention = run_abstention(ranked, ranked if own is None else own, near, target)
    return _gated(ranked, abstention, _kept)


def run_abstention(
    ranked: Sequence[Ranked],
    own: Sequence[Ranked],
    near: crossval.Columns | None,
    target: float = MAX_FALSE_ABSTENTION,
    plain: crossval.Abstention | None = None,
) -> crossval.Abstention:
    """Out-of-fold abstention of `ranked` (the bank's questions) as it runs
    (kb.answers.decide): learned from the own ranker's rankings `own`; for the questions whose
    candidates the memory knows, with the `near` columns too (none: the own abstainer only),
    its threshold read on the bank's answerable questions alone (`_final`). `plain`: the own
    abstainer's out-of-fold abstention for `own` and `target`, when already computed."""
    if plain is None:
        plain = crossval.evaluate_abstention(own, target)
    if near is None:
        return plain
    bank = {r.example.question.id for r in ranked}
    remembering = crossval.evaluate_abstention(own, target, near, bank)
    return crossval.routed(ranked, remembering, plain)


def by_wording(
    ranked: Sequence[Ranked], abstention: crossval.Abstention
) -> dict[str, dict[str, float]]:
    """The end-to-end figures by how the questions are worded: the report's own words or a
    paraphrase (as users ask), and each style of the bank ("colloquial", "journalist", ...),
    with the number of answerable questions and near misses in each."""
    groups: dict[str, list[Ranked]] = {}
    for r in ranked:
        question = r.example.question
        groups.setdefault(f"wording: {question.wording}", []).append(r)
        if question.style is not None:
            groups.setdefault(f"style: {question.style}", []).append(r)
    return {
        name: {
            "answerable": sum(r.example.question.answerable for r in group),
            "with a value": sum(
                r.example.question.answerable and r.example.question.value is not None
                for r in group
            ),
            "near misses": sum(r.example.question.near_miss for r in group),
            **crossval.end_to_end(group, abstention),
        }
        for name, group in sorted(groups.items())
    }


def _split(ranked: list[Ranked], bank: set[str]) -> tuple[list[Ranked], list[Ranked]]:
    """The rankings of the bank's questions, and of the others (`kb fit --memory`)."""
    return (
        [r for r in ranked if r.example.question.id in bank],
        [r for r in ranked if r.example.question.id not in bank],
    )


def _users_words(users: list[Ranked], abstention: crossval.Abstention) -> dict[str, float]:
    """Abstention on the questions for the memory only (`kb fit --memory`: users' words),
    out of fold by the own ranker: they teach the abstention model, but are no bank question."""
    figures = crossval.end_to_end(users, _gate(users, abstention, _kept))
    return {
        "answerable": sum(r.example.question.answerable for r in users),
        "near misses": sum(r.example.question.near_miss for r in users),
        "near misses that abstain": figures["near misses that abstain"],
        "answerable that abstain": figures["answerable that abstain"],
    }


def _ablation(prepared: list[crossval.Fold], progress: Progress) -> dict[str, dict[str, float]]:
    """Each feature group left out: the ranking figures without it."""
    out: dict[str, dict[str, float]] = {}
    groups = crossval.FEATURE_GROUPS
    for done, (name, features) in enumerate(groups.items(), start=1):
        progress(f"ablation: {name}", done, len(groups))
        ranked = crossval.out_of_fold(prepared, without=features, recall="known")
        out[name] = crossval.ranking_scores(ranked).row()
    return out


def _names_missing(row: Sequence[float], info: QuestionInfo) -> bool:
    """The old rule: the question names a place, year or number the passage lacks."""
    return row[FEATURES.index("passage_missing")] > 0


def _year_missing(row: Sequence[float], info: QuestionInfo) -> bool:
    """The first rule kept at run time (kb.answers.gates.year_gate), on its own."""
    return year_gate(np.asarray(row, dtype=np.float32))


def _whole_missing(row: Sequence[float], info: QuestionInfo) -> bool:
    """The second rule kept at run time (kb.answers.gates.whole_gate), on its own."""
    return whole_gate(np.asarray(row, dtype=np.float32), info.folded)


def _other_place(row: Sequence[float], info: QuestionInfo) -> bool:
    """The third rule kept at run time (kb.answers.gates.place_gate), on its own."""
    return place_gate(np.asarray(row, dtype=np.float32))


def _unknown_name(row: Sequence[float], info: QuestionInfo) -> bool:
    """The fourth rule kept at run time (kb.answers.gates.name_gate), on its own."""
    return name_gate(info)


def _no_one_named(row: Sequence[float], info: QuestionInfo) -> bool:
    """The fifth rule kept at run time (kb.answers.gates.agent_gate), on its own."""
    return agent_gate(np.asarray(row, dtype=np.float32), info)


def _kept(row: Sequence[float], info: QuestionInfo) -> bool:
    """The rules kept at run time (kb.answers.gates.kept_gates): what runs."""
    return kept_gates(np.asarray(row, dtype=np.float32), info)


def _gate(
    ranked: list[Ranked],
    abstention: crossval.Abstention,
    rule: Callable[[Sequence[float], QuestionInfo], bool],
) -> crossval.Abstention:
    """`abstention`, and always abstaining where `rule` holds for the best candidate's row."""
    gated = dict(abstention.threshold)
    for r in ranked:
        best = r.best
        if best is not None and rule(list(r.example.rows[best]), r.example.info):
            gated[r.example.question.id] = 2.0
    return crossval.Abstention(abstention.probability, gated)


def _gated(
    ranked: list[Ranked],
    abstention: crossval.Abstention,
    rule: Callable[[Sequence[float], QuestionInfo], bool],
) -> dict[str, float]:
    """End-to-end figures when `rule` on the best candidate's row always abstains (an
    explicit rule as a gate on top of the model, measured on its own)."""
    return crossval.end_to_end(ranked, _gate(ranked, abstention, rule))


def write_model(model: AnswerModel, path: Path) -> None:
    """The model as JSON, gzip-compressed when `path` ends in ".gz" (`model_bytes`)."""
    write_atomic(path, model_bytes((model.model_dump_json() + "\n").encode("utf-8"), path))
