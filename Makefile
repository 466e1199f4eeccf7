# Two commands matter: `make run` (the local demo) and `make test` (everything CI runs).
PY      := .venv/bin/python
PIP     := .venv/bin/pip
MANAGE  := $(PY) manage.py
# The demo runs on SQLite with eager tasks; a throw-away secret key is written to var/.
DEMO_ENV = DEBUG=true SECRET_KEY="$$(cat var/demo_secret_key)"

.PHONY: run test lint format venv messages demo-data clean check-schema bench

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

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: venv
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

check-schema: venv
	SECRET_KEY=x DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) spectacular --validate --fail-on-warn --file /dev/null

# The whole suite against PostgreSQL and Redis on 127.0.0.1 (services.md). Browser tests need
# Debian's chromium at /usr/bin/chromium (.ci/run installs it).
test: venv messages lint check-schema
	SECRET_KEY=x DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) makemigrations --check --dry-run -v0
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf .venv var/ccm_portal.sqlite3 staticfiles
