# Sourced, not run: throwaway services for scripts/test.sh and scripts/bench.sh.
#
#   . scripts/services.sh
#   services_install_missing redis-server postgresql-15 pgbouncer   # apt-get install what is missing
#   services_init asskomm-test               # temp dir + one trap that stops what was started
#   services_start_postgres asskomm_test     # sets PG_PORT, PG_URL
#   services_start_redis                     # sets REDIS_PORT, REDIS_URL
#   services_start_pgbouncer asskomm_test    # sets PGBOUNCER_PORT, PGBOUNCER_URL
#   services_on_cleanup kill "$pid"          # more to undo on exit (run first, last added first)
#
# The URLs are shell variables, not exported: a child (pytest, the embedded-broker tests' workers)
# must not inherit REDIS_URL or DATABASE_URL-like settings; the caller exports what it means to pass.
#
# Works as root (PostgreSQL and pgbouncer refuse root: they run as user postgres via runuser) and
# as a user; never reads standard input. Knobs (environment): SERVICES_PG_OPTIONS (more `-c x=y`
# for postgres), SERVICES_PGBOUNCER_POOL_SIZE (default_pool_size, 10), SERVICES_PY (a python3).
# Needs `set -euo pipefail` in the caller, as the functions rely on it.

SERVICES_PG_BIN=/usr/lib/postgresql/15/bin
SERVICES_PGBOUNCER=/usr/sbin/pgbouncer
SERVICES_NAME=$(basename "$0")
SERVICES_TMP=""
SERVICES_PG_STARTED=""
SERVICES_REDIS_PIDFILE=""
SERVICES_PGBOUNCER_PIDFILE=""
SERVICES_PORTS=()
SERVICES_CLEANUPS=()

log() { printf '==> %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "$SERVICES_NAME" "$*" >&2; exit 1; }

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

# --- system packages --------------------------------------------------------------------------
# Whether a Debian package's part that we use is there (by file, not dpkg: also without dpkg).
services_has() {
    case "$1" in
        redis-server) command -v redis-server >/dev/null 2>&1 ;;
        chromium) [ -x /usr/bin/chromium ] ;;
        postgresql-15) [ -x "$SERVICES_PG_BIN/initdb" ] ;;
        pgbouncer) [ -x "$SERVICES_PGBOUNCER" ] ;;
        # Pango for WeasyPrint, which renders the annual reports' PDF
        libpango-1.0-0) compgen -G "/usr/lib/*/libpango-1.0.so.0" >/dev/null ;;
        libpangoft2-1.0-0) compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null ;;
        wrk) command -v wrk >/dev/null 2>&1 ;;
        *) dpkg -s "$1" >/dev/null 2>&1 ;;
    esac
}

# apt-get install those of the packages that are missing, in one go; fail if still missing.
services_install_missing() {
    local missing=() pkg
    for pkg in "$@"; do
        services_has "$pkg" || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update </dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" </dev/null
    fi
    for pkg in "$@"; do
        services_has "$pkg" || die "$pkg not found after installing it"
    done
}

# --- temp dir and the one cleanup trap ---------------------------------------------------------
services_on_cleanup() {
    SERVICES_CLEANUPS+=("$(printf '%q ' "$@")")
}

services_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local i
    for ((i = ${#SERVICES_CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${SERVICES_CLEANUPS[$i]}" >/dev/null 2>&1 || true
    done
    if [ -n "$SERVICES_PGBOUNCER_PIDFILE" ]; then
        services_stop_pidfile "$SERVICES_PGBOUNCER_PIDFILE"
    fi
    if [ -n "$SERVICES_PG_STARTED" ]; then
        services_run_pg "$SERVICES_PG_BIN/pg_ctl" -D "$SERVICES_TMP/pg/data" -m immediate -w stop \
            >/dev/null 2>&1 || true
    fi
    if [ -n "$SERVICES_REDIS_PIDFILE" ]; then
        services_stop_pidfile "$SERVICES_REDIS_PIDFILE"
    fi
    if [ -n "$SERVICES_TMP" ]; then
        rm -rf "$SERVICES_TMP"
    fi
    exit "$rc"
}

# A temp dir for all services ($SERVICES_TMP) and the trap that undoes everything on any exit.
services_init() {
    local prefix=${1:-asskomm-services}
    trap services_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    SERVICES_TMP=$(mktemp -d "${TMPDIR:-/tmp}/$prefix.XXXXXX")
    chmod 755 "$SERVICES_TMP"                 # user postgres must reach $SERVICES_TMP/pg
    if is_root; then
        id postgres >/dev/null 2>&1 || die "user postgres missing (apt-get install postgresql-15)"
    fi
}

# A directory in $SERVICES_TMP that the services' user (postgres as root) owns.
services_dir() {
    mkdir -p "$SERVICES_TMP/$1"
    if is_root; then
        chown postgres: "$SERVICES_TMP/$1"
    fi
}

services_stop_pidfile() {
    [ -s "$1" ] || return 0
    local pid
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}

# A free TCP port on 127.0.0.1 in $SERVICES_PORT, not one handed out before in this run (so not
# to be called in a subshell).
services_free_port() {
    local port
    while :; do
        port=$("${SERVICES_PY:-${PY:-python3}}" -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()') || die "could not pick a free port"
        case " ${SERVICES_PORTS[*]} " in *" $port "*) continue ;; esac
        SERVICES_PORTS+=("$port")
        SERVICES_PORT=$port
        return 0
    done
}

# --- PostgreSQL --------------------------------------------------------------------------------
# PostgreSQL refuses to run as root: as root, run its binaries as user postgres.
services_run_pg() {
    if is_root; then
        if command -v runuser >/dev/null 2>&1; then
            (cd "$SERVICES_TMP" && runuser -u postgres -- "$@" </dev/null)
        else
            (cd "$SERVICES_TMP" && su postgres -s /bin/sh -c "$(printf '%q ' "$@")" </dev/null)
        fi
    else
        "$@" </dev/null
    fi
}

# A throwaway PostgreSQL 15 cluster with database $1, user postgres, no password (trust).
services_start_postgres() {
    local dbname=$1
    services_free_port
    PG_PORT=$SERVICES_PORT
    log "PostgreSQL 15 on 127.0.0.1:$PG_PORT"
    services_dir pg
    services_run_pg mkdir -p "$SERVICES_TMP/pg/socket"
    services_run_pg "$SERVICES_PG_BIN/initdb" -D "$SERVICES_TMP/pg/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$SERVICES_TMP/initdb.log" 2>&1 \
        || { cat "$SERVICES_TMP/initdb.log" >&2; die "initdb failed"; }
    SERVICES_PG_STARTED=1
    services_run_pg "$SERVICES_PG_BIN/pg_ctl" -D "$SERVICES_TMP/pg/data" -l "$SERVICES_TMP/pg/server.log" \
        -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $SERVICES_TMP/pg/socket -c fsync=off \
-c full_page_writes=off -c synchronous_commit=off ${SERVICES_PG_OPTIONS:-}" \
        start >/dev/null || { cat "$SERVICES_TMP/pg/server.log" >&2; die "PostgreSQL did not start"; }
    services_run_pg "$SERVICES_PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$dbname"
    PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/$dbname"
}

# --- Redis -------------------------------------------------------------------------------------
services_start_redis() {
    services_free_port
    REDIS_PORT=$SERVICES_PORT
    log "Redis on 127.0.0.1:$REDIS_PORT"
    mkdir -p "$SERVICES_TMP/redis"
    SERVICES_REDIS_PIDFILE="$SERVICES_TMP/redis/redis.pid"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
        --pidfile "$SERVICES_REDIS_PIDFILE" --dir "$SERVICES_TMP/redis" \
        --logfile "$SERVICES_TMP/redis/redis.log" </dev/null
    local i
    for i in $(seq 100); do
        [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break
        [ "$i" -eq 100 ] && { cat "$SERVICES_TMP/redis/redis.log" >&2; die "Redis did not start"; }
        sleep 0.1
    done
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
}

# --- pgbouncer ---------------------------------------------------------------------------------
# pgbouncer in transaction pooling mode in front of services_start_postgres's cluster, for its
# database $1 (same name). Like PostgreSQL it refuses root: as root it runs as user postgres.
services_start_pgbouncer() {
    local dbname=$1 dir
    [ -n "$SERVICES_PG_STARTED" ] || die "services_start_pgbouncer needs services_start_postgres first"
    services_free_port
    PGBOUNCER_PORT=$SERVICES_PORT
    log "pgbouncer (transaction pooling) on 127.0.0.1:$PGBOUNCER_PORT"
    services_dir pgbouncer
    dir="$SERVICES_TMP/pgbouncer"
    # trust as in the cluster; pgbouncer still wants the user in its auth_file
    printf '"postgres" ""\n' >"$dir/userlist.txt"
    cat >"$dir/pgbouncer.ini" <<INI
[databases]
$dbname = host=127.0.0.1 port=$PG_PORT dbname=$dbname user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = ${SERVICES_PGBOUNCER_POOL_SIZE:-10}
max_client_conn = 500
ignore_startup_parameters = extra_float_digits,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
    if is_root; then
        chown postgres: "$dir/userlist.txt" "$dir/pgbouncer.ini"
    fi
    SERVICES_PGBOUNCER_PIDFILE="$dir/pgbouncer.pid"
    services_run_pg "$SERVICES_PGBOUNCER" -d -q "$dir/pgbouncer.ini" \
        || { cat "$dir/pgbouncer.log" >&2 2>/dev/null; die "pgbouncer did not start"; }
    local i
    for i in $(seq 100); do
        "$SERVICES_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGBOUNCER_PORT" -d "$dbname" -U postgres \
            </dev/null && break
        [ "$i" -eq 100 ] && { cat "$dir/pgbouncer.log" >&2; die "pgbouncer did not start"; }
        sleep 0.1
    done
    PGBOUNCER_URL="postgresql://postgres@127.0.0.1:$PGBOUNCER_PORT/$dbname"
}
