#!/usr/bin/env bash
# Quality per CPU-second (issue 14, part 2): what each x264 preset and CRF costs and what it gives, for the graph
# Montage renders.
#
#   bench/quality.sh [seconds=60]
#
# Makes four synthetic participants (640x480 VP8 + Opus WebM, `seconds` long, the same test patterns as
# bench/run.sh) and renders the graph the service builds for them (FilterGraphBuilder's stacked path: a 2x2 grid
# at 1280x720, each picture fitted into its 640x360 cell, the four tracks summed and limited) once LOSSLESSLY
# (libx264 -qp 0), then once per encoder point. For each point it prints the CPU-seconds of the ffmpeg (user + sys),
# its wall time, the file's size and bit rate, and the SSIM and PSNR of its pictures against the lossless ones,
# measured by ffmpeg's own `ssim` and `psnr` filters. The last part renders 15 fps participants at 30 and at 15 fps
# output with the chosen point, to show what following the sources' frame rate saves.
#
# Environment:
#   POINTS   the encoder points, "preset:crf" separated by spaces (default: every preset from ultrafast to medium at
#            CRF 23, and higher CRFs for the fastest presets: at one CRF, a faster preset spends more bits and
#            reaches a higher SSIM, so the fast points that match the standard's SSIM lie at higher CRFs);
#            "vp8:cpu-used:crf" is a WebM point, VP8 with the service's other settings (realtime, 2 Mbit/s cap)
#   FPS_POINT  the point of the frame-rate part (default veryfast:23, the default before quality levels, as in
#              bench/RESULTS.md); FPS_POINT=none skips that part
#   KEEP=1   keep the outputs (in bench/work/quality-*)
#
# Every figure is one encode on a machine that may be busy: CPU-seconds are the figure to compare (wall time
# follows the load of the moment). The inputs are synthetic test patterns, not camera pictures: they have more
# sharp edges and motion than a face, so the absolute sizes and SSIMs differ from real content; the ranking of the
# points is what carries over. Not part of `mvn verify`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
. "$HERE/common.sh"
help_if_asked "$@"

DURATION=${1:-60}
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 5 && $DURATION -le 600 ]] \
  || { echo "usage: bench/quality.sh [seconds 5..600]" >&2; exit 2; }
POINTS=${POINTS:-"ultrafast:23 superfast:23 veryfast:23 faster:23 fast:23 medium:23 \
ultrafast:26 ultrafast:28 ultrafast:30 superfast:25 superfast:27 veryfast:20"}
FPS_POINT=${FPS_POINT:-veryfast:23}

WORK=$HERE/work
mkdir -p "$WORK"
# the jar is needed only when no test or service has extracted the bundled ffmpeg yet
find ~/.javacpp/cache "$WORK/ffmpeg" -name ffmpeg -type f 2>/dev/null | grep -q . || use_packaged_jar
use_bundled_ffmpeg
log "ffmpeg: $FFMPEG"

RUN=$WORK/quality-${DURATION}s-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
cleanup() { if [ "${KEEP:-0}" != 1 ]; then rm -f "$RUN"/*.mp4 "$RUN"/*.mkv "$RUN"/*.webm; fi; }
trap cleanup EXIT

# --- the inputs: bench/run.sh's participants, cut to the duration ---------------------------------------------
HUES=(0 90 180 270)
TONES=(330 440 550 660)
# make_inputs <fps>: sets INPUTS to a folder of four participants at that frame rate, `DURATION` seconds long
make_inputs() {
  local fps=$1 i
  INPUTS=$WORK/quality-inputs-${DURATION}s-${fps}fps
  mkdir -p "$INPUTS"
  for i in 0 1 2 3; do
    local out=$INPUTS/p$i.webm
    [ -s "$out" ] && continue
    log "encoding participant $i: ${DURATION} s at $fps fps"
    "$FFMPEG" -v error -nostdin -y \
      -f lavfi -i "testsrc2=s=640x480:r=$fps:d=$DURATION,hue=h=${HUES[$i]}" \
      -f lavfi -i "sine=f=${TONES[$i]}:r=48000:d=$DURATION" \
      -c:v libvpx -deadline realtime -cpu-used 8 -b:v 600k -g 150 -threads 1 \
      -c:a libopus -b:a 48k -ac 1 -shortest "$out.tmp.webm" && mv "$out.tmp.webm" "$out" \
      || die "making $out failed"
  done
}

# --- the graph: what FilterGraphBuilder writes for these four participants --------------------------------------
# (the stacked path of a static 2x2 grid; see FilterGraphBuilderTest.picturesShownThroughoutSideBySide_...)
# graph <output fps>
graph() {
  local fps=$1 d i
  d=$(printf '%d.000' "$DURATION")
  for i in 0 1 2 3; do
    printf "[%d:0]setpts='clip(T,0,%s)/TB'[in%d_0_0];\n" "$i" "$d" "$i"
  done
  local cells=(r0_c0_0 r0_c1_0 r0_c2_0 r0_c3_0)
  for i in 0 1 2 3; do
    printf '[in%d_0_0]scale=480:360:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=480:360:-1:-1:eval=frame,tpad=stop_mode=clone:stop_duration=0.500,tpad=stop_mode=add:stop_duration=%s:color=black,fps=%d:start_time=0[%s];\n' \
      "$i" "$d" "$fps" "${cells[$i]}"
  done
  printf '[r0_c0_0][r0_c1_0][r0_c2_0][r0_c3_0]xstack=inputs=4:layout=80_0|720_0|80_360|720_360:fill=black,pad=1280:720:0:0:color=black[vout];\n'
  for i in 0 1 2 3; do
    printf '[%d:1]aresample=48000:async=1,aformat=channel_layouts=stereo,asetpts=PTS-STARTPTS,adelay=delays=0:all=1[a%d];\n' "$i" "$i"
  done
  printf '[a0][a1][a2][a3]amix=inputs=4:normalize=0:duration=longest,alimiter=level=false:latency=true[aout]\n'
}

# render <output file> <output fps> <encoder args...>: the service's command line with those encoder arguments;
# sets CPU (user + sys seconds of the ffmpeg) and WALL
render() {
  local out=$1 fps=$2 script=$RUN/graph-${2}fps.txt t0 i
  shift 2
  graph "$fps" > "$script"
  local inputs=()
  for i in 0 1 2 3; do inputs+=(-reinit_filter 0 -seek_timestamp 1 -noautorotate -i "$INPUTS/p$i.webm"); done
  t0=$(now)
  local TIMEFORMAT='%U %S'
  { time "$FFMPEG" -hide_banner -nostdin -loglevel warning -y -nostats "${inputs[@]}" \
      -filter_complex_script "$script" -map '[vout]' -map '[aout]' -r "$fps" -fps_mode cfr -ar 48000 -ac 2 \
      -t "$DURATION" "$@" "$out" 2> "$out.log"; } 2> "$out.cpu" \
    || die "ffmpeg failed for $out: $(tail -3 "$out.log")"
  WALL=$(elapsed "$t0" "$(now)")
  CPU=$(awk '{ printf "%.2f", $1 + $2 }' "$out.cpu")
}

# compare <file> <reference>: sets SSIM (All) and PSNR (average) of the pictures of file against reference. Frames
# are paired by number, not by time: the MP4's timestamps (1/15360 s) and the Matroska's (1 ms) round 1/30 s
# differently, and pairing by time puts a frame against its neighbour in two of every three.
compare() {
  local log=$1.compare.log
  "$FFMPEG" -hide_banner -nostdin -nostats -i "$1" -i "$2" -lavfi \
    "[0:v]settb=1/30,setpts=N,split[d0][d1];[1:v]settb=1/30,setpts=N,split[r0][r1];[d0][r0]ssim;[d1][r1]psnr" \
    -f null - 2> "$log" \
    || die "comparing $1 failed: $(tail -3 "$log")"
  SSIM=$(sed -n 's/.*SSIM .* All:\([0-9.]*\).*/\1/p' "$log" | tail -1)
  PSNR=$(sed -n 's/.*PSNR .* average:\([0-9.inf]*\).*/\1/p' "$log" | tail -1)
  [ -n "$SSIM" ] && [ -n "$PSNR" ] || die "no SSIM/PSNR in $log"
}

# check <file> <fps>: the output is 1280x720 at that constant rate for the whole duration
check() {
  local info
  info=$("$FFPROBE" -v error -count_packets -select_streams v:0 \
    -show_entries stream=width,height,r_frame_rate,nb_read_packets \
    -of csv=p=0 "$1")
  [ "$info" = "1280,720,$2/1,$((DURATION * $2))" ] || die "$1 is $info, not 1280,720,$2/1,$((DURATION * $2))"
}

make_inputs 30
log "the lossless reference (libx264 -qp 0)"
render "$RUN/reference.mkv" 30 -c:v libx264 -preset ultrafast -qp 0 -pix_fmt yuv420p -c:a aac -f matroska
check "$RUN/reference.mkv" 30
log "reference: ${CPU} CPU-s, ${WALL} s, $(du -h "$RUN/reference.mkv" | cut -f1)"

TABLE=$RUN/table.tsv
printf 'preset\tcrf\tCPU-s\tCPU-s per media s\twall s\twall per media s\tsize MB\tkbit/s\tSSIM\tPSNR dB\n' > "$TABLE"
for point in $POINTS; do
  preset=${point%%:*} crf=${point##*:}
  if [ "$preset" = vp8 ]; then # vp8:cpu-used:crf, in the first two columns as "vp8 cpu-used N" and the CRF
    cpu_used=$(echo "$point" | cut -d: -f2)
    preset="vp8-cpu-used-$cpu_used"
    out=$RUN/$preset-crf$crf.webm
    log "VP8 cpu-used $cpu_used CRF $crf"
    render "$out" 30 -c:v libvpx -deadline realtime -cpu-used "$cpu_used" -crf "$crf" -b:v 2M -pix_fmt yuv420p \
      -c:a libopus -b:a 96k -f webm
  else
    out=$RUN/$preset-crf$crf.mp4
    log "$preset CRF $crf"
    render "$out" 30 -c:v libx264 -preset "$preset" -crf "$crf" -pix_fmt yuv420p -c:a aac -movflags +faststart \
      -f mp4
  fi
  check "$out" 30
  compare "$out" "$RUN/reference.mkv"
  bytes=$(stat -c %s "$out")
  # bits per second of the video stream where the container states it (MP4), else of the whole file (WebM)
  video_rate=$("$FFPROBE" -v error -select_streams v:0 -show_entries stream=bit_rate -of csv=p=0 "$out")
  [[ $video_rate =~ ^[0-9]+$ ]] || video_rate=$(awk -v b="$bytes" -v d="$DURATION" 'BEGIN { printf "%d", b * 8 / d }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$preset" "$crf" "$CPU" \
    "$(awk -v c="$CPU" -v d="$DURATION" 'BEGIN { printf "%.3f", c / d }')" "$WALL" \
    "$(awk -v w="$WALL" -v d="$DURATION" 'BEGIN { printf "%.3f", w / d }')" \
    "$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')" \
    "$(awk -v b="$video_rate" 'BEGIN { printf "%.0f", b / 1000 }')" "$SSIM" "$PSNR" >> "$TABLE"
  log "$preset CRF $crf: ${CPU} CPU-s, ${WALL} s, SSIM $SSIM, PSNR $PSNR dB"
  [ "${KEEP:-0}" = 1 ] || rm -f "$out"
done

FPS_TABLE=$RUN/fps.tsv
if [ "$FPS_POINT" != none ]; then
  preset=${FPS_POINT%%:*} crf=${FPS_POINT##*:}
  make_inputs 15
  printf 'sources\toutput fps\tCPU-s\twall s\tsize MB\n' > "$FPS_TABLE"
  # alternating, so that a change in the machine's load does not favour one side: 30 15 30 15
  for fps in 30 15 30 15; do
    out=$RUN/fps15-out$fps.mp4
    log "15 fps sources, $fps fps output ($preset CRF $crf)"
    render "$out" "$fps" -c:v libx264 -preset "$preset" -crf "$crf" -pix_fmt yuv420p -c:a aac -f mp4
    check "$out" "$fps"
    printf '15\t%s\t%s\t%s\t%s\n' "$fps" "$CPU" "$WALL" \
      "$(awk -v b="$(stat -c %s "$out")" 'BEGIN { printf "%.2f", b / 1e6 }')" >> "$FPS_TABLE"
    rm -f "$out"
  done
fi

{
  echo
  echo "== Montage quality bench: 4 x 640x480 VP8+Opus 30 fps, 2x2 at 1280x720, ${DURATION} s of media,"
  echo "   $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ) =="
  echo "lossless reference: libx264 -qp 0 (SSIM and PSNR of each point against it)"
  column -t -s $'\t' "$TABLE"
  if [ -s "$FPS_TABLE" ]; then
    echo
    echo "15 fps sources at $FPS_POINT, 30 fps output against 15 fps output:"
    column -t -s $'\t' "$FPS_TABLE"
  fi
  echo "details: $RUN"
} | tee "$RUN/summary.txt"
