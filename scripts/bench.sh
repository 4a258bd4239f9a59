#!/usr/bin/env bash
# `make bench`: the scale benchmark (bench/scale.py) against a throwaway PostgreSQL 15 and Redis,
# started as the test command starts them (scripts/services.sh) and stopped on any exit; wrk from
# Debian's packages drives the load. Writes bench/results/scale.json and scale.md; with the argument
# bench/alliances.py, 16 alliances against one (alliances.json and alliances.md).
#   BENCH_SIZES=420,11000 (default)  BENCH_SECONDS=10 (per wrk run)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# shellcheck source=scripts/services.sh
. "$ROOT/scripts/services.sh"

make --no-print-directory -s venv
export PATH="$ROOT/.venv/bin:$PATH"
PY="$ROOT/.venv/bin/python"

services_install_missing redis-server postgresql-15 wrk libpango-1.0-0 libpangoft2-1.0-0

services_init asskomm-bench
# A server sized for a benchmark rather than a test: more memory for sorts and the cache.
SERVICES_PG_OPTIONS="${SERVICES_PG_OPTIONS:--c shared_buffers=256MB -c work_mem=16MB -c max_connections=100}"
export SERVICES_PG_OPTIONS
services_start_postgres asskomm_bench
services_start_redis

export BENCH_DATABASE_URL="$PG_URL"
export BENCH_REDIS_URL="$REDIS_URL"
SCRIPT="${1:-bench/scale.py}"  # or bench/alliances.py (make bench-alliances)
log "$SCRIPT (sizes ${BENCH_SIZES:-420,11000}, ${BENCH_SECONDS:-10} s per run)"
"$PY" "$SCRIPT"
