#!/usr/bin/env bash
# @brief Indexing throughput of kb-indexer against the PostgreSQL full-text baseline, on
# (a) the 128 la-communauté fiches and (b) the scale corpus (~92k documents).
# One private PostgreSQL in a temporary folder (removed on exit); a fresh database per run.
# Env: KB_BIN_DIR (binaries, default build/), KB_INDEX_WORKERS (kb-indexer --workers, default 0 =
# one per core), KB_BENCH_SETS (default "fiches scale"), KB_BENCH_KEEP_TMP=1 to keep the work folder,
# KB_BENCH_COMPARE_ROOT=<another checkout, built in its build/> to run its kb-indexer (with its own
# schema/) right after ours in the same run, e.g. a previous commit in a git worktree.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

require_binaries
SETS=${KB_BENCH_SETS:-fiches scale}
case " $SETS " in *" scale "*|*" relevance "*) ensure_corpus ;; esac
bench_setup_tmp
pg_start
blog "PostgreSQL in $BENCH_TMP/postgres; binaries from $KB_BIN_DIR"

RESULTS=$BENCH_TMP/results.tsv
: >"$RESULTS"
for set in $SETS; do
    case "$set" in
        fiches) dirs=$FICHES_DIR ;;
        scale) dirs=$(corpus_dirs scale) ;;
        relevance) dirs=$(corpus_dirs relevance) ;;
        *) die "unknown set '$set' (fiches, relevance, scale)" ;;
    esac

    blog "[$set] kb-indexer --rebuild (fresh database and index folder)"
    url=$(pg_fresh_db "kb_$set")
    warm_files "$dirs"
    summary=$(run_indexer "$BENCH_TMP/indexer-$set.log" --content-dirs "$dirs" --database-url "$url" \
        --index-dir "$BENCH_TMP/index-$set" --rebuild --workers "${KB_INDEX_WORKERS:-0}")
    blog "[$set] $summary"
    index_mb=$(du -sm "$BENCH_TMP/index-$set" | cut -f1)
    db_mb=$("$PSQL" "$url" -XAtc "SELECT pg_database_size(current_database()) / 1000000")

    other="-"
    if [ -n "${KB_BENCH_COMPARE_ROOT:-}" ]; then
        blog "[$set] kb-indexer of $KB_BENCH_COMPARE_ROOT --rebuild (its own schema)"
        other_url=$(pg_fresh_db "cmp_$set" "$KB_BENCH_COMPARE_ROOT/schema")
        warm_files "$dirs"
        other=$(INDEXER="$KB_BENCH_COMPARE_ROOT/build/indexer/kb-indexer" run_indexer \
            "$BENCH_TMP/other-$set.log" --content-dirs "$dirs" --database-url "$other_url" \
            --index-dir "$BENCH_TMP/other-index-$set" --rebuild --workers "${KB_INDEX_WORKERS:-0}")
        blog "[$set] other $other"
        pg_drop_db "cmp_$set"
        rm -rf "$BENCH_TMP/other-index-$set"
    fi

    blog "[$set] PostgreSQL baseline: COPY, then to_tsvector('french') A/C + GIN"
    burl=$(pg_fresh_plain_db "pg_$set")
    warm_files "$dirs"
    baseline=$(python3 "$BENCH_DIR/pg_baseline.py" build "$burl" "$dirs")
    blog "[$set] baseline $baseline"
    pg_mb=$("$PSQL" "$burl" -XAtc "SELECT pg_total_relation_size('baseline') / 1000000")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$summary" "$baseline" "$index_mb" "$db_mb" "$pg_mb" \
        "$other" >>"$RESULTS"
    pg_drop_db "kb_$set" "pg_$set"
    rm -rf "$BENCH_TMP/index-$set"
done

python3 - "$RESULTS" <<'EOF'
import json, re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
pat = re.compile(r"kb-indexer: (\d+) files: (\d+) added, (\d+) updated, (\d+) deleted, (\d+) skipped, "
                 r"(\d+) failed in ([\d.]+)s \(([\d.]+) docs/s, ([\d.]+) MB/s\)")
print()
print("Indexing throughput (kb-indexer --rebuild vs PostgreSQL to_tsvector('french') + GIN)")
hdr = f"{'corpus':<8} {'docs':>7} {'MB':>7}  {'system':<34} {'time s':>8} {'docs/s':>8} {'MB/s':>7} {'size MB':>8}"
print(hdr)
print("-" * len(hdr))
for name, summary, baseline, index_mb, db_mb, pg_mb, other in rows:
    m = pat.search(summary)
    files, added, updated, failed, secs = int(m[1]), int(m[2]), int(m[3]), int(m[6]), float(m[7])
    b = json.loads(baseline)
    docs, mb = b["docs"], b["bytes"] / 1e6
    ours_docs = added + updated
    ours_rate, ours_mbs = ours_docs / secs, mb / secs
    pg_rate, pg_mbs = docs / b["build_s"], mb / b["build_s"]
    tot = b["load_s"] + b["build_s"]
    print(f"{name:<8} {docs:>7} {mb:>7.1f}  {'kb-indexer (PG rows + Xapian)':<34} {secs:>8.2f} {ours_rate:>8.0f} {ours_mbs:>7.2f} {int(index_mb) + int(db_mb):>8}")
    print(f"{'':<8} {'':>7} {'':>7}  {'PG tsvector + GIN':<34} {b['build_s']:>8.2f} {pg_rate:>8.0f} {pg_mbs:>7.2f} {int(pg_mb):>8}")
    print(f"{'':<8} {'':>7} {'':>7}  {'PG COPY + tsvector + GIN':<34} {tot:>8.2f} {docs / tot:>8.0f} {mb / tot:>7.2f} {'':>8}")
    print(f"{'':<8} {'':>7} {'':>7}  {'ratio ours/PG (tsvector + GIN)':<34} {'':>8} {ours_rate / pg_rate:>8.2f} {ours_mbs / pg_mbs:>7.2f}")
    print(f"{'':<8} {'':>7} {'':>7}  {'ratio ours/PG (COPY + tsv + GIN)':<34} {'':>8} {ours_rate * tot / docs:>8.2f} {ours_mbs * tot / mb:>7.2f}")
    o = pat.search(other)
    if o:
        other_secs = float(o[7])
        other_rate = (int(o[2]) + int(o[3])) / other_secs
        print(f"{'':<8} {'':>7} {'':>7}  {'kb-indexer of KB_BENCH_COMPARE_ROOT':<34} {other_secs:>8.2f} {other_rate:>8.0f} {mb / other_secs:>7.2f}")
        print(f"{'':<8} {'':>7} {'':>7}  {'ratio ours/KB_BENCH_COMPARE_ROOT':<34} {'':>8} {ours_rate / other_rate:>8.2f}")
    if failed or ours_docs != docs:
        print(f"{'':<8} note: kb-indexer indexed {ours_docs} of {files} files, {failed} failed")
print()
print("size MB: ours = Xapian index folder + PostgreSQL database; PG = baseline table + GIN index.")
print("MB = bytes of the Markdown files (page cache warmed before each run). kb-indexer: one analysis thread")
print("per core, time from its summary line. PG: one backend; COPY includes reading and splitting the files in Python.")
EOF
