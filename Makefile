# Two commands a new user needs: `make map` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GEO    := $(BIN)/geo

.PHONY: map test lint typecheck unit browser gazetteer bench clean help

help:
	@echo "make map    - install, build the default gazetteer if missing, map seeds/ into output/"
	@echo "make test   - linters, type checker and the whole test suite"
	@echo "make bench  - benchmarks (results in benchmarks/results/)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

gazetteer: $(STAMP)
	$(GEO) gazetteer build --if-missing

map: gazetteer
	$(GEO) map seeds/ --out output/

# Chromium for the browser tests, from Debian's packages (root only; otherwise those tests skip with a reason).
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium and chromium-driver from Debian"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium not installed and not root: browser tests will be skipped"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check geo tests benchmarks
	$(BIN)/ruff format --check geo tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy geo

unit: $(STAMP) browser gazetteer
	$(BIN)/pytest -q

test: lint typecheck unit

bench: gazetteer
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) output/*.html output/*.csv output/*.geojson
