#!/usr/bin/env python3
"""@brief Side by side, two speed.py result files of one speed.sh run (before and after a change
of the served index, e.g. 1,000 resources added): the figures that say whether search slowed.
Usage: speed_compare.py LABEL_A A.json LABEL_B B.json"""
import json
import sys


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def figures(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    out = []
    for key, name in (("search", "wrk -c32, as served"), ("search_no_cache", "wrk -c32, no-cache"),
                      ("one_connection", "wrk -c1, as served"),
                      ("one_connection_no_cache", "wrk -c1, no-cache")):
        out.append((name + " req/s", r[key]["rps"]))
        out.append((name + " p50 ms", r[key]["p50"]))
        out.append((name + " p99 ms", r[key]["p99"]))
    for key, name in (("sequential_ours_ms", "sequential, no-cache"),
                      ("sequential_ours_served_ms", "sequential, as served")):
        out.append((name + " p50 ms", pct(r[key], 50)))
        out.append((name + " p99 ms", pct(r[key], 99)))
    out.append(("peak RSS MB (cumulative)", r["hwm_mb"]))
    return out


def main():
    label_a, a, label_b, b = sys.argv[1:5]
    fa, fb = figures(a), figures(b)
    print(f"{'measure':<38} {label_a:>16} {label_b:>16} {'B/A':>7}")
    print("-" * 80)
    for (name, va), (_, vb) in zip(fa, fb):
        ratio = vb / va if va else float("nan")
        print(f"{name:<38} {va:>16.2f} {vb:>16.2f} {ratio:>7.2f}")


if __name__ == "__main__":
    main()
