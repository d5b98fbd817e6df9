#!/usr/bin/env bash
# Active-speaker benchmark: one session composed as a grid and as an active-speaker region, same media, same service.
#
#   bench/active-speaker.sh [minutes=10]
#
# Makes three synthetic participants (640x480 VP8 + Opus WebM, `minutes` long) who speak in turns: in every 30 s,
# participant i's tone sounds from 10*i to 10*i + 9.5 s, silence otherwise, so the active speaker changes every
# 10 s. Starts the packaged service on a free port with a fresh data folder, uploads the three recordings into one
# session (the upload, speech analysis included, is not timed), then times compositions at 1280x720 from POST
# until GET says completed, alternating the two layouts:
#   grid     {"grid": {"video_sources": ["*"]}}                 a 2x2 grid, three pictures of 640x360 cells
#   speaker  {"speaker": {"focus": "active_speaker"}}           one picture at a time, fitted in 1280x720
# Prints each time, the medians and the ratio speaker/grid (issue 11 asks for at most 1.10).
#
# Environment:
#   ORDER  the runs, in order: g = grid, s = speaker (default gsgs)
#   POLL   seconds between two GETs of a composition while it runs (default 1)
#   KEEP=1 keep the data folder, the outputs and the service log (in bench/work/speaker-*)
#
# Not part of `mvn verify`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
. "$HERE/common.sh"
help_if_asked "$@"

MINUTES=${1:-10}
[[ $MINUTES =~ ^[0-9]+$ && $MINUTES -ge 1 ]] || { echo "usage: bench/active-speaker.sh [minutes>=1]" >&2; exit 2; }
ORDER=${ORDER:-gsgs}
[[ $ORDER =~ ^[gs]+$ && $ORDER == *g* && $ORDER == *s* ]] || { echo "ORDER: letters g and s, at least one of each" >&2; exit 2; }
DURATION=$((MINUTES * 60))

WORK=$HERE/work
mkdir -p "$WORK"

use_packaged_jar
use_bundled_ffmpeg

# --- the inputs: three participants speaking in turns --------------------------------------------------------
INPUTS=$WORK/speaker-inputs-${MINUTES}m
HUES=(0 120 240)
TONES=(440 660 880)
mkdir -p "$INPUTS" "$WORK/speaker-base"
for i in 0 1 2; do
  base=$WORK/speaker-base/p$i.webm
  if [ ! -s "$base" ]; then
    log "encoding the 60 s base clip of participant $i"
    "$FFMPEG" -v error -nostdin -y \
      -f lavfi -i "testsrc2=s=640x480:r=30:d=60,hue=h=${HUES[$i]}" \
      -f lavfi -i "aevalsrc=exprs=0.25*sin(2*PI*${TONES[$i]}*t)*between(mod(t\,30)\,$((10 * i))\,$((10 * i + 9)).5):s=48000:d=60" \
      -c:v libvpx -deadline realtime -cpu-used 8 -b:v 600k -g 150 -threads 1 \
      -c:a libopus -b:a 48k -ac 1 -shortest "$base.tmp.webm" && mv "$base.tmp.webm" "$base" \
      || die "encoding the base clip of participant $i failed"
  fi
  out=$INPUTS/p$i.webm
  if [ ! -s "$out" ]; then
    "$FFMPEG" -v error -nostdin -y -stream_loop -1 -i "$base" -c copy -t "$DURATION" "$out.tmp.webm" \
      && mv "$out.tmp.webm" "$out" || die "making $out failed"
  fi
done

# --- the service -----------------------------------------------------------------------------------------------
RUN=$WORK/speaker-${MINUTES}m-$(date +%Y%m%d-%H%M%S)
DATA=$RUN/data
mkdir -p "$DATA"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
JPID=
cleanup() {
  if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then
    kill "$JPID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$JPID" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$RUN"; fi
}
trap cleanup EXIT
log "starting the service on :$PORT"
(cd "$RUN" && exec java -jar "$JAR" --server.port="$PORT" --montage.data-dir="$DATA") > "$RUN/service.log" 2>&1 &
JPID=$!
KEY=
for _ in $(seq 1 240); do
  kill -0 "$JPID" 2>/dev/null || die "the service exited; see $RUN/service.log"
  if [ -s "$DATA/api-key" ]; then
    KEY=$(cat "$DATA/api-key")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$BASE/v2/room_compositions" || true)
    [ "$code" = 200 ] && break
  fi
  sleep 0.5
done
[ "${code:-}" = 200 ] || die "the service did not answer within 2 minutes"

api() { curl -sS -H "Authorization: Bearer $KEY" "$@"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p" | head -1; }
SESSION=
AUDIO_IDS=()
for i in 0 1 2; do
  args=(-F file=@"$INPUTS/p$i.webm" -F started_at=2024-05-01T10:00:00Z -F participant_context=p$i)
  [ -n "$SESSION" ] && args+=(-F session_id="$SESSION")
  answer=$(api "${args[@]}" "$BASE/v2/room_recordings")
  [ -n "$SESSION" ] || SESSION=$(echo "$answer" | field session_id)
  echo "$answer" | grep -q '"id"' || die "upload of p$i failed: $answer"
  AUDIO_IDS+=("$(echo "$answer" | python3 -c 'import json, sys
print(next(r["id"] for r in json.load(sys.stdin)["data"] if r["type"] == "audio"))')")
done
log "uploaded 3 recordings into session $SESSION"
# The speech analysis runs in the background after each upload: wait for it, so that no composition below pays for
# it (a composition would otherwise analyse a pending recording itself, and the grid would share the CPU with it).
for id in "${AUDIO_IDS[@]}"; do
  [ -n "$id" ] || die "an upload answered no audio recording"
  for _ in $(seq 1 600); do
    status=$(api "$BASE/v2/room_recordings/$id/activity" | field status)
    [ "$status" = pending ] || break
    sleep 1
  done
  [ "$status" = analysed ] || die "the speech of $id was not analysed: $status"
done
log "speech analysed"

# --- the runs --------------------------------------------------------------------------------------------------
GRID='"grid":{"video_sources":["*"]}'
SPEAKER='"speaker":{"focus":"active_speaker"}'
GRID_TIMES=()
SPEAKER_TIMES=()
compose() { # label layout
  local t_start id state status secs
  t_start=$(now)
  id=$(api -H 'Content-Type: application/json' "$BASE/v2/room_compositions" \
    -d "{\"session_id\":\"$SESSION\",\"resolution\":\"1280x720\",\"video_layout\":{$2}}" | field id)
  [ -n "$id" ] || die "create of the $1 composition failed"
  while :; do
    state=$(api "$BASE/v2/room_compositions/$id")
    status=$(echo "$state" | field status)
    [ "$status" = completed ] && break
    [ "$status" = failed ] && die "the $1 composition failed: $(echo "$state" | field failure_reason)"
    sleep "${POLL:-1}"
  done
  secs=$(elapsed "$t_start" "$(now)")
  log "$1: $secs s"
  if [ "${KEEP:-0}" = 1 ]; then
    curl -sS -o "$RUN/$1-$id.mp4" "$(echo "$state" | sed -n 's/.*"download_url":"\([^"]*\)".*/\1/p')"
  fi
  api -X DELETE "$BASE/v2/room_compositions/$id" > /dev/null || true
  LAST=$secs
}
for ((k = 0; k < ${#ORDER}; k++)); do
  case ${ORDER:k:1} in
    g) compose grid "$GRID"; GRID_TIMES+=("$LAST") ;;
    s) compose speaker "$SPEAKER"; SPEAKER_TIMES+=("$LAST") ;;
  esac
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
G=$(median "${GRID_TIMES[@]}")
S=$(median "${SPEAKER_TIMES[@]}")
RATIO=$(awk -v s="$S" -v g="$G" 'BEGIN { printf "%.3f", s / g }')
{
  echo
  echo "== active speaker vs grid: 3 x 640x480 VP8+Opus speaking in turns, 1280x720, $(nproc) cores, $(date -u +%FT%TZ) =="
  echo "media duration        ${DURATION} s"
  echo "grid (2x2)            ${GRID_TIMES[*]} s   median $G s"
  echo "active speaker        ${SPEAKER_TIMES[*]} s   median $S s"
  echo "ratio speaker/grid    $RATIO   (target <= 1.10: $(awk -v r="$RATIO" 'BEGIN { print (r <= 1.10 ? "met" : "MISSED") }'))"
}
