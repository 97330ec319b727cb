# readiness — run `make` (or `make help`) to list the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATASET ?= kaltim-2024
RAW := data/raw/$(DATASET)
PROCESSED := data/processed/$(DATASET)
OUTPUT := reports/_output

.PHONY: help setup data report test lint typecheck pytest bench national clean

help: ## Show this list of targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@# an editable install is not byte-compiled as the dependencies are: compile it once
	$(BIN)/python -m compileall -q src
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the pinned dependencies (only when needed)

data: $(STAMP) ## Validate data/raw/DATASET (default kaltim-2024) and rebuild data/processed/DATASET
	$(BIN)/readiness build $(RAW) -o $(PROCESSED)

report: data ## Render the provincial briefing and every regency profile (HTML, PDF, DOCX)
	$(BIN)/readiness report $(RAW) --format html,pdf,docx -o $(OUTPUT)

lint: $(STAMP) ## Check style with ruff
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

typecheck: $(STAMP) ## Check types with mypy --strict (the package, then the benchmarks)
	$(BIN)/mypy
	$(BIN)/mypy benchmarks

pytest: $(STAMP) ## Run the test suite only (on two worker processes)
	$(BIN)/pytest -q -n 2 --dist loadfile --no-loadscope-reorder

test: lint typecheck pytest ## Lint, type-check and run all tests

national: $(STAMP) ## Write the synthetic national dataset (not official figures) to data/synthetic/nasional
	$(BIN)/readiness synthetic -o data/synthetic/nasional --seed 2024 --scale 1 --snapshots 1

bench: $(STAMP) ## Measure speed and memory at national scale (writes BENCHMARKS.md figures)
	$(BIN)/python benchmarks/run.py

clean: ## Remove the virtual environment, caches and rendered output
	rm -rf $(VENV) $(OUTPUT) .pytest_cache .mypy_cache .ruff_cache data/processed/* data/processed/.[!.]* data/synthetic .bench-cache
	touch data/processed/.gitkeep
