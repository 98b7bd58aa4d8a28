# Set-up is part of every target: a fresh Debian machine needs only make, python3 and apt-get.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Python keeps the bytecode it compiles (in __pycache__/, ignored by git): the tests start
# `clause` hundreds of times, and a machine that sets PYTHONDONTWRITEBYTECODE for everything
# would have each start compile every module again.
unexport PYTHONDONTWRITEBYTECODE
# What publishing needs (fonts for Chinese PDFs, git for the release tags, rsvg-convert for the
# PNG copy of each SVG figure in a DOCX), and what only the tests need besides: Chromium for
# the browser tests, poppler for pdftoppm/pdftotext, and LibreOffice (Writer and Calc without
# the GUI) to open every office file Clause writes.
SITE_APT_PACKAGES := fonts-noto-cjk git librsvg2-bin
TEST_APT_PACKAGES := $(SITE_APT_PACKAGES) chromium poppler-utils libreoffice-writer-nogui \
                     libreoffice-calc-nogui
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all setup setup-site system-deps site-deps test-deps site test lint serve bench \
        bench-lint bench-import bench-scale clean

all: test

# Debian packages, installed only when missing and without their recommended packages (the
# recommendations of chromium and LibreOffice pull in cups, samba helpers and desktop themes).
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    --no-install-recommends $$missing; \
	fi
endef

site-deps:
	$(call apt_install,$(SITE_APT_PACKAGES))

test-deps system-deps:
	$(call apt_install,$(TEST_APT_PACKAGES))

$(STAMP): pyproject.toml
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

setup: test-deps $(STAMP)

setup-site: site-deps $(STAMP)

# --no-cache: a published site is checked from scratch, never from cache entries.
site: setup-site
	$(BIN)/clause lint --no-cache drafts
	$(BIN)/clause publish --out site

test: setup
	$(BIN)/ruff check build_tools tests bench
	$(BIN)/python -m pytest

lint: setup-site
	$(BIN)/clause lint drafts

serve: setup-site
	$(BIN)/clause serve

bench: setup
	@$(BIN)/python bench/run.py

# Only the side-by-side lint figures of make bench (clause lint, markdownlint-cli2, bare parse).
bench-lint: setup
	@$(BIN)/python bench/lint_ratio.py

# Only the Word import figure: a ~100-page DOCX exported by Clause, imported back.
bench-import: setup
	@$(BIN)/python bench/import_docx.py

# Only the large-draft figures of make bench: each case at 1x, 2x and 4x (issue 15).
bench-scale: setup
	@$(BIN)/python bench/scale.py figures

clean:
	rm -rf build site .clause-cache .pytest_cache
