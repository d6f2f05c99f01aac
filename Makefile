# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages: gettext compiles the interface translations; Chromium runs the
# browser and accessibility tests; the fonts cover Latin, Cyrillic, Arabic and Persian;
# ffmpeg's ffprobe checks uploaded DGS videos (leichte_sprache/video_check.py).
TEST_PACKAGES := gettext chromium fonts-noto-core fonts-dejavu-core poppler-utils ffmpeg
RUN_PACKAGES := gettext fonts-noto-core fonts-dejavu-core ffmpeg
# The benchmarks (bench/): wrk drives the load, nginx is the HTTP cache in front (bench/proxy.py),
# Chromium runs Lighthouse (bench/lighthouse.py).
BENCH_PACKAGES := wrk nginx

.PHONY: run test handbuch install install-test install-bench system-deps assets messages migrate content serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

# Front-end packages exactly as package-lock.json pins them; the development tools among them
# (Lighthouse, for bench/lighthouse.py) only with install-bench.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json

system-deps:
	@missing=""; for pkg in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; \
	fi

install: $(VENV)/.installed assets
	@$(MAKE) --no-print-directory system-deps PACKAGES="$(RUN_PACKAGES)"
	@$(MAKE) --no-print-directory messages

install-test: $(VENV)/.installed-test assets
	@$(MAKE) --no-print-directory system-deps PACKAGES="$(TEST_PACKAGES)"
	@$(MAKE) --no-print-directory messages

install-bench: install
	npm ci --no-audit --no-fund --loglevel=error
	@$(MAKE) --no-print-directory system-deps PACKAGES="$(BENCH_PACKAGES) chromium"

# Interface translations are compiled from locale/*/LC_MESSAGES/django.po.
messages:
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install
	$(BIN)/python manage.py migrate --noinput -v0

content: migrate
	$(BIN)/python manage.py loadcontent

# Every absolute link (mails, feeds, hreflang, open data) comes from PORTAL_BASE_URL: in
# development the address this target serves on, unless the environment names another.
# Without a mail server (EMAIL_HOST), each sent mail is a file in var/mail/ (and a row of the
# admin's mail log). Mails to followers go through the task queue: a worker (db_worker) runs
# beside the development server and stops with it (Ctrl+C ends both).
run: PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
run: EMAIL_FILE_PATH ?= $(CURDIR)/var/mail
run: content
	PORTAL_BASE_URL=$(PORTAL_BASE_URL) $(BIN)/python manage.py demoadmin
	@echo "Portal: $(PORTAL_BASE_URL)/   Sent mails: $(EMAIL_FILE_PATH)/ and $(PORTAL_BASE_URL)/admin/core/outboundmail/"
	PORTAL_BASE_URL=$(PORTAL_BASE_URL) EMAIL_FILE_PATH=$(EMAIL_FILE_PATH) $(BIN)/python manage.py db_worker --no-reload -v0 & worker=$$!; \
	PORTAL_BASE_URL=$(PORTAL_BASE_URL) EMAIL_FILE_PATH=$(EMAIL_FILE_PATH) $(BIN)/python manage.py runserver $(HOST):$(PORT) & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null' EXIT INT TERM; wait $$server

# The suite runs on every core (pytest-xdist): each worker has its own test database. Work
# stealing: a worker that runs out takes tests queued for the other, so the few long tests
# (browser walks, 5,000-row checks) do not leave one core idle at the end (PostgreSQL: 406 s → 313 s).
TEST_WORKERS ?= auto
test: install-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# The screenshots of the staff and partner guide (docs/handbuch.md), taken by its browser walks.
handbuch: install-test
	$(BIN)/python bench/handbuch.py

# Production-style serving: gunicorn against DATABASE_URL, and the task worker beside it (see
# docs/deployment.md; in production both are services of their own).
WORKERS ?= 2
serve: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py clearcaches
	@$(BIN)/python manage.py db_worker --no-reload -v0 & worker=$$!; \
	$(BIN)/gunicorn integration_portal.wsgi:application --workers $(WORKERS) --bind $(HOST):$(PORT) \
		--access-logfile - --max-requests 2000 --max-requests-jitter 200 & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null' EXIT INT TERM; wait $$server

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
