# Two commands on a fresh clone:
#   make run   - create .venv, install, brief every article in seeds/ into out/ (md + pdf)
#   make test  - install the test and dev extras, run ruff, mypy, import-linter and pytest
# Both install the exact versions pinned in constraints.txt (ranges live in pyproject.toml).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install -q -c constraints.txt

.PHONY: run test lint bench constraints clean

run: $(VENV)/.installed
	$(BIN)/briefing make seeds/ -o out/ --format md,pdf

test: $(VENV)/.installed-test lint
	$(BIN)/pytest -q --durations=15

lint: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests bench
	$(BIN)/ruff format --check briefing tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(VENV)/.installed-test
	$(PIP) -e '.[bench]'
	$(BIN)/python bench/timing.py
	$(BIN)/python bench/eval_summary.py
	$(BIN)/python bench/eval_facts.py
	$(BIN)/python bench/eval_dates.py
	$(BIN)/python bench/eval_html.py
	$(BIN)/python bench/digest_real.py
	$(BIN)/python bench/digest_bench.py

# Refresh the pins after changing a range in pyproject.toml.
constraints: $(VENV)/.installed-test
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^briefing' > constraints.txt

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml constraints.txt
	$(PIP) -e '.[test,dev]'
	touch $@

clean:
	rm -rf $(VENV) out build *.egg-info .mypy_cache .pytest_cache .ruff_cache
