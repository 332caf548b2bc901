#!/usr/bin/env bash
# Exactly-once under SIGKILL, and zombie fencing, at full scale (docs/reliability.md has the figures).
# The analyzer and the alerter run as separate `triadwatch run` processes on one in-JVM broker:
#   1. reference: 50,000 uniquely identified events, nothing fails;
#   2. SIGKILL: the same events, each process killed with SIGKILL three times at random moments and restarted;
#   3. zombie: the analyzer frozen with SIGSTOP past its transaction timeout, a replacement takes over, SIGCONT;
#   4. at-least-once control: run 2 with processing.guarantee=at_least_once, to show the checker sees what a crash leaves.
# Final dyad and triad states and alert episodes of 2 and 3 must equal 1's, with no duplicate output.
# Usage: ./services/reliability/eos-crash.sh [--events N] [--rate PER_SECOND] [--kills PER_PROCESS] [--seed S] [--dir DIR]
#        [--alerter-streams k=v,...]   (Kafka Streams settings of every alerter process, e.g. max.task.idle.ms=1000)
#        [--catch-up-minutes M]        (how long each run waits for the processes to work off their input; default 10)
# Environment: SKIP_BUILD=1 (use what is built), RELIABILITY_JAVA_OPTS (driver JVM options, default -Xmx2g).
# The in-suite version (400 events, one kill per process) is ExactlyOnceUnderFailureTest in services/benchmarks.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -DskipTests package -pl services/benchmarks -am
fi
# Private copies: another build may rewrite target/*.jar while the processes restart.
RUN=services/reliability/target
mkdir -p "$RUN"
cp services/launcher/target/triadwatch.jar services/benchmarks/target/benchmarks.jar "$RUN/"
exec java ${RELIABILITY_JAVA_OPTS:--Xmx2g} -cp "$RUN/benchmarks.jar:$RUN/triadwatch.jar" \
  io.triadwatch.bench.reliability.ReliabilityRuns "$@"
