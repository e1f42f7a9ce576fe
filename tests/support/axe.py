"""axe-core (the npm package, pinned in tests/browser/package-lock.json) run inside a page that
playwright drives: `make test` installs it with `npm ci` in tests/browser/.

    violations = serious_violations(page)
    assert violations == [], describe(violations)
"""

from __future__ import annotations

from typing import Any

from tests.support.ingest_fixtures import ROOT

AXE_JS = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
"""Installed by `npm ci` in tests/browser (the Makefile's test path does it)."""

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
"""The rule sets checked: WCAG 2.1 A and AA, and axe's best practices (one heading order)."""

SERIOUS = ("serious", "critical")


def violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (all impacts)."""
    page.add_script_tag(path=str(AXE_JS))
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary}))
            }));
        }""",
        WCAG_AA,
    )
    return found


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """The violations of impact serious or critical."""
    return [v for v in violations(page) if v["impact"] in SERIOUS]


def describe(found: list[dict[str, Any]]) -> str:
    """Violations as readable lines, for an assertion message."""
    lines = []
    for violation in found:
        lines.append(f"{violation['impact']}: {violation['id']} — {violation['help']}")
        lines += [f"    {n['target']}: {n['summary']}" for n in violation["nodes"][:5]]
    return "\n".join(lines)


__all__ = ["AXE_JS", "describe", "serious_violations", "violations"]
