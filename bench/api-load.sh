#!/usr/bin/env bash
# Montage API load benchmark: the composition endpoints under wrk, against the liveness probe as the floor.
#
#   bench/api-load.sh
#
# Makes a schema of its own in the machine's PostgreSQL (dropped and made anew each run), lets the service's
# `create-api-key` command migrate it and make the first account, and seeds 100 000 compositions over 100
# accounts with SQL (bench/api-load-seed.sql: rooms, sessions of two participants, their recordings, compositions
# mostly completed, some failed, the newest enqueued with their jobs; keys as the service makes them, stored as
# SHA-256 digests). Then starts the packaged service on a free port with the api role only (no worker: the
# POSTed compositions stay enqueued), rate limits off and max-queued-per-account out of reach, so the benchmark
# measures the API and not its limits. wrk then runs, each for 30 s at 64 connections after a warm-up:
#
#   floor  GET /actuator/health/liveness            (no key, no SQL: the stack's own cost)
#   list   GET /v2/room_compositions?page[size]=20&filter[status]=completed
#   get    GET /v2/room_compositions/{id}
#   post   POST /v2/room_compositions {"session_id": ...} with a fresh Idempotency-Key per request
#   floor  again, at the end: the ratios use the mean of the two floors, so a neighbour's load that comes or
#          goes during the run weighs on both sides
#
# Every request of list, get and post takes the next of 1000 targets (10 per account: key, session, composition),
# so the 100 accounts' keys are all in use (bench/api-load.lua). Prints requests/s, p50, p99 and errors (socket
# errors and answers of 400 and above, as wrk counts them) per endpoint and the ratios against the floor, with the
# targets of issue 10: no errors; p99 of list and get at most 2x the floor's; list throughput at least 30 % of the
# floor's.
# Only ratios within one run mean anything on a shared machine, and even they move with the neighbours' load
# (bench/RESULTS.md): the JVM's CPU per request, also printed, is the steadier figure.
#
# Needs: root for `apt-get install wrk` when wrk is missing, psql, a JDK, PostgreSQL on 127.0.0.1:5432 with trust
# auth and a database `test` (PGHOST, PGPORT, PGUSER, PGDATABASE override them).
#
# Environment:
#   DURATION      each measured run (default 30s)       WARMUP       each warm-up run (default 15s)
#   WARMUP_ROUNDS rounds of warm-up over the four endpoints before measuring, at least (default 2: on a busy
#                 machine one round of 10 s left the JIT compiling through the first measured run)
#   WARMUP_MAX_ROUNDS  at most (default 6): after WARMUP_ROUNDS, rounds go on while the JIT still spent more than
#                 WARMUP_JIT_PERCENT (default 3) % of the round's wall time compiling (jstat -compiler). On a quiet
#                 machine two rounds left it compiling: the first floor ran at half the speed of the last one
#                 (bench/RESULTS.md, "The list under load, third pass"), which flattered every ratio.
#   CONNECTIONS   wrk connections (default 64)          THREADS      wrk threads (default 2)
#   TIMEOUT       wrk's time limit per answer (default 10s; wrk's own 2 s would cut every p99 at 2 s on a busy
#                 machine and count the slower answers as socket errors, not as latency)
#   ACCOUNTS      accounts (default 100)                COMPOSITIONS compositions in all (default 100000)
#   SESSIONS      sessions per account (default 200)    SCHEMA       the schema (default api_load_bench)
#   JAVA_OPTS     extra JVM options for the service     KEEP=1       keep the schema and the run folder's data
#
# Run folders (service log, wrk outputs, targets with their keys) go to bench/work/ (not committed). Exits
# non-zero when seeding or the service fails, not when a target is missed. Not part of `mvn verify`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
. "$HERE/common.sh"
help_if_asked "$@"
[ $# -eq 0 ] || { echo "bench/api-load.sh takes no arguments (settings come from the environment; see --help)" >&2; exit 2; }

DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-15s}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-2}
WARMUP_MAX_ROUNDS=${WARMUP_MAX_ROUNDS:-6}
WARMUP_JIT_PERCENT=${WARMUP_JIT_PERCENT:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
TIMEOUT=${TIMEOUT:-10s}
ACCOUNTS=${ACCOUNTS:-100}
COMPOSITIONS=${COMPOSITIONS:-100000}
SESSIONS=${SESSIONS:-200}
SCHEMA=${SCHEMA:-api_load_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}

[[ $SCHEMA =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "SCHEMA must be a plain lower-case identifier" >&2; exit 2; }
[[ $ACCOUNTS =~ ^[0-9]+$ && $COMPOSITIONS =~ ^[0-9]+$ && $SESSIONS =~ ^[0-9]+$ ]] \
  || { echo "ACCOUNTS, COMPOSITIONS and SESSIONS must be numbers" >&2; exit 2; }
[[ $WARMUP_ROUNDS =~ ^[0-9]+$ && $WARMUP_MAX_ROUNDS =~ ^[0-9]+$ && $WARMUP_MAX_ROUNDS -ge $WARMUP_ROUNDS ]] \
  && [[ $WARMUP_JIT_PERCENT =~ ^[0-9]+([.][0-9]+)?$ ]] \
  || { echo "WARMUP_ROUNDS <= WARMUP_MAX_ROUNDS, and WARMUP_JIT_PERCENT, must be numbers" >&2; exit 2; }
PER_ACCOUNT=$((COMPOSITIONS / ACCOUNTS))
[ $((PER_ACCOUNT * ACCOUNTS)) -eq "$COMPOSITIONS" ] && [ "$PER_ACCOUNT" -ge 100 ] && [ "$SESSIONS" -ge 1 ] \
  || { echo "COMPOSITIONS must be a multiple of ACCOUNTS, at least 100 per account" >&2; exit 2; }

RUN=$HERE/work/api-load-$(date +%Y%m%d-%H%M%S)
DATA=$RUN/data
mkdir -p "$DATA"

# --- tools -------------------------------------------------------------------------------------------------------
if ! command -v wrk > /dev/null; then
  [ "$(id -u)" = 0 ] || die "wrk is missing and only root may install it: apt-get install wrk"
  log "installing wrk (apt-get install wrk)"
  apt-get install -y -q wrk > "$RUN/apt.log" 2>&1 \
    || { apt-get update -q >> "$RUN/apt.log" 2>&1 && apt-get install -y -q wrk >> "$RUN/apt.log" 2>&1; } \
    || die "apt-get could not install wrk; see $RUN/apt.log"
fi
command -v psql > /dev/null || die "psql is missing (apt-get install postgresql-client)"
psql -qAtc 'select 1' > /dev/null || die "no PostgreSQL at $PGUSER@$PGHOST:$PGPORT/$PGDATABASE"

use_packaged_jar

# --- the database ------------------------------------------------------------------------------------------------
export MONTAGE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA"
export MONTAGE_DB_USER=$PGUSER
sql() { PGOPTIONS="-c search_path=$SCHEMA" psql -v ON_ERROR_STOP=1 "$@"; }
cleanup_schema() { [ "${KEEP:-0}" = 1 ] || psql -qc "drop schema if exists $SCHEMA cascade" 2> /dev/null || true; }

log "schema $SCHEMA on $PGHOST:$PGPORT/$PGDATABASE, made anew"
psql -qc "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA" 2> /dev/null \
  || die "could not make the schema $SCHEMA"

# The service's own command migrates the schema (Flyway) and makes the first account and key.
java -jar "$JAR" create-api-key --montage.data-dir="$DATA" > "$RUN/create-api-key.log" 2>&1 \
  || die "create-api-key failed; see $RUN/create-api-key.log"
FIRST_ACCOUNT=$(sed -n 's/^account_id=//p' "$RUN/create-api-key.log")
FIRST_KEY=$(sed -n 's/^api_key=//p' "$RUN/create-api-key.log")
[ -n "$FIRST_ACCOUNT" ] && [ -n "$FIRST_KEY" ] || die "create-api-key printed no key; see $RUN/create-api-key.log"

# The other keys as ApiKeys.generate makes them: KEY and 32 random bytes in unpadded base64url.
{
  echo "create temp table bench_keys (n integer primary key, api_key text not null, account_id uuid);"
  echo "insert into bench_keys values (1, '$FIRST_KEY', '$FIRST_ACCOUNT');"
  for n in $(seq 2 "$ACCOUNTS"); do
    key=KEY$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
    echo "insert into bench_keys values ($n, '$key', null);"
  done
} > "$RUN/keys.sql"

# 10 targets per account, accounts interleaved; compositions of every status
TARGETS=$RUN/targets.tsv
log "seeding $COMPOSITIONS compositions over $ACCOUNTS accounts ($SESSIONS sessions each)"
t0=$(date +%s)
sql -q -At -F $'\t' -v sessions_per_account="$SESSIONS" -v compositions_per_account="$PER_ACCOUNT" \
  -f "$RUN/keys.sql" -f "$HERE/api-load-seed.sql" \
  -c "select b.api_key, c.session_id, c.id from bench_keys b join bench_compositions c on c.account_id = b.account_id
       where (c.composition_no + b.n) % ($PER_ACCOUNT / 10) = 1 order by c.composition_no, b.n" \
  > "$TARGETS" 2> "$RUN/seed.log" || die "seeding failed; see $RUN/seed.log"
[ "$(wc -l < "$TARGETS")" -ge "$ACCOUNTS" ] || die "too few targets in $TARGETS"
COUNTS=$(sql -At -F ' ' -c "select (select count(*) from accounts), (select count(*) from api_keys),
  (select count(*) from room_sessions), (select count(*) from room_recordings), (select count(*) from compositions),
  (select string_agg(status || ' ' || n, ', ' order by n desc) from (select status, count(*) n from compositions
   group by status) s)")
log "seeded in $(( $(date +%s) - t0 )) s: accounts, keys, sessions, recordings, compositions: $COUNTS"

# --- the service -------------------------------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))
BASE=http://127.0.0.1:$PORT
SETTINGS=(--server.port="$PORT" --montage.data-dir="$DATA" --montage.roles=api
  --montage.rate-limits.enabled=false --montage.compositions.max-queued-per-account=1000000)
JPID=
cleanup() {
  if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then
    kill "$JPID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$JPID" 2>/dev/null || true
  fi
  cleanup_schema
  [ "${KEEP:-0}" = 1 ] || rm -rf "$DATA"
}
trap cleanup EXIT

log "starting the service on :$PORT: java ${JAVA_OPTS:-} -jar $(basename "$JAR") ${SETTINGS[*]}"
# shellcheck disable=SC2086
(cd "$RUN" && exec java ${JAVA_OPTS:-} -jar "$JAR" "${SETTINGS[@]}") > "$RUN/service.log" 2>&1 &
JPID=$!
code=
for _ in $(seq 1 240); do
  kill -0 "$JPID" 2>/dev/null || die "the service exited; see $RUN/service.log"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $FIRST_KEY" "$BASE/v2/room_compositions" || true)
  [ "$code" = 200 ] && break
  sleep 0.5
done
[ "$code" = 200 ] || die "the service did not answer within 2 minutes; see $RUN/service.log"

# one request of each kind, checked, before any load
IFS=$'\t' read -r KEY1 SESSION1 COMPOSITION1 < "$TARGETS"
check() {
  local want=$1; shift
  local answer status
  answer=$(curl -s -g -w '\n%{http_code}' "$@")
  status=${answer##*$'\n'}
  [ "$status" = "$want" ] || die "$* answered $status, not $want: ${answer%$'\n'*}"
}
check 200 "$BASE/actuator/health/liveness"
check 200 -H "Authorization: Bearer $KEY1" "$BASE/v2/room_compositions?page[size]=20&filter[status]=completed"
check 200 -H "Authorization: Bearer $KEY1" "$BASE/v2/room_compositions/$COMPOSITION1"
check 202 -H "Authorization: Bearer $KEY1" -H 'Content-Type: application/json' -H "Idempotency-Key: check-$RANDOM" \
  -d "{\"session_id\":\"$SESSION1\"}" "$BASE/v2/room_compositions"

POOL=$(grep -o 'maximumPoolSize[^,]*' "$RUN/service.log" | head -1 || true)
log "service ready (pid $JPID): api role only, rate limits off, max-queued-per-account 1000000"

# --- load --------------------------------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$JPID/stat"; }
TICKS=$(getconf CLK_TCK)
declare -A RESULT JVM_CPU
bench() { # <label> <endpoint> <duration>
  local label=$1 endpoint=$2 duration=$3 before after
  before=$(cpu_ticks)
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$duration" --timeout "$TIMEOUT" --latency -s "$HERE/api-load.lua" "$BASE" \
    -- "$endpoint" "$TARGETS" "$label" > "$RUN/wrk-$label.txt" 2> "$RUN/wrk-$label.err" \
    || die "wrk failed on $label; see $RUN/wrk-$label.err"
  after=$(cpu_ticks)
  RESULT[$label]=$(sed -n "s/^RESULT $label //p" "$RUN/wrk-$label.txt")
  [ -n "${RESULT[$label]}" ] || die "wrk printed no result for $label; see $RUN/wrk-$label.txt"
  JVM_CPU[$label]=$(awk -v t=$((after - before)) -v hz="$TICKS" 'BEGIN { printf "%.1f", t / hz }')
  log "$label: $(awk '{ printf "%s req/s, p50 %s ms, p99 %s ms, errors %d", $3, $4, $5, $6 + $7 }' <<< "${RESULT[$label]}")"
}

# seconds the JIT has spent compiling so far; empty without jstat
jit_seconds() { jstat -compiler "$JPID" 2>/dev/null | awk 'NR == 2 { print $4 }' || true; }
log "warm-up: $WARMUP_ROUNDS to $WARMUP_MAX_ROUNDS rounds of $WARMUP per endpoint, until the JIT spends under $WARMUP_JIT_PERCENT % of a round compiling"
WARMED=0
WARMUP_JIT=
for round in $(seq 1 "$WARMUP_MAX_ROUNDS"); do
  jit0=$(jit_seconds); t0=$(now)
  for e in floor list get post; do bench "warmup$round-$e" "$e" "$WARMUP"; done
  jit1=$(jit_seconds); t1=$(now)
  WARMED=$round
  if [ -z "$jit0" ] || [ -z "$jit1" ]; then
    [ "$round" -lt "$WARMUP_ROUNDS" ] && continue
    WARMUP_JIT="JIT not watched (no jstat)"; break
  fi
  share=$(awk -v a="$jit0" -v b="$jit1" -v w="$(elapsed "$t0" "$t1")" 'BEGIN { printf "%.1f", 100 * (b - a) / w }')
  WARMUP_JIT="the JIT compiled for $share % of the last round's wall time"
  log "warm-up round $round: $WARMUP_JIT"
  [ "$round" -ge "$WARMUP_ROUNDS" ] && awk -v s="$share" -v m="$WARMUP_JIT_PERCENT" 'BEGIN { exit !(s < m) }' && break
done
log "measuring: $DURATION per endpoint, $CONNECTIONS connections, $THREADS wrk threads, timeout $TIMEOUT"
bench floor floor "$DURATION"
bench list list "$DURATION"
bench get get "$DURATION"
bench post post "$DURATION"
bench floor-again floor "$DURATION"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
POSTED=$(sql -At -c "select count(*) from compositions where status = 'enqueued'")

# --- report ------------------------------------------------------------------------------------------------------
field() { awk -v i="$2" '{ print $i }' <<< "${RESULT[$1]}"; }
FLOOR_RPS=$(awk -v a="$(field floor 3)" -v b="$(field floor-again 3)" 'BEGIN { printf "%.1f", (a + b) / 2 }')
FLOOR_P99=$(awk -v a="$(field floor 5)" -v b="$(field floor-again 5)" 'BEGIN { printf "%.2f", (a + b) / 2 }')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == "<=" ? v <= t : v >= t; print ok ? "met" : "MISSED" }'; }
errors_of() { echo $(( $(field "$1" 6) + $(field "$1" 7) )); }
ALL_ERRORS=0
for l in floor list get post floor-again; do ALL_ERRORS=$((ALL_ERRORS + $(errors_of "$l"))); done

{
  echo "Montage API load, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)),"
  echo "$(java -version 2>&1 | head -1), PostgreSQL $(psql -qAtc 'show server_version'), wrk $(wrk -v 2>&1 | head -1 | awk '{ print $2 }')"
  echo "data: $COUNTS"
  echo "service: api role only, rate limits off, max-queued-per-account 1000000, default heap${JAVA_OPTS:+, $JAVA_OPTS}"
  echo "load: $DURATION per endpoint after $WARMED warm-up rounds of $WARMUP each ($WARMUP_JIT),"
  echo "      $CONNECTIONS connections, $THREADS wrk threads on the same cores,"
  echo "      answers slower than $TIMEOUT counted as errors (socket timeouts);"
  echo "      load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo
  # JVM CPU per request: what an answer costs the service itself, which a neighbour's load changes less than req/s
  printf '%-12s %9s %9s %9s %9s %8s %8s %9s %10s\n' endpoint requests 'req/s' 'p50 ms' 'p99 ms' errors 4xx-5xx \
    'JVM cpu s' 'cpu ms/req'
  for l in floor list get post floor-again; do
    read -r requests _ rps p50 p99 sock bad <<< "${RESULT[$l]}"
    printf '%-12s %9s %9s %9s %9s %8s %8s %9s %10s\n' "$l" "$requests" "$rps" "$p50" "$p99" "$sock" "$bad" \
      "${JVM_CPU[$l]}" "$(awk -v c="${JVM_CPU[$l]}" -v n="$requests" 'BEGIN { printf "%.2f", n ? c * 1000 / n : 0 }')"
  done
  echo
  echo "floor (mean of the two runs): $FLOOR_RPS req/s, p99 $FLOOR_P99 ms"
  for l in list get post; do
    echo "$l / floor: throughput $(ratio "$(field "$l" 3)" "$FLOOR_RPS"), p99 $(ratio "$(field "$l" 5)" "$FLOOR_P99")"
  done
  echo
  echo "targets:"
  echo "  no errors (socket or 4xx-5xx), every endpoint    $ALL_ERRORS   $([ "$ALL_ERRORS" = 0 ] && echo met || echo MISSED)"
  for l in list get; do
    r=$(ratio "$(field "$l" 5)" "$FLOOR_P99")
    echo "  p99 $l <= 2x the floor's p99                  $(printf '%-5s' "$r")  $(verdict "$r" '<=' 2)"
  done
  r=$(ratio "$(field list 3)" "$FLOOR_RPS")
  echo "  list throughput >= 30 % of the floor's         $(printf '%-5s' "$r")  $(verdict "$r" '>=' 0.30)"
  echo "compositions enqueued at the end: $POSTED (the POSTs, the checks and the seeded ones)"
  echo "details: $RUN"
} | tee "$RUN/summary.txt"
