# Sourced by the grid benchmarks (bench/run.sh, bench/overhead.sh): the four synthetic participants, the service
# started on a free port, their upload, the hand-written ffmpeg command that does the service's work, the check of
# an output and the CPU figures of /proc. Needs HERE, WORK, FFMPEG and FFPROBE (bench/common.sh, use_bundled_ffmpeg)
# and, for the service, JAR (use_packaged_jar).

# --- the inputs ------------------------------------------------------------------------------------------------
# Four distinct participants: testsrc2 in four hues, four tones. 30 fps, 600 kb/s VP8, 48 kHz mono Opus.
# grid_inputs <seconds>: sets INPUTS to a folder holding p0.webm … p3.webm of that length, made once and cached.
# A 60-second clip of each participant is encoded once and repeated with -stream_loop and -c copy up to the length:
# valid, continuous WebM files whose every minute costs the same to decode.
GRID_HUES=(0 90 180 270)
GRID_TONES=(330 440 550 660)
grid_inputs() {
  local seconds=$1 i pids=()
  INPUTS=$WORK/inputs-${seconds}s
  mkdir -p "$INPUTS" "$WORK/base"
  for i in 0 1 2 3; do
    local base=$WORK/base/p$i.webm
    [ -s "$base" ] && continue
    log "encoding the 60 s base clip of participant $i"
    "$FFMPEG" -v error -nostdin -y \
      -f lavfi -i "testsrc2=s=640x480:r=30:d=60,hue=h=${GRID_HUES[$i]}" \
      -f lavfi -i "sine=f=${GRID_TONES[$i]}:r=48000:d=60" \
      -c:v libvpx -deadline realtime -cpu-used 8 -b:v 600k -g 150 -threads 1 \
      -c:a libopus -b:a 48k -ac 1 -shortest "$base.tmp.webm" && mv "$base.tmp.webm" "$base" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || die "encoding a base clip failed"; done
  for i in 0 1 2 3; do
    local out=$INPUTS/p$i.webm
    [ -s "$out" ] && continue
    log "making participant $i: ${seconds} s"
    "$FFMPEG" -v error -nostdin -y -stream_loop -1 -i "$WORK/base/p$i.webm" -c copy -t "$seconds" \
      "$out.tmp.webm" && mv "$out.tmp.webm" "$out" || die "making $out failed"
  done
  for i in 0 1 2 3; do
    local d
    d=$("$FFPROBE" -v error -show_entries format=duration -of csv=p=0 "$INPUTS/p$i.webm")
    awk -v d="$d" -v want="$seconds" 'BEGIN { exit !(d >= want - 1 && d <= want + 1) }' \
      || die "input p$i is $d s long, not $seconds s: remove $INPUTS and run again"
  done
}

# --- the service -----------------------------------------------------------------------------------------------
# Sessions: Linux shares the CPU fairly between sessions (sched_autogroup), not between processes. On a machine that
# others load, a session gets its share whatever it runs, so whatever else runs in the service's session comes out of
# its ffmpeg's share. The service and the hand-written command therefore each run in a session of their own, as they
# would on a node: the script's own polls (a curl, a sed, … four times a second) stay in the script's session, like
# a client on another machine. The JVM's own work (answering the polls, its JIT, its queues) stays with its ffmpeg.
# start_service <run folder>: starts the packaged jar (java $JAVA_OPTS, the default heap) on a free port with a fresh
# data folder <run>/data, logging to <run>/service.log, and waits until it answers. Sets JPID, DATA, BASE, KEY and
# SERVICE_LOG. The caller's EXIT trap should call stop_service.
start_service() {
  local run=$1 port code=
  DATA=$run/data
  SERVICE_LOG=$run/service.log
  mkdir -p "$DATA"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || echo $((20000 + RANDOM % 20000)))
  BASE=http://127.0.0.1:$port
  log "starting the service on :$port (java ${JAVA_OPTS:-} -jar $(basename "$JAR")), log in $SERVICE_LOG"
  # in a session of its own (setsid): see "Sessions" above; one ffmpeg, as the hand-written command: segment-length
  # 0s keeps any length in a single pass (bench/segments.sh measures the parts)
  # shellcheck disable=SC2086
  (cd "$run" && exec setsid java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$port" --montage.data-dir="$DATA" \
    --montage.compositions.segment-length=0s) \
    > "$SERVICE_LOG" 2>&1 &
  JPID=$!
  sleep 0.5
  [ "$(cat "/proc/$JPID/comm" 2>/dev/null)" = java ] || die "pid $JPID is not the service's JVM; see $SERVICE_LOG"
  KEY=
  for _ in $(seq 1 600); do
    kill -0 "$JPID" 2>/dev/null || die "the service exited; see $SERVICE_LOG"
    if [ -s "$DATA/api-key" ]; then
      KEY=$(cat "$DATA/api-key")
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$BASE/v2/room_compositions" || true)
      [ "$code" = 200 ] && break
    fi
    sleep 0.5
  done
  [ "${code:-}" = 200 ] || die "the service did not answer within 5 minutes; see $SERVICE_LOG"
}

# stop_service: SIGTERM, then SIGKILL after 10 s, for the service this script started (JPID)
stop_service() {
  if [ -n "${JPID:-}" ] && kill -0 "$JPID" 2>/dev/null; then
    kill "$JPID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$JPID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$JPID" 2>/dev/null || true
  fi
}

api() { curl -sS -H "Authorization: Bearer $KEY" "$@"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p" | head -1; }

# upload_session <inputs folder>: uploads p0 … p3 into one new session, all starting at the same instant, and
# prints the session's id
upload_session() {
  local i answer session= args
  for i in 0 1 2 3; do
    args=(-F file=@"$1/p$i.webm" -F started_at=2024-05-01T10:00:00Z -F participant_context=p$i)
    [ -n "$session" ] && args+=(-F session_id="$session")
    answer=$(api "${args[@]}" "$BASE/v2/room_recordings")
    if [ -z "$session" ]; then session=$(echo "$answer" | field session_id); fi
    echo "$answer" | grep -q '"id"' || die "upload of p$i failed: $answer"
  done
  [ -n "$session" ] || die "no session id in the upload answer"
  echo "$session"
}

# wait_for_speech_analysis <session>…: waits until no audio recording of these sessions has its speech analysis
# pending. Each upload schedules one (an ffmpeg decode of the audio at nice 10, on the worker): a composition timed
# while they run would share the cores with them, and count their ffmpeg as its own in the JVM's child CPU.
wait_for_speech_analysis() {
  python3 - "$BASE" "$KEY" "$@" <<'PY' || die "the speech analysis of the uploads did not end"
import json, sys, time, urllib.error, urllib.request
base, key, sessions = sys.argv[1], sys.argv[2], sys.argv[3:]
def get(path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + key})
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as e:
        return e.code, None
deadline = time.time() + 1800
for session in sessions:
    _, page = get("/v2/room_recordings?filter%%5Bsession_id%%5D=%s&page%%5Bsize%%5D=250" % session)
    for recording in page["data"]:
        if recording["type"] != "audio":
            continue
        while True:
            code, activity = get("/v2/room_recordings/%s/activity" % recording["id"])
            if code != 200 or activity["data"]["status"] != "pending":
                break
            if time.time() > deadline:
                sys.exit("recording %s: speech analysis still pending after 30 minutes" % recording["id"])
            time.sleep(1)
PY
}

# wait_for_quiet_jvm: waits (up to 2 minutes) until the service's JVM used under 0.1 CPU-seconds in 2 s, and logs
# what it used meanwhile. After a start and the uploads, its JIT compilers go on compiling what the start-up and the
# uploads made hot for a while: that is their cost, not the first composition's.
wait_for_quiet_jvm() {
  local t0 c0 a b
  t0=$(now); c0=$(cpu_self "$JPID")
  for _ in $(seq 1 60); do
    a=$(cpu_self "$JPID"); sleep 2; b=$(cpu_self "$JPID")
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a < 0.1) }' && break
  done
  log "the JVM settled in $(elapsed "$t0" "$(now)" 0) s, using $(elapsed "$c0" "$(cpu_self "$JPID")") CPU-seconds (not timed)"
}

# The composition the benchmarks ask for: the 2x2 grid of the four at 1280x720
GRID_LAYOUT='"resolution":"1280x720","video_layout":{"grid":{"width":1280,"height":720,"video_sources":["*"]}}'

# --- the hand-written command ----------------------------------------------------------------------------------
# The service's work by hand: each 640x480 picture fitted into its 640x360 cell as the planner does it (480x360,
# centred: black bars of 80 px), the four cells stacked, the four tracks summed and limited.
HAND_GRAPH="[0:v]scale=480:360,pad=640:360:80:0[v0];[1:v]scale=480:360,pad=640:360:80:0[v1];\
[2:v]scale=480:360,pad=640:360:80:0[v2];[3:v]scale=480:360,pad=640:360:80:0[v3];\
[v0][v1][v2][v3]xstack=inputs=4:layout=0_0|w0_0|0_h0|w0_h0[vout];\
[0:a][1:a][2:a][3:a]amix=inputs=4:normalize=0:duration=longest,alimiter=level=false:latency=true[aout]"
# Exactly the service's output options (FilterGraphBuilder.arguments(), OutputFormat.MP4 at the `standard` quality
# level's point of montage.media.quality.standard.*), from -r on, less its -t, which is the media's length here.
# check_same_encoder compares them with a service run's command line.
HAND_OUTPUT=(-r 30 -fps_mode cfr -ar 48000 -ac 2
  -c:v libx264 -preset ultrafast -crf 26 -pix_fmt yuv420p -c:a aac -movflags +faststart -f mp4)

# run_hand <inputs folder> <seconds> <output file>: runs the hand-written command; its log goes next to the output.
# Sets HAND_SECS (wall) and HAND_CPU (user + sys CPU-seconds of the command).
run_hand() {
  local inputs=$1 seconds=$2 out=$3 t_start
  t_start=$(now)
  local TIMEFORMAT='%U %S'
  # in a session of its own (setsid -w: waits, and its ffmpeg's CPU is counted as its own): see "Sessions" above
  { time setsid -w "$FFMPEG" -hide_banner -nostdin -loglevel warning -y -nostats \
    -i "$inputs/p0.webm" -i "$inputs/p1.webm" -i "$inputs/p2.webm" -i "$inputs/p3.webm" \
    -filter_complex "$HAND_GRAPH" -map '[vout]' -map '[aout]' \
    "${HAND_OUTPUT[@]:0:8}" -t "$seconds" "${HAND_OUTPUT[@]:8}" "$out" 2> "${out%.*}.log"; } 2> "${out%.*}.cpu" \
    || die "the hand-written ffmpeg failed: $(tail -3 "${out%.*}.log")"
  HAND_SECS=$(elapsed "$t_start" "$(now)")
  HAND_CPU=$(awk '{ printf "%.2f", $1 + $2 }' "${out%.*}.cpu")
}

# encoder_options <command line file ...>: the output options of ffmpeg runs that encode, one "option value" a line,
# sorted and without the length (-t), the maps and the container (-f, -movflags): what the pictures and the sound
# are encoded with, whether by one run or, as the service does for a composition with sound, by a run for the
# pictures and one for the sound beside it (a run that only copies, the service's final mux, is left out)
encoder_options() {
  local f
  for f in "$@"; do
    grep -q -- ' -c copy ' "$f" && continue
    tr ' ' '\n' < "$f" | sed '/^$/d' \
      | awk 'skip { skip = 0; on = 1; next } $0 == "-map" { skip = 1; on = 0; next } on' | sed '$d' \
      | awk 'NR % 2 == 1 { option = $0; next } { print option " " $0 }'
  done | grep -v -e '^-t ' -e '^-f ' -e '^-movflags ' | sort
}

# check_same_encoder <service command line file ...>: dies unless the service's ffmpeg runs encoded with exactly
# HAND_OUTPUT's options (less its container options). A comparison of different encoder settings would measure the
# settings, not the service.
check_same_encoder() {
  local service hand
  service=$(encoder_options "$@" | paste -sd' ')
  hand=$(encoder_options_of_hand | paste -sd" ")
  [ -n "$service" ] && [ "$service" = "$hand" ] \
    || die "the service encodes with '$service', the hand-written command with '$hand': make them equal"
}

# HAND_OUTPUT's options as encoder_options prints them
encoder_options_of_hand() {
  printf '%s\n' "${HAND_OUTPUT[@]}" | awk 'NR % 2 == 1 { option = $0; next } { print option " " $0 }' \
    | grep -v -e '^-t ' -e '^-f ' -e '^-movflags ' | sort
}

# check_output <file> <label> <seconds>: dies unless the file is 1280x720 H.264 of that length with AAC 48 kHz stereo
check_output() {
  local info w h d frames a
  info=$("$FFPROBE" -v error -select_streams v:0 -show_entries stream=width,height,nb_frames:format=duration \
    -of default=nw=1 "$1")
  w=$(echo "$info" | sed -n 's/^width=//p'); h=$(echo "$info" | sed -n 's/^height=//p')
  frames=$(echo "$info" | sed -n 's/^nb_frames=//p'); d=$(echo "$info" | sed -n 's/^duration=//p')
  log "$2 output: ${w}x${h}, $d s, $frames frames, $(du -h "$1" | cut -f1)"
  [ "$w" = 1280 ] && [ "$h" = 720 ] || die "$2 output is ${w}x${h}, not 1280x720"
  awk -v d="$d" -v want="$3" 'BEGIN { exit !(d >= want - 0.5 && d <= want + 0.5) }' \
    || die "$2 output lasts $d s, not $3 s"
  a=$("$FFPROBE" -v error -select_streams a:0 -show_entries stream=codec_name,sample_rate,channels -of csv=p=0 "$1")
  [ "$a" = "aac,48000,2" ] || die "$2 output audio is $a, not aac,48000,2"
}

# --- CPU -------------------------------------------------------------------------------------------------------
# CPU-seconds from /proc/<pid>/stat: the process's own (utime + stime) and its reaped children's (cutime + cstime),
# which for the service during a composition is its ffmpeg
CLK_TCK=$(getconf CLK_TCK)
cpu_self() { awk -v t="$CLK_TCK" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }
cpu_children() { awk -v t="$CLK_TCK" '{ sub(/.*\) /, ""); printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
