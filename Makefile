# The Aachener Industrie-Dialog portal. `make run` starts it with demo data, `make test` tests it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# xstatic-bootstrap's sdist needs setuptools < 81 to build (see the file). pip before 26.2
# applies PIP_CONSTRAINT to build environments, pip 26.2 and newer only PIP_BUILD_CONSTRAINT.
export PIP_CONSTRAINT := $(CURDIR)/build-constraints.txt
export PIP_BUILD_CONSTRAINT := $(CURDIR)/build-constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# The test suite runs production settings over plain HTTP on loopback.
TEST_ENV := SECRET_KEY=test-only-not-secret DEBUG=false HTTPS=false \
	PASSWORD_HASHERS=django.contrib.auth.hashers.MD5PasswordHasher \
	DJANGO_ALLOW_ASYNC_UNSAFE=true
RUN_ENV := DEBUG=$${DEBUG:-true}

.PHONY: install run test lint format po mo bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml build-constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $@

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py createcachetable
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	@echo ""
	@echo "  Portal: http://127.0.0.1:$(PORT)/   (Strg+C beendet Web, Worker und Beat)"
	@echo ""
	$(RUN_ENV) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile -p $(PORT)

test: install
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/python manage.py check
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

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
	rm -rf var/test-dialog.sqlite3* var/celery
