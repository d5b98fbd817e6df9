#!/usr/bin/env bash
# Montage segmented-rendering benchmark (issue 14, part 3): one long composition rendered in parts by 1, 2, 4 …
# worker processes at once, on this machine.
#
#   bench/segments.sh [minutes=60] [workers="1 2 4"]
#
# Uses the grid benchmarks' four synthetic participants (bench/grid.sh: 640x480 VP8 + Opus, `minutes` long, made
# and cached in bench/work/ when missing) and their 2x2 layout at 1280x720. For each worker count W it starts, on the
# local PostgreSQL (a fresh schema each time) and one data folder that all nodes share (the local blob store on a
# shared folder, docs/deployment.md): one api node (montage.roles=api) and W worker nodes (montage.roles=worker, one
# job thread each). It uploads the four recordings, waits for their speech analysis, and times one composition from
# POST until GET says completed. It prints, per W:
#   - the wall time over the media duration, and the CPU-seconds of the workers' ffmpeg and of their JVMs;
#   - each part's render time and worker, and the join's time, from the workers' log lines
#     ("Rendered part-3 of composition … in 41250 ms", "Joined 30 parts of composition … in 5120 ms");
#   - the critical path: the split (POST to the first part's start), the busiest worker's sum of part times, the join.
# Two cores bound the speed-up: the point is the shape (how the parts spread, what the join costs), from which
# docs/compositions.md extrapolates what N machines give. A shared folder costs no transfers; with a bucket, every
# part copies the recordings it reads, which is not measured here.
#
# Environment:
#   PART       montage.compositions.segment-length for the workers (default: the product's default)
#   PG_URL     base JDBC URL of PostgreSQL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres, trust auth)
#   KEEP=1     keep the data folder, the logs and the outputs (in bench/work/segments-*)
#
# Exits non-zero when a node does not start, the composition fails, or the output is not the expected duration and
# size. Not part of `mvn verify`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
. "$HERE/common.sh"
help_if_asked "$@"

MINUTES=${1:-60}
WORKER_COUNTS=${2:-1 2 4}
[[ $MINUTES =~ ^[0-9]+$ && $MINUTES -ge 1 ]] || { echo "usage: bench/segments.sh [minutes>=1] [\"1 2 4\"]" >&2; exit 2; }
SECONDS_OF_MEDIA=$((MINUTES * 60))
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
SCHEMA=montage_bench_segments
WORK=$HERE/work
mkdir -p "$WORK"

use_packaged_jar
use_bundled_ffmpeg
. "$HERE/grid.sh"
grid_inputs "$SECONDS_OF_MEDIA"
log "inputs: $INPUTS"
pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL is not running on 127.0.0.1:5432"

RUN=$WORK/segments-${MINUTES}m-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
NODE_PIDS=()
stop_nodes() {
  local pid
  for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${NODE_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  NODE_PIDS=()
}
cleanup() {
  stop_nodes
  [ "${KEEP:-0}" = 1 ] || rm -rf "$RUN"/data-* "$RUN"/*.mp4
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_node <log name> <data folder> <roles> [arguments…]: starts a node of the jar on the schema, in a session of its
# own (bench/grid.sh, "Sessions"), and appends its pid to NODE_PIDS
start_node() {
  local name=$1 data=$2 roles=$3
  shift 3
  # shellcheck disable=SC2086
  (cd "$RUN" && MONTAGE_DB_URL="$PG_URL?currentSchema=$SCHEMA" MONTAGE_DB_USER=postgres \
    exec setsid java ${JAVA_OPTS:-} -jar "$JAR" --montage.data-dir="$data" --montage.roles="$roles" \
    --montage.public-url="$BASE" "$@") > "$RUN/$name.log" 2>&1 &
  NODE_PIDS+=($!)
}

run_with() { # workers
  local w=$1 data=$RUN/data-$1 i code=
  psql -q -h 127.0.0.1 -U postgres -d test -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA"
  mkdir -p "$data"
  local port
  port=$(free_port)
  BASE=http://127.0.0.1:$port
  start_node "api-$w" "$data" api --server.port="$port"
  local api_pid=${NODE_PIDS[-1]}
  for _ in $(seq 1 600); do
    kill -0 "$api_pid" 2>/dev/null || die "the api node exited; see $RUN/api-$w.log"
    if [ -s "$data/api-key" ]; then
      KEY=$(cat "$data/api-key")
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$BASE/v2/room_compositions" || true)
      [ "$code" = 200 ] && break
    fi
    sleep 0.5
  done
  [ "$code" = 200 ] || die "the api node did not answer; see $RUN/api-$w.log"
  local workers=()
  for ((i = 0; i < w; i++)); do
    start_node "worker-$w-$i" "$data" worker --server.port="$(free_port)" --montage.jobs.threads=1 \
      ${PART:+--montage.compositions.segment-length=$PART}
    workers+=("${NODE_PIDS[-1]}")
  done
  for ((i = 0; i < w; i++)); do
    for _ in $(seq 1 600); do
      grep -q 'Started MontageApplication' "$RUN/worker-$w-$i.log" && break
      kill -0 "${workers[$i]}" 2>/dev/null || die "worker $i exited; see $RUN/worker-$w-$i.log"
      sleep 0.5
    done
  done
  local session
  session=$(upload_session "$INPUTS")
  wait_for_speech_analysis "$session"

  local cpu0=() pid
  for pid in "${workers[@]}"; do cpu0+=("$(cpu_self "$pid") $(cpu_children "$pid")"); done
  local t0 id state status
  t0=$(now)
  id=$(api -H 'Content-Type: application/json' "$BASE/v2/room_compositions" \
    -d "{\"session_id\":\"$session\",$GRID_LAYOUT}" | field id)
  [ -n "$id" ] || die "the create failed"
  while :; do
    state=$(api "$BASE/v2/room_compositions/$id")
    status=$(echo "$state" | field status)
    case $status in
      completed) break ;;
      failed) die "composition $id failed: $(echo "$state" | field failure_reason)" ;;
    esac
    sleep 1
  done
  local wall jvm=0 ffmpeg=0 j0 f0
  wall=$(elapsed "$t0" "$(now)")
  for ((i = 0; i < w; i++)); do
    read -r j0 f0 <<< "${cpu0[$i]}"
    jvm=$(awk -v a="$jvm" -v b="$(cpu_self "${workers[$i]}")" -v c="$j0" 'BEGIN { printf "%.2f", a + b - c }')
    ffmpeg=$(awk -v a="$ffmpeg" -v b="$(cpu_children "${workers[$i]}")" -v c="$f0" 'BEGIN { printf "%.2f", a + b - c }')
  done
  curl -sS -o "$RUN/composition-$w.mp4" "$(echo "$state" | sed -n 's/.*"download_url":"\([^"]*\)".*/\1/p')"
  check_output "$RUN/composition-$w.mp4" "$w worker(s)" "$SECONDS_OF_MEDIA"
  {
    echo "== $w worker(s): ${wall} s for ${SECONDS_OF_MEDIA} s of media ($(awk -v a="$wall" -v b="$SECONDS_OF_MEDIA" 'BEGIN { printf "%.3f", a / b }')x)"
    echo "   CPU-seconds: the workers' ffmpeg ${ffmpeg}, the workers' JVMs ${jvm}"
    for ((i = 0; i < w; i++)); do
      sed -n "s/.*Rendered \([a-z0-9-]*\) of composition $id in \([0-9]*\) ms.*/\1 \2/p" "$RUN/worker-$w-$i.log" \
        | awk -v worker="$i" '{ n++; sum += $2 / 1000; list = list sprintf(" %s %.1f", $1, $2 / 1000) }
            END { printf "   worker %s: %d parts, %.1f s of rendering:%s\n", worker, n, sum, list }'
    done
    cat "$RUN"/worker-"$w"-*.log | sed -n "s/.*Joined \([0-9]*\) parts of composition $id in \([0-9]*\) ms.*/   join of \1 parts: \2 ms/p"
  } | tee -a "$RUN/summary.txt"
  stop_nodes
}

for w in $WORKER_COUNTS; do
  log "one composition of $MINUTES min on $w worker(s)"
  run_with "$w"
done
echo "details: $RUN/summary.txt"
