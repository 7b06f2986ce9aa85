# The two commands of the README, plus the install they share. A fresh clone needs only Python 3.11+
# (and Java 17 for the JVM-engine tests): the first `make` creates .venv and installs chatlake in it.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: install run test test-quick lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The whole pipeline on the embedded engine, on a synthetic sample (or: make run ARGS="--source DIR").
run: install
	$(BIN)/chatlake run-all $(ARGS)

# Every test, the JVM engine, cluster and browser ones included.
test: install
	$(BIN)/python -m pytest $(ARGS)

# The quick loop: no JVM, no cluster, no browser.
test-quick: install
	$(BIN)/python -m pytest -m "not jvm and not cluster and not browser and not slow" $(ARGS)

# ruff, as configured in pyproject.toml ([tool.ruff]).
lint: install
	$(BIN)/ruff check lib tests bench tools notebooks jobs

bench: install
	$(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf chatlake-tables chatlake-out chatlake-data .pytest_cache
