# `make run` and `make test` do all the set-up on a fresh Debian 12 + Python 3.11 machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR_ARG := $(if $(SALES_NOTEBOOK_DATA_DIR),--data-dir "$(SALES_NOTEBOOK_DATA_DIR)",)

.PHONY: run test lint typecheck demo bench clean system-deps test-deps bundle wheel \
	install-desktop uninstall-desktop

# The bundle is built from its own venv holding the installed wheel and PyInstaller only, so
# nothing of the test tools (or the editable install) can end up in it.
BUNDLE_VENV := build/bundle-venv
BUNDLE := dist/sales-notebook
WHEEL := dist/sales_notebook-*.whl

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

# The bundle and the wheel are built first: tests/packaging starts them as a seller would.
# The suite runs on every core (one file per worker at a time), then the tests marked
# "serial" run alone: they time typing, saves and kills against the clock (tests/conftest.py).
# A worker that crashes fails the run at once: pytest-xdist 3.8 can hang forever replacing a
# crashed worker under --dist loadfile (pytest-xdist issues #784 and #1378).
TEST_ENV = SALES_NOTEBOOK_BUNDLE=$(BUNDLE) SALES_NOTEBOOK_WHEEL="$$(ls $(WHEEL))"
test: system-deps test-deps $(VENV)/.installed-test lint typecheck bundle
	$(TEST_ENV) $(PY) -m pytest -q -n auto --dist loadfile --max-worker-restart=0 -m "not serial"
	$(TEST_ENV) $(PY) -m pytest -q -m serial

bench: $(VENV)/.installed
	$(PY) bench/startup.py

$(BUNDLE_VENV)/.created:
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/python -m pip install -q --upgrade pip
	touch $@

# The one-folder app in dist/sales-notebook/: run dist/sales-notebook/sales-notebook. Built from
# the wheel, installed in a venv of its own with PyInstaller and nothing else.
bundle: system-deps wheel $(BUNDLE_VENV)/.created
	$(BUNDLE_VENV)/bin/python -m pip install -q "$$(ls $(WHEEL))[bundle]"
	$(BUNDLE_VENV)/bin/python -m pip install -q --force-reinstall --no-deps $(WHEEL)
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/sales-notebook.spec
	$(BUNDLE_VENV)/bin/python packaging/trim_icu.py $(BUNDLE)/_internal/PySide6/Qt/lib/libicudata.so.*
	$(BUNDLE_VENV)/bin/python packaging/subset_icons.py $(BUNDLE)/_internal/qtawesome/fonts
	$(BUNDLE_VENV)/bin/python packaging/quantize_vectors.py $(BUNDLE)/_internal
	$(BUNDLE_VENV)/bin/python packaging/desktop_integration.py install --prefix $(BUNDLE)/_internal \
		> /dev/null
	install -m 755 packaging/install-desktop.sh $(BUNDLE)/
	@du -sh $(BUNDLE)

# The launcher entry, icon and AppStream metainfo, for this user (PREFIX=/usr/local as root for
# everyone). EXEC is what the launcher runs: by default the sales-notebook command on PATH (pipx
# puts it in ~/.local/bin, which a launcher's PATH may lack), by its full path when found.
PREFIX ?= $(HOME)/.local
EXEC ?= $(or $(shell command -v sales-notebook 2>/dev/null),sales-notebook)

install-desktop: $(VENV)/.installed
	$(PY) packaging/desktop_integration.py install --prefix "$(PREFIX)" --exec "$(EXEC)"

uninstall-desktop: $(VENV)/.installed
	$(PY) packaging/desktop_integration.py uninstall --prefix "$(PREFIX)"

# A wheel in dist/: pip install dist/sales_notebook-*.whl (or pipx install . from the checkout).
wheel: $(VENV)/.created
	rm -f $(WHEEL)
	$(PY) -m pip wheel -q --no-deps --wheel-dir dist .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
