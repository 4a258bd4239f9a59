#!/usr/bin/env bash
# Keeps one process of `make run` alive. honcho stops every process as soon as one exits, so each
# Procfile line runs under this loop: it restarts its command when that exits or crashes (kill -9
# included) and leaves the other processes alone; on SIGTERM/SIGINT (honcho stopping, Ctrl-C) it
# stops its command and exits. A command that keeps failing at once is restarted more slowly
# (1, 2, 4 … 30 s) so that a broken setting does not spin.
#
#   scripts/respawn.sh COMMAND [ARGS...]
set -u

[ "$#" -gt 0 ] || { echo "Aufruf: scripts/respawn.sh BEFEHL [ARGUMENTE …]" >&2; exit 2; }
name=$(basename "$1")
child=""
stopping=""

stop() {
    stopping=1
    if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; fi
}
trap stop TERM INT

delay=1
while :; do
    started=$SECONDS
    "$@" &
    child=$!
    # `wait` returns early when a trapped signal arrives: wait on until the command has ended.
    wait "$child"
    status=$?
    while kill -0 "$child" 2>/dev/null; do
        wait "$child"
        status=$?
    done
    child=""
    if [ -n "$stopping" ]; then
        exit 0
    fi
    if [ $((SECONDS - started)) -ge 30 ]; then
        delay=1                      # it ran a while: a fresh crash, restart at once
    fi
    echo "respawn: $name endete mit Status $status; Neustart in $delay s." >&2
    sleep "$delay" &
    wait $! 2>/dev/null
    if [ -n "$stopping" ]; then
        exit 0
    fi
    delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
