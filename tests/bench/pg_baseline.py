#!/usr/bin/env python3
"""The PostgreSQL full-text baseline: what the previous site did, on the same Markdown files.

  pg_baseline.py copy DIR[:DIR...]   writes the files as COPY text rows (slug, title, body) on
                                     stdout and "docs bytes" on stderr's last line.
  pg_baseline.py build DBURL DIR[:DIR...]
                                     loads them into a table, then builds
                                     setweight(to_tsvector('french', title),'A') ||
                                     setweight(to_tsvector('french', body),'C') and a GIN index;
                                     prints one JSON line {docs, bytes, load_s, build_s}.

The body is the description (front matter) followed by the Markdown body, so the baseline sees
the same words as kb-indexer (which indexes the title, the summary and the body).
Standard library only; talks to PostgreSQL through psql on a Unix socket.
"""
import json
import os
import subprocess
import sys
import time

# lib.sh exports the psql of deploy/common.sh's PostgreSQL; run alone, the one on PATH.
PSQL = os.environ.get("KB_PSQL") or "psql"

TSV_SQL = ("setweight(to_tsvector('french', title), 'A') || "
           "setweight(to_tsvector('french', body), 'C')")
# The query of the previous site: websearch syntax, cover-density ranking, top 10.
SEARCH_SQL = ("SELECT slug FROM baseline, websearch_to_tsquery('french', {q}) AS query "
              "WHERE tsv @@ query ORDER BY ts_rank_cd(tsv, query) DESC, slug LIMIT {limit}")


def unquote(value):
    v = value.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        out, i, inner = [], 0, v[1:-1]
        while i < len(inner):
            c = inner[i]
            if c == "\\" and i + 1 < len(inner):
                i += 1
                out.append("\n" if inner[i] == "n" else inner[i])
            else:
                out.append(c)
            i += 1
        return "".join(out)
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1]
    return v


def read_doc(path):
    """(title, description, body) of a la-communauté Markdown file (enough of its front matter)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    title = description = ""
    body = text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end < 0 and text.endswith("\n---"):
            end = len(text) - 4
        if end >= 0:
            header = text[4:end]
            body = text[end + 5:]
            for line in header.split("\n"):
                key, sep, value = line.partition(":")
                if not sep:
                    continue
                key = key.strip()
                if key == "name":
                    title = unquote(value)
                elif key == "description":
                    description = unquote(value)
    return title, description, body


def iter_files(dirs):
    for d in dirs.split(":"):
        if not d:
            continue
        for root, subdirs, files in os.walk(d, followlinks=True):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(".md") and name != "README.md":
                    yield os.path.join(root, name)


def copy_escape(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
            .replace("\x00", ""))


def write_copy(dirs, out):
    docs = nbytes = 0
    for path in iter_files(dirs):
        nbytes += os.path.getsize(path)
        title, description, body = read_doc(path)
        slug = os.path.splitext(os.path.basename(path))[0]
        full = (description + "\n\n" + body) if description else body
        out.write(f"{copy_escape(slug)}\t{copy_escape(title)}\t{copy_escape(full)}\n")
        docs += 1
    return docs, nbytes


def psql(url, *args, stdin=None, capture=False):
    cmd = [PSQL, url, "-X", "-q", "-v", "ON_ERROR_STOP=1"] + list(args)
    return subprocess.run(cmd, input=stdin, check=True, text=True,
                          stdout=subprocess.PIPE if capture else subprocess.DEVNULL)


def build(url, dirs):
    psql(url, "-c", "DROP TABLE IF EXISTS baseline_raw, baseline",
         "-c", "CREATE TABLE baseline_raw (slug text, title text, body text)")
    t0 = time.perf_counter()
    proc = subprocess.Popen([PSQL, url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                             "\\copy baseline_raw FROM STDIN"], stdin=subprocess.PIPE, text=True,
                            stdout=subprocess.DEVNULL)
    docs, nbytes = write_copy(dirs, proc.stdin)
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("pg_baseline: COPY failed")
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    psql(url, "-c", f"CREATE TABLE baseline AS SELECT slug, title, body, {TSV_SQL} AS tsv FROM baseline_raw",
         "-c", "CREATE INDEX baseline_tsv_idx ON baseline USING gin (tsv)")
    build_s = time.perf_counter() - t0
    psql(url, "-c", "DROP TABLE baseline_raw", "-c", "ANALYZE baseline")
    print(json.dumps({"docs": docs, "bytes": nbytes, "load_s": round(load_s, 3), "build_s": round(build_s, 3)}))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "copy":
        docs, nbytes = write_copy(sys.argv[2], sys.stdout)
        print(f"{docs} {nbytes}", file=sys.stderr)
    elif len(sys.argv) >= 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
