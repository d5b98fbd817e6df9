#!/usr/bin/env bash
# Montage upload benchmark: what the speech analysis adds to an upload's time (issue 11: at most 10 %).
#
#   bench/upload-speech.sh [minutes=10]
#
# Makes two audio recordings `minutes` long with the bundled ffmpeg (48 kHz mono, a 440 Hz tone that speaks 2 s
# in every 4: Opus at 32 kb/s in WebM, AAC-LC at 64 kb/s in MP4), starts two copies of the packaged service on
# free ports, each with a data folder and an H2 of its own, rate limits off:
#
#   speech    the default: every audio upload schedules its analysis, which the node's worker runs after the 201
#   baseline  montage.recordings.speech-analysis=false: no analysis at all
#
# and uploads in alternating rounds (ROUNDS). In each, UPLOADS uploads (the two files in turn) go to `speech`
# back to back, so an upload meets the analyses of the ones before it, as on a busy node; then, once those
# analyses are done (the baseline gets as quiet a machine as `speech` had at its round's start), as many go to
# `baseline`. An upload's time is curl's: from the connection to the 201. Prints the median upload time of each
# and their ratio (the target: at most 1.10), and, for scale, the analysis itself: the service's ffmpeg command
# timed on each file by hand (what every upload waited for while the analysis ran inside the upload), and the
# time from an upload's 201 until its activity said `analysed`.
#
# Environment:
#   ROUNDS     alternating rounds (default 4)          UPLOADS    uploads per service and round (default 4)
#   JAVA_OPTS  extra JVM options for both services     KEEP=1     keep the run folder's data
#
# The jar is the one in target/ (bench/packaged-jar.sh builds it when missing: rebuild it after changing the
# code). Inputs are cached in bench/work/. Exits non-zero when a service does not start, an upload fails or an
# analysis does not end as expected. Not part of `mvn verify`. Takes about 3 minutes on 2 busy cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
. "$HERE/common.sh"
help_if_asked "$@"

MINUTES=${1:-10}
[[ $MINUTES =~ ^[0-9]+$ && $MINUTES -ge 1 ]] || { echo "usage: bench/upload-speech.sh [minutes>=1]" >&2; exit 2; }
ROUNDS=${ROUNDS:-4}
UPLOADS=${UPLOADS:-4}
[[ $ROUNDS =~ ^[1-9][0-9]*$ && $UPLOADS =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS and UPLOADS must be >= 1" >&2; exit 2; }
DURATION=$((MINUTES * 60))

WORK=$HERE/work
mkdir -p "$WORK"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%s-%s", a, b }'; }

# --- the service jar and the bundled ffmpeg ---------------------------------------------------------------------
use_packaged_jar
use_bundled_ffmpeg

# --- the inputs --------------------------------------------------------------------------------------------------
INPUTS=$WORK/speech-inputs-${MINUTES}m
mkdir -p "$INPUTS"
TONE="sine=f=440:r=48000:d=$DURATION,volume='if(lt(mod(t,4),2),0.5,0)':eval=frame"
make_input() { # file codec args...
  local out=$INPUTS/$1; shift
  [ -s "$out" ] && return
  log "encoding $(basename "$out") ($MINUTES min)"
  "$FFMPEG" -v error -nostdin -y -f lavfi -i "$TONE" -ac 1 "$@" "$out.tmp.${out##*.}" && mv "$out.tmp.${out##*.}" "$out" \
    || die "encoding $out failed"
}
make_input speech.webm -c:a libopus -b:a 32k
make_input speech.m4a -c:a aac -b:a 64k
FILES=("$INPUTS/speech.webm" "$INPUTS/speech.m4a")
log "inputs: $(du -h "${FILES[@]}" | awk '{ printf "%s %s  ", $2, $1 }')"

# --- the two services --------------------------------------------------------------------------------------------
RUN=$WORK/upload-speech-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$RUN"/*/data; fi
}
trap cleanup EXIT

declare -A BASE KEY
start_service() { # name extra-args...
  local name=$1; shift
  local port; port=$(free_port)
  mkdir -p "$RUN/$name/data"
  # shellcheck disable=SC2086
  (cd "$RUN/$name" && exec java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$port" --montage.data-dir="$RUN/$name/data" \
    --montage.rate-limits.enabled=false "$@") > "$RUN/$name/service.log" 2>&1 &
  PIDS+=($!)
  BASE[$name]=http://127.0.0.1:$port
  log "starting $name on :$port ($*), log in $RUN/$name/service.log"
}
await_ready() { # name
  local name=$1 code=
  for _ in $(seq 1 600); do
    if [ -s "$RUN/$name/data/api-key" ]; then
      KEY[$name]=$(cat "$RUN/$name/data/api-key")
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${KEY[$name]}" \
        "${BASE[$name]}/v2/room_recordings" || true)
      [ "$code" = 200 ] && return
    fi
    sleep 0.5
  done
  die "$name did not answer within 5 minutes; see $RUN/$name/service.log"
}
start_service speech
start_service baseline --montage.recordings.speech-analysis=false
await_ready speech
await_ready baseline
log "both services ready"

api() { local name=$1; shift; curl -sS -H "Authorization: Bearer ${KEY[$name]}" "$@"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p" | head -1; }

# One upload; prints "<seconds> <id of the audio recording>".
upload() { # name file
  local out answer code secs
  out=$(api "$1" -o "$RUN/answer.json" -w '%{http_code} %{time_total}' -F file=@"$2" \
    -F started_at=2024-05-01T10:00:00Z "${BASE[$1]}/v2/room_recordings")
  code=${out% *}; secs=${out#* }
  answer=$(cat "$RUN/answer.json")
  [ "$code" = 201 ] || die "upload of $(basename "$2") to $1 answered $code: $answer"
  echo "$secs $(echo "$answer" | field id)"
}

# Polls an upload's activity on `speech` until it is no longer pending; prints the seconds since `since`.
await_analysed() { # id since
  local state status
  for _ in $(seq 1 1200); do
    state=$(api speech "${BASE[speech]}/v2/room_recordings/$1/activity")
    status=$(echo "$state" | field status)
    case $status in
      analysed)
        echo "$state" | grep -q '"start_millis"' || die "recording $1 was analysed but has no speech: $state"
        elapsed "$2" "$(now)" 3; return ;;
      pending) sleep 0.1 ;;
      *) die "the analysis of recording $1 ended $status: $state" ;;
    esac
  done
  die "recording $1 was not analysed within 2 minutes"
}

# A few uploads to each, not timed: the JIT, the first sessions, the first ffprobe and analysis.
log "warming up"
for name in speech baseline; do
  for f in "${FILES[@]}"; do upload "$name" "$f" > /dev/null; done
done
last=$(upload speech "${FILES[0]}"); await_analysed "${last#* }" "$(now)" > /dev/null

SPEECH_TIMES=(); BASELINE_TIMES=(); TO_ANALYSED=()
for ((round = 1; round <= ROUNDS; round++)); do
  ids=(); done_at=()
  for ((i = 0; i < UPLOADS; i++)); do
    r=$(upload speech "${FILES[i % 2]}")
    SPEECH_TIMES+=("${r% *}"); ids+=("${r#* }"); done_at+=("$(now)")
  done
  for ((i = 0; i < UPLOADS; i++)); do TO_ANALYSED+=("$(await_analysed "${ids[i]}" "${done_at[i]}")"); done
  for ((i = 0; i < UPLOADS; i++)); do
    r=$(upload baseline "${FILES[i % 2]}")
    BASELINE_TIMES+=("${r% *}")
    code=$(api baseline -o /dev/null -w '%{http_code}' "${BASE[baseline]}/v2/room_recordings/${r#* }/activity")
    [ "$code" = 404 ] || die "the baseline analysed an upload (activity answered $code)"
  done
  log "round $round: speech $(median "${SPEECH_TIMES[@]: -UPLOADS}") s, baseline $(median "${BASELINE_TIMES[@]: -UPLOADS}") s (medians)"
done

# The analysis by hand, as the service runs it (SpeechAnalysis), on each file: what an upload used to wait for.
declare -A BY_HAND
for f in "${FILES[@]}"; do
  times=()
  for _ in 1 2 3; do
    t0=$(now)
    "$FFMPEG" -nostdin -v error -threads 1 -i "$f" -map 0:a:0 -vn -sn -dn -filter_threads 1 \
      -af aresample=async=1:first_pts=0,aformat=sample_fmts=s16:sample_rates=16000:channel_layouts=mono \
      -f s16le - > /dev/null || die "the analysis of $f by hand failed"
    times+=("$(elapsed "$t0" "$(now)" 3)")
  done
  BY_HAND[$(basename "$f")]=$(median "${times[@]}")
done

S=$(median "${SPEECH_TIMES[@]}"); B=$(median "${BASELINE_TIMES[@]}")
RATIO=$(awk -v s="$S" -v b="$B" 'BEGIN { printf "%.3f", s / b }')
OLD=$(awk -v b="$B" -v w="${BY_HAND[speech.webm]}" -v a="${BY_HAND[speech.m4a]}" 'BEGIN { printf "%.2f", (b + (w + a) / 2) / b }')
{
  echo
  echo "== Montage upload bench: ${MINUTES}-minute audio, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ) =="
  echo "rounds                      $ROUNDS x $UPLOADS uploads per service (Opus WebM and AAC MP4 in turn)"
  echo "upload, with analysis       median $S s (range $(range "${SPEECH_TIMES[@]}"))"
  echo "upload, analysis off        median $B s (range $(range "${BASELINE_TIMES[@]}"))"
  echo "ratio                       $RATIO (target <= 1.10: $(awk -v r="$RATIO" 'BEGIN { print (r <= 1.10 ? "met" : "MISSED") }'))"
  echo "201 -> activity analysed    median $(median "${TO_ANALYSED[@]}") s (range $(range "${TO_ANALYSED[@]}"); back-to-back uploads queue)"
  echo "analysis by hand            Opus ${BY_HAND[speech.webm]} s, AAC ${BY_HAND[speech.m4a]} s (median of 3)"
  echo "  inside the upload (old)   would make the ratio about $OLD"
  echo "run folder                  $RUN"
} | tee "$RUN/summary.txt"
