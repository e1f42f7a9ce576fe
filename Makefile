# The two entry points of the README: `make app` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: app test lint typecheck pytest build browser bench eval clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch is pinned (CPU build on local disk); an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/pip install -q "torch==2.13.0"
	$(BIN)/pip install -q -e ".[st,eval,test,serve]"
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/kb build

app: $(STAMP)
	$(BIN)/streamlit run app/main.py --server.address localhost --server.port 8501 --browser.gatherUsageStats false

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

lint: $(STAMP)
	$(BIN)/ruff check kb ingest app tests benchmarks
	$(BIN)/ruff format --check kb ingest app tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) browser
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_answer.py
	$(BIN)/python benchmarks/bench_app.py

eval: $(STAMP)
	$(BIN)/kb eval

clean:
	rm -rf .kb $(VENV)
