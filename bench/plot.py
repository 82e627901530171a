#!/usr/bin/env python3
"""One PNG from BENCHMARKS.md's own tables: per-event cost and cold start beside the rivals.

usage: plot.py BENCHMARKS.md results.png     (needs matplotlib: apt-get install -y python3-matplotlib)
"""
import re
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

source, target = sys.argv[1], sys.argv[2]
text = open(source).read()


def table(heading_prefix):
    """Rows (lists of cells) of the first table after the heading that starts with heading_prefix."""
    section = re.split(r"^## ", text, flags=re.M)
    for part in section:
        if part.startswith(heading_prefix):
            rows = [line for line in part.splitlines() if line.startswith("| ")]
            cells = [[c.strip() for c in line.strip("|").split("|")] for line in rows]
            # the first table only: stop at the second header row
            out = []
            for row in cells[2:]:
                if row[0].startswith("---") or row[0] in ("ratio (rival / Portico)",):
                    break
                out.append(row)
            return out
    return []


def number(cell):
    return float(cell.replace(",", ""))


def short(name):
    name = name.replace("`", "")
    return (name.replace("Portico handle(byte[]) (gateway only)", "Portico handle()")
            .replace("Portico function.zip via QuarkusStreamHandler", "Portico via\nQuarkusStreamHandler")
            .replace("rival: quarkus-amazon-lambda-http + JAX-RS via QuarkusStreamHandler",
                     "rival: quarkus-amazon-\nlambda-http + JAX-RS"))


per_event = table("1.")
cold = table("4.")
fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.2), gridspec_kw={"width_ratios": [1, 1.5]})

if per_event:
    names = [short(r[0]) for r in per_event]
    medians = [number(r[3]) for r in per_event]
    colors = ["#2b7bba" if n.startswith("Portico") else "#d9822b" for n in names]
    bars = left.barh(range(len(names)), medians, color=colors)
    left.set_yticks(range(len(names)), names, fontsize=9)
    left.invert_yaxis()
    left.set_xlabel("median µs per event (JMH, in process; lower is better)")
    left.set_title("1. Per-event cost, GET /hello")
    for bar, value in zip(bars, medians):
        left.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:,.1f} µs", va="center", fontsize=9)
    left.set_xlim(0, max(medians) * 1.35)

if cold:
    functions = list(dict.fromkeys(r[0] for r in cold))
    configs = list(dict.fromkeys(r[1] for r in cold))
    width = 0.8 / len(configs)
    palette = {"lambda-default": "#2b7bba", "full-jit": "#9aa5b1", "appcds": "#3aa35b"}
    for i, config in enumerate(configs):
        values = [next((number(r[3]) for r in cold if r[0] == f and r[1] == config), 0) for f in functions]
        xs = [j + (i - (len(configs) - 1) / 2) * width for j in range(len(functions))]
        bars = right.bar(xs, values, width, label=config, color=palette.get(config))
        for bar, value in zip(bars, values):
            right.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), f"{value:,.0f}", ha="center",
                       va="bottom", fontsize=7)
    right.set_xticks(range(len(functions)), ["\n".join(textwrap.wrap(f, 16)) for f in functions], fontsize=9)
    right.set_ylabel("median ms, process start to first response")
    right.set_title("4. Cold start under the Lambda RIC (lower is better)")
    right.legend(title="JVM configuration", fontsize=8)

fig.suptitle("Portico beside its rivals (bench/run.sh; figures in BENCHMARKS.md)", fontsize=11)
fig.tight_layout()
fig.savefig(target, dpi=110)
print(f"wrote {target}")
