#!/usr/bin/env bash
# bench.sh [N_SALONS]  (default 100000)
# Bare-stack ceiling for GET /salons: throwaway PostgreSQL 15 cluster (unix socket only, in a temp
# dir), seed.sql with N salons / 10*N registrations, `baseline` in release mode, wrk on the first
# page and on a deep page (~50,000 rows in, or halfway when there are fewer). Last line:
#   baseline salons=N first_rps=.. first_p99=..ms deep_rps=.. deep_p99=..ms
# Env: BIND (127.0.0.1:3900), PG_BIN (/usr/lib/postgresql/15/bin); passed to the app: DB_POOL (4),
#      COUNT_MODE (counter|subquery), PLAN_CACHE_MODE (force_generic_plan|auto); DURATION (10s), WARMUP (3s).
set -euo pipefail

N=${1:-100000}
[[ $N =~ ^[0-9]+$ && $N -ge 20 ]] || { echo "usage: $0 [N_SALONS >= 20]" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
BIND=${BIND:-127.0.0.1:3900}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
BASE="http://$BIND"

[ "$(id -u)" = 0 ] || { echo "run as root (the cluster runs as user postgres via runuser)" >&2; exit 2; }
for b in initdb pg_ctl psql; do [ -x "$PG_BIN/$b" ] || { echo "missing $PG_BIN/$b" >&2; exit 2; }; done
command -v wrk >/dev/null || { echo "wrk not installed" >&2; exit 2; }
if (exec 3<>"/dev/tcp/${BIND%:*}/${BIND##*:}") 2>/dev/null; then
  echo "$BIND is already in use; set BIND=127.0.0.1:<free port>" >&2; exit 2
fi

WORK=$(mktemp -d -t ceiling-bench.XXXXXX)
# the build goes where CARGO_TARGET_DIR says (e.g. the project's target/), else beside this file
TARGET=${CARGO_TARGET_DIR:-$HERE/target}
PGDATA_DIR=$WORK/pg
APP_PID=
PG_UP=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_UP" ]; then
    # signals only the postmaster recorded in our own data dir's postmaster.pid
    (cd "$WORK" && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
as_pg() { (cd "$WORK" && runuser -u postgres -- "$@"); }
psql_() { "$PG_BIN/psql" -X -h "$WORK" -p 5432 -U postgres -v ON_ERROR_STOP=1 "$@"; }

# ---- build -------------------------------------------------------------------------------------
log "build:   cargo build --release --locked (about 1.5 min from scratch on 2 cores) ..."
t=$(now)
if ! cargo build --release --locked --quiet --manifest-path "$HERE/Cargo.toml" --target-dir "$TARGET" 2>"$WORK/build.log"; then
  cat "$WORK/build.log" >&2; exit 1
fi
log "         built in $(secs "$t" "$(now)") s"

# ---- throwaway cluster: unix socket in $WORK, no TCP ------------------------------------------
chown postgres:postgres "$WORK"; chmod 755 "$WORK"
t=$(now)
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync --no-instructions >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; exit 1; }
PG_UP=1
# Durability off (fsync etc.) only speeds up seeding; the benchmark itself is read-only.
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/postgres.log" -w -t 60 -o "\
 -c listen_addresses='' -c unix_socket_directories='$WORK' -p 5432 \
 -c shared_buffers=256MB -c max_connections=50 -c jit=off \
 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { PG_UP=; cat "$WORK/postgres.log" >&2; exit 1; }
psql_ -d postgres -qc "CREATE DATABASE bench"
log "cluster: $(secs "$t" "$(now)") s ($PGDATA_DIR, socket only)"

# ---- seed --------------------------------------------------------------------------------------
t=$(now)
psql_ -d bench -q -v n="$N" -f "$HERE/seed.sql" >"$WORK/seed.out"
log "seed:    $(secs "$t" "$(now)") s  $(tail -n 3 "$WORK/seed.out" | head -n 1 | tr -s ' ')"
log "         (municipalities | users | salons | upcoming_published | registrations)"

UPCOMING=$(psql_ -d bench -Atc "SELECT count(*) FROM salons WHERE status = 'published' AND starts_at > now()")
DEEP=$(( UPCOMING >= 50000 + 20 ? 50000 : UPCOMING / 2 ))
# cursor = last row before position DEEP, in the app's format "<µs since epoch>.<uuid hex>"
CURSOR=$(psql_ -d bench -Atc "SELECT (extract(epoch FROM starts_at) * 1000000)::int8 || '.' || replace(id::text, '-', '')
  FROM salons WHERE status = 'published' AND starts_at > now() ORDER BY starts_at, id OFFSET $(( DEEP - 1 )) LIMIT 1")

# ---- app ---------------------------------------------------------------------------------------
DATABASE_URL="postgres://postgres@localhost/bench?host=$WORK&port=5432" BIND="$BIND" \
  "$TARGET/release/baseline" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.1
done
log "app:     $(cat "$WORK/app.log")"

FIRST="$BASE/salons"
DEEPURL="$BASE/salons?after=$CURSOR"
for u in "$FIRST" "$DEEPURL"; do
  body=$(curl -fsS "$u") || { log "GET $u failed"; exit 1; }
  cards=$(grep -c '<li class="card">' <<<"$body" || true)
  [ "$cards" = 20 ] || { log "GET $u shows $cards cards, want 20"; exit 1; }
  grep -q 'rel="next"' <<<"$body" || { log "GET $u has no next link"; exit 1; }
  log "page:    ${u#"$BASE"} -> 20 cards, ${#body} chars"
done
log "deep:    cursor at row $DEEP of $UPCOMING upcoming published salons"

# ---- load --------------------------------------------------------------------------------------
to_ms() { # wrk latency "812.00us" / "3.21ms" / "1.02s" -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0;
                         else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
run_wrk() { # url name -> sets RPS P99
  local out bad
  out=$(wrk -t2 -c32 -d"$DURATION" --latency "$1")
  printf '%s\n' "$out" >"$WORK/wrk-$2.txt"
  bad=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  [ -z "$bad" ] || { printf '%s\n' "$out" >&2; log "wrk $2: $bad"; exit 1; }
  RPS=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  log "wrk $2: $(awk '$1 == "Latency" && $2 != "Distribution" { print "avg " $2 ", max " $4 }' <<<"$out"), p50 $(awk '$1 == "50%" { print $2 }' <<<"$out"), p99 ${P99}ms, ${RPS} req/s"
}

wrk -t2 -c32 -d"$WARMUP" "$FIRST" >/dev/null
wrk -t2 -c32 -d"$WARMUP" "$DEEPURL" >/dev/null
run_wrk "$FIRST" first; FIRST_RPS=$RPS FIRST_P99=$P99
run_wrk "$DEEPURL" deep;  DEEP_RPS=$RPS DEEP_P99=$P99
log "rss:     app $(awk '/VmHWM/ { print $2 " " $3 }' "/proc/$APP_PID/status") peak"

echo "baseline salons=$N first_rps=$FIRST_RPS first_p99=${FIRST_P99}ms deep_rps=$DEEP_RPS deep_p99=${DEEP_P99}ms"
