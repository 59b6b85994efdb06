# The two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/cchc

.PHONY: install demo test lint js-syntax typecheck format test-sqlite test-pg test-pg-all system-deps browser-deps doc-deps assets messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(MAKE) --no-print-directory assets

assets:
	$(BIN)/python -m cchc.assets

# The compiled catalogue (django.mo) is committed, so any install is Vietnamese, even without
# gettext; `make messages` updates the .po and compiles it, and a test fails when they differ.

messages:
	cd cchc && ../$(BIN)/cchc makemessages -l vi --no-location --no-obsolete
	cd cchc && ../$(BIN)/cchc compilemessages --ignore=.venv -v 0
	@msgattrib --untranslated cchc/locale/vi/LC_MESSAGES/django.po | grep -c '^msgid' | sed 's/^/untranslated entries (+1 header): /'

demo: install
	$(BIN)/cchc demo

# Domain modules (rules, calculations, actions) are type-checked; views and forms are not.
MYPY_PATHS ?= cchc/feedback/actions.py cchc/feedback/reading.py cchc/feedback/rates.py \
	cchc/feedback/deadlines.py cchc/dossiers/publication.py cchc/public/lookup.py \
	cchc/org/access.py cchc/org/matching.py cchc/org/models.py cchc/org/in_force.py cchc/org/admin_scope.py cchc/plans/models.py \
	cchc/plans/actions.py cchc/plans/lifecycle.py cchc/plans/amendments.py cchc/plans/appraisal.py cchc/plans/copying.py cchc/plans/revisions.py cchc/plans/target_rules.py cchc/plans/legal.py cchc/plans/layout.py cchc/audit/log.py \
	cchc/importer/saving.py cchc/importer/parse.py cchc/plans/deadlines.py cchc/plans/cascade.py \
	cchc/demo/__init__.py cchc/dossiers/reading.py cchc/dossiers/columns.py cchc/dossiers/cells.py \
	cchc/dossiers/limits.py cchc/dossiers/xlsx.py cchc/dossiers/tables.py cchc/dossiers/catalogue.py \
	cchc/dossiers/classify.py cchc/dossiers/facts.py cchc/dossiers/saving.py cchc/dossiers/outcome.py cchc/dossiers/columnar.py cchc/dossiers/csvlines.py cchc/dossiers/bulk.py cchc/dossiers/sheets.py cchc/dossiers/slices.py cchc/dossiers/deadlines.py \
	cchc/dossiers/rollup.py cchc/dossiers/procedure_sets.py cchc/dossiers/rollup_sums.py cchc/dossiers/background.py cchc/dossiers/upkeep.py cchc/indicators/batch.py cchc/indicators/engine.py \
	cchc/indicators/models.py cchc/periods/__init__.py cchc/indicators/targets.py \
	cchc/indicators/actions.py cchc/dossiers/uploads.py cchc/indicators/tables.py \
	cchc/documents/excel.py cchc/documents/word.py cchc/plans/measures.py cchc/plans/rules.py \
	cchc/evidence/actions.py cchc/evidence/files.py cchc/evidence/models.py \
	cchc/figures/actions.py cchc/figures/rollup.py cchc/figures/models.py cchc/figures/targets.py \
	cchc/documents/actions.py cchc/documents/models.py \
	cchc/formats/rounding.py cchc/formats/inputs.py cchc/formats/__init__.py cchc/core/arguments.py \
	cchc/dossiers/competence.py cchc/index766/scoring.py \
	cchc/index766/board.py cchc/index766/actions.py cchc/index766/publication.py \
	cchc/index766/sources.py cchc/index766/seed.py cchc/index766/views.py cchc/index766/entered.py \
	cchc/audit/fields.py cchc/dossiers/rollup_tables.py \
	cchc/console.py cchc/cli.py

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/size_limits.py --check cchc scripts
	$(MAKE) --no-print-directory js-syntax

# Offices run Chrome 109 / Firefox 115 ESR (decision 0160): the site's own scripts are parsed as
# ES2017, the vendor files as ES2022 (all of whose syntax those browsers read), by acorn (npm).
js-syntax:
	@for f in cchc/static/js/*.js; do node_modules/.bin/acorn --ecma2017 --silent $$f || exit 1; done
	@for f in cchc/static/vendor/*.js; do node_modules/.bin/acorn --ecma2022 --silent $$f || exit 1; done

typecheck:
	$(BIN)/mypy $(MYPY_PATHS)

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# What the tests need from Debian, whatever is missing fetched by one apt-get: Chromium (browser
# tests), LibreOffice and poppler (Word documents converted to PDF, their first page drawn).
system-deps:
	@need=""; \
	command -v chromium >/dev/null 2>&1 || need="chromium"; \
	command -v soffice >/dev/null 2>&1 || need="$$need libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null 2>&1 || need="$$need poppler-utils"; \
	if [ -n "$$need" ]; then apt-get update -qq && apt-get install -y -qq $$need >/dev/null; fi

browser-deps doc-deps: system-deps

test-sqlite:
	$(BIN)/pytest -n 2 --dist loadgroup --create-db

# The tests that cannot reach a database ran on SQLite just before: PostgreSQL repeats the
# others (decision 0182); `make test-pg-all` runs every test on PostgreSQL.
test-pg:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup --create-db --database-tests-only

test-pg-all:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup --create-db

# The Python packages and Debian's side by side: each mostly waits on its registry.
test:
	$(MAKE) --no-print-directory -j2 install system-deps
	$(MAKE) --no-print-directory lint typecheck
	$(BIN)/cchc makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-pg
