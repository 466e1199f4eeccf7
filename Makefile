# Two commands matter: `make run` (the local demo) and `make test` (everything CI runs).
PY      := .venv/bin/python
PIP     := .venv/bin/pip
MANAGE  := $(PY) manage.py
# The demo runs on SQLite with eager tasks; a throw-away secret key is written to var/.
# The demo ISU logs in without a second factor unless ISU_REQUIRE_2FA=true is given (production: on).
DEMO_ENV = DEBUG=true SECRET_KEY="$$(cat var/demo_secret_key)" ISU_REQUIRE_2FA="$${ISU_REQUIRE_2FA:-false}"

.PHONY: run test lint format venv messages demo-data clean check-schema bench backup restore chromium

.venv/.installed: requirements.txt requirements-dev.txt
	python3 -m venv .venv
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: .venv/.installed

var/demo_secret_key:
	mkdir -p var
	python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@

messages: venv
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then SECRET_KEY=x $(MANAGE) compilemessages -v0 --ignore=.venv; fi

demo-data: venv var/demo_secret_key messages
	$(DEMO_ENV) $(MANAGE) migrate --noinput -v0
	$(DEMO_ENV) $(MANAGE) import_states states/data/states.csv
	$(DEMO_ENV) $(MANAGE) import_meetings obligations/data/meetings.csv
	$(DEMO_ENV) $(MANAGE) load_demo

run: demo-data
	@echo "Serving on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

# ruff, and the layers of docs/architecture.md (import-linter contract in pyproject.toml).
lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

format: venv
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

check-schema: venv
	SECRET_KEY=x DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) spectacular --validate --fail-on-warn --file /dev/null

# Debian's chromium at /usr/bin/chromium for the browser tests, installed when missing.
chromium:
	@scripts/ensure-chromium.sh

# The whole suite against PostgreSQL and Redis on 127.0.0.1 (services.md).
test: venv chromium messages lint check-schema
	SECRET_KEY=x DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) makemigrations --check --dry-run -v0
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf .venv var/ccm_portal.sqlite3 staticfiles

# Back up / restore the PostgreSQL database named by DATABASE_URL (docs/operations.md).
# `make backup` writes var/backups/ccm-YYYYmmdd-HHMMSS.dump (pg_dump custom format);
# `make restore BACKUP=var/backups/....dump` replaces the objects of DATABASE_URL's database with it.
BACKUP_DIR ?= var/backups
backup:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL is not set"; exit 2; }
	mkdir -p $(BACKUP_DIR)
	@file="$(BACKUP_DIR)/ccm-$$(date -u +%Y%m%d-%H%M%S).dump"; \
	pg_dump --format=custom --no-owner --file="$$file" --dbname="$$DATABASE_URL" && echo "backup: $$file"

restore:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL is not set"; exit 2; }
	@test -f "$(BACKUP)" || { echo "BACKUP=path/to/file.dump is required"; exit 2; }
	pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction --dbname="$$DATABASE_URL" "$(BACKUP)"

# The benchmark of docs/performance.md: its own PostgreSQL database (ccm_bench on 127.0.0.1), the
# N=1 dataset, gunicorn with production settings, wrk (installed from Debian when missing), and the
# results table of docs/performance.md rewritten. Under 10 minutes on a 2-core machine.
bench: venv
	$(PY) bench/run.py $(BENCH_ARGS)
