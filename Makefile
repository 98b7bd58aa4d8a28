# Set-up is part of every target: a fresh Debian machine needs only make, python3 and apt-get.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils git
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup system-deps site test lint serve bench bench-lint bench-scale clean

all: test

# Debian packages: Chromium for the browser tests, Noto CJK for Chinese PDFs, poppler for
# pdftoppm. Installed only when missing.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

setup: system-deps $(STAMP)

site: setup
	$(BIN)/clause lint drafts
	$(BIN)/clause publish --out site

test: setup
	$(BIN)/ruff check build_tools tests bench
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/clause lint drafts

serve: setup
	$(BIN)/clause serve

bench: setup
	@$(BIN)/python bench/run.py

# Only the side-by-side lint figures of make bench (clause lint, markdownlint-cli2, bare parse).
bench-lint: setup
	@$(BIN)/python bench/lint_ratio.py

# Only the large-draft figures of make bench: each case at 1x, 2x and 4x (issue 15).
bench-scale: setup
	@$(BIN)/python bench/scale.py figures

clean:
	rm -rf build site .clause-cache .pytest_cache
