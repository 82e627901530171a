#!/usr/bin/env bash
# Where the cold start goes (project issue #20): one cold start of each function under the Lambda Java runtime with
# the JVM's class-load log (-Xlog:class+load with uptime), read into two tables: classes loaded by the first answer,
# per library (jar, without its version), and the start-up phases, each ending when its marker class loads.
# Reuses the zips bench/cold-start.sh built (run that first), so the two describe the same build.
# usage: bench/cold-start-breakdown.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/.mvn/jdk.sh"
java="$JAVA_HOME/bin/java"
work="$root/bench/target/cold-start"
cd "$root"
[[ -f $work/function-10000.zip ]] || { echo "run bench/cold-start.sh first" >&2; exit 1; }

log_start() { # log_start NAME ZIP ENV...: one cold start with the class-load log in $work/NAME.classes
  local name=$1 zip=$2; shift 2
  local env=()
  for e in "$@"; do env+=(--env "$e"); done
  rm -f "$work/$name.classes"
  "$java" -cp "tools/target/classes:$(cat tools/target/tools.classpath)" dev.portico.tools.cli.Main invoke \
      --zip "$zip" --memory 256 "${env[@]}" \
      --env "JAVA_TOOL_OPTIONS=-Xlog:class+load=info:file=$work/$name.classes:uptime" \
      events/alb-get-hello.json 2>&1 >/dev/null | grep 'cold start' >"$work/$name.cold"
}
if [[ ${1:-} != --reuse ]]; then # --reuse: read the logs of the last run again
  log_start empty bench/empty-lambda/target/function.zip
  log_start example target/function.zip
  log_start bundled "$work/function-10000.zip"
  log_start file target/function.zip "PORTICO_ROUTES=$work/routes-10000.json"
fi

python3 - "$work" <<'EOF'
import re, sys, collections
work = sys.argv[1]
runs = [("empty handler", "empty"), ("example table", "example"), ("10,000 bundled", "bundled"),
        ("10,000 file", "file")]
line_re = re.compile(r"\[(\d+\.\d+)s\](?:\[\w+\]\[[\w,]+\])? (\S+) source: (.*)")

def library(source):
    if source.startswith("jrt:/") or source.startswith("shared objects file"):
        return "JDK"
    if "__JVM_LookupDefineClass__" in source or "__Lookup_defineClass__" in source or "__" in source:
        return "generated at run time (lambdas, proxies)"
    m = re.search(r"/lib/([^/]+)\.jar", source)
    if m:
        name = re.sub(r"-\d[\w.\-]*$", "", m.group(1))
        parts = name.split(".")
        # group id and artifact: io.quarkus.quarkus-core -> quarkus-core; keep the artifact
        return parts[-1] if len(parts) > 1 else name
    if "aws-lambda-java-runtime-interface-client" in source or "/runtime/" in source and source.endswith(".jar"):
        return "Lambda runtime interface client"
    if re.search(r"\.jar$", source):
        return re.sub(r"-\d[\w.\-]*$", "", source.rsplit("/", 1)[-1][:-4])
    return "function root (Portico's classes, Quarkus's generated ones)"

data = {}
for label, name in runs:
    classes, times = [], {}
    with open(f"{work}/{name}.classes", errors="replace") as f:
        for line in f:
            m = line_re.match(line)
            if m:
                t, cls, src = float(m.group(1)), m.group(2), m.group(3)
                classes.append((t, cls, library(src)))
    cold = open(f"{work}/{name}.cold").read().split()
    data[label] = (classes, float(cold[3]) if len(cold) > 3 else float("nan"))

counts = {label: collections.Counter(lib for _, _, lib in classes) for label, (classes, _) in data.items()}
libs = collections.Counter()
for c in counts.values():
    libs.update(c)
print("### Classes loaded by the first answer, per library\n")
print("| library | " + " | ".join(label for label, _ in runs) + " |")
print("| --- |" + " ---: |" * len(runs))
top = [lib for lib, _ in libs.most_common(18)]
for lib in top:
    print(f"| {lib} | " + " | ".join(str(counts[label][lib]) for label, _ in runs) + " |")
rest = {label: sum(n for lib, n in counts[label].items() if lib not in top) for label, _ in runs}
print("| other libraries | " + " | ".join(str(rest[label]) for label, _ in runs) + " |")
print("| **all** | " + " | ".join(f"**{len(data[label][0])}**" for label, _ in runs) + " |")

def first(classes, pred):
    for t, cls, _ in classes:
        if pred(cls):
            return t
    return None

print("\n### Start-up phases (seconds of JVM uptime at each marker; the row is the phase's length in ms)\n")
phases = [
    ("JVM start to the first Quarkus class (JVM, Lambda runtime client)", lambda c: c.startswith("io.quarkus.")),
    ("Quarkus boot to the first Portico class (config, CDI, extensions)", lambda c: c.startswith("dev.portico.")),
    # The bundled table's compact form (CompactRouteTable) has no document to parse: its row reads "-".
    ("Portico's configuration to the route table's source", lambda c: c in (
        "dev.portico.route.openapi.OpenApiDocument", "dev.portico.route.openapi.CompactRouteTable")),
    ("route table document parsed (JSON or YAML)", lambda c: c == "dev.portico.route.openapi.IntegrationReader"),
    ("routes read (a document's checked, templates compiled), matcher built",
     lambda c: c == "dev.portico.gateway.ApiRouter"),
    ("integrations, observability, rest of Quarkus's start, to the first event", lambda c: c == "dev.portico.event.CallerFormat"),
]
print("| phase | " + " | ".join(label for label, _ in runs) + " |")
print("| --- |" + " ---: |" * len(runs))
marks = {}
for label, _ in runs:
    classes = data[label][0]
    prev, row = 0.0, []
    for _, pred in phases:
        t = first(classes, pred)
        row.append(None if t is None else (t - prev) * 1000)
        prev = t if t is not None else prev
    row.append((classes[-1][0] - prev) * 1000 if classes else None)
    marks[label] = row
names = [p for p, _ in phases] + ["first request (to the last class loaded)"]
for i, phase in enumerate(names):
    cells = []
    for label, _ in runs:
        v = marks[label][i]
        cells.append("-" if v is None or (label == "empty handler" and 1 <= i < len(phases)) else f"{v:.0f}")
    print(f"| {phase} | " + " | ".join(cells) + " |")
print("| cold start as the emulator measured it (process start to first response) | "
      + " | ".join(f"{data[label][1]:.0f}" for label, _ in runs) + " |")
EOF
