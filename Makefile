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

# The web app's front-end libraries, from npm at the versions package-lock.json pins,
# copied where Sitrep serves them (never from a CDN).
VENDOR := src/sitrep/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.installed

# The browser the web app's end-to-end tests drive (Playwright never downloads one).
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint typecheck pytest bench clean vendor

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(VENDOR_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet $(VENDOR)/world-atlas $(VENDOR)/swagger-ui $(VENDOR)/licences
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(VENDOR)/leaflet/
	cp -r node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp node_modules/world-atlas/countries-50m.json $(VENDOR)/world-atlas/
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui/
	for p in leaflet htmx.org topojson-client world-atlas swagger-ui-dist; do cp node_modules/$$p/LICENSE* $(VENDOR)/licences/$$p.txt; done
	@touch $(VENDOR_STAMP)

vendor: $(VENDOR_STAMP)

$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium \
	  || { echo "the browser tests need Debian's chromium (apt-get install chromium)"; exit 1; }

demo: $(STAMP) $(VENDOR_STAMP)
	@rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/sitrep --db demo.db demo

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(VENDOR_STAMP) $(CHROMIUM)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/import_time.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
