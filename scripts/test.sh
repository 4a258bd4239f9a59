#!/usr/bin/env bash
# `make test`: ruff, then pytest against real services started here and stopped on any exit
# (scripts/services.sh): a throwaway PostgreSQL 15 cluster, pgbouncer in transaction pooling mode in
# front of it, a throwaway Redis, and Debian's Chromium for the browser tests.
# Arguments are passed to pytest: scripts/test.sh -k login -x (-n 0: in one process, no xdist workers)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CHROMIUM=/usr/bin/chromium
# shellcheck source=scripts/services.sh
. "$ROOT/scripts/services.sh"

# The venv (also when this script is called directly rather than through make).
make --no-print-directory -s venv
export PATH="$ROOT/.venv/bin:$PATH"
PY="$ROOT/.venv/bin/python"

# --- system packages --------------------------------------------------------------------------
services_install_missing redis-server chromium postgresql-15 pgbouncer libpango-1.0-0 libpangoft2-1.0-0

# --- lint first: no services needed ------------------------------------------------------------
log "ruff check ."
"$ROOT/.venv/bin/ruff" check .

# --- services, stopped on any exit -------------------------------------------------------------
services_init asskomm-test
services_start_postgres asskomm_test
services_start_pgbouncer asskomm_test
services_start_redis

# --- the tests ---------------------------------------------------------------------------------
export TEST_POSTGRES_URL="$PG_URL"
export TEST_PGBOUNCER_URL="$PGBOUNCER_URL"
export TEST_REDIS_URL="$REDIS_URL"
export CHROMIUM_PATH="$CHROMIUM"
export ASSKOMM_REQUIRE_SERVICES=1

# Two worker processes (pytest-xdist): tests/plugin.py gives each database half of the suite to one
# of them whole; tests without a database go to whichever is free. Arguments come after, so -n 0
# runs everything in this one process (for --pdb, or -s).
log "pytest -n 2 $*"
set +e
"$ROOT/.venv/bin/pytest" -n 2 "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    log "pytest collected no tests: that is a failure"
    status=1
fi
exit "$status"
