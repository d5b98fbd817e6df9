#!/usr/bin/env bash
# Montage composition benchmark: the service against one hand-written ffmpeg command doing the same work.
#
#   bench/run.sh [minutes=10]
#
# Makes four synthetic participants (640x480 VP8 + Opus WebM, `minutes` long each) with the bundled ffmpeg,
# starts the packaged service on a free port with a fresh data folder and the default heap, uploads the four
# recordings into one session (all starting at the same instant), waits for their speech analysis (background
# work of each upload, which would otherwise share the cores with the first run; bench/grid.sh), and times a 2x2 composition at 1280x720
# from POST /v2/room_compositions until GET says completed (the upload is not timed). In the same run it
# times one ffmpeg command that does the same work by hand (xstack of the four inputs, amix, the encoder
# settings of FilterGraphBuilder). Prints both wall times, their ratio, the composition time over the media
# duration, the service's peak RSS, its ffmpeg's peak RSS and the JVM heap after the compositions.
#
# Environment:
#   ORDER      the runs, in order: b = baseline, s = service (default bsb; each letter is one full encode)
#   JAVA_OPTS  extra JVM options for the service (default none: the default heap)
#   POLL       seconds between two GETs of the composition while it runs (default 1)
#   KEEP=1     keep the service's data folder and the outputs (in bench/work/run-*)
#
# Inputs are cached in bench/work/ by duration. To make them fast, a 60-second clip of each participant is
# encoded once (libvpx -deadline realtime -cpu-used 8, 600 kb/s) and repeated with -stream_loop and -c copy
# up to the duration: valid, continuous WebM files whose every minute costs the same to decode (synthetic
# test patterns, not camera pictures: the absolute encode cost of real content differs).
#
# Exits non-zero when the service is not ready, an upload or the composition fails, or an output is not
# the expected duration and size. Not part of `mvn verify`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
. "$HERE/common.sh"
help_if_asked "$@"

MINUTES=${1:-10}
[[ $MINUTES =~ ^[0-9]+$ && $MINUTES -ge 1 ]] || { echo "usage: bench/run.sh [minutes>=1]" >&2; exit 2; }
ORDER=${ORDER:-bsb}
[[ $ORDER =~ ^[bs]+$ && $ORDER == *s* ]] || { echo "ORDER must be letters b and s, with at least one s" >&2; exit 2; }
DURATION=$((MINUTES * 60))

WORK=$HERE/work
mkdir -p "$WORK"

use_packaged_jar
use_bundled_ffmpeg
log "ffmpeg: $FFMPEG"

. "$HERE/grid.sh"
grid_inputs "$DURATION"
log "inputs: $INPUTS ($(du -sh "$INPUTS" | cut -f1))"

# --- the service -----------------------------------------------------------------------------------------------
RUN=$WORK/run-${MINUTES}m-$(date +%Y%m%d-%H%M%S)
DATA=$RUN/data
mkdir -p "$DATA"
SAMPLER=
JSTAT=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$JSTAT" ] && kill "$JSTAT" 2>/dev/null || true
  stop_service
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$DATA" "$RUN"/*.mp4; fi
}
trap cleanup EXIT

start_service "$RUN"
log "service ready (pid $JPID, default heap max $(jcmd "$JPID" VM.flags 2>/dev/null \
  | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p' | awk '{ printf "%d MiB", $1 / 1048576 }'))"

# Memory samplers, once a second for the whole run: the JVM's VmRSS and the peak (VmHWM) of any ffmpeg child
# (one line per sample: time, JVM RSS kB, ffmpeg pid, ffmpeg VmHWM kB), and jstat's heap figures.
RSS_LOG=$RUN/rss.tsv
JSTAT_LOG=$RUN/jstat.txt
(
  set +e
  while kill -0 "$JPID" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$JPID/status" 2>/dev/null || echo 0)
    fpid=$(pgrep -P "$JPID" -x ffmpeg 2>/dev/null | head -1 || true)
    fhwm=0
    if [ -n "$fpid" ]; then
      fhwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$fpid/status" 2>/dev/null || echo 0)
    fi
    # keep each ffmpeg run's filter script and command line for the record (the service deletes its scripts when
    # done): one run, or the pictures' and the sound's at once, then the copy of both into the file
    for kid in $(pgrep -P "$JPID" -x ffmpeg 2>/dev/null); do
      [ -s "$RUN/service-cmdline-$kid.txt" ] && continue
      cmdline=$(tr '\0' '\n' 2>/dev/null < "/proc/$kid/cmdline")
      echo "$cmdline" | tr '\n' ' ' > "$RUN/service-cmdline-$kid.txt"
      script=$(echo "$cmdline" | grep -A1 -x -- -filter_complex_script | tail -1)
      [ -n "$script" ] && cp "$script" "$RUN/service-filtergraph-$kid.txt" 2>/dev/null || true
    done
    printf '%s\t%s\t%s\t%s\n' "$(date +%s)" "${rss:-0}" "${fpid:--}" "${fhwm:-0}"
    sleep 1
  done
) > "$RSS_LOG" &
SAMPLER=$!
jstat -gc -t "$JPID" 1000 > "$JSTAT_LOG" 2>/dev/null &
JSTAT=$!

# --- upload ----------------------------------------------------------------------------------------------------
t0=$(now)
SESSION=$(upload_session "$INPUTS")
UPLOAD_SECS=$(elapsed "$t0" "$(now)")
log "uploaded 4 recordings into session $SESSION in ${UPLOAD_SECS} s (not timed)"
wait_for_speech_analysis "$SESSION"
log "the speech analysis of the uploads has ended (not timed)"

# --- the runs --------------------------------------------------------------------------------------------------
SERVICE_TIMES=()
BASELINE_TIMES=()
SERVICE_WINDOWS=()
SERVICE_JVM_CPU=()
SERVICE_FFMPEG_CPU=()
BASELINE_CPU=()

run_service() { # n
  local id state status t_start t_end secs
  local jvm0 kids0
  jvm0=$(cpu_self "$JPID"); kids0=$(cpu_children "$JPID")
  t_start=$(now)
  local created
  created=$(api -H 'Content-Type: application/json' "$BASE/v2/room_compositions" \
    -d "{\"session_id\":\"$SESSION\",$GRID_LAYOUT}")
  id=$(echo "$created" | field id)
  [ -n "$id" ] || die "create failed: $created"
  while :; do
    state=$(api "$BASE/v2/room_compositions/$id")
    status=$(echo "$state" | field status)
    case $status in
      completed) break ;;
      failed) die "composition $id failed: $(echo "$state" | field failure_reason); see $SERVICE_LOG" ;;
    esac
    kill -0 "$JPID" 2>/dev/null || die "the service died; see $SERVICE_LOG"
    sleep "${POLL:-1}"
  done
  t_end=$(now)
  secs=$(elapsed "$t_start" "$t_end")
  SERVICE_TIMES+=("$secs")
  SERVICE_JVM_CPU+=("$(elapsed "$jvm0" "$(cpu_self "$JPID")")")
  SERVICE_FFMPEG_CPU+=("$(elapsed "$kids0" "$(cpu_children "$JPID")")")
  SERVICE_WINDOWS+=("$(printf '%.0f %.0f' "$t_start" "$t_end")")
  log "service run $1: $secs s (composition $id); CPU: ffmpeg ${SERVICE_FFMPEG_CPU[-1]} s, JVM ${SERVICE_JVM_CPU[-1]} s"
  local url
  url=$(echo "$state" | sed -n 's/.*"download_url":"\([^"]*\)".*/\1/p')
  curl -sS -o "$RUN/service-$1.mp4" "$url" || die "download of composition $id failed"
  check_output "$RUN/service-$1.mp4" "service run $1" "$DURATION"
  ls "$RUN"/service-cmdline-*.txt > /dev/null 2>&1 && check_same_encoder "$RUN"/service-cmdline-*.txt
  [ "${KEEP:-0}" = 1 ] || rm -f "$RUN/service-$1.mp4"
  api -X DELETE "$BASE/v2/room_compositions/$id" > /dev/null || true
}

run_baseline() { # n
  run_hand "$INPUTS" "$DURATION" "$RUN/baseline-$1.mp4"
  BASELINE_TIMES+=("$HAND_SECS")
  BASELINE_CPU+=("$HAND_CPU")
  log "baseline run $1: $HAND_SECS s; CPU $HAND_CPU s"
  check_output "$RUN/baseline-$1.mp4" "baseline run $1" "$DURATION"
  [ "${KEEP:-0}" = 1 ] || rm -f "$RUN/baseline-$1.mp4"
}

nb=0; ns=0
for ((k = 0; k < ${#ORDER}; k++)); do
  case ${ORDER:k:1} in
    b) nb=$((nb + 1)); run_baseline "$nb" ;;
    s) ns=$((ns + 1)); run_service "$ns" ;;
  esac
done

# --- memory, at the end ----------------------------------------------------------------------------------------
sleep 2 # one more sample of each
HWM_KB=$(awk '/^VmHWM/ { print $2 }' "/proc/$JPID/status")
RSS_KB=$(awk '/^VmRSS/ { print $2 }' "/proc/$JPID/status")
# the JVM's RSS during the compositions only (the upload, which streams the files through it, is excluded)
COMPOSE_RSS_KB=0
for w in "${SERVICE_WINDOWS[@]}"; do
  v=$(awk -v a="${w% *}" -v b="${w#* }" '$1 >= a && $1 <= b + 1 && $2 > m { m = $2 } END { print m + 0 }' "$RSS_LOG")
  [ "$v" -gt "$COMPOSE_RSS_KB" ] && COMPOSE_RSS_KB=$v
done
FFMPEG_HWM_KB=$(awk '$4 > m { m = $4 } END { print m + 0 }' "$RSS_LOG")
# jstat -gc -t columns by name: the heap in use (survivors + eden + old) and the old generation alone
heap_cols='NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 != "Timestamp"'
PEAK_HEAP_KB=$(awk "$heap_cols"' { u = $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]; if (u > m) m = u } END { printf "%d", m }' "$JSTAT_LOG")
PEAK_OLD_KB=$(awk "$heap_cols"' { if ($c["OU"] > m) m = $c["OU"] } END { printf "%d", m }' "$JSTAT_LOG")
jcmd "$JPID" GC.heap_info > "$RUN/heap-before-gc.txt" 2>&1 || true
jcmd "$JPID" GC.run > /dev/null 2>&1 || true
jcmd "$JPID" GC.heap_info > "$RUN/heap-after-gc.txt" 2>&1 || true
heap_used() { sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' "$1" | head -1; }
heap_total() { sed -n 's/.*total \([0-9]*\)K, used.*/\1/p' "$1" | head -1; }
HEAP_BEFORE_KB=$(heap_used "$RUN/heap-before-gc.txt")
HEAP_AFTER_KB=$(heap_used "$RUN/heap-after-gc.txt")
HEAP_COMMITTED_KB=$(heap_total "$RUN/heap-after-gc.txt")
MAX_HEAP=$(jcmd "$JPID" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p')

# --- report ----------------------------------------------------------------------------------------------------
mib() { awk -v k="${1:-0}" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
S_MED=$(median "${SERVICE_TIMES[@]}")
RATIO=
if [ ${#BASELINE_TIMES[@]} -gt 0 ]; then
  B_MED=$(median "${BASELINE_TIMES[@]}")
  RATIO=$(awk -v s="$S_MED" -v b="$B_MED" 'BEGIN { printf "%.3f", s / b }')
fi
PER_MEDIA=$(awk -v s="$S_MED" -v d="$DURATION" 'BEGIN { printf "%.3f", s / d }')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "MISSED") }'; }

{
  echo
  echo "== Montage bench: 4 x 640x480 VP8+Opus, 2x2 at 1280x720, $(nproc) cores, $(date -u +%FT%TZ) =="
  echo "media duration              ${DURATION} s (${MINUTES} min)"
  echo "upload (not timed)          ${UPLOAD_SECS} s"
  echo "service create->completed   ${SERVICE_TIMES[*]} s   median ${S_MED} s"
  if [ -n "$RATIO" ]; then
    echo "baseline ffmpeg             ${BASELINE_TIMES[*]} s   median ${B_MED} s"
    echo "baseline CPU (user+sys)     ${BASELINE_CPU[*]} s"
    echo "ratio service/baseline      ${RATIO}   (target <= 1.10: $(verdict "$RATIO" 1.10))"
  fi
  echo "service CPU: ffmpeg         ${SERVICE_FFMPEG_CPU[*]} s;  JVM ${SERVICE_JVM_CPU[*]} s   (user+sys, create->completed)"
  echo "composition / media         ${PER_MEDIA}   (target <= 0.35: $(verdict "$PER_MEDIA" 0.35))"
  echo "JVM peak RSS (VmHWM)        $(mib "$HWM_KB")   (whole life, upload included)"
  echo "JVM RSS during compositions $(mib "$COMPOSE_RSS_KB") max   (now $(mib "$RSS_KB"))"
  echo "ffmpeg peak RSS (VmHWM)     $(mib "$FFMPEG_HWM_KB")"
  echo "JVM heap max (default)      $(mib $(( ${MAX_HEAP:-0} / 1024 )))"
  echo "JVM heap peak in use        $(mib "$PEAK_HEAP_KB")   (jstat, garbage included; old gen peak $(mib "$PEAK_OLD_KB"))"
  echo "JVM heap used at the end    $(mib "$HEAP_BEFORE_KB") before GC, $(mib "$HEAP_AFTER_KB") after a full GC (committed $(mib "$HEAP_COMMITTED_KB"))"
  echo "details                     $RUN"
} | tee "$RUN/summary.txt"
