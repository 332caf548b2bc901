#!/usr/bin/env bash
# Runs every Triadwatch benchmark and writes docs/benchmarks.md:
#   1. JMH for the hot pure code (parse + validate an event, its impulses, a dyad update, a triad update);
#   2. the end-to-end load driver on one in-JVM broker: N real-mix events through a raw consumer, a
#      minimal exactly-once Streams app and Triadwatch's analyzer + alerter, then latency at a fixed
#      offered rate, then the demo's readiness (its own process).
# Usage: ./services/benchmarks/run.sh [load driver options, e.g. --events 200000 --rate 1000]
# Environment: SKIP_BUILD=1 (use what is built), SKIP_JMH=1 (keep the JMH results of the last run),
#              MVN_FLAGS (e.g. -o), BENCH_JAVA_OPTS (extra driver JVM options).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

# shellcheck source=jars.sh
. services/benchmarks/jars.sh

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    exec java -cp "$CP" io.triadwatch.bench.e2e.LoadDriver --help
  fi
done

echo "== machine: $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${SKIP_JMH:-0}" != 1 ]; then
  echo "== JMH (one fork per benchmark; about 2-3 minutes)"
  java -Dtriadwatch.shared.dir="$SHARED" -cp "$CP" org.openjdk.jmh.Main 'io\.triadwatch\.bench\.jmh\..*' \
       -rf json -rff "$RUN/jmh-result.json"
fi

echo "== end-to-end load driver"
# shellcheck disable=SC2086
java -Xmx4g -XX:FlightRecorderOptions=stackdepth=128 ${BENCH_JAVA_OPTS:-} -Dtriadwatch.shared.dir="$SHARED" -cp "$CP" io.triadwatch.bench.e2e.LoadDriver \
     --out docs/benchmarks.md --jmh-results "$RUN/jmh-result.json" --demo-jar "$RUN/triadwatch.jar" "$@"
