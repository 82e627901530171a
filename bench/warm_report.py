#!/usr/bin/env python3
"""Prints bench/warm-path.sh's results as Markdown: before and after side by side, per integration type."""
import json
import os
import sys

results, after_commit, before_name = sys.argv[1], sys.argv[2], sys.argv[3]


def load(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return {}
    rows = {}
    for run in json.load(open(path)):
        key = run["params"].get("path") or run["params"].get("event") or run["benchmark"]
        primary = run["primaryMetric"]
        pct = primary["scorePercentiles"]
        alloc = None
        for metric, value in run.get("secondaryMetrics", {}).items():
            if metric.endswith("gc.alloc.rate.norm"):
                alloc = value["score"]
        rows[key] = {"min": pct["0.0"], "median": pct["50.0"], "p99": pct["99.0"], "alloc": alloc,
                     "samples": sum(len(f) for f in primary.get("rawDataHistogram", [[]])) if False else None}
    return rows


def us(value):
    return "" if value is None else (f"{value:,.1f}" if value < 1000 else f"{value:,.0f}")


def b(value):
    return "" if value is None else f"{value:,.0f}"


before, after = load("warm-before.json"), load("warm-after.json")
print(f"Before: {before_name}; after: this branch ({after_commit}). Microseconds per event (JMH sample mode); "
      "bytes allocated per event in the measuring JVM (`-prof gc`, `gc.alloc.rate.norm`; the HTTP client's event "
      "loop included, the backends run in another process).\n")
print("| path | before min | before median | before p99 | after min | after median | after p99 | before B/event | after B/event | after / before B |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for path in ["MOCK", "HTTP_PROXY", "HTTP", "AWS_PROXY", "DIRECT_HTTP", "DIRECT_INVOKE"]:
    x, y = before.get(path), after.get(path)
    if not x or not y:
        continue
    ratio = f"{y['alloc'] / x['alloc']:.2f}" if x["alloc"] and y["alloc"] else ""
    print(f"| {path} | {us(x['min'])} | {us(x['median'])} | {us(x['p99'])} | {us(y['min'])} | {us(y['median'])} | "
          f"{us(y['p99'])} | {b(x['alloc'])} | {b(y['alloc'])} | {ratio} |")

print("\n| added over the direct call, median | before | after | target |")
print("| --- | ---: | ---: | --- |")
for path, direct, target in [("AWS_PROXY", "DIRECT_INVOKE", "at most 150 µs"), ("HTTP_PROXY", "DIRECT_HTTP", "below nginx's (next table)")]:
    if path in before and path in after:
        print(f"| {path} − {direct} | {us(before[path]['median'] - before[direct]['median'])} | "
              f"{us(after[path]['median'] - after[direct]['median'])} | {target} |")
        if path == "AWS_PROXY":
            print(f"| {path} own bytes (− {direct}) | {b(before[path]['alloc'] - before[direct]['alloc'])} | "
                  f"{b(after[path]['alloc'] - after[direct]['alloc'])} | halved |")
        else:
            print(f"| {path} own bytes (− {direct}) | {b(before[path]['alloc'] - before[direct]['alloc'])} | "
                  f"{b(after[path]['alloc'] - after[direct]['alloc'])} | halved |")

proxy = {}
for version in ["before", "after"]:
    path = os.path.join(results, f"proxy-{version}.tsv")
    if os.path.exists(path):
        for line in open(path):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 8:
                proxy[(version, f[1], f[2])] = (float(f[3]), float(f[4]), float(f[5]), int(f[7]))
if proxy:
    print("\nHTTP_PROXY beside nginx (`bench.ProxyBench`: 1 KB POST, direct / Portico / nginx in rotating order, "
          "the same Vert.x client on every path; added = proxied − direct of the same round). Microseconds.\n")
    print("| version | path | measure | min | median | p99 | requests |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for (version, name, measure), (mn, med, p99, n) in proxy.items():
        print(f"| {version} | {name} | {measure} | {us(mn)} | {us(med)} | {us(p99)} | {n:,} |")

stream = {v: load(f"stream-{v}.json") for v in ["before", "after", "rival"]}
if stream["rival"] and stream["after"]:
    r = next(iter(stream["rival"].values()))
    print("\nMOCK through the Lambda entry point (`StreamHandlerBench`, `QuarkusStreamHandler`, JSON in and out) "
          "beside quarkus-amazon-lambda-http + JAX-RS. Microseconds; bytes per event.\n")
    print("| function | min | median | p99 | B/event | rival / it, min | rival / it, median |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for version in ["before", "after"]:
        s = next(iter(stream[version].values()), None)
        if s:
            print(f"| Portico {version} | {us(s['min'])} | {us(s['median'])} | {us(s['p99'])} | {b(s['alloc'])} | "
                  f"{r['min'] / s['min']:.1f}x | {r['median'] / s['median']:.1f}x |")
    print(f"| rival | {us(r['min'])} | {us(r['median'])} | {us(r['p99'])} | {b(r['alloc'])} | | |")

loads = dict(line.rstrip("\n").split("\t") for line in open(os.path.join(results, "loads.tsv")))
print(f"\nLoad average (1/5/15 min) at start: {loads.get('loadavg_start')}, at end: {loads.get('loadavg_end', '?')}.")
