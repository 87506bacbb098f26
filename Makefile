# The two commands of the README: `make run` and `make test`. Each does its own set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format bench install system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

## run: start the bot (with the local Telegram sandbox when no token is set)
run: install
	$(BIN)/hotline run

## test: lint, then the whole suite (unit, integration, end to end, browser)
test: install system-deps lint
	$(BIN)/pytest --hypothesis-profile=ci

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: speed and memory figures (search latency, index build; load of 100/500/1000 officials)
bench: install
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.load

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
