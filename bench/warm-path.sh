#!/usr/bin/env bash
# The warm path (project issue #25), before and after in one run: this checkout's function.zip beside the one
# built from BASE (default main), per event and per integration type, and bytes allocated per event (JMH -prof gc).
#
#   bench/warm-path.sh [BASE]        # about 12 minutes on 2 cores
#
# It prints a Markdown report (the section "Warm path" of BENCHMARKS.md) and leaves the raw JMH results in
# bench/target/warm/results. Counts are environment variables:
#   BENCH_JMH="-wi 3 -w 2s -i 5 -r 2s"   JMH iteration options
#   BENCH_PROXY_REQUESTS=5000            requests per path in the nginx comparison (bench.ProxyBench)
#   BENCH_PROXY_WARMUP=6000              warm-up rounds before those: Portico's path must reach C2-compiled steady
#                                        state first (a function serving traffic is warm; nginx is native code from
#                                        its first request); after 1,000 its added latency read four times its steady state
#   BENCH_RIVAL=1                        0 leaves out the quarkus-amazon-lambda-http rival (MOCK ratio)
#   BENCH_SKIP_BUILD=0                   1 measures what the last run built (bench/target/warm)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
base="${1:-main}"
jmh_opts="${BENCH_JMH:--wi 3 -w 2s -i 5 -r 2s}"
proxy_requests="${BENCH_PROXY_REQUESTS:-5000}"
proxy_warmup="${BENCH_PROXY_WARMUP:-6000}"
rival="${BENCH_RIVAL:-1}"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
quarkus_version="$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' pom.xml)"
work="$root/bench/target/warm"
results="$work/results"
log() { echo "[warm-path.sh] $(date +%T) $*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
unpack() { rm -rf "$2" && mkdir -p "$2" && (cd "$2" && unzip -q "$1"); }

rm -rf "$results" && mkdir -p "$results"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
log "building this checkout ($(git rev-parse --short HEAD)) and $base ($(git rev-parse --short "$base"))"
./mvnw -q -B package -DskipTests >&2
# The JMH module compiles against the dev tools too (PackagedBench); they are this build's test classes.
"$JAVA_HOME/bin/jar" cf "$work/tools.jar" -C target/test-classes .
rm -rf "$work/base-src" && mkdir -p "$work/base-src"
git archive "$base" | tar -x -C "$work/base-src"
(cd "$work/base-src" && ./mvnw -q -B package -Dmaven.test.skip=true >&2)
./mvnw -q -B -f bench/jmh/pom.xml package -Dquarkus.version="$quarkus_version" \
    -Dportico.jar="$(ls "$root"/target/portico-*.jar | grep -v runner | head -1)" -Dportico.tools.jar="$work/tools.jar" >&2
unpack "$root/target/function.zip" "$work/after-task"
unpack "$work/base-src/target/function.zip" "$work/before-task"
jmh_cp="$root/bench/jmh/target/classes:$(cat bench/jmh/target/jmh.classpath)"
if [[ "$rival" == 1 ]]; then
  ./mvnw -q -B -f bench/quarkus-http-rival/pom.xml package -Dquarkus.version="$quarkus_version" >&2
  unpack "$root/bench/quarkus-http-rival/target/function.zip" "$work/rival-task"
fi
fi
jmh_cp="$root/bench/jmh/target/classes:$(cat bench/jmh/target/jmh.classpath)"

backend_port="$(free_port)"
"$java" -cp "$root/bench/jmh/target/classes" bench.WarmBackends "$backend_port" >"$results/backends.log" 2>&1 &
backends_pid=$!
nginx_pid=""
trap 'kill "$backends_pid" ${nginx_pid:+"$nginx_pid"} 2>/dev/null || true' EXIT
sleep 1

echo "loadavg_start	$(cut -d' ' -f1-3 /proc/loadavg)" >"$results/loads.tsv"
for version in before after; do
  cp="$jmh_cp:$work/$version-task:$work/$version-task/lib/*"
  log "$version: WarmPathBench with -prof gc"
  # shellcheck disable=SC2086 # jmh_opts is a list of options
  "$java" -cp "$cp" -Djmh.ignoreLock=true org.openjdk.jmh.Main 'bench.WarmPathBench' -f 1 $jmh_opts -prof gc \
    -jvmArgsAppend "-Dbench.backend=$backend_port" \
    -rf json -rff "$results/warm-$version.json" >"$results/warm-$version.log"
  log "$version: QuarkusStreamHandler, MOCK route (example API's GET /hello)"
  # shellcheck disable=SC2086
  "$java" -cp "$cp" -Djmh.ignoreLock=true org.openjdk.jmh.Main 'bench.StreamHandlerBench' -f 1 $jmh_opts -prof gc \
    -p event=events/alb-get-hello.json -rf json -rff "$results/stream-$version.json" >"$results/stream-$version.log"
done
if [[ "$rival" == 1 ]]; then
  log "rival: quarkus-amazon-lambda-http via QuarkusStreamHandler"
  # shellcheck disable=SC2086
  # Quarkus's own launcher opens java.lang to jboss-threads; without it the rival logs IllegalAccessError on Java 25
  # and is not measured as it would run.
  "$java" -cp "$jmh_cp:$work/rival-task:$work/rival-task/lib/*" -Djmh.ignoreLock=true org.openjdk.jmh.Main 'bench.StreamHandlerBench' -f 1 \
    $jmh_opts -prof gc -jvmArgsAppend "--add-opens java.base/java.lang=ALL-UNNAMED" -p event=bench/events/httpapi-v2-get-hello.json \
    -rf json -rff "$results/stream-rival.json" >"$results/stream-rival.log"
fi

if command -v nginx >/dev/null; then
  proxy_backend="$(free_port)"
  nginx_port="$(free_port)"
  nginx_dir="$work/nginx"
  rm -rf "$nginx_dir" && mkdir -p "$nginx_dir/logs"
  cat >"$nginx_dir/nginx.conf" <<CONF
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
  upstream backend { server 127.0.0.1:$proxy_backend; keepalive 16; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
  nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" &
  nginx_pid=$!
  for version in before after; do
    log "$version: HTTP_PROXY beside nginx (bench.ProxyBench, $proxy_requests requests per path)"
    mkdir -p "$work/proxy-$version"
    "$java" -Dbench.warmup="$proxy_warmup" -cp "$jmh_cp:$work/$version-task:$work/$version-task/lib/*" bench.ProxyBench "$work/proxy-$version" \
      "$proxy_backend" "$nginx_port" "$proxy_requests" >"$results/proxy-$version.log"
    cp "$work/proxy-$version/results/proxy.tsv" "$results/proxy-$version.tsv"
  done
else
  log "nginx is missing (apt-get install -y nginx): no nginx comparison"
fi
echo "loadavg_end	$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/loads.tsv"

python3 "$root/bench/warm_report.py" "$results" "$(git rev-parse --short HEAD)" "$base ($(git rev-parse --short "$base"))"
