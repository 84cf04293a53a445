#!/usr/bin/env bash
# @brief Search relevance on the CDTN judgements: indexes the relevance corpus (service-public
# sheets, Code du travail articles, ministry sheets: ~20k documents) with the CDTN synonyms, serves
# it, builds the PostgreSQL full-text baseline on the same files, and runs every phrasing of
# savedResults.json through both (relevance.py). Prints nDCG@10 / MRR@10 / recall@10 per query class.
# Env: KB_BIN_DIR (default build/), KB_BENCH_LIMIT (only the first N phrasings),
# KB_BENCH_KEEP_TMP=1 (keep the work folder). Details per phrasing: tests/bench/results/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

require_binaries
ensure_corpus
SYNONYMS=${KB_BENCH_SYNONYMS:-$CDTN_DIR/synonyms.json}
DIRS=$(corpus_dirs relevance)
bench_setup_tmp
pg_start

blog "indexing the relevance corpus with --synonyms $SYNONYMS"
url=$(pg_fresh_db kb_relevance)
summary=$(run_indexer "$BENCH_TMP/indexer.log" --content-dirs "$DIRS" --database-url "$url" \
    --index-dir "$BENCH_TMP/index" --rebuild --synonyms "$SYNONYMS")
blog "$summary"

blog "PostgreSQL baseline (to_tsvector('french'), title A, body C, GIN)"
burl=$(pg_fresh_plain_db pg_relevance)
blog "baseline $(python3 "$BENCH_DIR/pg_baseline.py" build "$burl" "$DIRS")"

start_service "$url" "$BENCH_TMP/index" "$BENCH_TMP/service.log"
probe_search

mkdir -p "$BENCH_DIR/results"
out=$BENCH_DIR/results/relevance-$(date +%Y%m%d-%H%M%S).json
limit=()
[ -n "${KB_BENCH_LIMIT:-}" ] && limit=(--limit "$KB_BENCH_LIMIT")
echo "$summary"
python3 "$BENCH_DIR/relevance.py" --service "$SERVICE_URL" --pg-url "$burl" \
    --judgements "$CORPUS/judgements.json" --corpus-dirs "$DIRS" --synonyms "$SYNONYMS" \
    --out "$out" "${limit[@]}"
report_service_errors "$BENCH_TMP/service.log"
