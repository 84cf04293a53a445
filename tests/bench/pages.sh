#!/usr/bin/env bash
# @brief Server time of the search page and of a thread page beside their JSON on the scale
# corpus (wrk, same run), and each page's weight as Chromium loads it (pages.py).
# Env: KB_BIN_DIR, KB_BENCH_SCALE_DIR (as speed.sh: the scale build, reused when kept),
#      KB_BENCH_DURATION (15 s per line), KB_BENCH_CONNECTIONS (32), KB_BENCH_THREADS (4).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

require_binaries
ensure_corpus
ensure_wrk
bench_setup_tmp
scale_build   # sets url and INDEX

start_service "$url" "$INDEX" "$BENCH_TMP/service.log"
probe_search

# A question with answers, as a thread page shows one.
tokens=$(create_tokens "$url" 2)
asker=$(echo "$tokens" | sed -n 1p)
expert=$(echo "$tokens" | sed -n 2p)
thread=$(curl -s -X POST "$SERVICE_URL/api/v1/threads" -H "Authorization: Bearer $asker" \
    -H 'Content-Type: application/json' \
    -d '{"title":"Quel montant pour l aide au poste en ACI ?","body":"Nous préparons notre **premier** dossier de conventionnement : quel montant retenir pour l aide au poste, et comment le moduler ?"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for i in 1 2 3 4 5; do
    curl -s -o /dev/null -X POST "$SERVICE_URL/api/v1/threads/$thread/answers" -H "Authorization: Bearer $expert" \
        -H 'Content-Type: application/json' \
        -d "{\"body\":\"Réponse $i : le montant socle est fixé chaque année par arrêté ; la part modulée dépend des *résultats* et des caractéristiques des publics accueillis.\"}"
done
python3 "$BENCH_DIR/pages.py" --service "$SERVICE_URL" --suggestions "$CDTN_DIR/suggestions.txt" \
    --thread "$thread" --workdir "$BENCH_TMP" --duration "${KB_BENCH_DURATION:-15}" \
    --connections "${KB_BENCH_CONNECTIONS:-32}"
report_service_errors "$BENCH_TMP/service.log"
