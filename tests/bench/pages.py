"""@brief Server time of the pages beside their JSON, in one run (wrk on the same query mix):
/recherche?q=… against /api/v1/search?q=…&per_page=10, and a thread page against its JSON; then
the weight of each page as Chromium loads it (page_weight.mjs). Prints the goals: a page within
2 ms of its JSON at p99, HTML under 60 KB. Standard library only (plus wrk and node)."""
import argparse
import json
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
import speed  # noqa: E402  (the query mix, wrk runner and parser)


def write_mix(mix, path, make_path):
    original = speed.search_path
    speed.search_path = make_path
    try:
        speed.write_lua(mix, path)
    finally:
        speed.search_path = original


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--service", required=True)
    ap.add_argument("--suggestions", required=True)
    ap.add_argument("--thread", type=int, required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--duration", type=int, default=15)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    mix = speed.load_mix(args.suggestions)
    page_lua = os.path.join(args.workdir, "pages.lua")
    json_lua = os.path.join(args.workdir, "json.lua")
    write_mix(mix, page_lua, lambda q: "/recherche?" + urllib.parse.urlencode({"q": q}))
    write_mix(mix, json_lua, lambda q: "/api/v1/search?" + urllib.parse.urlencode({"q": q, "per_page": 10}))
    url = args.service
    thread_page = f"{url}/questions/{args.thread}"
    thread_json = f"{url}/api/v1/threads/{args.thread}"

    d, c, t = args.duration, args.connections, args.threads
    # Warm both (the result cache serves pages and JSON alike), then measure alternately.
    speed.run_wrk(url + "/", t, c, d, json_lua, "warm-up json")
    speed.run_wrk(url + "/", t, c, d, page_lua, "warm-up pages")
    rows = [
        ("GET /api/v1/search (JSON), as served", speed.run_wrk(url + "/", t, c, d, json_lua, "json")),
        ("GET /recherche (page), as served", speed.run_wrk(url + "/", t, c, d, page_lua, "page")),
        ("GET /api/v1/threads/{id} (JSON)", speed.run_wrk(thread_json, t, c, d, None, "thread json")),
        ("GET /questions/{id} (page)", speed.run_wrk(thread_page, t, c, d, None, "thread page")),
        ("GET /api/v1/search, one connection", speed.run_wrk(url + "/", 1, 1, d, json_lua, "json c1")),
        ("GET /recherche, one connection", speed.run_wrk(url + "/", 1, 1, d, page_lua, "page c1")),
        ("GET /api/v1/threads/{id}, one connection", speed.run_wrk(thread_json, 1, 1, d, None, "thread json c1")),
        ("GET /questions/{id}, one connection", speed.run_wrk(thread_page, 1, 1, d, None, "thread page c1")),
    ]
    print(f"Pages beside their JSON: wrk -t{t} -c{c} -d{d}s (and -t1 -c1), query mix of suggestions.txt")
    print(f"{'':44} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for label, r in rows:
        print(f"{label:44} {r['rps'] or 0:9.0f} {r['p50'] or 0:8.2f} {r['p99'] or 0:8.2f} {r['non2xx']:8d}")
    goals = []
    for (jl, j), (pl, p) in ((rows[0], rows[1]), (rows[2], rows[3]), (rows[4], rows[5]), (rows[6], rows[7])):
        gap = (p["p99"] or 0) - (j["p99"] or 0)
        goals.append(f"{pl}: p99 {gap:+.2f} ms against its JSON (goal ≤ +2 ms): {'met' if gap <= 2 else 'NOT met'}")

    weight = subprocess.run(
        ["node", os.path.join(os.path.dirname(__file__), "page_weight.mjs"), url,
         "/", "/recherche?q=aide+au+poste", f"/questions/{args.thread}", "/connexion"],
        capture_output=True, text=True, timeout=300)
    if weight.returncode != 0:
        sys.exit("pages: page_weight.mjs failed: " + weight.stderr[-2000:])
    print()
    print(f"{'page (first visit, empty cache)':44} {'HTML KB':>9} {'requests':>9} {'static KB':>10} {'sent KB':>9}")
    for row in json.loads(weight.stdout):
        print(f"{row['path']:44} {row['html_bytes'] / 1024:9.1f} {row['requests']:9d} {row['static_bytes'] / 1024:10.1f}"
              f" {row['static_bytes_sent'] / 1024:9.1f}")
        goals.append(f"{row['path']}: HTML {row['html_bytes'] / 1024:.1f} KB (goal < 60 KB): "
                     f"{'met' if row['html_bytes'] < 60 * 1024 else 'NOT met'}")
    print()
    for g in goals:
        print(g)


if __name__ == "__main__":
    main()
