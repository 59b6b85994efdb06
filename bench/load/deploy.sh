#!/usr/bin/env bash
# Follow docs/deploy.md on this machine, from a fresh clone, as root — then load-test the result.
#
#   bash bench/load/deploy.sh [--minutes 10] [--users 50] [--from REPO] [--out FILE]
#
# --from deploys another clone's code (e.g. main, for the "before" numbers) with this load
# driver; --out writes the summary there (default bench/load/last-run.md); --port is where the
# application listens behind nginx (default 8417, not 8000: a demo may already be serving there
# on a shared machine, and nginx would send the load to it).
# Differences from the page, because a test machine is not a server: no systemd (the same
# commands run as background processes), a self-signed certificate, host name 127.0.0.1, the
# demo's data (loaded in demo mode, then every password replaced), and the PostgreSQL server
# already running (trust auth). Everything is put under /opt/cchc-load, /var/lib/cchc-load,
# /etc/cchc-load and the database cchc_load; run it again to start over.
set -euo pipefail
MINUTES=10 USERS=50 FROM="" OUT="" APP_PORT=8417
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --from) FROM=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --port) APP_PORT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
REPO=$(cd "$(dirname "$0")/../.." && pwd)
FROM=${FROM:-$REPO} OUT=${OUT:-$REPO/bench/load/last-run.md}
DEST=/opt/cchc-load DATA=/var/lib/cchc-load ETC=/etc/cchc-load LOGS=/var/log/cchc-load
PASSWORD="Tai-thu-$(date +%s)-cchc"
say() { printf '\n== %s\n' "$*"; }

say "1. Packages and a user"
command -v nginx >/dev/null || (apt-get update -qq && apt-get install -y -qq nginx >/dev/null)
id cchc >/dev/null 2>&1 || useradd --system --home "$DEST" --shell /usr/sbin/nologin cchc
for pidfile in /run/cchc-load-*.pid; do [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; done
rm -rf "$DEST" "$DATA" "$ETC" "$LOGS"
mkdir -p "$DATA" "$ETC" "$LOGS" /tmp/cchc-load

say "2. The database"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS cchc_load WITH (FORCE)" postgres
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE cchc_load" postgres

say "3. The application (fresh clone, make install)"
git clone -q "$FROM" "$DEST"
ln -sfn "$(cd "$REPO/.." && pwd)/shared" "$(dirname "$DEST")/shared" 2>/dev/null || true
(cd "$DEST" && make install >/dev/null)
SECRET=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")
sed -e "s#^CCHC_SECRET_KEY=.*#CCHC_SECRET_KEY=$SECRET#" \
    -e "s#cchc.example.gov.vn#127.0.0.1#g" \
    -e "s#^DATABASE_URL=.*#DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_load#" \
    -e "s#^CCHC_DATA_DIR=.*#CCHC_DATA_DIR=$DATA#" \
    -e "s#^CCHC_LOG_DIR=.*#CCHC_LOG_DIR=$LOGS#" \
    -e "s#^PORT=.*#PORT=$APP_PORT#" \
    "$DEST/deploy/cchc.env.example" > "$ETC/cchc.env"
echo "CCHC_SEEDS_DIR=$REPO/../shared/seeds" >> "$ETC/cchc.env"
# The virtual users sign in with a password only: the two-step login production requires of
# upper-level roles is switched off here (its own tests cover it), nothing else is changed.
echo "CCHC_TWO_STEP_REQUIRED=false" >> "$ETC/cchc.env"
set -a; . "$ETC/cchc.env"; set +a
cd "$DEST"
.venv/bin/cchc migrate -v 0
say "   demo data (in demo mode), then strong passwords"
CCHC_ENV=demo .venv/bin/cchc demo --no-serve >/dev/null
.venv/bin/cchc shell -c "
from cchc.org.models import User
for u in User.objects.all():
    u.set_password('$PASSWORD'); u.save(update_fields=['password'])
print(User.objects.count(), 'accounts')"
.venv/bin/cchc check --deploy --fail-level WARNING

if ss -ltn "sport = :$APP_PORT" | grep -q LISTEN; then
  echo "port $APP_PORT is already in use: choose another with --port" >&2; exit 1
fi
say "4. Services (the units' commands and priority, as background processes instead of systemd)"
start() {  # start UNIT NAME: its ExecStart (paths moved to $DEST) at its Nice level
  local unit=deploy/systemd/$1.service command nice
  command=$(sed -n 's/^ExecStart=//p' "$unit" | sed "s#/opt/cchc#$DEST#g")
  nice=$(sed -n 's/^Nice=//p' "$unit"); nice=${nice:-0}
  echo "   $1: nice $nice $command"
  nohup nice -n "$nice" $command > "$LOGS/$2.out" 2>&1 &
  echo $! > "/run/cchc-load-$2.pid"
}
start cchc-web serve
start cchc-worker worker

say "5. nginx and TLS (self-signed)"
mkdir -p /etc/ssl/cchc
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -keyout /etc/ssl/cchc/privkey.pem -out /etc/ssl/cchc/fullchain.pem 2>/dev/null
sed -e "s/cchc.example.gov.vn/127.0.0.1/" -e "s#127.0.0.1:8000#127.0.0.1:$APP_PORT#" \
  deploy/nginx/cchc.conf > /etc/nginx/sites-available/cchc
ln -sfn /etc/nginx/sites-available/cchc /etc/nginx/sites-enabled/cchc
rm -f /etc/nginx/sites-enabled/default
nginx -t -q
(nginx -s reload 2>/dev/null || nginx)

say "6. Check"
for _ in $(seq 180); do curl -skf https://127.0.0.1/healthz >/dev/null && break; sleep 1; done
curl -sI http://127.0.0.1/ | head -2
curl -skI https://127.0.0.1/accounts/login/ | grep -iE "^HTTP|strict-transport|content-security"
curl -sk https://127.0.0.1/healthz; echo

say "7. Load: $USERS users for $MINUTES minutes, with a dossier import running"
"$REPO/.venv/bin/pip" install -q requests
"$REPO/.venv/bin/python" "$REPO/bench/load/dossiers.py" 20000 /tmp/cchc-load/dossiers-a.csv 5
"$REPO/.venv/bin/python" "$REPO/bench/load/dossiers.py" 20000 /tmp/cchc-load/dossiers-b.csv 6
# the import as the worker runs it: the command line, at the worker unit's priority
WORKER_NICE=$(sed -n 's/^Nice=//p' deploy/systemd/cchc-worker.service); WORKER_NICE=${WORKER_NICE:-0}
"$REPO/.venv/bin/python" "$REPO/bench/load/run.py" --url https://127.0.0.1 --users "$USERS" \
  --minutes "$MINUTES" --password "$PASSWORD" \
  --import-file /tmp/cchc-load/dossiers-a.csv --import-file /tmp/cchc-load/dossiers-b.csv \
  --import-command "nice -n $WORKER_NICE $DEST/.venv/bin/cchc import-dossiers {file}" \
  --note "PostgreSQL, nginx (TLS) → cchc serve (CCHC_WORKERS=${CCHC_WORKERS:-1}, CCHC_THREADS=${CCHC_THREADS:-8}), production settings, code of $(git -C "$DEST" log -1 --format=%h)." \
  --out "$OUT"
grep -c " 500 \| ERROR " "$LOGS"/*.log 2>/dev/null || true

say "8. Stop"
for pidfile in /run/cchc-load-*.pid; do kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; done
nginx -s stop || true
