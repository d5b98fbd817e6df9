#!/usr/bin/env bash
# The service's overhead over one hand-written ffmpeg command, at several media lengths in one run (issue 14).
#
#   bench/overhead.sh [seconds ...]        (default: 60 180 600)
#
# Makes the four synthetic participants of bench/run.sh (640x480 VP8 + Opus WebM) at each length, starts the
# packaged service once (default JVM options, fresh data folder), uploads each length's four recordings into a
# session of its own (not timed), then for each length, shortest first, runs ORDER: b = the hand-written command
# (bench/grid.sh: the same graph by hand and exactly the service's encoder settings, which the script checks against
# the service's own command line), s = one composition through the API, from POST until a GET says completed, polled
# with a plain curl process every POLL seconds as an outside client does.
#
# Prints per length: the wall times and their ratio (median service / median hand), and the CPU split:
#   - the service's JVM: utime + stime of its process over the composition (/proc/<pid>/stat), and by thread
#     name (/proc/<pid>/task/*/stat; threads that ended during the composition are summed as "(ended threads)")
#   - the service's ffmpeg: the JVM's cutime + cstime over the composition (ffmpeg is its only child then, and is
#     reaped before the composition completes)
#   - the hand command's user + sys CPU-seconds
# Before the first run the script waits for the uploads' background work (their speech analysis, an ffmpeg each) to
# end and for the JVM to settle (its JIT compiling what the start-up and the uploads made hot): neither is the
# composition's work. The first service run is still the first composition of a fresh JVM and pays the JIT's
# warm-up of the composition's own paths, as a node does after each start: measured, not hidden (no warm-up
# composition, no JVM flags).
#
# Environment:
#   ORDER      runs per length, in order (default bsb)
#   POLL       seconds between two GETs (default 0.25)
#   JAVA_OPTS  extra JVM options for the service (default none); a JFR recording, e.g.
#              JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/montage.jfr, shows where its CPU goes
#   KEEP=1     keep the data folder, the outputs and the logs (in bench/work/overhead-*)
#
# Exits non-zero when anything fails or an output is not 1280x720 H.264 + AAC 48 kHz stereo of the planned length.
# Not part of `mvn verify`. The machine may be shared: record its load next to the figures.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
. "$HERE/common.sh"
help_if_asked "$@"

LENGTHS=("$@")
[ ${#LENGTHS[@]} -gt 0 ] || LENGTHS=(60 180 600)
for s in "${LENGTHS[@]}"; do
  [[ $s =~ ^[0-9]+$ && $s -ge 10 ]] || { echo "usage: bench/overhead.sh [seconds>=10 ...]" >&2; exit 2; }
done
ORDER=${ORDER:-bsb}
[[ $ORDER =~ ^[bs]+$ && $ORDER == *s* ]] || { echo "ORDER must be letters b and s, with at least one s" >&2; exit 2; }
POLL=${POLL:-0.25}

WORK=$HERE/work
mkdir -p "$WORK"
use_packaged_jar
use_bundled_ffmpeg
. "$HERE/grid.sh"

RUN=$WORK/overhead-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"
cleanup() {
  stop_service
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$RUN/data" "$RUN"/*.mp4; fi
}
trap cleanup EXIT

declare -A INPUTS_OF SESSION_OF
for s in "${LENGTHS[@]}"; do
  grid_inputs "$s"
  INPUTS_OF[$s]=$INPUTS
done

start_service "$RUN"
log "service ready (pid $JPID)"
for s in "${LENGTHS[@]}"; do
  SESSION_OF[$s]=$(upload_session "${INPUTS_OF[$s]}")
  log "uploaded the four ${s} s recordings into session ${SESSION_OF[$s]} (not timed)"
done
wait_for_speech_analysis "${SESSION_OF[@]}"
log "the speech analysis of every upload has ended (not timed)"
wait_for_quiet_jvm

# thread_cpu <pid>: one line per live thread of the process, "<name> <ticks>", the name's digits dropped so that a
# pool's threads add up (http-nio-8080-exec-3 -> http-nio--exec-)
thread_cpu() {
  awk '{ name = $0; sub(/^[^(]*\(/, "", name); sub(/\) .*/, "", name); gsub(/[0-9]+/, "", name); gsub(/ /, "_", name)
         rest = $0; sub(/.*\) /, "", rest); split(rest, f, " "); print name, f[12] + f[13] }' /proc/"$1"/task/*/stat \
    2>/dev/null || true
}
# thread_split <before> <after> <process CPU-seconds>: the largest CPU-seconds by thread name between two snapshots
thread_split() {
  awk -v t="$CLK_TCK" -v total="$3" '
    FNR == NR { before[$1] += $2; next }
    { after[$1] += $2 }
    END {
      for (n in after) { d = (after[n] - (n in before ? before[n] : 0)) / t; if (d > 0) { split_[n] = d; sum += d } }
      # a thread that ended takes its ticks out of the list; the process keeps them in its total
      if (total - sum > 0.005) split_["(ended_threads)"] = total - sum
      for (n in split_) printf "%.2f %s\n", split_[n], n
    }' "$1" "$2" | sort -rg | head -8 | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 } END { print "" }'
}

# ffmpeg_children: sets KIDS to the pids of the service's ffmpeg children, from /proc alone (bash builtins, no process
# started: the polls four times a second must not load the two cores the composition runs on)
ffmpeg_children() {
  local task line kid comm
  KIDS=
  for task in /proc/"$JPID"/task/*/children; do
    line=
    read -r line < "$task" 2>/dev/null || true # the file ends without a newline: read says false, yet reads it
    [ -n "$line" ] || continue
    for kid in $line; do
      read -r comm < "/proc/$kid/comm" 2>/dev/null && [ "$comm" = ffmpeg ] && KIDS="$KIDS $kid"
    done
  done
  return 0
}

# run_service <seconds> <n>: one composition of that length's session; sets SVC_SECS, SVC_JVM, SVC_FFMPEG, SVC_THREADS
# and SVC_PHASES
run_service() {
  local seconds=$1 n=$2 id state status t_start jvm0 kids0 created f_start= f_end= script
  thread_cpu "$JPID" > "$RUN/threads-before.txt"
  jvm0=$(cpu_self "$JPID"); kids0=$(cpu_children "$JPID")
  t_start=$(now)
  created=$(api -H 'Content-Type: application/json' "$BASE/v2/room_compositions" \
    -d "{\"session_id\":\"${SESSION_OF[$seconds]}\",$GRID_LAYOUT}")
  id=$(echo "$created" | field id)
  [ -n "$id" ] || die "create failed: $created"
  while :; do
    # the service's ffmpeg runs: one, or (a composition with sound) the pictures' and the sound's at once, then the
    # copy of both into the file; the end of the last is seen before the GET that may find the composition completed
    local kid
    ffmpeg_children
    for kid in $KIDS; do
      [ -e "$RUN/service-cmdline-$seconds-$n-$kid.txt" ] && continue
      if [ -z "$f_start" ]; then
        # when it started, by the kernel's clock: field 22 of its stat, in ticks after boot, against the uptime now
        f_start=$(awk -v t="$CLK_TCK" -v now="$(now)" -v up="$(cut -d' ' -f1 /proc/uptime)" \
          '{ sub(/.*\) /, ""); split($0, f, " "); printf "%.2f", now - (up - f[20] / t) }' "/proc/$kid/stat" 2>/dev/null \
          || true)
      fi
      # each run's command and graph, for the encoder check and the record (the service deletes its scripts when done)
      tr '\0' ' ' < "/proc/$kid/cmdline" > "$RUN/service-cmdline-$seconds-$n-$kid.txt" 2>/dev/null || true
      # (the final copy has no script)
      script=$(tr ' ' '\n' < "$RUN/service-cmdline-$seconds-$n-$kid.txt" | grep -A1 -x -- -filter_complex_script \
        | tail -1 || true)
      [ -n "$script" ] && cp "$script" "$RUN/service-filtergraph-$seconds-$n-$kid.txt" 2>/dev/null || true
    done
    if [ -n "$KIDS" ]; then
      f_end=
    elif [ -n "$f_start" ] && [ -z "$f_end" ]; then
      f_end=$(now)
    fi
    state=$(api "$BASE/v2/room_compositions/$id")
    status=$(echo "$state" | field status)
    case $status in
      completed) break ;;
      failed) die "composition $id failed: $(echo "$state" | field failure_reason); see $SERVICE_LOG" ;;
    esac
    kill -0 "$JPID" 2>/dev/null || die "the service died; see $SERVICE_LOG"
    sleep "$POLL"
  done
  local t_end
  t_end=$(now)
  SVC_SECS=$(elapsed "$t_start" "$t_end")
  [ -n "$f_end" ] || f_end=$t_end
  # the wall time in three phases: until ffmpeg started (the kernel's clock: to the tick), ffmpeg's run, and the
  # completion after it (seen by the polls: up to POLL late, which is what a polling client sees too)
  SVC_PHASES="before ffmpeg $(elapsed "$t_start" "${f_start:-$t_start}") s, ffmpeg $(elapsed "${f_start:-$t_start}" "$f_end") s, after $(elapsed "$f_end" "$t_end") s"
  SVC_JVM=$(elapsed "$jvm0" "$(cpu_self "$JPID")")
  SVC_FFMPEG=$(elapsed "$kids0" "$(cpu_children "$JPID")")
  thread_cpu "$JPID" > "$RUN/threads-after.txt"
  SVC_THREADS=$(thread_split "$RUN/threads-before.txt" "$RUN/threads-after.txt" "$SVC_JVM")
  log "service $seconds s run $n: $SVC_SECS s; CPU: JVM $SVC_JVM s, its ffmpeg $SVC_FFMPEG s (composition $id)"
  log "  phases: $SVC_PHASES"
  log "  JVM by thread: $SVC_THREADS"
  ls "$RUN"/service-cmdline-"$seconds-$n"-*.txt > /dev/null 2>&1 || die "the service's ffmpeg was never seen running"
  check_same_encoder "$RUN"/service-cmdline-"$seconds-$n"-*.txt
  curl -sS -o "$RUN/service-$seconds-$n.mp4" "$(echo "$state" | sed -n 's/.*"download_url":"\([^"]*\)".*/\1/p')" \
    || die "download of composition $id failed"
  check_output "$RUN/service-$seconds-$n.mp4" "service $seconds s run $n" "$seconds"
  [ "${KEEP:-0}" = 1 ] || rm -f "$RUN/service-$seconds-$n.mp4"
  api -X DELETE "$BASE/v2/room_compositions/$id" > /dev/null || true
}

REPORT=$RUN/summary.txt
{
  echo
  echo "== Montage overhead: 4 x 640x480 VP8+Opus, 2x2 at 1280x720, $(nproc) cores, ORDER=$ORDER per length, poll every ${POLL} s, $(date -u +%FT%TZ) =="
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$REPORT"

for s in "${LENGTHS[@]}"; do
  hand_t=(); hand_c=(); svc_t=(); svc_j=(); svc_f=(); svc_threads=(); svc_phases=()
  nb=0; ns=0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  for ((k = 0; k < ${#ORDER}; k++)); do
    case ${ORDER:k:1} in
      b)
        nb=$((nb + 1))
        run_hand "${INPUTS_OF[$s]}" "$s" "$RUN/hand-$s-$nb.mp4"
        log "hand $s s run $nb: $HAND_SECS s; CPU $HAND_CPU s"
        check_output "$RUN/hand-$s-$nb.mp4" "hand $s s run $nb" "$s"
        [ "${KEEP:-0}" = 1 ] || rm -f "$RUN/hand-$s-$nb.mp4"
        hand_t+=("$HAND_SECS"); hand_c+=("$HAND_CPU")
        ;;
      s)
        ns=$((ns + 1))
        run_service "$s" "$ns"
        svc_t+=("$SVC_SECS"); svc_j+=("$SVC_JVM"); svc_f+=("$SVC_FFMPEG"); svc_threads+=("$SVC_THREADS"); svc_phases+=("$SVC_PHASES")
        ;;
    esac
  done
  ratio=none; cpu_ratio=none # without a hand-written run (ORDER=s, for a profile) there is nothing to compare
  if [ $nb -gt 0 ]; then
    ratio=$(awk -v s="$(median "${svc_t[@]}")" -v b="$(median "${hand_t[@]}")" 'BEGIN { printf "%.3f", s / b }')
    cpu_ratio=$(awk -v j="$(median "${svc_j[@]}")" -v f="$(median "${svc_f[@]}")" -v b="$(median "${hand_c[@]}")" \
      'BEGIN { printf "%.3f (ffmpeg alone %.3f)", (j + f) / b, f / b }')
  fi
  {
    echo "-- ${s} s of media (load average at its start ${load0}, at its end $(cut -d' ' -f1 /proc/loadavg))"
    echo "   hand-written command  ${hand_t[*]} s wall;  CPU ${hand_c[*]} s"
    echo "   service               ${svc_t[*]} s wall;  CPU: JVM ${svc_j[*]} s, its ffmpeg ${svc_f[*]} s"
    echo "   wall ratio            ${ratio}   (median service / median hand; target <= 1.03: $(awk -v r="$ratio" 'BEGIN { print (r == "none" ? "not measured" : r <= 1.03 ? "met" : "MISSED") }'))"
    echo "   CPU ratio             ${cpu_ratio}   (service JVM + ffmpeg / hand, medians)"
    for ((k = 0; k < ${#svc_threads[@]}; k++)); do
      echo "   service run $((k + 1))         ${svc_phases[k]}"
      echo "     JVM by thread       ${svc_threads[k]}"
    done
  } >> "$REPORT"
done
echo "details: $RUN" >> "$REPORT"
cat "$REPORT"
