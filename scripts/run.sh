#!/usr/bin/env bash
# `make run`: the demo on http://127.0.0.1:$PORT/ with web, worker and beat; no services needed.
# Without REDIS_URL and DATABASE_URL everything lives in instance/ (SQLite, folder broker).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

# Pango for WeasyPrint, which renders the annual reports' PDF: installed with apt-get when missing
# (root or sudo needed once on a fresh Debian 12 machine).
missing=()
compgen -G "/usr/lib/*/libpango-1.0.so.0" >/dev/null || missing+=(libpango-1.0-0)
compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || missing+=(libpangoft2-1.0-0)
if [ "${#missing[@]}" -gt 0 ]; then
    as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    echo "==> installing ${missing[*]}" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# The venv (also when this script is called directly rather than through make).
make --no-print-directory -s venv

export PATH="$ROOT/.venv/bin:$PATH"
export PORT="${PORT:-5000}"
export DEMO_MODE=1
export SESSION_COOKIE_SECURE=0          # plain http on localhost
export BASE_URL="${BASE_URL:-http://127.0.0.1:$PORT}"
# honcho gives every process type its own PORT (5000, 5100, …); BASE_URL above keeps mail links right.

flask --app asskomm db upgrade
flask --app asskomm demo load
flask --app asskomm search reindex   # an instance made before the search had no index
python -m workers snapshot

cat <<BANNER

────────────────────────────────────────────────────────────────────────
  ASSKomm-Netzwerkplattform (Demo):  http://127.0.0.1:$PORT/
  Mecklenburg-Vorpommerns Netzwerk:   http://mv.localhost:$PORT/
  Betrieb (betrieb@demo.asskomm.de):  http://127.0.0.1:$PORT/betrieb/allianzen
────────────────────────────────────────────────────────────────────────
BANNER
flask --app asskomm demo logins
echo
echo "Starte web, worker und beat; ein abgestürzter Prozess startet neu (scripts/respawn.sh), Strg-C beendet alles …"
echo

exec honcho start -f Procfile -p "$PORT"
