# `make run` and `make test` do all the set-up on a fresh Debian 12 + Python 3.11 machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR_ARG := $(if $(SALES_NOTEBOOK_DATA_DIR),--data-dir "$(SALES_NOTEBOOK_DATA_DIR)",)

.PHONY: run test lint typecheck demo bench clean system-deps test-deps

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

system-deps:
	@bash packaging/debian-qt-deps.sh

# Only the tests need a PostgreSQL server (the team library's); `make run` never installs one.
test-deps:
	@bash packaging/debian-postgres.sh

run: system-deps $(VENV)/.installed
	$(PY) -m sales_notebook $(DATA_DIR_ARG)

demo: $(VENV)/.installed
	$(PY) -m sales_notebook demo $(DATA_DIR_ARG)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check sales_notebook tests migrations bench scripts
	$(VENV)/bin/ruff format --check sales_notebook tests migrations bench scripts

typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

test: system-deps test-deps $(VENV)/.installed-test lint typecheck
	$(PY) -m pytest -q

bench: $(VENV)/.installed
	$(PY) bench/startup.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
