# Sourced by run.sh and scaling.sh (from the repository root): builds the benchmarks unless SKIP_BUILD=1,
# then copies the two jars they run to services/benchmarks/target/run and sets CP to them.
# Environment: SKIP_BUILD=1 (use what is built), MVN_FLAGS (e.g. -o).

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build: mvn -B -q -DskipTests install -pl services/benchmarks -am"
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -DskipTests install -pl services/benchmarks -am
fi

# Run from private copies: other builds on this machine may rewrite target/*.jar while we run.
RUN=services/benchmarks/target/run
mkdir -p "$RUN"
stable_copy() {
  local src=$1 dst=$2 before after
  for _ in $(seq 1 60); do
    before=$(stat -c '%Y %s' "$src" 2>/dev/null || true)
    if cp "$src" "$dst.tmp" 2>/dev/null; then
      after=$(stat -c '%Y %s' "$src" 2>/dev/null || true)
      if [ -n "$before" ] && [ "$before" = "$after" ] && unzip -tqq "$dst.tmp" >/dev/null 2>&1; then
        mv "$dst.tmp" "$dst"
        return 0
      fi
    fi
    sleep 2
  done
  echo "cannot get a stable copy of $src (is another build rewriting it?)" >&2
  return 1
}
stable_copy services/launcher/target/triadwatch.jar "$RUN/triadwatch.jar"
stable_copy services/benchmarks/target/benchmarks.jar "$RUN/benchmarks.jar"
CP="$RUN/benchmarks.jar:$RUN/triadwatch.jar"
SHARED="$ROOT/../shared"
