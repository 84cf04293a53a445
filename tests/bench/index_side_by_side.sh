#!/usr/bin/env bash
# @brief Two kb-indexer builds (or settings) on the scale corpus at the same time, one worker each,
# so that both see the same machine: on shared cores a rebuild's time varies by ±20% from one
# minute to the next, which hides a 10% difference between runs made one after the other.
# Usage: index_side_by_side.sh "<command A>" "<command B>" [rounds, default 2]; a command is a
# kb-indexer binary, optionally with extra options ("build/indexer/kb-indexer --part-docs 5000").
# Each round runs A and B side by side, then again with their places swapped (the first to start
# reads the files first). Prints each run's wall, CPU and analysis time, then the ratios B/A.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || die "usage: $0 \"<command A>\" \"<command B>\" [rounds]"
A=$1
B=$2
ROUNDS=${3:-2}
require_binaries
ensure_corpus
bench_setup_tmp
pg_start
dirs=$(corpus_dirs scale)

# one NAME COMMAND: a rebuild into a fresh database and index folder; writes NAME.time and NAME.log.
one() {
    local name=$1 command=$2 url
    url=$(pg_fresh_db "sbs_$name")
    rm -rf "$BENCH_TMP/index-$name"
    # shellcheck disable=SC2086  # the command's options are meant to split
    /usr/bin/time -f "%e %U %S" -o "$BENCH_TMP/$name.time" $command --progress never \
        --content-dirs "$dirs" --database-url "$url" --index-dir "$BENCH_TMP/index-$name" \
        --rebuild --workers 1 >"$BENCH_TMP/$name.log" 2>&1 || die "$command failed: $(tail -3 "$BENCH_TMP/$name.log")"
}

RESULTS=$BENCH_TMP/side_by_side.tsv
: >"$RESULTS"
for round in $(seq "$ROUNDS"); do
    for order in AB BA; do
        warm_files "$dirs"
        if [ "$order" = AB ]; then
            one a "$A" & one b "$B" & wait
        else
            one b "$B" & one a "$A" & wait
        fi
        for name in a b; do
            read -r wall user sys <"$BENCH_TMP/$name.time"
            analysis=$(grep -o 'analysis and indexing [0-9.]*s' "$BENCH_TMP/$name.log" | grep -o '[0-9.]*')
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round$order" "$name" "$wall" "$user" "$sys" "$analysis" >>"$RESULTS"
        done
        blog "round $round, $order: $(awk -v r="$round$order" '$1 == r {printf "%s %ss ", toupper($2), $3}' "$RESULTS")"
    done
done

python3 - "$RESULTS" "$A" "$B" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]) if l.strip()]
runs = {}
for run, name, wall, user, sys_, analysis in rows:
    runs.setdefault(run, {})[name] = (float(wall), float(user) + float(sys_), float(analysis))
print(f"\nA = {sys.argv[2]}\nB = {sys.argv[3]}\n(one worker each, side by side, scale corpus)")
print(f"{'run':<6} {'A wall':>8} {'B wall':>8} {'A cpu':>8} {'B cpu':>8} {'A anal.':>8} {'B anal.':>8} {'B/A wall':>9}")
ratios = []
for run, r in runs.items():
    (aw, ac, aa), (bw, bc, ba) = r["a"], r["b"]
    ratios.append(bw / aw)
    print(f"{run:<6} {aw:>8.2f} {bw:>8.2f} {ac:>8.2f} {bc:>8.2f} {aa:>8.2f} {ba:>8.2f} {bw / aw:>9.3f}")
print(f"median B/A wall time: {statistics.median(ratios):.3f} (below 1: B is faster)")
PY
