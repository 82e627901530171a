#!/usr/bin/env bash
# Cold start (runtime process start to first response) and warm per-event time of target/function.zip,
# beside an empty Quarkus Lambda handler, both under the Lambda Java runtime (see ./portico invoke).
# usage: bench/cold-start.sh [RUNS]   (default 5)
set -euo pipefail

runs="${1:-5}"
warm_events=20
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
quarkus_version="$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' "$root/pom.xml")"

cd "$root"
echo "building target/function.zip, the tools and bench/empty-lambda/target/function.zip" >&2
./mvnw -q -B install -Dmaven.test.skip=true >&2
./mvnw -q -B -f tools/pom.xml package >&2
./mvnw -q -B -f bench/empty-lambda/pom.xml package -Dquarkus.version="$quarkus_version" >&2

events=()
for ((i = 0; i <= warm_events; i++)); do events+=("events/alb-get-hello.json"); done

# min, median and max of the numbers given as arguments
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%8.1f %8.1f %8.1f", v[1], median, v[NR] }'
}

# One fresh runtime process per run; the first event is the cold one, the others are warm.
measure() {
  local name=$1 zip=$2 cold=() warm=() timings
  for ((run = 1; run <= runs; run++)); do
    timings="$("$java" -cp "tools/target/classes:$(cat tools/target/tools.classpath)" dev.portico.tools.cli.Main invoke \
        --zip "$zip" "${events[@]}" 2>&1 >/dev/null |
      grep '^\[portico\]')" || { echo "invoking $zip failed; try: ./portico invoke events/alb-get-hello.json" >&2; exit 1; }
    cold+=($(awk '/cold start/ { print $4 }' <<<"$timings"))
    warm+=($(awk '!/cold start/ && NR > 1 { print $3 }' <<<"$timings"))
  done
  printf '%-24s %s   %s\n' "$name" "$(stats "${cold[@]}")" "$(stats "${warm[@]}")"
}

echo "$runs runs, $warm_events warm events each; milliseconds"
printf '%-24s %26s   %26s\n' "" "cold start min/med/max" "warm event min/med/max"
measure "portico function.zip" target/function.zip
measure "empty Quarkus handler" bench/empty-lambda/target/function.zip
