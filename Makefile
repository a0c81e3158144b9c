# The Aachener Industrie-Dialog portal. `make run` starts it with demo data, `make test` tests it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Installs come from uv.lock (the whole tree, with hashes); uv itself is pinned in the lock too.
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export UV_PYTHON := $(CURDIR)/$(VENV)/bin/python
export UV_NO_PROGRESS := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# The test suite runs production settings over plain HTTP on loopback.
TEST_ENV := SECRET_KEY=test-only-not-secret DEBUG=false HTTPS=false \
	PASSWORD_HASHERS=django.contrib.auth.hashers.MD5PasswordHasher \
	DJANGO_ALLOW_ASYNC_UNSAFE=true
RUN_ENV := DEBUG=$${DEBUG:-true}
# `make test` runs the suite in parallel, one pytest-xdist worker per core (tests/worker_env.py
# gives each its own database, Redis database and VAR_DIR); TEST_WORKERS=0 runs it serially.
TEST_WORKERS ?= auto

.PHONY: install upgrade run test lint format po mo bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/uv --version 2>/dev/null | grep -qF "uv $(UV_VERSION) " || \
		$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv sync --locked --extra dev --quiet
	touch $@

# Refresh the lock to the newest versions pyproject.toml allows, then install from it.
upgrade:
	test -x $(BIN)/uv || $(MAKE) install
	$(BIN)/uv lock --upgrade
	$(MAKE) install

# The cache table first: the migrations' writes already note a new data version in it.
# Links in mails point to the port the portal runs on; the address and the demo logins are
# printed by the Procfile's "announce" once the web server answers.
run: install
	$(RUN_ENV) $(BIN)/python manage.py createcachetable
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo --verbosity 0
	$(RUN_ENV) WEB_PORT=$(PORT) SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

test: install
	$(TEST_ENV) $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python manage.py check
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

po: install
	DEBUG=true $(BIN)/python manage.py makemessages -l de -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete

mo: install
	DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv

bench: install
	@command -v wrk >/dev/null || apt-get install -y -qq wrk
	@command -v nginx >/dev/null || apt-get install -y -qq nginx-light
	$(BIN)/python bench/run.py

clean:
	rm -rf var/test-dialog.sqlite3* var/celery var/xdist
