# The two commands a newcomer runs. Both create .venv when it is missing and install the versions
# that were tested, from the locks in requirements/ (`make lock` writes them from pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LOCK := requirements/runtime.txt
TEST_LOCK := requirements/test.txt
# .venv keeps the pip its Python ships (what a newcomer has); `UPGRADE_PIP=1` takes the newest.
UPGRADE_PIP ?=
# Only `make lock` needs uv; it goes into .venv then, never for `make demo` or `make test`.
UV_VERSION := 0.13.9

# The locks hash every package, so pip installs exactly them and fails on anything unlisted.
PIP_INSTALL = $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile
# curate itself, with no second resolution: its requirements are in the lock already, and so is
# the setuptools that builds it. Then the bytecode, on every core (pip would compile one file after
# another): where PYTHONDONTWRITEBYTECODE is set, as in many containers and CI, a first import
# writes none, and every process (each `curate` command, test worker, Ray worker) would compile
# its 750-odd modules again: importing the build took 3.1 s without bytecode and 1.6 s with it.
# Bytecode is a cache: a file that does not compile fails at import as it would without it, so
# compileall's verdict is not the install's.
define install_locked
	$(PIP_INSTALL) -r $(1)
	$(PIP_INSTALL) --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib curate > /dev/null || true
endef

.PHONY: demo test lint lock lock-upgrade install-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(if $(UPGRADE_PIP),$(PIP_INSTALL) --upgrade pip)

$(STAMP): $(BIN)/python $(LOCK) pyproject.toml
	$(call install_locked,$(LOCK))
	touch $@

# The test lock holds the runtime lock's pins (tests/test_packaging.py), so it stands for both.
$(TEST_STAMP): $(BIN)/python $(LOCK) $(TEST_LOCK) pyproject.toml
	$(call install_locked,$(TEST_LOCK))
	touch $@ $(STAMP)

demo: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/curate build data/raw --name sample --config curate.toml
	HF_HUB_OFFLINE=1 $(BIN)/curate publish sample

# Two runs: all but the Ray tests with one pytest worker per core (pytest-xdist: the suite is
# CPU-bound, and most of it single-threaded), then the Ray tests in one process (why, and the time
# limits and clean-up: tests/run_suite.sh).
test: $(TEST_STAMP)
	BIN=$(BIN) bash tests/run_suite.sh

# ruff on all the Python in the repository, mypy --strict on curate/ (both configured in pyproject.toml).
lint: $(TEST_STAMP)
	$(BIN)/ruff check curate tests benchmarks training
	$(BIN)/mypy

# Resolves pyproject.toml (and its build requirements, for --no-build-isolation) for every platform
# and Python >= 3.11. Keeps the pins that still fit; `make lock-upgrade` takes the newest of all.
# The test lock is resolved within the runtime lock, so the two never disagree.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command 'make lock'
BUILD_REQUIRES = $(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')"

lock: $(BIN)/python
	$(PIP_INSTALL) uv==$(UV_VERSION)
	$(BUILD_REQUIRES) | $(UV_COMPILE) pyproject.toml - -o $(LOCK)
	$(BUILD_REQUIRES) | $(UV_COMPILE) pyproject.toml - --extra test -c $(LOCK) -o $(TEST_LOCK)

lock-upgrade: UV_COMPILE += --upgrade
lock-upgrade: lock

# .ci/run's second install: `make demo`'s, into a throwaway venv with the newest pip (make test
# used the pip a new venv ships), then a build of a text page and an HTML page that keeps both.
# Its venv and build stay in $(CHECK) until the next check or `make clean`: deleting the venv's
# 16,000 files takes 40 s on this disk, time CI does not need to spend on a clone it throws away.
CHECK := build/install-check
SMOKE_INPUTS := data/raw/txt/harbor-gazette/001_ferry-terminal-reopening-delayed.txt \
	data/raw/html/harbor-gazette/006_crab-fleet-sues-state.html
KEPT_BOTH := import json, sys; a = json.load(sys.stdin)['accounting']; sys.exit(a['kept'] != 2 and f'not both kept: {a}')

install-check:
	rm -rf $(CHECK)
	$(MAKE) --no-print-directory VENV=$(CHECK)/venv UPGRADE_PIP=1 $(CHECK)/venv/.installed
	$(CHECK)/venv/bin/python -m pip --version
	$(CHECK)/venv/bin/python -c 'import lxml.html.clean, trafilatura, great_expectations, datasets, curate'
	mkdir $(CHECK)/in && cp $(SMOKE_INPUTS) $(CHECK)/in
	HF_HUB_OFFLINE=1 $(CHECK)/venv/bin/curate build $(CHECK)/in --name smoke --store $(CHECK)/store --source 'Harbor Gazette'
	HF_HUB_OFFLINE=1 $(CHECK)/venv/bin/curate show smoke 1.0.0 --store $(CHECK)/store --json \
		| $(CHECK)/venv/bin/python -c "$(KEPT_BOTH)"

clean:
	rm -rf $(VENV) $(CHECK) data/curated
