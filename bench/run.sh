#!/usr/bin/env bash
# Montage composition benchmark: the service against one hand-written ffmpeg command doing the same work.
#
#   bench/run.sh [minutes=10]
#
# Makes four synthetic participants (640x480 VP8 + Opus WebM, `minutes` long each) with the bundled ffmpeg,
# starts the packaged service on a free port with a fresh data folder and the default heap, uploads the four
# recordings into one session (all starting at the same instant), and times a 2x2 composition at 1280x720
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

# --- the inputs ------------------------------------------------------------------------------------------------
# Four distinct participants: testsrc2 in four hues, four tones. 30 fps, 600 kb/s VP8, 48 kHz mono Opus.
INPUTS=$WORK/inputs-${MINUTES}m
HUES=(0 90 180 270)
TONES=(330 440 550 660)
make_inputs() {
  mkdir -p "$INPUTS" "$WORK/base"
  local i pids=()
  for i in 0 1 2 3; do
    local base=$WORK/base/p$i.webm
    [ -s "$base" ] && continue
    log "encoding the 60 s base clip of participant $i"
    "$FFMPEG" -v error -nostdin -y \
      -f lavfi -i "testsrc2=s=640x480:r=30:d=60,hue=h=${HUES[$i]}" \
      -f lavfi -i "sine=f=${TONES[$i]}:r=48000:d=60" \
      -c:v libvpx -deadline realtime -cpu-used 8 -b:v 600k -g 150 -threads 1 \
      -c:a libopus -b:a 48k -ac 1 -shortest "$base.tmp.webm" && mv "$base.tmp.webm" "$base" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || die "encoding a base clip failed"; done
  for i in 0 1 2 3; do
    local out=$INPUTS/p$i.webm
    [ -s "$out" ] && continue
    log "making participant $i: ${MINUTES} min"
    "$FFMPEG" -v error -nostdin -y -stream_loop -1 -i "$WORK/base/p$i.webm" -c copy -t "$DURATION" \
      "$out.tmp.webm" && mv "$out.tmp.webm" "$out" || die "making $out failed"
  done
}
make_inputs
for i in 0 1 2 3; do
  d=$("$FFPROBE" -v error -show_entries format=duration -of csv=p=0 "$INPUTS/p$i.webm")
  awk -v d="$d" -v want="$DURATION" 'BEGIN { exit !(d >= want - 1 && d <= want + 1) }' \
    || die "input p$i is $d s long, not $DURATION s: remove $INPUTS and run again"
done
log "inputs: $INPUTS ($(du -sh "$INPUTS" | cut -f1))"

# --- the service -----------------------------------------------------------------------------------------------
RUN=$WORK/run-${MINUTES}m-$(date +%Y%m%d-%H%M%S)
DATA=$RUN/data
mkdir -p "$DATA"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))
BASE=http://127.0.0.1:$PORT
SERVICE_LOG=$RUN/service.log
JPID=
SAMPLER=
JSTAT=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$JSTAT" ] && kill "$JSTAT" 2>/dev/null || true
  if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then
    kill "$JPID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$JPID" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$DATA" "$RUN"/*.mp4; fi
}
trap cleanup EXIT

log "starting the service on :$PORT (java ${JAVA_OPTS:-} -jar $(basename "$JAR")), log in $SERVICE_LOG"
# shellcheck disable=SC2086
(cd "$RUN" && exec java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --montage.data-dir="$DATA") \
  > "$SERVICE_LOG" 2>&1 &
JPID=$!

KEY=
for _ in $(seq 1 240); do
  kill -0 "$JPID" 2>/dev/null || die "the service exited; see $SERVICE_LOG"
  if [ -s "$DATA/api-key" ]; then
    KEY=$(cat "$DATA/api-key")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$BASE/v2/room_compositions" || true)
    [ "$code" = 200 ] && break
  fi
  sleep 0.5
done
[ "${code:-}" = 200 ] || die "the service did not answer within 2 minutes; see $SERVICE_LOG"
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
      # keep the service's filter script and command line for the record (it deletes the script when done)
      if [ ! -s "$RUN/service-filtergraph.txt" ]; then
        cmdline=$(tr '\0' '\n' 2>/dev/null < "/proc/$fpid/cmdline")
        echo "$cmdline" | tr '\n' ' ' > "$RUN/service-cmdline.txt"
        script=$(echo "$cmdline" | grep -A1 -x -- -filter_complex_script | tail -1)
        [ -n "$script" ] && cp "$script" "$RUN/service-filtergraph.txt" 2>/dev/null || true
      fi
    fi
    printf '%s\t%s\t%s\t%s\n' "$(date +%s)" "${rss:-0}" "${fpid:--}" "${fhwm:-0}"
    sleep 1
  done
) > "$RSS_LOG" &
SAMPLER=$!
jstat -gc -t "$JPID" 1000 > "$JSTAT_LOG" 2>/dev/null &
JSTAT=$!

# --- upload ----------------------------------------------------------------------------------------------------
api() { curl -sS -H "Authorization: Bearer $KEY" "$@"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p" | head -1; }

STARTED_AT=2024-05-01T10:00:00Z
t0=$(now)
SESSION=
for i in 0 1 2 3; do
  args=(-F file=@"$INPUTS/p$i.webm" -F started_at=$STARTED_AT -F participant_context=p$i)
  [ -n "$SESSION" ] && args+=(-F session_id="$SESSION")
  answer=$(api "${args[@]}" "$BASE/v2/room_recordings")
  if [ -z "$SESSION" ]; then SESSION=$(echo "$answer" | field session_id); fi
  echo "$answer" | grep -q '"id"' || die "upload of p$i failed: $answer"
done
[ -n "$SESSION" ] || die "no session id in the upload answer"
UPLOAD_SECS=$(elapsed "$t0" "$(now)")
log "uploaded 4 recordings into session $SESSION in ${UPLOAD_SECS} s (not timed)"

# --- the runs --------------------------------------------------------------------------------------------------
LAYOUT='"resolution":"1280x720","video_layout":{"grid":{"width":1280,"height":720,"video_sources":["*"]}}'
SERVICE_TIMES=()
BASELINE_TIMES=()
SERVICE_WINDOWS=()

check_output() { # file label
  local info w h d frames
  info=$("$FFPROBE" -v error -select_streams v:0 -show_entries stream=width,height,nb_frames:format=duration \
    -of default=nw=1 "$1")
  w=$(echo "$info" | sed -n 's/^width=//p'); h=$(echo "$info" | sed -n 's/^height=//p')
  frames=$(echo "$info" | sed -n 's/^nb_frames=//p'); d=$(echo "$info" | sed -n 's/^duration=//p')
  log "$2 output: ${w}x${h}, $d s, $frames frames, $(du -h "$1" | cut -f1)"
  [ "$w" = 1280 ] && [ "$h" = 720 ] || die "$2 output is ${w}x${h}, not 1280x720"
  awk -v d="$d" -v want="$DURATION" 'BEGIN { exit !(d >= want - 0.5 && d <= want + 0.5) }' \
    || die "$2 output lasts $d s, not $DURATION s"
  local a
  a=$("$FFPROBE" -v error -select_streams a:0 -show_entries stream=codec_name,sample_rate,channels -of csv=p=0 "$1")
  [ "$a" = "aac,48000,2" ] || die "$2 output audio is $a, not aac,48000,2"
}

# CPU seconds from /proc/<pid>/stat: the process's own (utime + stime) and its reaped children's (cutime +
# cstime), which for the service during a composition is its ffmpeg
TICKS=$(getconf CLK_TCK)
cpu_self() { awk -v t="$TICKS" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }
cpu_children() { awk -v t="$TICKS" '{ sub(/.*\) /, ""); printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
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
    -d "{\"session_id\":\"$SESSION\",$LAYOUT}")
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
  check_output "$RUN/service-$1.mp4" "service run $1"
  [ "${KEEP:-0}" = 1 ] || rm -f "$RUN/service-$1.mp4"
  api -X DELETE "$BASE/v2/room_compositions/$id" > /dev/null || true
}

# The service's work by hand: each 640x480 picture fitted into its 640x360 cell as the planner does it
# (480x360, centred: black bars of 80 px), the four cells stacked, the four tracks summed and limited, and
# exactly the encoder arguments of FilterGraphBuilder.arguments().
BASELINE_GRAPH="[0:v]scale=480:360,pad=640:360:80:0[v0];[1:v]scale=480:360,pad=640:360:80:0[v1];\
[2:v]scale=480:360,pad=640:360:80:0[v2];[3:v]scale=480:360,pad=640:360:80:0[v3];\
[v0][v1][v2][v3]xstack=inputs=4:layout=0_0|w0_0|0_h0|w0_h0[vout];\
[0:a][1:a][2:a][3:a]amix=inputs=4:normalize=0:duration=longest,alimiter=level=false:latency=true[aout]"
run_baseline() { # n
  local out=$RUN/baseline-$1.mp4 t_start secs
  t_start=$(now)
  local TIMEFORMAT='%U %S'
  { time "$FFMPEG" -hide_banner -nostdin -loglevel warning -y -nostats \
    -i "$INPUTS/p0.webm" -i "$INPUTS/p1.webm" -i "$INPUTS/p2.webm" -i "$INPUTS/p3.webm" \
    -filter_complex "$BASELINE_GRAPH" -map '[vout]' -map '[aout]' \
    -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -r 30 -fps_mode cfr \
    -c:a aac -ar 48000 -ac 2 -movflags +faststart -t "$DURATION" -f mp4 "$out" 2> "$RUN/baseline-$1.log"; } 2> "$RUN/baseline-$1.cpu" \
    || die "the baseline ffmpeg failed: $(tail -3 "$RUN/baseline-$1.log")"
  secs=$(elapsed "$t_start" "$(now)")
  BASELINE_TIMES+=("$secs")
  BASELINE_CPU+=("$(awk '{ printf "%.2f", $1 + $2 }' "$RUN/baseline-$1.cpu")")
  log "baseline run $1: $secs s; CPU ${BASELINE_CPU[-1]} s"
  check_output "$out" "baseline run $1"
  [ "${KEEP:-0}" = 1 ] || rm -f "$out"
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
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
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
