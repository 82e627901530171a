#!/usr/bin/env bash
# Cold-start cost of each Quarkus extension Portico has (or had), project issue #20: bench/empty-lambda (only
# quarkus-amazon-lambda) built once bare and once with each extension added, every variant started fresh under the
# Lambda Java runtime and the Runtime API emulator (./portico invoke --zip), runs interleaved. Milliseconds from
# process start to the first response; the cost is a variant's median minus the bare handler's.
#
#   bench/extension-cost.sh [RUNS]    # default 7; about 8 minutes on 2 cores
set -euo pipefail

runs="${1:-7}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
quarkus_version="$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' pom.xml)"
services_version="$(sed -n 's:.*<quarkus-amazon-services.version>\(.*\)</quarkus-amazon-services.version>.*:\1:p' pom.xml)"
awssdk_version="$(sed -n 's:.*<awssdk.version>\(.*\)</awssdk.version>.*:\1:p' pom.xml)"
work="$root/bench/target/extensions"
rm -rf "$work" && mkdir -p "$work"

dep() { echo "<dependency><groupId>$1</groupId><artifactId>$2</artifactId>${3:+<version>$3</version>}</dependency>"; }
jackson="$(dep io.quarkus quarkus-jackson)"
rest="$(dep io.quarkus quarkus-rest-client)"
dynamodb="$(dep io.quarkiverse.amazonservices quarkus-amazon-dynamodb "$services_version")$(dep software.amazon.awssdk url-connection-client "$awssdk_version")"
variants=(
  "empty|"
  "+ quarkus-jackson|$jackson"
  "+ quarkus-rest-client|$rest"
  "+ quarkus-amazon-dynamodb|$dynamodb"
  "Portico's before (jackson, rest-client, amazon-dynamodb)|$jackson$rest$dynamodb"
  "Portico's now (jackson, rest-client)|$jackson$rest"
)

echo "building the tools' test class path and ${#variants[@]} variants of bench/empty-lambda" >&2
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/test.classpath" >&2
tools_cp="$root/target/test-classes:$root/target/classes:$(cat "$work/test.classpath")"
zips=()
for i in "${!variants[@]}"; do
  extra="${variants[$i]#*|}"
  dir="$work/v$i"
  cp -r bench/empty-lambda "$dir"
  rm -rf "$dir/target"
  python3 - "$dir/pom.xml" "$extra" <<'PY'
import sys
path, extra = sys.argv[1], sys.argv[2]
pom = open(path).read()
anchor = "<artifactId>quarkus-amazon-lambda</artifactId>\n    </dependency>"
assert anchor in pom
open(path, "w").write(pom.replace(anchor, anchor + "\n    " + extra, 1))
PY
  mkdir -p "$dir/src/main/resources"
  echo "quarkus.dynamodb.sync-client.type=url" >>"$dir/src/main/resources/application.properties"
  ./mvnw -q -B -f "$dir/pom.xml" package -Dquarkus.version="$quarkus_version" >&2
  zips+=("$dir/target/function.zip")
done

declare -A cold
for ((run = 1; run <= runs; run++)); do
  for i in "${!variants[@]}"; do
    ms="$("$java" -cp "$tools_cp" dev.portico.tools.cli.Main invoke --zip "${zips[$i]}" events/alb-get-hello.json 2>&1 >/dev/null \
      | awk '/\[portico\] cold start/ { print $4 }')"
    cold[$i]="${cold[$i]:-} $ms"
  done
  echo "run $run of $runs done" >&2
done

median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { printf '%s\n' $1 | sort -n | head -1; }
base="$(median "${cold[0]}")"
echo "| function | min ms | median ms | cost over the empty handler, median | jars in function.zip |"
echo "| --- | ---: | ---: | ---: | ---: |"
for i in "${!variants[@]}"; do
  med="$(median "${cold[$i]}")"
  jars="$(unzip -l "${zips[$i]}" | grep -c '\.jar$' || true)"
  printf '| %s | %s | %s | %+.0f ms | %s jars |\n' "${variants[$i]%%|*}" "$(minimum "${cold[$i]}")" "$med" \
    "$(awk -v a="$med" -v b="$base" 'BEGIN { print a - b }')" "$jars"
done
echo
echo "$runs runs per variant, interleaved; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
