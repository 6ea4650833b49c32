# Deux commandes sur une machine neuve : `make demo` et `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js
ICALJS := tests/e2e/icaljs/node_modules/ical.js/package.json

.PHONY: demo test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/orientest demo

# axe-core, for the report's accessibility test; without npm that test is skipped (CI installs npm).
$(AXE): tests/e2e/axe/package.json tests/e2e/axe/package-lock.json
	if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/e2e/axe --no-audit --no-fund --silent && touch $@; fi

# ical.js, Thunderbird's and Nextcloud's calendar parser, reads every invitation the tests make (same rule as axe-core).
$(ICALJS): tests/e2e/icaljs/package.json tests/e2e/icaljs/package-lock.json
	if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/e2e/icaljs --no-audit --no-fund --silent && touch $@; fi

test: $(STAMP) $(AXE) $(ICALJS)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The gates CI runs before the tests: style, layout, types, the kernel's layers (pyproject.toml says each one's rules).
CODE := orientest connectors flows cli tests fakes bench
lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) var .pytest_cache tests/e2e/axe/node_modules tests/e2e/icaljs/node_modules
