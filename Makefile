# The two commands of the README: `make run` and `make test`.
# Both create .venv in the checkout and install everything on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)
# Where `make serve` listens (python -m search.ui): KB_HOST / KB_PORT, else 127.0.0.1:8501.
# HOST=0.0.0.0 shares the app with the network: a deliberate choice, never the default.
HOST ?=
PORT ?=

.PHONY: install run index serve test test-fast lint lock bench browser

# Exact versions from requirements.lock (the ones CI tested), within pyproject.toml's ranges.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch is pinned to the CPU build that pip finds on this kind of machine.
	$(BIN)/python -m pip install --quiet -c requirements.lock torch==2.13.0
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	# The name lexicon (from names-dataset) and the Swedish word-form table (from hunspell-sv) are derived
	# once into the model cache (about a minute together).
	$(BIN)/python -m indexer.people
	$(BIN)/python -m indexer.wordforms
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Index the demo corpus (incremental) and serve the app on http://127.0.0.1:8501
run: install index serve

index: install
	$(BIN)/python -m indexer; test $$? -le 1

serve: install
	$(BIN)/python -m search.ui $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

## Debian's Chromium for the end-to-end tests (Playwright drives it; no browser download)
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }

## Lint, then the whole test suite, as CI runs it
test: install browser lint
	$(BIN)/python -m pytest

## The fast tier: plumbing tests with a fake embedder (no model, no browser)
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy indexer search app.py

## Refresh requirements.lock from pyproject.toml's ranges in a clean virtual environment
lock:
	PYTHON=$(PYTHON) scripts/lock.sh

bench: install
	$(BIN)/python bench/eval_retrieval.py
