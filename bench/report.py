#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the raw results bench/run.sh leaves in bench/target/work/results.

usage: report.py RESULTS_DIR BENCHMARKS.md

JMH results (JSON) are merged across rounds from their raw sample histograms, so min/median/p99 are those of
every sample of every round; the drivers' results (TSV) already hold min/median/p99.
"""
import glob
import json
import os
import sys

results, out_path = sys.argv[1], sys.argv[2]


def read_tsv(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def jmh_samples(paths, param=None):
    """(value, count) pairs of every sample in the given JMH JSON files, per benchmark parameter value."""
    merged = {}
    for path in paths:
        with open(path) as f:
            for result in json.load(f):
                key = (result.get("params") or {}).get(param) if param else None
                pairs = merged.setdefault(key, [])
                for fork in result["primaryMetric"]["rawDataHistogram"]:
                    for iteration in fork:
                        pairs.extend((value, count) for value, count in iteration)
    return merged


def percentiles(pairs):
    pairs = sorted(pairs)
    total = sum(count for _, count in pairs)

    def at(fraction):
        rank = max(1, int(-(-fraction * total // 1)))  # ceil, at least the first sample
        seen = 0
        for value, count in pairs:
            seen += count
            if seen >= rank:
                return value
        return pairs[-1][0]

    return {"min": pairs[0][0], "median": at(0.5), "p99": at(0.99), "n": total}


def lost_events(pattern):
    """Events the watchdog in StreamHandlerBench gave up on, summed over the rounds' logs."""
    total = 0
    for path in glob.glob(os.path.join(results, pattern)):
        for line in open(path):
            if "[bench] lost events" in line:
                total += int(line.rsplit(":", 1)[1])
    return total


def stats_row(row):
    return {"min": float(row[3]), "median": float(row[4]), "p99": float(row[5]), "n": int(row[7])}


def fmt(value, digits=1):
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def ratio(a, b):
    return f"{a / b:.1f}x" if b > 0 else "n/a"


machine = dict(read_tsv("machine.tsv") or [])
loads = {}
for section, when, load in read_tsv("loads.tsv") or []:
    loads.setdefault(section, {})[when] = load


def load_note(section):
    if section not in loads:
        return ""
    return f"Load average (1/5/15 min) at start: {loads[section].get('start', '?')}, at end: {loads[section].get('end', '?')}.\n"


md = []
md.append("# Benchmarks\n")
md.append("Written by `bench/run.sh` (project issue #9); every figure beside its rival measured in the same run. "
          "Reproduce with:\n")
md.append("```bash\nbench/run.sh        # about 15 minutes on 2 cores; counts: see the top of the script\n```\n")
md.append("![per-event cost and cold start beside the rivals](bench/results.png)\n")
md.append("| machine | |\n| --- | --- |")
for key in ("cores", "memory", "cpu", "java", "os", "date", "commit", "settings"):
    if key in machine:
        md.append(f"| {key} | {machine[key]} |")
md.append("")
md.append("The machine is shared with other builds: the load averages are given per section. Figures are "
          "wall-clock times, so contention shows mostly in the p99 columns; ratios between figures measured "
          "side by side are the numbers to trust.\n")

# ----------------------------------------------------------------------------- 1. per event
handle = glob.glob(os.path.join(results, "perevent-portico-handle-*.json"))
if handle:
    rows = [
        ("Portico `handle(byte[])` (gateway only)", "ALB", jmh_samples(handle).get(None)),
        ("Portico function.zip via `QuarkusStreamHandler`", "ALB",
         jmh_samples(glob.glob(os.path.join(results, "perevent-portico-stream-*.json"))).get(None)),
        ("rival: `quarkus-amazon-lambda-http` + JAX-RS via `QuarkusStreamHandler`", "HTTP API v2",
         jmh_samples(glob.glob(os.path.join(results, "perevent-rival-*.json"))).get(None)),
    ]
    # a round cut short leaves a benchmark without samples: its row is left out rather than invented
    stats = [(name, event, percentiles(pairs)) for name, event, pairs in rows if pairs]
    lost = {"Portico function.zip via `QuarkusStreamHandler`": lost_events("perevent-portico-stream-*.log"),
            "rival": lost_events("perevent-rival-*.log")}
    md.append("## 1. Per-event cost (JMH, in process)\n")
    md.append("Event bytes in, response bytes out, for `GET /hello?name=Ada%20Lovelace`: the example API's MOCK "
              "route with its VTL response template, and the same answer (body, `Cache-Control`, content type) from "
              "a JAX-RS resource behind Quarkus's Lambda HTTP adapter (`bench/quarkus-http-rival`; it takes HTTP API "
              "v2 events only, so it gets `bench/events/httpapi-v2-get-hello.json`, the ALB event's v2 twin). "
              "Both rival rows run the function's own deployment package, unpacked, with the Quarkus application "
              "started inside the JMH fork and called through the entry point the Lambda runtime calls, "
              "`QuarkusStreamHandler.handleRequest(InputStream, OutputStream, Context)` (JSON decoding of the event "
              "and encoding of the answer included). JMH sample mode; rounds alternate Portico and the rival, one "
              "fork each; samples of all rounds merged. Microseconds per event.\n")
    md.append("| what | event | min | median | p99 | samples | lost events |\n"
              "| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, event, s in stats:
        md.append(f"| {name} | {event} | {fmt(s['min'])} | {fmt(s['median'])} | {fmt(s['p99'])} | {s['n']:,} "
                  f"| {lost.get(name, lost['rival'] if name.startswith('rival') else '')} |")
    rival = next((s for name, _, s in stats if name.startswith("rival")), None)
    md.append("")
    md.append("*Lost events*: `quarkus-amazon-lambda-http` now and then never completes an event (its "
              "`LambdaHttpHandler.nettyDispatch` waits on a response future that nothing completes, every thread "
              "idle; on Lambda the event would end at the function timeout). The benchmark's watchdog interrupts an "
              "invocation after 1 s and counts it; such an event's sample (about 1 s) stays in the figures.\n")
    md.append("| ratio (rival / Portico) | min | median | p99 |\n| --- | ---: | ---: | ---: |")
    for name, _, s in (stats if rival else []):
        if name.startswith("rival"):
            continue
        md.append(f"| rival / {name} | {ratio(rival['min'], s['min'])} | {ratio(rival['median'], s['median'])} "
                  f"| {ratio(rival['p99'], s['p99'])} |")
    md.append("")
    md.append(load_note("perevent"))

# ----------------------------------------------------------------------------- 2. route matching
routes_json = os.path.join(results, "routes.json")
if os.path.exists(routes_json):
    by_size = jmh_samples([routes_json], "routes")
    md.append("## 2. Route matching (JMH)\n")
    md.append("Generated tables (`bench.RouteGen`: per group of four, a literal `GET /gN/items`, `GET /gN/items/{id}`, "
              "`ANY /gN/any/{name}`, `GET /gN/files/{proxy+}`; each a MOCK with a VTL template) loaded through "
              "`RouteTables.loader()`; 4,096 requests spread over the whole table, matched with `RouteTable.match`. "
              "A sample is a batch of 64 different requests, so the figures are nanoseconds per match, averaged "
              "within a batch.\n")
    md.append("| routes | min | median | p99 | batches |\n| ---: | ---: | ---: | ---: | ---: |")
    base = None
    for size in sorted(by_size, key=int):
        s = percentiles(by_size[size])
        base = base or s["median"]
        md.append(f"| {int(size):,} | {fmt(s['min'])} | {fmt(s['median'])} | {fmt(s['p99'])} | {s['n']:,} |")
    md.append("")
    md.append("The rival here is the table size itself: the median at 10,000 routes over the median at 10 is "
              f"{ratio(percentiles(by_size[max(by_size, key=int)])['median'], base)} (a trie: the cost follows the "
              "path's depth; what grows is cache misses over a larger table).\n")
    md.append(load_note("routes"))

# ----------------------------------------------------------------------------- 2b. VTL render
vtl_json = os.path.join(results, "vtl.json")
if os.path.exists(vtl_json):
    s = percentiles(jmh_samples([vtl_json])[None])
    md.append("## 2b. Mapping template render (JMH)\n")
    md.append("`bench.VtlRenderBench`: a 10-line request template with `$input.path`, `$input.json`, `$input.params` "
              "and `$util` calls over a JSON body of about 1 KB, compiled once by the project's VTL compiler and "
              "rendered with a fresh `$context` each time, as a request renders it. Aim: under 10 microseconds.\n")
    md.append("| render | min | median | p99 | samples |\n| --- | ---: | ---: | ---: | ---: |")
    md.append(f"| microseconds | {fmt(s['min'], 2)} | {fmt(s['median'], 2)} | {fmt(s['p99'], 2)} | {s['n']:,} |")
    md.append("")
    md.append(load_note("vtl"))

# ----------------------------------------------------------------------------- 3. HTTP_PROXY
proxy = read_tsv("proxy.tsv")
md.append("## 3. HTTP_PROXY added latency\n")
if proxy is None:
    md.append("Not run (BENCH_SKIP).\n")
elif proxy[0][0] == "skipped":
    md.append("**skipped: HTTP_PROXY not built.** This branch has no `IntegrationType.HTTP_PROXY` implementation in "
              "`Integrations.standard`, so there is nothing to measure yet. The benchmark is ready "
              "(`bench/jmh/src/main/java/bench/ProxyBench.java`): once HTTP_PROXY is registered, "
              "`BENCH_SKIP=perevent,routes,coldstart,throughput bench/run.sh` (or the full `bench/run.sh`) runs it: "
              "a local backend answering a 1 KB body, 10,000 rounds of one direct call from the same JVM, one "
              "call through `Portico.handle` (ALB event, `ANY /{proxy+}` HTTP_PROXY route), and one through nginx "
              "(started by the script on a free port as a reverse proxy to the same backend), in rotating order; "
              "the added part is each round's proxied time minus its direct time.\n")
else:
    md.append("A local backend answers POST /echo (1 KB body in, 1 KB out). Each round sends one request directly "
              "from the same JVM with the very HTTP client Portico uses (pooled keep-alive Vert.x), one through "
              "`Portico.handle` (an ALB event for an `ANY /{proxy+}` HTTP_PROXY route) and one through nginx (1 "
              "worker, keep-alive upstream; the same client calls it), in rotating order. The added part is the "
              "round's proxied time minus its direct time. Microseconds.\n")
    md.append("| path | measure | min | median | p99 | requests |\n| --- | --- | ---: | ---: | ---: | ---: |")
    for row in proxy:
        s = stats_row(row)
        note = " (answer was not 200!)" if len(row) > 8 and row[8] else ""
        md.append(f"| {row[1]}{note} | {row[2]} | {fmt(s['min'])} | {fmt(s['median'])} | {fmt(s['p99'])} | {s['n']:,} |")
    added = {row[1]: stats_row(row) for row in proxy if row[2] == "added"}
    names = list(added)
    if len(names) == 2:
        md.append("")
        md.append(f"Portico's added median over nginx's: {ratio(added[names[0]]['median'], added[names[1]]['median'])}.\n")
    md.append(load_note("proxy"))

# ----------------------------------------------------------------------------- 4. cold start
cold = read_tsv("coldstart.tsv")
if cold:
    variants_text = {
        "lambda-default": "Lambda java17 defaults (C1 only: `-XX:TieredStopAtLevel=1`, SerialGC, heap 85%)",
        "full-jit": "full tiered JIT (`_JAVA_OPTIONS=-XX:TieredStopAtLevel=4` undoes the C1-only flag)",
        "appcds": "defaults + AppCDS (`JAVA_TOOL_OPTIONS=-XX:SharedArchiveFile=...`, archive from a training run "
                  "with `-XX:ArchiveClassesAtExit`)",
    }
    md.append("## 4. Cold start (function.zip under the Lambda RIC and the Runtime API emulator)\n")
    md.append("Process start to first response, `PackagedFunction` (as `./portico invoke`), 512 MB; one fresh runtime "
              "process per run, runs interleaved over functions and JVM configurations. With 10 runs, p99 is the "
              "slowest run. Milliseconds.\n")
    md.append("Configurations: " + "; ".join(f"**{k}**: {v}" for k, v in variants_text.items()
                                             if any(r[2] == k for r in cold)) + ".\n")
    md.append("| function | configuration | min | median | p99 | runs | median / empty handler | median / lambda-default |")
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    medians = {(r[1], r[2]): float(r[4]) for r in cold}
    for row in cold:
        s = stats_row(row)
        empty = medians.get(("empty Quarkus handler", row[2]))
        default = medians.get((row[1], "lambda-default"))
        md.append(f"| {row[1]} | {row[2]} | {fmt(s['min'])} | {fmt(s['median'])} | {fmt(s['p99'])} | {s['n']} "
                  f"| {ratio(s['median'], empty) if empty else ''} | {ratio(s['median'], default) if default else ''} |")
    md.append("")
    md.append(load_note("coldstart"))

# ----------------------------------------------------------------------------- 5. throughput
through = read_tsv("throughput.tsv")
if through:
    md.append("## 5. Throughput and peak memory (function.zip, sequential events)\n")
    memory = dict(kv.split("=") for kv in through[0][8].split(";")).get("memory_mb", "?")
    md.append(f"Events sent one after another through the Runtime API emulator to one warm runtime process configured "
              f"for a {memory} MB Lambda (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE={memory}`, `-XX:MaxHeapSize` = 85% of it, "
              "as `PackagedFunction` launches it; Lambda java17 defaults otherwise). Portico with 10,000 routes gets "
              "mixed events over the generated table; the others get `GET /hello` (ALB, or v2 for the rival). "
              "The four functions run side by side, each in its own warm runtime process, and take the events in "
              "turns (event i to each, then event i+1), so that load from other builds hits all alike; events/s is "
              "events over the function's own summed event time. The first (cold) event is not counted. Per-event "
              "times include the emulator's HTTP round trips (the empty handler shows that floor). "
              "Peak RSS is the runtime process's `VmHWM` after the run.\n")
    md.append("| function | events/s | min µs | median µs | p99 µs | events | peak RSS MB | errors |")
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    eps = {}
    for row in through:
        s = stats_row(row)
        extra = dict(kv.split("=") for kv in row[8].split(";"))
        eps[row[1]] = float(extra["events_per_s"])
        md.append(f"| {row[1]} | {float(extra['events_per_s']):,.0f} | {fmt(s['min'])} | {fmt(s['median'])} "
                  f"| {fmt(s['p99'])} | {s['n']:,} | {float(extra['vmhwm_mb']):.0f} | {extra['errors']} |")
    md.append("")
    rival = eps.get("quarkus-amazon-lambda-http")
    if rival:
        md.append("Events per second over the rival's: " + ", ".join(
            f"{name} {ratio(value, rival)}" for name, value in eps.items() if name != "quarkus-amazon-lambda-http") + ".\n")
    md.append(load_note("throughput"))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "NOTES.md")) as f:
    md.append(f.read())

with open(out_path, "w") as f:
    f.write("\n".join(md).rstrip() + "\n")
print(f"wrote {out_path}")
