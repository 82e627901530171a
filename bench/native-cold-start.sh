#!/usr/bin/env bash
# Cold start (runtime process start to first response) and peak RSS (VmHWM) of the native function.zip beside the
# JVM one and an empty Quarkus handler, in one run, interleaved (native, jvm, empty; then again), each a fresh
# runtime process under the project's Runtime API emulator (PackagedFunction, as `./portico invoke`), 512 MB.
# The native zip is target/native/function.zip (.ci/native build makes it); the JVM zip and the empty handler's are
# built here.
# usage: bench/native-cold-start.sh [RUNS]   (default 10; BENCH_SKIP_BUILD=1 reuses the three zips and the tools)
set -euo pipefail

runs="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
quarkus_version="$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' "$root/pom.xml")"
cd "$root"
[[ -f target/native/function.zip ]] || { echo "no target/native/function.zip: run .ci/native build first" >&2; exit 1; }
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "building target/function.zip, the tools and bench/empty-lambda/target/function.zip" >&2
  ./mvnw -q -B install -Dmaven.test.skip=true >&2
  ./mvnw -q -B -f tools/pom.xml package >&2
  ./mvnw -q -B -f bench/empty-lambda/pom.xml package -Dquarkus.version="$quarkus_version" >&2
fi

names=("Portico, native bootstrap" "Portico, JVM (java25)" "empty Quarkus handler, JVM")
zips=(target/native/function.zip target/function.zip bench/empty-lambda/target/function.zip)
declare -A cold rss
for ((run = 1; run <= runs; run++)); do
  for i in 0 1 2; do
    out="$("$java" -cp "tools/target/classes:$(cat tools/target/tools.classpath)" dev.portico.tools.cli.Main invoke \
        --zip "${zips[$i]}" events/alb-get-hello.json 2>&1 >/dev/null | grep '^\[portico\]')" \
      || { echo "invoking ${zips[$i]} failed" >&2; exit 1; }
    cold[$i]+="$(awk '/cold start/ { print $4 }' <<<"$out") "
    rss[$i]+="$(awk '/peak RSS/ { print $4 }' <<<"$out") "
  done
done

stats() { # min, median, max of the numbers given
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%9.1f %9.1f %9.1f", v[1], median, v[NR] }'
}
echo "$runs runs each, interleaved; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %29s   %29s\n' "" "cold start ms min/med/max" "peak RSS MB min/med/max"
for i in 0 1 2; do
  printf '%-28s %s   %s\n' "${names[$i]}" "$(stats ${cold[$i]})" "$(stats ${rss[$i]})"
done
