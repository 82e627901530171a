#!/usr/bin/env bash
# Bytes allocated per event, exactly, for this checkout's function.zip (bench.AllocationCount): quieter than JMH's
# gc.alloc.rate.norm, so a change of a few hundred bytes shows; with CPU and wall-clock time per event, and the
# wall-clock median and p99 of single events. Add DIRECT_HTTP and DIRECT_INVOKE to PATHS for the same calls made
# straight to the backend with Portico's client: "added latency" is a path's median minus its direct call's.
# Run after bench/warm-path.sh has built the JMH module (or BENCH_SKIP_BUILD=0 to build it here).
#
#   bench/allocation.sh [PATHS [WARMUP [EVENTS [ROUNDS]]]]   # PATHS default MOCK,HTTP_PROXY,HTTP,AWS_PROXY
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
work="$root/bench/target/warm"
quarkus_version="$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' pom.xml)"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

mkdir -p "$work"
if [[ "${BENCH_SKIP_BUILD:-1}" != 1 ]]; then
  ./mvnw -q -B package -DskipTests >&2
  "$JAVA_HOME/bin/jar" cf "$work/tools.jar" -C target/test-classes .
  ./mvnw -q -B -f bench/jmh/pom.xml package -Dquarkus.version="$quarkus_version" \
      -Dportico.jar="$(ls "$root"/target/portico-*.jar | grep -v runner | head -1)" -Dportico.tools.jar="$work/tools.jar" >&2
fi
task="$work/allocation-task"
rm -rf "$task" && mkdir -p "$task" && (cd "$task" && unzip -q "$root/target/function.zip")
port="$(free_port)"
"$java" -cp "$root/bench/jmh/target/classes" bench.WarmBackends "$port" >"$work/allocation-backends.log" 2>&1 &
backends=$!
trap 'kill "$backends" 2>/dev/null || true' EXIT
sleep 1
"$java" -cp "$root/bench/jmh/target/classes:$(cat bench/jmh/target/jmh.classpath):$task:$task/lib/*" \
    -Dbench.backend="$port" bench.AllocationCount "$@"
