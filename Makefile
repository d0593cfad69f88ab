# Two commands set Sitrep up on a fresh machine:
#   make demo   build a demo database from the bundled sample reports and show it
#   make test   lint, type-check and run the tests (SQLite and PostgreSQL)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The PostgreSQL server the tests use; they create and drop their own databases in it.
SITREP_TEST_POSTGRES ?= postgresql://postgres@127.0.0.1:5432/postgres
export SITREP_TEST_POSTGRES

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	@rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/sitrep --db demo.db demo

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/import_time.py

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
