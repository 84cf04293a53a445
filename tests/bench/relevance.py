#!/usr/bin/env python3
"""Relevance of /api/v1/search against the PostgreSQL full-text baseline on the CDTN judgements.

Every phrasing ("variant") of savedResults.json goes, sequentially, through
  - ours: GET /api/v1/search?q=...&per_page=10 (one keep-alive HTTP connection), and
  - the baseline: websearch_to_tsquery('french', q), tsv @@ query, ts_rank_cd, top 10 (one psql session);
then nDCG@10 (gain = the judged relevance grade, 1-5, log2 discount), MRR@10 and recall@10 are
averaged overall and per query class, with the share of phrasings that got no result at all.

Query classes (a phrasing may be in several; "other" = in none):
  accent-less  no diacritic in the phrasing, but a word of it that the corpus writes with accents
               (its most frequent corpus spelling, folded to the same letters, has diacritics)
  one word     a single whitespace-separated token
  typo         a word absent from the corpus vocabulary (accent-folded) but close to a corpus word:
               edit distance <= 2 for words of 5+ letters, <= 1 for 4 letters (shorter: never)
  acronym      a token that is an abbreviation on the left side of a synonyms.json rule (its
               letters are the initials of a multi-word term of the same rule, and the corpus writes it
               in capitals at least as often as in lower case), or all caps 2-6 letters
  long question  6+ words, or ends with '?'
Standard library only.
"""
import argparse
import collections
import http.client
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pg_baseline  # noqa: E402

K = 10
CLASSES = ["accent-less", "one word", "typo", "acronym", "long question", "other"]
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
STOP_SHORT = {"de", "la", "le", "les", "des", "du", "un", "une", "et", "en", "au", "aux", "a", "l", "d",
              "pour", "par", "sur", "dans", "avec", "sans", "à", "ou"}


# ---------------------------------------------------------------------------------------------
# text helpers

def fold(s):
    s = s.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def has_diacritic(s):
    return fold(s) != s.lower().replace("œ", "oe").replace("æ", "ae") or "œ" in s.lower() or "æ" in s.lower()


def words(s):
    return WORD_RE.findall(s.lower())


class Vocabulary:
    """Word forms of the corpus: exact lowercase forms, and folded form -> most frequent spelling."""

    def __init__(self, dirs):
        raw = collections.Counter()
        for path in pg_baseline.iter_files(dirs):
            title, description, body = pg_baseline.read_doc(path)
            for text in (title, description, body):
                raw.update(WORD_RE.findall(text))
        counts = collections.Counter()
        for w, n in raw.items():
            counts[w.lower()] += n
        self.raw_counts = raw  # case kept: tells acronyms (CDI) from words (cas, due)
        self.counts = counts
        by_fold = {}
        for w, n in counts.items():
            f = fold(w)
            best = by_fold.get(f)
            if best is None or n > best[1]:
                by_fold[f] = (w, n)
        self.dominant = {f: w for f, (w, _) in by_fold.items()}
        self.folded = set(self.dominant)
        self.trie = None

    def _build_trie(self):
        trie = {}
        for w in self.folded:
            if len(w) < 2:
                continue
            node = trie
            for c in w:
                node = node.setdefault(c, {})
            node["$"] = w
        self.trie = trie

    def near(self, word, max_dist):
        """True if a corpus word (folded) is within Levenshtein distance max_dist of word."""
        if self.trie is None:
            self._build_trie()
        first = list(range(len(word) + 1))
        stack = [(self.trie, c, first) for c in self.trie if c != "$"]
        while stack:
            parent, c, prev = stack.pop()
            node = parent[c]
            row = [prev[0] + 1]
            for i in range(1, len(word) + 1):
                cost = 0 if word[i - 1] == c else 1
                row.append(min(row[i - 1] + 1, prev[i] + 1, prev[i - 1] + cost))
            if "$" in node and row[-1] <= max_dist:
                return True
            if min(row) <= max_dist:
                stack.extend((node, ch, row) for ch in node if ch != "$")
        return False


def synonym_abbreviations(path):
    """Single-word terms of the left side of a rule whose letters are the initials of a multi-word
    term of the same rule (e.g. 'cse, comité social et économique => ...')."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        rules = json.loads(text)
    except json.JSONDecodeError:
        rules = [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    out = set()
    for rule in rules:
        left, _, right = rule.partition("=>")
        terms = [t.strip().lower() for t in left.split(",") if t.strip()]
        all_terms = terms + [t.strip().lower() for t in right.split(",") if t.strip()]
        long_terms = [t for t in all_terms if len(re.split(r"[\s'’-]+", t)) >= 2]
        for t in terms:
            if " " in t:
                continue
            key = re.sub(r"[.\-]", "", fold(t))
            if not (2 <= len(key) <= 8 and key.isalpha()):
                continue
            for lt in long_terms:
                initials = "".join(w[0] for w in re.split(r"[\s'’\-]+", fold(lt)) if w)
                it = iter(initials)
                if key[0] == initials[:1] and all(ch in it for ch in key):
                    out.add(key)
                    break
    return out


def classify(q, vocab, abbreviations):
    classes = set()
    tokens = q.split()
    ws = words(q)
    if not has_diacritic(q):
        for w in ws:
            dom = vocab.dominant.get(w)
            if dom is not None and dom != w and has_diacritic(dom):
                classes.add("accent-less")
                break
    if len(tokens) == 1:
        classes.add("one word")
    for w in ws:
        f = fold(w)
        if len(f) < 4 or f in vocab.folded:
            continue
        if vocab.near(f, 2 if len(f) >= 5 else 1):
            classes.add("typo")
            break
    for t in tokens:
        raw = t.strip(".,;:!?()\"'«»")
        key = re.sub(r"[.\-]", "", fold(raw))
        if key in abbreviations or re.fullmatch(r"[A-Z]{2,6}", raw):
            classes.add("acronym")
            break
    if len(tokens) >= 6 or q.strip().endswith("?"):
        classes.add("long question")
    if not classes:
        classes.add("other")
    return classes


# ---------------------------------------------------------------------------------------------
# the two systems

class Service:
    def __init__(self, base_url):
        u = urllib.parse.urlsplit(base_url)
        self.host, self.port = u.hostname, u.port
        self.conn = None
        self.errors = collections.Counter()

    def _connect(self):
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def search(self, q):
        path = "/api/v1/search?" + urllib.parse.urlencode({"q": q, "per_page": K})
        for attempt in range(2):
            if self.conn is None:
                self._connect()
            try:
                t0 = time.perf_counter()
                self.conn.request("GET", path, headers={"Connection": "keep-alive"})
                resp = self.conn.getresponse()
                body = resp.read()
                elapsed = time.perf_counter() - t0
                if resp.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                break
            except (http.client.HTTPException, OSError):
                if self.conn:
                    self.conn.close()
                self.conn = None
                if attempt == 1:
                    self.errors["connection"] += 1
                    return None, 0.0, None
        if resp.status != 200:
            self.errors[f"HTTP {resp.status}"] += 1
            return None, elapsed, body[:300].decode("utf-8", "replace")
        try:
            data = json.loads(body)
            slugs = [r.get("slug") for r in data.get("results", [])][:K]
            return {"slugs": slugs, "total": data.get("total"), "corrected": data.get("corrected_query"),
                    "took_ms": data.get("took_ms")}, elapsed, None
        except (ValueError, AttributeError) as e:
            self.errors["bad JSON"] += 1
            return None, elapsed, str(e)


def sql_literal(s):
    return "'" + s.replace("\x00", "").replace("'", "''") + "'"


def baseline_search_all(pg_url, queries):
    """Runs every query in one psql session; returns [(slugs, ms)]."""
    lines = ["\\pset pager off", "\\timing on"]
    for i, q in enumerate(queries):
        q1 = " ".join(q.split())
        lines.append(f"\\echo @@{i}")
        lines.append(pg_baseline.SEARCH_SQL.format(q=sql_literal(q1), limit=K) + ";")
    script = "\n".join(lines) + "\n"
    proc = subprocess.run([pg_baseline.PSQL, pg_url, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1"],
                          input=script, text=True, capture_output=True, check=False)
    if proc.returncode != 0:
        sys.exit("relevance: baseline psql failed: " + proc.stderr[-2000:])
    results = [([], 0.0) for _ in queries]
    cur = None
    for line in proc.stdout.splitlines():
        if line.startswith("@@"):
            cur = int(line[2:])
            results[cur] = ([], 0.0)
        elif cur is None:
            continue
        elif line.startswith("Time: "):
            ms = float(line.split()[1])
            results[cur] = (results[cur][0], ms)
        elif line and line != "Timing is on.":
            results[cur][0].append(line)
    return results


# ---------------------------------------------------------------------------------------------
# metrics

def metrics(ranked, gains):
    dcg = sum(gains.get(s, 0) / math.log2(i + 2) for i, s in enumerate(ranked[:K]))
    ideal = sorted(gains.values(), reverse=True)[:K]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    rr = 0.0
    for i, s in enumerate(ranked[:K]):
        if gains.get(s, 0) > 0:
            rr = 1.0 / (i + 1)
            break
    found = len({s for s in ranked[:K] if gains.get(s, 0) > 0})
    # The CDTN team's own figure: nDCG@5 with the grade as (linear) gain.
    dcg5 = sum(gains.get(s, 0) / math.log2(i + 2) for i, s in enumerate(ranked[:5]))
    idcg5 = sum(g / math.log2(i + 2) for i, g in enumerate(ideal[:5]))
    return {"ndcg": dcg / idcg if idcg else 0.0, "mrr": rr, "recall": found / len(gains) if gains else 0.0,
            "zero": 1.0 if not ranked else 0.0, "ndcg5": dcg5 / idcg5 if idcg5 else 0.0}


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--service", required=True, help="base URL, e.g. http://127.0.0.1:8080")
    ap.add_argument("--pg-url", required=True, help="libpq URL of the database holding the baseline table")
    ap.add_argument("--judgements", required=True)
    ap.add_argument("--corpus-dirs", required=True, help="colon-separated folders (for the vocabulary)")
    ap.add_argument("--synonyms", required=True)
    ap.add_argument("--out", help="write per-phrasing details (JSON) here")
    ap.add_argument("--limit", type=int, default=0, help="only the first N phrasings (for a quick try)")
    args = ap.parse_args()

    with open(args.judgements, encoding="utf-8") as f:
        judged = json.load(f)
    phrasings = []
    for t in judged["topics"]:
        if not t["relevant"]:
            continue
        for v in t["variants"]:
            phrasings.append((t, v))
    if args.limit:
        phrasings = phrasings[: args.limit]

    t0 = time.time()
    vocab = Vocabulary(args.corpus_dirs)
    # An abbreviation of synonyms.json that the corpus mostly writes in lower case is an ordinary
    # word too ("cas", "due"): it does not make a phrasing an acronym query.
    abbreviations = {a for a in synonym_abbreviations(args.synonyms)
                     if vocab.raw_counts[a] <= vocab.raw_counts[a.upper()]}
    classes = [classify(q, vocab, abbreviations) for _, q in phrasings]
    print(f"[relevance] vocabulary {len(vocab.counts)} forms, {len(abbreviations)} synonym abbreviations, "
          f"classified {len(phrasings)} phrasings in {time.time() - t0:.1f} s", file=sys.stderr)

    # ours, sequentially over one keep-alive connection
    svc = Service(args.service)
    ours, ours_ms, failures = [], [], []
    t0 = time.time()
    for i, (_, q) in enumerate(phrasings):
        res, elapsed, err = svc.search(q)
        if res is None:
            failures.append({"query": q, "error": err})
            if len(failures) == 20 and not ours:
                sys.exit(f"relevance: the first 20 searches failed ({failures[0]}); is /api/v1/search there?")
            ours.append(None)
        else:
            ours.append(res)
            ours_ms.append(elapsed * 1000)
    t_ours = time.time() - t0
    print(f"[relevance] ours: {len(phrasings)} queries in {t_ours:.1f} s, errors: {dict(svc.errors) or 'none'}",
          file=sys.stderr)

    t0 = time.time()
    base = baseline_search_all(args.pg_url, [q for _, q in phrasings])
    t_base = time.time() - t0
    print(f"[relevance] baseline: {len(phrasings)} queries in {t_base:.1f} s", file=sys.stderr)

    rows = []
    per = {"ours": collections.defaultdict(list), "pg": collections.defaultdict(list)}
    by_topic = {"ours": collections.defaultdict(list), "pg": collections.defaultdict(list)}
    for (topic, q), cls, o, (bslugs, bms) in zip(phrasings, classes, ours, base):
        gains = topic["relevant"]
        mo = metrics(o["slugs"] if o else [], gains)
        mb = metrics(bslugs, gains)
        by_topic["ours"][id(topic)].append(mo["ndcg5"])
        by_topic["pg"][id(topic)].append(mb["ndcg5"])
        for c in list(cls) + ["all"]:
            per["ours"][c].append(mo)
            per["pg"][c].append(mb)
        rows.append({"query": q, "topic": topic["title"], "classes": sorted(cls),
                     "ours": {"slugs": o["slugs"] if o else None, "total": o and o["total"],
                              "corrected": o and o["corrected"], **mo},
                     "pg": {"slugs": bslugs, "ms": bms, **mb}})

    def avg(lst, key):
        return sum(m[key] for m in lst) / len(lst) if lst else float("nan")

    n_topics = len({id(t) for t, _ in phrasings})
    n_judged = sum(len(t["relevant"]) for t in judged["topics"] if t["relevant"])
    print()
    print(f"Relevance on the CDTN judgements: {len(phrasings)} phrasings of {n_topics} topics, "
          f"{n_judged} judged documents resolved ({judged['resolved']}/{judged['judged']} judged references)")
    print("ours = GET /api/v1/search (per_page=10); PG = websearch_to_tsquery('french') + ts_rank_cd "
          "(title A, body C), top 10")
    hdr = (f"{'class':<14} {'#phr':>5} | {'nDCG@10':^15} | {'MRR@10':^15} | {'recall@10':^15} | {'zero results':^15}")
    sub = (f"{'':<14} {'':>5} | {'ours':>7} {'PG':>7} | {'ours':>7} {'PG':>7} | {'ours':>7} {'PG':>7} | "
           f"{'ours':>7} {'PG':>7}")
    print(hdr)
    print(sub)
    print("-" * len(sub))
    for c in ["all"] + CLASSES:
        o, b = per["ours"][c], per["pg"][c]
        if not o:
            print(f"{c:<14} {0:>5} |")
            continue
        print(f"{c:<14} {len(o):>5} | {avg(o, 'ndcg'):>7.3f} {avg(b, 'ndcg'):>7.3f} | {avg(o, 'mrr'):>7.3f} "
              f"{avg(b, 'mrr'):>7.3f} | {avg(o, 'recall'):>7.3f} {avg(b, 'recall'):>7.3f} | "
              f"{100 * avg(o, 'zero'):>6.1f}% {100 * avg(b, 'zero'):>6.1f}%")
    def cdtn(system):
        topics = [sum(v) / len(v) for v in by_topic[system].values()]
        return sum(topics) / len(topics) if topics else float("nan")

    print(f"CDTN formula (nDCG@5, linear gain, averaged per phrasing within a topic, then over "
          f"{len(by_topic['ours'])} topics): ours {cdtn('ours'):.3f}, PG {cdtn('pg'):.3f}")
    print()
    if ours_ms:
        print(f"sequential latency, client side: ours p50 {pct(ours_ms, 50):.2f} ms, p99 {pct(ours_ms, 99):.2f} ms, "
              f"max {max(ours_ms):.1f} ms; PG p50 {pct([m for _, m in base], 50):.2f} ms, "
              f"p99 {pct([m for _, m in base], 99):.2f} ms, max {max(m for _, m in base):.1f} ms")
    if failures:
        print(f"ours: {len(failures)} failed requests ({dict(svc.errors)}), e.g. {failures[0]}")
    slow = sorted(((ms, q) for ms, (_, q) in zip(ours_ms, phrasings)), reverse=True)[:5] if len(ours_ms) == len(phrasings) else []
    if slow:
        print("slowest queries (ours): " + "; ".join(f"{q!r} {ms:.1f} ms" for ms, q in slow))
    zero = [r["query"] for r in rows if r["ours"]["zero"]]
    if zero:
        print(f"zero results (ours), {len(zero)} phrasings, e.g.: " + "; ".join(repr(z) for z in zero[:12]))
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump({"phrasings": rows}, f, ensure_ascii=False, indent=1)
        print(f"per-phrasing details: {args.out}")


if __name__ == "__main__":
    main()
