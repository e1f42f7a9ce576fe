"""The explicit rules kept on top of the fitted abstention model (`kept_gates`): each makes
the answer step abstain whatever the model says, read off the best candidate's feature row and
the question. `kb fit` counts them when it sets the abstention threshold and measures each on
its own (kb.evaluation.fitting); what is measured is what runs (kb.answers.decide)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from kb.answers.agents import wanted
from kb.answers.candidates import FEATURES
from kb.answers.question import PARTITIVE, QuestionInfo

_COLUMN = {name: i for i, name in enumerate(FEATURES)}


def year_gate(row: npt.NDArray[np.float32]) -> bool:
    """The one explicit rule kept on top of the model: a value for a year the question names
    must come from a sentence that names that year ("Hoeveel vouchers in 2018?" is not
    answered by "... tot februari 2017 ... ruim 17.000"). Cross-validated on the bank it
    costs 0.3 points of false abstention (`kb fit`'s report measures it); a number for the
    wrong year is the error a journalist cannot see. Since session 53 the year may also stand
    in the sentence before, in the same passage, when the sentence goes on with its subject
    (`context_missing_year`, kb.answers.candidates._with_previous): "Dat maakte minister
    Bussemaker ... op 16 november 2016 bekend" follows "De zestien Centres of expertise ...
    krijgen ook in 2017 financiering" and answers "Wanneer werd bekend dat de Centres in 2017
    geld blijven krijgen?"."""
    missing = row[_COLUMN["context_missing_year"]] > 0
    return bool(missing and row[_COLUMN["has_value"]] > 0)


def whole_gate(row: npt.NDArray[np.float32], question: str) -> bool:
    """The second rule kept on top of the model (session 49): a question for a part of a
    whole (`PARTITIVE`) is not answered by the whole, a number that the counted words follow
    ("Van de 63 aanvragen ... zijn ruim de helft (34) actief in techniek ..." does not say
    how many are in the bouwsector; 63 is negative in `value_counted` for such a question,
    kb.answers.value_choice). The report gives the whole, not the part asked: abstain."""
    return bool(PARTITIVE.search(question)) and row[_COLUMN["value_counted"]] < 0


def place_gate(row: npt.NDArray[np.float32]) -> bool:
    """The third rule kept on top of the model (session 50): a question that names a place is
    not answered by a sentence that names only other places, another province or another city
    of the same province (`sentence_other_place`, kb.answers.places.other_place):
    "hoeveel mensen in Utrecht zijn er al omgeschoold tot privacy-functionaris?" is not
    answered by "Van de twee nieuwe groepen in Amsterdam ...". The issue's own trap: a near
    miss about another province or city."""
    return bool(row[_COLUMN["sentence_other_place"]] > 0)


def name_gate(info: QuestionInfo) -> bool:
    """The fourth rule kept on top of the model (session 52): a question about a name the
    report never mentions (`QuestionInfo.unknown`, kb.answers.names) is not answered by a
    sentence about something else it names: "Doet Microsoft ook mee aan DigiLeerkracht,
    naast Google?" by "DigiLeerkracht is het scholings- en supportprogramma ... van VHTO en
    Google."."""
    return bool(info.unknown)


def agent_gate(row: npt.NDArray[np.float32], info: QuestionInfo) -> bool:
    """The fifth rule kept on top of the model (session 53): a question that asks who, or
    which organisation, company or office holder (kb.answers.agents.wanted), is not answered
    by a sentence that names no one the question does not name itself (`sentence_someone`):
    "Wie beoordeelt die 59 aanvragen?" by "Er zijn in totaal 59 aanvragen ingediend, die nog
    beoordeeld moeten worden." The report names the thing asked about, not who. A question
    for the holder of an office ("Wie is de baas van TecWijzer?") wants a person's name."""
    return bool(row[_COLUMN["sentence_someone"]] < wanted(info))


def kept_gates(row: npt.NDArray[np.float32], info: QuestionInfo) -> bool:
    """The explicit rules kept on top of the abstention model, on the best candidate's row
    and the question: `year_gate`, `whole_gate`, `place_gate`, `name_gate` and `agent_gate`.
    `kb fit` counts them when it sets the threshold and measures each on its own."""
    return (
        year_gate(row)
        or whole_gate(row, info.folded)
        or place_gate(row)
        or name_gate(info)
        or agent_gate(row, info)
    )
