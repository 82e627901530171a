#!/usr/bin/env bash
# Cold start and footprint (project issues #9, #20), side by side in one run against the truly empty Quarkus Lambda
# handler (bench/empty-lambda), every function under the Lambda Java runtime (see ./portico invoke):
#   - cold start (runtime process start to first response) of: the empty handler; Portico with the example table;
#     10,000 generated routes bundled at build (-Dportico.api); the same 10,000 routes from a file (PORTICO_ROUTES),
#     checked at load; runs interleaved (empty, example, bundled, file, ...) so that load from other work hits all;
#   - peak RSS (VmHWM) of each at 256 MB, the size the issue's target names;
#   - the first HTTP_PROXY request after start over a warm one (a local python3 backend on 127.0.0.1);
#   - live heap per route of the 10,000-route table (bench/footprint/HeapPerRoute.java).
# usage: bench/cold-start.sh [RUNS]   (default 7; COLD_START_SKIP_BUILD=1 reuses the last build's zips)
set -euo pipefail

runs="${1:-7}"
warm_events=10
memory_mb=256
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
quarkus_version="$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' "$root/pom.xml")"
work="$root/bench/target/cold-start"
mkdir -p "$work"
cd "$root"

"$java" bench/jmh/src/main/java/bench/RouteGen.java 10000 "$work/routes-10000.json" "$work/unused-events.jsonl" 1
"$java" bench/jmh/src/main/java/bench/RouteGen.java 4 "$work/routes-4.json" "$work/unused-events-4.jsonl" 1
if [[ ${COLD_START_SKIP_BUILD:-0} != 1 ]]; then
  echo "building function.zip with 10,000 bundled routes, then the default one, the tools and bench/empty-lambda" >&2
  ./mvnw -q -B package -Dmaven.test.skip=true -Dportico.api="$work/routes-10000.json" >&2
  cp target/function.zip "$work/function-10000.zip"
  ./mvnw -q -B install -Dmaven.test.skip=true >&2
  ./mvnw -q -B -f tools/pom.xml package >&2
  ./mvnw -q -B -f bench/empty-lambda/pom.xml package -Dquarkus.version="$quarkus_version" >&2
  # The floor Portico's fixed extensions set: the empty handler with quarkus-jackson and quarkus-rest-client (whose
  # quarkus-vertx makes a Vert.x instance at every start) and the Vert.x settings Portico's application.properties has.
  rm -rf "$work/floor" && cp -r bench/empty-lambda "$work/floor" && rm -rf "$work/floor/target"
  python3 - "$work/floor/pom.xml" <<'PY'
import sys
path = sys.argv[1]
pom = open(path).read()
anchor = "<artifactId>quarkus-amazon-lambda</artifactId>\n    </dependency>"
assert anchor in pom
extra = "".join(f"<dependency><groupId>io.quarkus</groupId><artifactId>{a}</artifactId></dependency>"
                for a in ("quarkus-jackson", "quarkus-rest-client"))
open(path, "w").write(pom.replace(anchor, anchor + "\n    " + extra, 1))
PY
  mkdir -p "$work/floor/src/main/resources"
  grep '^quarkus\.vertx\.' src/main/resources/application.properties >>"$work/floor/src/main/resources/application.properties"
  ./mvnw -q -B -f "$work/floor/pom.xml" package -Dquarkus.version="$quarkus_version" >&2
fi

# A local backend for the HTTP_PROXY row, and a table with a MOCK route (the cold event) and an HTTP_PROXY one.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$work/www" && echo '{"ok": true}' >"$work/www/x.json"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
backend=$!
trap 'kill $backend 2>/dev/null || true' EXIT
cat >"$work/proxy-table.json" <<EOF
{"openapi": "3.0.1", "info": {"title": "proxy", "version": "1"}, "paths": {
 "/hello": {"get": {"x-amazon-apigateway-integration": {"type": "mock",
   "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
   "responses": {"default": {"statusCode": "200"}}}}},
 "/p/{proxy+}": {"x-amazon-apigateway-any-method": {
   "parameters": [{"name": "proxy", "in": "path", "required": true}],
   "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY",
     "uri": "http://127.0.0.1:$port/{proxy}",
     "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}}}}}}
EOF
sed 's|"path": *"/hello"|"path": "/p/x.json"|' events/alb-get-hello.json >"$work/alb-get-proxy.json"

invoke() { # invoke ZIP ENV... -- EVENTS...: the tool's timing lines
  local zip=$1; shift
  local env=()
  while [[ $1 != -- ]]; do env+=(--env "$1"); shift; done; shift
  "$java" -cp "tools/target/classes:$(cat tools/target/tools.classpath)" dev.portico.tools.cli.Main invoke \
      --zip "$zip" --memory "$memory_mb" "${env[@]}" "$@" 2>&1 >/dev/null | grep '^\[portico\]' ||
    { echo "invoking $zip failed; try: ./portico invoke events/alb-get-hello.json" >&2; exit 1; }
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minmax() { printf '%s\n' "$@" | sort -n | awk 'NR == 1 { min = $1 } { max = $1 } END { printf "%s-%s", min, max }'; }

names=("empty Quarkus handler" "Portico, example table" "Portico, 10,000 routes bundled" "Portico, 10,000 routes file"
       "empty handler + quarkus-jackson, quarkus-rest-client (the fixed extensions' floor)")
declare -A cold rss cpu
for ((run = 1; run <= runs; run++)); do
  for i in 0 1 2 3 4; do
    case $i in
      0) out="$(invoke bench/empty-lambda/target/function.zip PORTICO_X=1 -- events/alb-get-hello.json)" ;;
      1) out="$(invoke target/function.zip PORTICO_X=1 -- events/alb-get-hello.json)" ;;
      2) out="$(invoke "$work/function-10000.zip" PORTICO_X=1 -- events/alb-get-hello.json)" ;;
      3) out="$(invoke target/function.zip "PORTICO_ROUTES=$work/routes-10000.json" -- events/alb-get-hello.json)" ;;
      4) out="$(invoke "$work/floor/target/function.zip" PORTICO_X=1 -- events/alb-get-hello.json)" ;;
    esac
    cold[$i]+=" $(awk '/cold start/ { print $4 }' <<<"$out")"
    rss[$i]+=" $(awk '/peak RSS/ { print $4 }' <<<"$out")"
    cpu[$i]+=" $(awk '/\] CPU/ { print $3 }' <<<"$out")"
  done
done

echo "## Cold start against the empty handler: $runs runs each, interleaved, ${memory_mb} MB functions"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo
echo "| function | cold start median ms | min-max ms | / empty handler | / floor | CPU median ms | CPU / empty | peak RSS median MB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
# shellcheck disable=SC2086
empty="$(median ${cold[0]})"; floor="$(median ${cold[4]})"; empty_cpu="$(median ${cpu[0]})"
for i in 0 4 1 2 3; do
  # shellcheck disable=SC2086
  m="$(median ${cold[$i]})"; c="$(median ${cpu[$i]})"
  # shellcheck disable=SC2086
  printf '| %s | %.0f | %s | %.2fx | %.2fx | %.0f | %.2fx | %.0f |\n' "${names[$i]}" "$m" "$(minmax ${cold[$i]})" \
      "$(awk -v a="$m" -v b="$empty" 'BEGIN { print a / b }')" "$(awk -v a="$m" -v b="$floor" 'BEGIN { print a / b }')" \
      "$c" "$(awk -v a="$c" -v b="$empty_cpu" 'BEGIN { print a / b }')" "$(median ${rss[$i]})"
done
echo
echo "CPU: user and system time of the runtime JVM process, all its threads, to its first response (/proc/<pid>/stat,"
echo "10 ms ticks); below 1,769 MB a Lambda function has less than one vCPU, so there CPU, not this host's wall clock, sets the start."

# First HTTP_PROXY request after start over a warm one: event 1 is the cold MOCK, event 2 the first proxied one.
events=(events/alb-get-hello.json "$work/alb-get-proxy.json")
for ((i = 0; i < warm_events; i++)); do events+=("$work/alb-get-proxy.json"); done
firsts=() ; warms=()
for ((run = 1; run <= runs; run++)); do
  out="$(invoke target/function.zip "PORTICO_ROUTES=$work/proxy-table.json" -- "${events[@]}")"
  firsts+=("$(awk '!/cold start|peak RSS|\] CPU/ && NR == 2 { print $3 }' <<<"$out")")
  # shellcheck disable=SC2207
  w=($(awk '!/cold start|peak RSS|\] CPU/ && NR > 2 { print $3 }' <<<"$out"))
  warms+=("$(median "${w[@]}")")
done
first="$(median "${firsts[@]}")"; warm="$(median "${warms[@]}")"
echo
echo "First HTTP_PROXY request after start: median $first ms (min-max $(minmax "${firsts[@]}")), warm median $warm ms:"
printf '%.0f ms over a warm one\n' "$(awk -v a="$first" -v b="$warm" 'BEGIN { print a - b }')"

# Live heap per route: the 10,000-route table held, after full collections, on the function's own class path.
rm -rf "$work/task" && mkdir -p "$work/task" && (cd "$work/task" && unzip -q "$root/target/function.zip")
echo
unzip -p "$work/function-10000.zip" routes/api.routes >"$work/routes-10000.routes"
"$java" -Xmx1g -cp "$work/task:$work/task/lib/*" bench/footprint/HeapPerRoute.java "$work/routes-10000.json" 10000 \
    "$work/routes-4.json" "$work/routes-10000.routes" 2>/dev/null | grep '^routes'
