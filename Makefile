# Two commands a new user needs: `make map` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GEO    := $(BIN)/geo

.PHONY: map test lint typecheck unit browser gazetteer bench fast pure clean help articles

help:
	@echo "make map    - install, build the default gazetteer if missing, map seeds/ into output/"
	@echo "make test   - linters, type checker and the whole test suite"
	@echo "make bench  - benchmarks (results in benchmarks/results/)"
	@echo "make articles OUT=DIR - the events of tests/articles/ into DIR (diff two commits' events.csv)"
	@echo "make fast   - optional: compile the hot modules with mypyc (needs a C compiler); make pure undoes it"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

gazetteer: $(STAMP)
	$(GEO) gazetteer build --if-missing

map: gazetteer
	$(GEO) map seeds/ --out output/

# The project's own regression articles (tests/articles/README.md), for diffing the output of two commits.
OUT ?= output/articles
articles: gazetteer
	$(GEO) map tests/articles --out $(OUT) --offline --no-dedup -q

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

# Opt-in compiled build: the hot pipeline modules (setup.py's HOT_MODULES) as mypyc C extensions
# beside their sources, imported instead of them; same outputs. Re-run after editing those modules.
fast: $(STAMP)
	GEO_COMPILE=1 $(BIN)/python setup.py build_ext --inplace

pure:
	rm -rf build geo/*.so

clean: pure
	rm -rf $(VENV) output/*.html output/*.csv output/*.geojson
