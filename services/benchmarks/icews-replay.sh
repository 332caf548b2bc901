#!/usr/bin/env bash
# The six-month ICEWS backtest as a benchmark row (docs/benchmarks.md, "Six months of ICEWS in one replay"):
# `triadwatch.jar replay --events events-2018-10-to-2019-03.tsv.gz:icews` under /usr/bin/time -v, then
# events/s (events published / wall time of the whole command, broker start and catch-up included),
# wall time and peak RSS of the one process (broker, analyzer and alerter in one JVM).
# Usage: ./services/benchmarks/icews-replay.sh [FILE] (default ../shared/data/icews/events-2018-10-to-2019-03.tsv.gz)
# Environment: JAR (default services/launcher/target/triadwatch.jar), JAVA_OPTS (default -Xmx1g), WORK (default a new temp dir).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILE=${1:-$ROOT/../shared/data/icews/events-2018-10-to-2019-03.tsv.gz}
JAR=${JAR:-$ROOT/services/launcher/target/triadwatch.jar}
WORK=${WORK:-$(mktemp -d -t triadwatch-icews-replay-XXXXXX)}
[ -f "$FILE" ] || { echo "no such file: $FILE" >&2; exit 2; }
[ -f "$JAR" ] || { echo "build the launcher first (mvn -B -q -DskipTests package -pl services/launcher -am): $JAR" >&2; exit 2; }

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) processors"
# shellcheck disable=SC2086
/usr/bin/time -v -o "$WORK/time.txt" java ${JAVA_OPTS:--Xmx1g} -jar "$JAR" replay --events "$FILE:icews" --out "$WORK/out" \
    > "$WORK/replay.log" 2>&1 || { tail -20 "$WORK/replay.log" >&2; exit 1; }
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The summary line, not the progress lines before it (those say "published 0" while the file is read).
published=$(grep '^input:' "$WORK/replay.log" | tail -1 | grep -o 'published [0-9]*' | awk '{print $2}')
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
seconds=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$WORK/time.txt")
grep -E '^(input|dyads|triads|alerts|dlq)|summary|published' "$WORK/replay.log" | head -12 || true
echo "== events published: $published; wall: $wall ($seconds s); events/s: $(awk -v n="$published" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')"
echo "== peak RSS: $((rss_kb / 1024)) MiB; CPU (user + system): $cpu s ($(awk -v c="$cpu" -v s="$seconds" 'BEGIN { printf "%.2f", c / s }') cores busy)"
echo "== work directory (outputs, replay.log, time.txt): $WORK"
