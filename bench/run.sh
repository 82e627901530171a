#!/usr/bin/env bash
# The whole benchmark set (project issue #9): builds what it measures, runs every benchmark with its rival
# in the same run, and writes BENCHMARKS.md at the repository root and bench/results.png.
#
#   bench/run.sh            # everything, defaults as the issue asks (about 15 minutes on 2 cores)
#
# Counts are environment variables, for quicker runs while working on the benchmarks:
#   BENCH_ROUNDS=2            per-event JMH rounds; each round forks Portico and the rival once, alternately
#   BENCH_JMH="-wi 3 -w 2s -i 5 -r 2s"   JMH iteration options for every JMH benchmark
#   BENCH_COLD_RUNS=10        cold starts per function and JVM configuration
#   BENCH_COLD_VARIANTS=lambda-default,full-jit,appcds
#   BENCH_EVENTS=10000        events per function in the throughput run
#   BENCH_MEMORY_MB=256       Lambda memory size of the throughput run (sets -XX:MaxHeapSize as Lambda does)
#   BENCH_PROXY_REQUESTS=10000   requests per path in the HTTP_PROXY run
#   BENCH_SKIP=""             sections to leave out: any of perevent,routes,vtl,proxy,coldstart,throughput
#   BENCH_FORCE_PROXY=0       1 runs the HTTP_PROXY benchmark even if the integration is not registered
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

rounds="${BENCH_ROUNDS:-2}"
jmh_opts="${BENCH_JMH:--wi 3 -w 2s -i 5 -r 2s}"
cold_runs="${BENCH_COLD_RUNS:-10}"
cold_variants="${BENCH_COLD_VARIANTS:-lambda-default,full-jit,appcds}"
events="${BENCH_EVENTS:-10000}"
memory_mb="${BENCH_MEMORY_MB:-256}"
proxy_requests="${BENCH_PROXY_REQUESTS:-10000}"
skip=",${BENCH_SKIP:-},"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"

work="$root/bench/target/work"
results="$work/results"
rm -rf "$results"
mkdir -p "$results"

log() { echo "[run.sh] $(date +%T) $*" >&2; }
skipped() { [[ "$skip" == *",$1,"* ]]; }
# Load average before and after each section goes into the report: the machine is shared.
load_mark() { echo -e "$1\t$2\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/loads.tsv"; }

# ------------------------------------------------------------------------------------------- build
quarkus_version="$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' pom.xml)"
log "building target/function.zip, bench/empty-lambda, bench/quarkus-http-rival and bench/jmh"
./mvnw -q -B install -Dmaven.test.skip=true >&2
./mvnw -q -B -f tools/pom.xml package >&2
portico_jar="$(ls target/portico-*.jar | grep -v runner | head -1)"
tools_jar="tools/target/portico-tools-0.1.0-SNAPSHOT.jar"
./mvnw -q -B -f bench/empty-lambda/pom.xml package -Dquarkus.version="$quarkus_version" >&2
./mvnw -q -B -f bench/quarkus-http-rival/pom.xml package -Dquarkus.version="$quarkus_version" >&2
./mvnw -q -B -f bench/jmh/pom.xml package -Dquarkus.version="$quarkus_version" -Dportico.jar="$root/$portico_jar" \
    -Dportico.tools.jar="$root/$tools_jar" >&2

# Each in-process benchmark runs on the measured function's own deployment package, unpacked: the Lambda
# runtime puts the zip's root and lib/*.jar on the class path in the same way.
unpack() { rm -rf "$2" && mkdir -p "$2" && (cd "$2" && unzip -q "$1"); }
unpack "$root/target/function.zip" "$work/portico-task"
unpack "$root/bench/quarkus-http-rival/target/function.zip" "$work/rival-task"
jmh_cp="$root/bench/jmh/target/classes:$(cat bench/jmh/target/jmh.classpath)"
portico_cp="$jmh_cp:$work/portico-task:$work/portico-task/lib/*"
rival_cp="$jmh_cp:$work/rival-task:$work/rival-task/lib/*"
# The packaged-function drivers run in a JVM of their own with Portico's classes (PackagedFunction).
driver_cp="$jmh_cp:$root/$portico_jar:$root/$tools_jar"

log "generating the 10,000-route table and $events mixed events"
"$java" -cp "$portico_cp" bench.RouteGen 10000 "$work/routes-10000.json" "$work/events-10000.jsonl" "$events"

# ------------------------------------------------------------------------------------------- machine
{
  echo -e "cores\t$(nproc)"
  echo -e "memory\t$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
  echo -e "cpu\t$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  echo -e "java\t$("$java" -version 2>&1 | sed -n 2p)"
  echo -e "os\t$(uname -sr)"
  echo -e "date\t$(date -u +'%Y-%m-%d %H:%M UTC')"
  echo -e "commit\t$(git rev-parse --short HEAD)"
  echo -e "settings\tBENCH_ROUNDS=$rounds BENCH_JMH=\"$jmh_opts\" BENCH_COLD_RUNS=$cold_runs BENCH_EVENTS=$events BENCH_MEMORY_MB=$memory_mb BENCH_PROXY_REQUESTS=$proxy_requests"
} >"$results/machine.tsv"

# ------------------------------------------------------------------------------------------- 1. per event
# Rounds alternate Portico and the rival (one JMH fork each) so that both see the same load over time.
if ! skipped perevent; then
  log "per-event cost: $rounds rounds of Portico.handle, Portico's and the rival's QuarkusStreamHandler"
  load_mark perevent start
  for ((r = 1; r <= rounds; r++)); do
    # shellcheck disable=SC2086 # jmh_opts is a list of options
    "$java" -cp "$portico_cp" org.openjdk.jmh.Main 'bench.PerEventBench' -f 1 $jmh_opts \
      -rf json -rff "$results/perevent-portico-handle-$r.json" >"$results/perevent-portico-handle-$r.log"
    # shellcheck disable=SC2086
    "$java" -cp "$rival_cp" org.openjdk.jmh.Main 'bench.StreamHandlerBench' -f 1 $jmh_opts \
      -p event=bench/events/httpapi-v2-get-hello.json \
      -rf json -rff "$results/perevent-rival-$r.json" >"$results/perevent-rival-$r.log"
    # shellcheck disable=SC2086
    "$java" -cp "$portico_cp" org.openjdk.jmh.Main 'bench.StreamHandlerBench' -f 1 $jmh_opts \
      -p event=events/alb-get-hello.json \
      -rf json -rff "$results/perevent-portico-stream-$r.json" >"$results/perevent-portico-stream-$r.log"
  done
  load_mark perevent end
fi

# ------------------------------------------------------------------------------------------- 2. route matching
if ! skipped routes; then
  log "route matching at 10, 1,000 and 10,000 routes"
  load_mark routes start
  # shellcheck disable=SC2086
  "$java" -cp "$portico_cp" org.openjdk.jmh.Main 'bench.RouteMatchBench' -f 1 $jmh_opts \
    -rf json -rff "$results/routes.json" >"$results/routes.log"
  load_mark routes end
fi

# ------------------------------------------------------------------------------------------- 2b. VTL render
if ! skipped vtl; then
  log "rendering a 10-line request template over a 1 KB JSON body"
  load_mark vtl start
  # shellcheck disable=SC2086
  "$java" -cp "$portico_cp" org.openjdk.jmh.Main 'bench.VtlRenderBench' -f 1 $jmh_opts \
    -rf json -rff "$results/vtl.json" >"$results/vtl.log"
  load_mark vtl end
fi

# ------------------------------------------------------------------------------------------- 3. HTTP_PROXY
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if ! skipped proxy; then
  log "HTTP_PROXY added latency, beside direct calls and nginx"
  load_mark proxy start
  if ! command -v nginx >/dev/null && [[ $EUID -eq 0 ]]; then
    apt-get install -y -q nginx >&2 || true
  fi
  command -v nginx >/dev/null || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
  backend_port="$(free_port)"
  nginx_port="$(free_port)"
  nginx_dir="$work/nginx"
  rm -rf "$nginx_dir" && mkdir -p "$nginx_dir/logs"
  # One worker (the machine has 2 cores, one is the client's), keep-alive to the backend as Portico's
  # HTTP client keeps its connections, no access log: the proxy's own cost, nothing else.
  cat >"$nginx_dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $nginx_dir/body;
  proxy_temp_path $nginx_dir/proxy;
  fastcgi_temp_path $nginx_dir/fastcgi;
  uwsgi_temp_path $nginx_dir/uwsgi;
  scgi_temp_path $nginx_dir/scgi;
  upstream backend { server 127.0.0.1:$backend_port; keepalive 16; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
  nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" &
  nginx_pid=$!
  trap 'kill "$nginx_pid" 2>/dev/null || true' EXIT
  force=()
  [[ "${BENCH_FORCE_PROXY:-0}" == 1 ]] && force=(--force)
  "$java" -cp "$portico_cp" bench.ProxyBench "$work" "$backend_port" "$nginx_port" "$proxy_requests" "${force[@]}" \
    | tee "$results/proxy.log" | grep -E '^(skipped|\[bench\])' >&2
  kill "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  trap - EXIT
  load_mark proxy end
fi

# ------------------------------------------------------------------------------------------- 4. cold start
if ! skipped coldstart; then
  log "cold start: $cold_runs runs per function and configuration ($cold_variants)"
  load_mark coldstart start
  "$java" -cp "$driver_cp" bench.PackagedBench coldstart "$root" "$work" "$cold_runs" "$cold_variants" \
    2>"$results/coldstart.log"
  load_mark coldstart end
fi

# ------------------------------------------------------------------------------------------- 5. throughput
if ! skipped throughput; then
  log "throughput and peak RSS: $events sequential events per function at ${memory_mb} MB"
  load_mark throughput start
  "$java" -cp "$driver_cp" bench.PackagedBench throughput "$root" "$work" "$events" "$memory_mb" \
    2>"$results/throughput.log"
  load_mark throughput end
fi

# ------------------------------------------------------------------------------------------- report
log "writing BENCHMARKS.md and bench/results.png"
python3 bench/report.py "$results" "$root/BENCHMARKS.md"
# The plot needs matplotlib; Debian's python3-matplotlib lives in /usr/bin/python3, which may not be the
# python3 first on PATH (pyenv).
plot_python=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import matplotlib' 2>/dev/null; then plot_python="$candidate"; break; fi
done
if [[ -z "$plot_python" && $EUID -eq 0 ]]; then
  apt-get install -y -q python3-matplotlib >&2 && plot_python=/usr/bin/python3
fi
if [[ -n "$plot_python" ]]; then
  "$plot_python" bench/plot.py "$root/BENCHMARKS.md" "$root/bench/results.png"
else
  log "no matplotlib (apt-get install -y python3-matplotlib): bench/results.png not redrawn"
fi
log "done: BENCHMARKS.md"
