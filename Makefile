# Two targets a newcomer needs: `make run` and `make test`. Both set up .venv from the
# hash-pinned lock first (only when the lock or pyproject changed since the last setup).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint lock clean

run: $(STAMP)
	$(BIN)/counterpoint

test: lint
	$(BIN)/pytest

# ruff (lint and format), the import contracts in pyproject.toml (store and seed never
# import the UI), then mypy --strict over store and seed ([tool.mypy] in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "make: no python3.11 or python3 found; set PYTHON=/path/to/python3.11+" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Regenerate the lock after changing dependencies in pyproject.toml (needs uv on PATH).
lock:
	uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes \
		--no-header -o requirements.lock

clean:
	rm -rf $(VENV)
