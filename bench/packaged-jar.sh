# Sourced by the benchmarks: sets JAR to the packaged service under $ROOT/target, building it when missing.
# Needs ROOT, log and die (bench/common.sh, which sources it through use_packaged_jar).
jar_path() { ls "$ROOT"/target/montage-*.jar 2>/dev/null | grep -v -e '\.original$' -e 'plain' | head -1 || true; }
JAR=$(jar_path)
if [ -z "$JAR" ]; then
  log "no jar in target/: building it (mvn -q -DskipTests package)"
  (cd "$ROOT" && mvn -q -DskipTests package)
  JAR=$(jar_path)
  [ -n "$JAR" ] || die "the build made no jar"
fi
