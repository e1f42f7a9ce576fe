"""The answer step: question analysis → candidate values → features → ranking → answer or
abstention. `answer()` quotes the report's sentence that answers a question, with its source.
"""

from __future__ import annotations

from kb.answers.answer import ABSTENTION, Answer, Source, answer

__all__ = ["ABSTENTION", "Answer", "Source", "answer"]
