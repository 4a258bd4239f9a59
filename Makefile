# ASSKomm network platform — see README.md.
#   make run                 demo on http://127.0.0.1:$(PORT)/ (no services needed)
#   make test ARGS="-k foo"  ruff + pytest against throwaway PostgreSQL, Redis, Chromium; the SQLite
#                            and PostgreSQL halves run in two xdist workers, also with ARGS (a few
#                            seconds' start-up); ARGS="-n 0 ..." runs in one process (--pdb, -s)
#   make bench               the scale benchmark at 420 and 11,000 KPRs (bench/scale.py; ~30 minutes)
#   make bench-alliances     Saxony's state pages among 16 alliances with 11,000 KPRs against one of 420
#   make lint                ruff only
#   make venv                create .venv and install the project
#   make clean               remove .venv and instance/

PYTHON ?= python3
VENV   := .venv
STAMP  := $(VENV)/.installed
ARGS   ?=

.PHONY: run test bench bench-alliances lint venv clean

run: venv
	scripts/run.sh

test: venv
	scripts/test.sh $(ARGS)

bench: venv
	scripts/bench.sh

bench-alliances: venv
	scripts/bench.sh bench/alliances.py

lint: venv
	$(VENV)/bin/ruff check .

venv: $(STAMP)

# pyvenv.cfg, not bin/python: a dangling interpreter symlink must not trigger a rebuild.
$(VENV)/pyvenv.cfg:
	@$(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); \
	  echo "Could not create $(VENV). On Debian: apt-get install python3-venv" >&2; \
	  exit 1; }

# Re-install only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(VENV)/pyvenv.cfg
	$(VENV)/bin/python -m pip install --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) instance/
