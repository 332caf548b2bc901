#!/usr/bin/env bash
# Issue #13 item 3, "scaling measured": the same N real-mix events through 1, 2 and 3
# `triadwatch run --role analyzer,alerter` instances (separate JVMs) on one in-JVM broker, then failover
# on two instances with and without standbys (SIGTERM, restart, SIGKILL; the survivor timed until it
# holds every task, its restores and its dyad-list answers meanwhile). Prints a Markdown page and
# writes it to --out (default docs/scaling-YYYY-MM-DD.md). About 20-30 minutes with the defaults on a
# quiet 2-core machine; every phase prints progress.
# Usage: ./services/benchmarks/scaling.sh [ScalingRun options, e.g. --events 20000 --instances 1,2 --no-failover]
#        ./services/benchmarks/scaling.sh --help
# Environment: SKIP_BUILD=1 (use what is built), MVN_FLAGS (e.g. -o), BENCH_JAVA_OPTS (driver JVM options, default -Xmx1g).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

# shellcheck source=jars.sh
. services/benchmarks/jars.sh

out=(--out "docs/scaling-$(date -u +%F).md")
for arg in "$@"; do
  case "$arg" in
    --help|-h) exec java -cp "$CP" io.triadwatch.bench.scaling.ScalingRun --help ;;
    --out|--out=*) out=() ;;
  esac
done

echo "== machine: $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The instances are started with this JVM's java and class path (RoleProcess).
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx1g} -Dtriadwatch.shared.dir="$SHARED" -cp "$CP" io.triadwatch.bench.scaling.ScalingRun "${out[@]}" "$@"
