# The two commands of the README: `make run` and `make test`. Each does its own set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Exact versions with their hashes (README "Dependencies and why"): requirements.lock for a
# production install, requirements-dev.lock (the same versions plus the test tools) for ours.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
# The tool that writes the locks (`make lock`), pinned so that two developers lock alike.
UV := uv==0.13.9
COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command 'make lock' --quiet

.PHONY: run test lint format bench install system-deps clean lock lock-upgrade

# Only what the lock says, checked against its hashes; then the project itself, without
# letting pip resolve anything.
$(STAMP): $(DEV_LOCK) pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
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

## bench: speed and memory figures (search latency, index build; load of 100/500/1000 officials;
## gaps list with 20,000 stored questions; purge of 100,000 closed tickets; 1 and 3 processes
## on a throw-away PostgreSQL)
bench: install system-deps
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.load
	$(BIN)/python -m benchmarks.gaps
	$(BIN)/python -m benchmarks.purge
	$(BIN)/python -m benchmarks.cluster_load --users 200 500

## lock: re-pin the dependencies after changing them in pyproject.toml (keeps the other pins)
# The production lock is resolved within the development one, so both hold the same versions.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet '$(UV)'
	$(COMPILE) $(UPGRADE) --extra dev --extra postgres -o $(DEV_LOCK)
	$(COMPILE) --extra postgres -c $(DEV_LOCK) -o $(LOCK)

## lock-upgrade: move every pin to the newest version pyproject.toml allows
lock-upgrade:
	$(MAKE) lock UPGRADE=--upgrade

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
