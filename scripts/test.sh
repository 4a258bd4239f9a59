#!/usr/bin/env bash
# `make test`: ruff, then pytest against real services started here and stopped on any exit:
# a throwaway PostgreSQL 15 cluster, a throwaway Redis, and Debian's Chromium for the browser tests.
# Arguments are passed to pytest: scripts/test.sh -k login -x (-n 0: in one process, no xdist workers)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PG_BIN=/usr/lib/postgresql/15/bin
CHROMIUM=/usr/bin/chromium

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root or sudo to run: $*"
    fi
}

# The venv (also when this script is called directly rather than through make).
make --no-print-directory -s venv
export PATH="$ROOT/.venv/bin:$PATH"
PY="$ROOT/.venv/bin/python"

# --- system packages --------------------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
# Pango for WeasyPrint, which renders the annual reports' PDF
compgen -G "/usr/lib/*/libpango-1.0.so.0" >/dev/null || missing+=(libpango-1.0-0)
compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || missing+=(libpangoft2-1.0-0)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
command -v redis-server >/dev/null 2>&1 || die "redis-server not found"
[ -x "$CHROMIUM" ] || die "$CHROMIUM not found"
[ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found"

# --- lint first: no services needed ------------------------------------------------------------
log "ruff check ."
"$ROOT/.venv/bin/ruff" check .

# --- cleanup on any exit -----------------------------------------------------------------------
TMP=""
PG_STARTED=""
REDIS_PIDFILE=""

# PostgreSQL refuses to run as root: as root, run its binaries as user postgres.
run_pg() {
    if is_root; then
        if command -v runuser >/dev/null 2>&1; then
            (cd "$TMP" && runuser -u postgres -- "$@")
        else
            (cd "$TMP" && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
        fi
    else
        "$@"
    fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$PG_STARTED" ]; then
        run_pg "$PG_BIN/pg_ctl" -D "$TMP/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$REDIS_PIDFILE" ] && [ -s "$REDIS_PIDFILE" ]; then
        local pid
        pid=$(cat "$REDIS_PIDFILE")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    if [ -n "$TMP" ]; then
        rm -rf "$TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TMP=$(mktemp -d "${TMPDIR:-/tmp}/asskomm-test.XXXXXX")
chmod 755 "$TMP"                 # user postgres must reach $TMP/pg
mkdir -p "$TMP/pg" "$TMP/redis"
if is_root; then
    id postgres >/dev/null 2>&1 || die "user postgres missing (apt-get install postgresql-15)"
    chown postgres: "$TMP/pg"
fi

read -r PG_PORT REDIS_PORT < <("$PY" - <<'PYTHON'
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks:
    s.close()
PYTHON
)
[ -n "${REDIS_PORT:-}" ] || die "could not pick free ports"

# --- PostgreSQL --------------------------------------------------------------------------------
log "PostgreSQL 15 on 127.0.0.1:$PG_PORT"
run_pg mkdir -p "$TMP/pg/socket"
run_pg "$PG_BIN/initdb" -D "$TMP/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; die "initdb failed"; }
PG_STARTED=1
run_pg "$PG_BIN/pg_ctl" -D "$TMP/pg/data" -l "$TMP/pg/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $TMP/pg/socket -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null || { cat "$TMP/pg/server.log" >&2; die "PostgreSQL did not start"; }
run_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres asskomm_test

# --- Redis -------------------------------------------------------------------------------------
log "Redis on 127.0.0.1:$REDIS_PORT"
REDIS_PIDFILE="$TMP/redis/redis.pid"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --pidfile "$REDIS_PIDFILE" --dir "$TMP/redis" --logfile "$TMP/redis/redis.log"
export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
for i in $(seq 100); do
    "$PY" -c 'import os, redis; redis.Redis.from_url(os.environ["TEST_REDIS_URL"]).ping()' 2>/dev/null && break
    [ "$i" -eq 100 ] && { cat "$TMP/redis/redis.log" >&2; die "Redis did not start"; }
    sleep 0.1
done

# --- the tests ---------------------------------------------------------------------------------
export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_PORT/asskomm_test"
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
