"""The one error the HTTP edge raises on purpose: a request that gets a problem answer.

KbError (kb.errors)
└── RequestProblem   a request refused with an RFC 9457 problem body (kb.serve.problems)
"""

from __future__ import annotations

from typing import Any

from kb.errors import KbError


class RequestProblem(KbError):
    """A request refused: `kind` names the entry of `kb.serve.problems.PROBLEMS`, the details
    say what was wrong in English and in Dutch; `extra` adds members to the problem body."""

    def __init__(self, kind: str, detail: str, detail_nl: str, **extra: Any) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.detail_nl = detail_nl
        self.extra = extra
