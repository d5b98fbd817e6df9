# Sourced by every benchmark script: the helpers they all had copies of. Needs HERE (the bench folder) and ROOT (the
# project) set by the script; the jar and ffmpeg helpers need WORK too (the script's work folder under bench/work).

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
# elapsed <from> <to> [decimals=2]: seconds between two `now`s
elapsed() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%.*f", d, b - a }'; }

# help_if_asked "$@": prints the script's opening comment (its documentation) and exits, for -h or --help
help_if_asked() {
  case "${1:-}" in
    -h | --help) sed -n '2,/^[^#]/{ /^#/!q; s/^# \{0,1\}//; p; }' "$0"; exit 0 ;;
  esac
}

# use_packaged_jar: sets JAR to the packaged service under $ROOT/target, building it when missing
use_packaged_jar() { . "$HERE/packaged-jar.sh"; }

# use_bundled_ffmpeg: sets FFMPEG and FFPROBE to the ffmpeg the service bundles. The service extracts it to
# ~/.javacpp/cache on first use; if it never ran here, it is taken out of the jar (use_packaged_jar first).
use_bundled_ffmpeg() {
  FFMPEG=$(find ~/.javacpp/cache "$WORK/ffmpeg" -name ffmpeg -type f 2>/dev/null | head -1 || true)
  if [ -z "$FFMPEG" ]; then
    log "extracting the bundled ffmpeg from the jar into $WORK/ffmpeg"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && unzip -q -o "$JAR" 'BOOT-INF/lib/ffmpeg-*-linux-x86_64*.jar' \
      && unzip -q -o BOOT-INF/lib/ffmpeg-*-linux-x86_64*.jar 'org/bytedeco/ffmpeg/*' -d "$WORK/ffmpeg")
    rm -rf "$tmp"
    FFMPEG=$(find "$WORK/ffmpeg" -name ffmpeg -type f | head -1)
    [ -n "$FFMPEG" ] && chmod +x "$(dirname "$FFMPEG")"/ff*
  fi
  FFPROBE=$(dirname "${FFMPEG:-.}")/ffprobe
  [ -n "$FFMPEG" ] && [ -x "$FFMPEG" ] && [ -x "$FFPROBE" ] || die "no bundled ffmpeg/ffprobe found"
}
