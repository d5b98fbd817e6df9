#!/usr/bin/env bash
# Montage demo: against a running service, make three short synthetic participant recordings, upload them,
# create a two-region composition (a grid and a picture-in-picture), follow its progress and save the MP4.
#
#   scripts/demo.sh [base-url] [api-key] [output.mp4]
#
# Defaults: http://localhost:8080, the key in data/api-key, ./montage-demo.mp4. Needs curl; uses the ffmpeg
# on PATH or the one the service extracted to ~/.javacpp/cache.
set -euo pipefail

BASE=${1:-http://localhost:8080}
KEY=${2:-$(cat data/api-key 2>/dev/null || true)}
OUT=${3:-montage-demo.mp4}
[ -n "$KEY" ] || { echo "no API key: pass one or run from the project folder after the first start" >&2; exit 2; }

FFMPEG=$(command -v ffmpeg || find ~/.javacpp/cache -name ffmpeg -type f 2>/dev/null | head -1)
[ -n "$FFMPEG" ] || { echo "no ffmpeg found: start the service once (it extracts one) or install ffmpeg" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

api() { curl -sS -H "Authorization: Bearer $KEY" "$@"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p" | head -1; }

echo "making three 6-second recordings..."
i=0
for spec in red:440 green:550 blue:660; do
  colour=${spec%%:*}; hz=${spec##*:}
  "$FFMPEG" -v error -y -f lavfi -i "color=c=$colour:s=320x240:r=15:d=6" -f lavfi -i "sine=f=$hz:d=6" \
    -c:v libvpx -b:v 300k -c:a libopus -shortest "$WORK/$colour.webm"
  i=$((i + 1))
done

echo "uploading..."
first=$(api -F file=@"$WORK/red.webm" -F started_at=2024-05-01T10:00:00Z -F participant_context=red \
  "$BASE/v2/room_recordings")
SESSION=$(echo "$first" | field session_id)
[ -n "$SESSION" ] || { echo "upload failed: $first" >&2; exit 1; }
api -F file=@"$WORK/green.webm" -F started_at=2024-05-01T10:00:01Z -F session_id="$SESSION" \
  -F participant_context=green "$BASE/v2/room_recordings" > /dev/null
third=$(api -F file=@"$WORK/blue.webm" -F started_at=2024-05-01T10:00:02Z -F session_id="$SESSION" \
  -F participant_context=blue "$BASE/v2/room_recordings")
BLUE=$(echo "$third" | sed -n 's/.*"participant_id":"\([^"]*\)".*/\1/p' | head -1)
echo "session $SESSION"

echo "creating a composition: a grid of red and green, blue as picture-in-picture..."
created=$(api -H 'Content-Type: application/json' "$BASE/v2/room_compositions" -d @- <<JSON
{"session_id": "$SESSION", "resolution": "640x360",
 "video_layout": {
   "grid": {"x_pos": 0, "y_pos": 0, "width": 640, "height": 360, "z_pos": 0,
            "video_sources": ["*"], "video_sources_excluded": ["$BLUE"]},
   "pip":  {"x_pos": 440, "y_pos": 230, "width": 180, "height": 110, "z_pos": 1, "video_sources": ["$BLUE"]}}}
JSON
)
ID=$(echo "$created" | field id)
[ -n "$ID" ] || { echo "create failed: $created" >&2; exit 1; }
echo "composition $ID"

for _ in $(seq 1 300); do
  state=$(api "$BASE/v2/room_compositions/$ID")
  status=$(echo "$state" | field status)
  progress=$(echo "$state" | field progress_percent)
  printf '\r%-10s %3s%%' "$status" "$progress"
  case $status in
    completed) break ;;
    failed) echo; echo "failed: $(echo "$state" | field failure_reason)" >&2; exit 1 ;;
  esac
  sleep 1
done
echo
[ "$status" = completed ] || { echo "not completed in time" >&2; exit 1; }

URL=$(echo "$state" | sed -n 's/.*"download_url":"\([^"]*\)".*/\1/p')
curl -sS -o "$OUT" "$URL"
echo "saved $OUT ($(wc -c < "$OUT") bytes, $(echo "$state" | field duration_secs) s)"
