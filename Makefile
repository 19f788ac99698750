# One target per job: run, test, lint, bench. Each sets up the virtual environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint format bench migrate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

## Serve on http://127.0.0.1:8000 with SQLite under ./var (demo data on first start).
run: $(STAMP)
	@mkdir -p var
	@[ -s var/admin-key ] || (umask 077; $(BIN)/python -c \
		"import secrets; print(secrets.token_urlsafe(24))" > var/admin-key)
	@echo "Admin API key: var/admin-key (or set JOBMATCH_BOOTSTRAP_ADMIN_KEY)"
	$(BIN)/jobmatch migrate
	JOBMATCH_BOOTSTRAP_ADMIN_KEY="$${JOBMATCH_BOOTSTRAP_ADMIN_KEY:-$$(cat var/admin-key)}" \
		$(BIN)/jobmatch serve

migrate: $(STAMP)
	$(BIN)/jobmatch migrate

## The whole test suite, on SQLite unless JOBMATCH_TEST_DATABASE_URL says otherwise.
test: $(STAMP)
	$(BIN)/pytest

## The suite on a fresh PostgreSQL database (PG_ADMIN_URL names the server).
test-postgres: $(STAMP)
	$(BIN)/python -m tests.pg_run -- $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python benchmarks/registry_load.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
