# microcred — the front door. `make run` serves the demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The port the last `make run` served on (kept in .env), else 8000.
PORT ?= $(or $(shell sed -n 's/^PORT=\([0-9][0-9]*\).*/\1/p' .env 2>/dev/null | tail -n 1),8000)
export PORT
# Test processes: the suite is spread over this many (pytest-xdist); 1 runs it in one process.
TEST_WORKERS ?= 2

.PHONY: install install-dev run serve test test-suite e2e lint format check demo clean

$(VENV)/.base-installed: requirements/base.txt
	@bash scripts/venv.sh "$(PYTHON)" "$(VENV)"
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.base-installed requirements/dev.txt requirements/dev-nodeps.txt \
		tests/e2e/package-lock.json tests/interop/package-lock.json
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements/dev-nodeps.txt
	@bash scripts/browser.sh
	@touch $@

install: $(VENV)/.base-installed

install-dev: $(VENV)/.dev-installed

# Creates the environment, migrates the SQLite database, writes the local .env (DEBUG,
# PORT, BASE_URL) that later commands read, loads the demo data (keeping whatever users
# already did), and serves the platform with a task worker beside it.
run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py write_local_env --port $(PORT)
	DEBUG=true $(PY) manage.py load_demo
	@DEBUG=true bash scripts/serve.sh "$(PY)" "$(PORT)"

# Style, then the import contracts: apps in layers, and no module in an import circle.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) scripts/import_cycles.py

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-dev
	SECRET_KEY=check $(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=check $(PY) manage.py check

# The README's test command: lint, migrations in step with models, then the whole suite.
test: lint check test-suite

test-suite: install-dev
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

e2e: install-dev
	$(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var db.sqlite3 tests/e2e/node_modules tests/interop/node_modules
