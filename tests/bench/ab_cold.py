#!/usr/bin/env python3
"""@brief Two running services side by side on cold questions: every CDTN phrasing once to each,
in turn (A then B, B then A on the next), no-cache, so that the machine's load hits both alike.

Usage: ab_cold.py URL_A URL_B JUDGEMENTS_JSON [--seed N] [--worst K]
Prints, for A and B, client-side and server-side (`took_ms`) p50 / p90 / p99 and mean, the same
per question length (1-3, 4-6, 7+ words), and the K phrasings where B is slowest against A.
Start the services on the same index (tests/bench/README.md, "Issue 17, third pass").
"""
import argparse
import http.client
import json
import random
import time
import urllib.parse


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url_a")
    ap.add_argument("url_b")
    ap.add_argument("judgements")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--worst", type=int, default=10)
    args = ap.parse_args()
    with open(args.judgements, encoding="utf-8") as f:
        topics = json.load(f)["topics"]
    queries = sorted({" ".join(v.split()) for t in topics for v in t["variants"] if v.strip()})
    random.Random(args.seed).shuffle(queries)
    conns = []
    for url in (args.url_a, args.url_b):
        host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
        conns.append(http.client.HTTPConnection(host, port, timeout=30))
    client, server = ([], []), ([], [])
    for n, q in enumerate(queries):
        for k in ((0, 1) if n % 2 == 0 else (1, 0)):
            started = time.perf_counter()
            conns[k].request("GET", "/api/v1/search?per_page=10&q=" + urllib.parse.quote(q),
                             headers={"Cache-Control": "no-cache"})
            resp = conns[k].getresponse()
            body = resp.read()
            client[k].append((time.perf_counter() - started) * 1000)
            server[k].append(json.loads(body).get("took_ms", 0) if resp.status == 200 else float("nan"))
    for k, name in ((0, "A"), (1, "B")):
        c, s = client[k], server[k]
        print(f"{name} client p50 {pct(c, .5):.2f} p90 {pct(c, .9):.2f} p99 {pct(c, .99):.2f} ms | "
              f"server p50 {pct(s, .5):.2f} p90 {pct(s, .9):.2f} p99 {pct(s, .99):.2f} "
              f"mean {sum(s) / len(s):.2f} ms")
    classes = {}
    for i, q in enumerate(queries):
        words = len(q.split())
        label = "1-3 words" if words <= 3 else "4-6 words" if words < 7 else "7+ words"
        classes.setdefault(label, ([], []))
        classes[label][0].append(server[0][i])
        classes[label][1].append(server[1][i])
    for label in sorted(classes):
        a, b = classes[label]
        print(f"{label:>10} ({len(a)}): A p50 {pct(a, .5):.2f} p90 {pct(a, .9):.2f} | "
              f"B p50 {pct(b, .5):.2f} p90 {pct(b, .9):.2f} ms")
    worst = sorted(((server[1][i] - server[0][i], q, server[0][i], server[1][i])
                    for i, q in enumerate(queries)), reverse=True)[:args.worst]
    for delta, q, a, b in worst:
        print(f"  B-A {delta:+.2f} ms (A {a:.2f}, B {b:.2f}) {q}")


if __name__ == "__main__":
    main()
