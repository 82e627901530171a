#!/usr/bin/env bash
# The architecture figures of a build: function.zip's size and classes (Portico's own, and dev-tool classes that
# should not be there), and the cycles in the import graph between Portico's packages (from jdeps, so that any
# commit can be measured the same way). With --cold-start, also bench/cold-start.sh's ratio to the empty handler.
# usage: bench/layout.sh [--cold-start] [PROJECT_DIR]   (PROJECT_DIR defaults to this checkout; it is built first)
set -euo pipefail

cold=0
if [[ ${1:-} == --cold-start ]]; then cold=1; shift; fi
root="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../.mvn/jdk.sh"
jdeps="$JAVA_HOME/bin/jdeps"

(cd "$root" && ./mvnw -q -B clean package -Dmaven.test.skip=true) >&2
zip="$root/target/function.zip"
entries="$(unzip -Z1 "$zip")"
classes="$(grep -c '\.class$' <<<"$entries" || true)"
own="$(grep -c '^dev/portico/.*\.class$' <<<"$entries" || true)"
tools="$(grep -cE '^dev/portico/(local|tools)/.*\.class$' <<<"$entries" || true)"
printf 'function.zip           %s bytes, %s classes, %s of them Portico'"'"'s, %s dev-tool classes\n' \
    "$(stat -c %s "$zip")" "$classes" "$own" "$tools"

# Package-level dependencies between Portico's own packages, then the strongly connected components of that graph:
# every component of more than one package is a cycle. "stage" counts top-level packages (integration/aws is part
# of integration), as the ArchUnit test (LayersTest) does; "package" counts every package.
"$jdeps" -verbose:package -filter:none "$root/target/classes" 2>/dev/null | python3 -c '
import re, sys
pairs = []
for line in sys.stdin:
    m = re.match(r"\s+(dev\.portico[\w.]*)\s+->\s+(dev\.portico[\w.]*)\s", line)
    if m:
        pairs.append((m.group(1), m.group(2)))
def stage(p):
    parts = p.split(".")
    return ".".join(parts[:3])
for label, name in (("stage", stage), ("package", lambda p: p)):
  edges = {}
  for a, b in pairs:
    a, b = name(a), name(b)
    if a != b:
        edges.setdefault(a, set()).add(b)
  nodes = set(edges) | {b for bs in edges.values() for b in bs}
  index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
  def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in edges.get(v, ()):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: out.append(sorted(comp))
  sys.setrecursionlimit(10000)
  for v in sorted(nodes):
    if v not in index: visit(v)
  print("%-22s %d (strongly connected groups)" % (label + " cycles", len(out)))
  for comp in out:
    print("  " + " <-> ".join(p.replace("dev.portico", "") or "(root)" for p in comp))
'
if [[ $cold == 1 ]]; then
  bash "$root/bench/cold-start.sh" 7
fi
