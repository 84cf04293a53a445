#!/usr/bin/env python3
"""@brief Two running services side by side on the CDTN phrasings: are their pages the same?

Usage: ab_pages.py URL_A URL_B JUDGEMENTS_JSON [EXTRA_QUERY_STRING]
Sends every phrasing (no-cache, per_page=10, plus EXTRA such as "&kind=fiche" or "&page=3") to
both and counts the answers with the same results in the same order, with the same total, and
how many of those differ only in their scores, and how many whole answers (snippets, facets,
corrections: everything but `took_ms`) are identical. Used to check that `--own-ranker true`
ranks what Xapian's matcher (`--own-ranker false`) ranks (tests/bench/README.md, fourth pass),
and that a faster build answers exactly what the previous one did (sixth pass).
"""
import http.client
import json
import sys
import urllib.parse


def connect(url):
    host, port = url.split("//")[1].split(":")
    return http.client.HTTPConnection(host, int(port.rstrip("/")))


def search(conn, q, extra):
    conn.request("GET", "/api/v1/search?per_page=10&q=" + urllib.parse.quote(q) + extra,
                 headers={"Cache-Control": "no-cache"})
    return json.loads(conn.getresponse().read())


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    url_a, url_b, judgements = sys.argv[1:4]
    extra = sys.argv[4] if len(sys.argv) > 4 else ""
    topics = json.load(open(judgements))["topics"]
    phrasings = sorted({" ".join(v.split()) for t in topics for v in t["variants"] if v.strip()})
    a, b = connect(url_a), connect(url_b)
    same = scores = reordered = other = totals = identical = 0
    for q in phrasings:
        ra, rb = search(a, q, extra), search(b, q, extra)
        ra.pop("took_ms", None)
        rb.pop("took_ms", None)
        identical += ra == rb
        ids_a = [r["id"] for r in ra["results"]]
        ids_b = [r["id"] for r in rb["results"]]
        totals += ra["total"] != rb["total"]
        if ids_a == ids_b:
            same += 1
            scores += [r["score"] for r in ra["results"]] != [r["score"] for r in rb["results"]]
        elif set(ids_a) == set(ids_b):
            reordered += 1
        else:
            other += 1
            print(f"differ: {q!r}: {ids_a[:3]} / {ids_b[:3]}")
    print(f"{len(phrasings)} phrasings: same pages {same} (of which scores differ {scores}), "
          f"reordered {reordered}, other documents {other}, totals differ {totals}; "
          f"whole answers identical {identical}")


if __name__ == "__main__":
    main()
