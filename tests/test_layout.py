"""The layout is the architecture: each folder one layer, lower layers never import higher ones.

Every module's imports are read from its source (module level and inside functions), so a
function-level import cannot hide a cycle or an upward dependency. The layers, lowest first:

    ingest          files → documents → chunks
    kb (core)       settings, analyser, embed, cache, lexical, index, store, build, sentences
    kb.answers      question analysis → values → features → ranking → answer / abstention
    kb.claims       claim checking: quantities → claim → subject, findings → verdict → draft
    kb.render, kb   the JSON/text contract, the public surface, the commands' shared options
    kb.evaluation   question sets, metrics, benchmark, reports (the [eval] extra)
    kb.cli, app,    the edges: the command line, the Streamlit pages, and the HTTP and MCP
    kb.serve        servers

The command line is an edge like the app: it assembles `kb eval` from kb.evaluation, and is the
only module outside kb.evaluation that may import it. It also starts the servers, so it is the
one edge that may import another (kb.serve); the app and kb.serve import no edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kb

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ingest", "kb", "app")
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module that an imported name belongs to (None for outside packages)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    """The project modules `module` imports, anywhere in its source."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), module, package) - {module}


def imports_in(source: str, module: str, package: str) -> set[str]:
    """The project modules imported anywhere in `source` (module level or in a function)."""
    tree = ast.parse(source)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1]])
                base = f"{base}.{node.module}" if node.module else base
            # `from kb import store` imports the module kb.store; `from kb import Index`, kb.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target is not None and target != module:
                found.add(target)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def layer(module: str) -> int:
    if module.startswith("ingest"):
        return 0
    if module.startswith(("app", "kb.serve")) or module in ("kb.cli", "kb.check_command"):
        return 5
    if module.startswith("kb.evaluation"):
        return 4
    if module in ("kb", "kb.render", "kb.verdicts", "kb.options"):
        return 3
    if module.startswith(("kb.answers", "kb.claims")):
        return 2
    return 1


def test_the_layers_cover_every_module() -> None:
    assert {"ingest.pipeline", "kb.index", "kb.answers", "kb.evaluation", "app.ask"} <= set(MODULES)
    assert layer("kb.serve.app") == layer("kb.cli") == layer("app.ask")


def test_no_module_imports_a_higher_layer() -> None:
    upward = sorted(
        f"{module} (layer {layer(module)}) imports {target} (layer {layer(target)})"
        for module, targets in GRAPH.items()
        for target in targets
        if layer(target) > layer(module)
    )
    assert upward == []


def _edge(module: str) -> str | None:
    if module.startswith("app"):
        return "app"
    if module.startswith("kb.serve"):
        return "kb.serve"
    return "kb.cli" if module in ("kb.cli", "kb.check_command") else None


def test_the_edges_do_not_import_each_other() -> None:
    crossing = sorted(
        f"{m} imports {t}"
        for m, targets in GRAPH.items()
        for t in targets
        if _edge(m) is not None
        and _edge(t) not in (None, _edge(m))
        and not (m == "kb.cli" and _edge(t) == "kb.serve")
    )
    assert crossing == []


def test_only_the_command_line_imports_evaluation() -> None:
    users = {
        m
        for m, targets in GRAPH.items()
        if not m.startswith("kb.evaluation") and any(t.startswith("kb.evaluation") for t in targets)
    }
    assert users <= {"kb.cli"}


def test_ingest_imports_nothing_from_kb_or_app() -> None:
    bad = sorted(
        f"{m} imports {t}"
        for m, targets in GRAPH.items()
        if m.startswith("ingest")
        for t in targets
        if not t.startswith("ingest")
    )
    assert bad == []


def test_there_is_no_import_cycle() -> None:
    # Tarjan's strongly connected components; a component of two or more modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in GRAPH[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert cycles == []


def test_the_public_surface_is_small() -> None:
    assert len(kb.__all__) <= 8
    for name in kb.__all__:
        assert getattr(kb, name) is not None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_short(module: str) -> None:
    source = MODULES[module].read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_reader_sees_imports_inside_functions() -> None:
    # The old kb.index <-> kb.retrieval cycle hid behind an import inside a function.
    source = "import numpy\n\ndef f() -> None:\n    from kb.store import load_index\n"
    assert imports_in(source, "kb.x", "kb") == {"kb.store"}
    assert imports_in("from kb import store, settings\n", "kb.x", "kb") == {
        "kb.store",
        "kb.settings",
    }
    assert imports_in("from . import values\n", "kb.answers.x", "kb.answers") == {
        "kb.answers.values"
    }


def test_errors_live_in_the_errors_modules() -> None:
    """One hierarchy: every exception class of kb/ and ingest/ is in its errors module."""
    elsewhere = sorted(
        f"{module}.{node.name}"
        for module, path in MODULES.items()
        if not module.endswith(".errors") and not module.startswith("app")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and any(
            isinstance(base, ast.Name) and base.id.endswith(("Error", "Exception"))
            for base in node.bases
        )
    )
    assert elsewhere == []
