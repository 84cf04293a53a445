#!/usr/bin/env bash
# @brief Benchmark: GET /api/v1/indicators on 100,000 questions and 400,000 answers generated in
# PostgreSQL (3 years, 2,600 members of whom 600 experts); prints p50/p99 of the route (goal:
# p99 <= 200 ms) beside the same first-answer figures computed straight from the answers table
# (the baseline that the tables kept by triggers avoid), in the same run.
# Usage: tests/bench/indicators.sh [REQUESTS=200] [QUESTIONS=100000] [ANSWERS=400000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REQUESTS=${1:-200}
QUESTIONS=${2:-100000}
ANSWERS=${3:-400000}
require_binaries
bench_setup_tmp
pg_start
url=$(pg_fresh_db kb_pulse)
blog "generating $QUESTIONS questions and $ANSWERS answers"
"$PSQL" "$url" -qX -v ON_ERROR_STOP=1 -v questions="$QUESTIONS" -v answers="$ANSWERS" <<'SQL'
-- Bulk load without the per-row triggers, then fill their table once, as the migration does.
SET session_replication_role = replica;
INSERT INTO users (login, display_name, role, territory, structure_type)
SELECT 'user' || i, 'Membre ' || i, CASE WHEN i <= 600 THEN 'expert' ELSE 'member' END,
       lpad(((i % 95) + 1)::text, 2, '0'), (ARRAY['ACI','AI','EI','ETTI','EITI'])[1 + i % 5]
  FROM generate_series(1, 2600) i;
INSERT INTO threads (author_id, title, body_markdown, body_html, territory, structure_type, step,
                     created_at, updated_at)
SELECT 601 + (i % 2000), 'Question ' || i, 'corps', '<p>corps</p>',
       lpad(((i % 95) + 1)::text, 2, '0'), (ARRAY['ACI','AI','EI','ETTI','EITI'])[1 + i % 5],
       NULL, now() - (random() * interval '1095 days'), now()
  FROM generate_series(1, :questions) i;
INSERT INTO answers (thread_id, author_id, body_markdown, body_html, hidden, created_at, updated_at)
SELECT t.id, 1 + (i % 600), 'réponse', '<p>réponse</p>', i % 50 = 0,
       t.created_at + random() * interval '6 days', now()
  FROM generate_series(1, :answers) i
  JOIN threads t ON t.id = 1 + (hashint4(i) & 2147483647) % :questions;
ANALYZE;
UPDATE threads t SET accepted_answer_id = m.first
  FROM (SELECT thread_id, min(id) AS first FROM answers GROUP BY thread_id) m
 WHERE m.thread_id = t.id AND t.id % 3 = 0;
INSERT INTO member_activity (week, user_id)
SELECT DISTINCT date_trunc('week', current_date - (i % 400))::date, 1 + (hashint4(i) & 2147483647) % 2600
  FROM generate_series(1, 300000) i;
-- What the triggers keep, filled once (triggers still off: each fill would set off the next).
INSERT INTO thread_first_answers (thread_id, first_answer_at)
SELECT a.thread_id, min(a.created_at) FROM answers a JOIN threads t ON t.id = a.thread_id
 WHERE NOT a.hidden AND a.author_id <> t.author_id GROUP BY a.thread_id;
INSERT INTO answer_weeks (week, author_id, answers)
SELECT date_trunc('week', created_at AT TIME ZONE 'UTC')::date, author_id, count(*)
  FROM answers WHERE NOT hidden GROUP BY 1, 2;
INSERT INTO member_week_counts (week, territory, structure_type, members)
SELECT m.week, coalesce(u.territory, ''), coalesce(u.structure_type, ''), count(*)
  FROM member_activity m JOIN users u ON u.id = m.user_id GROUP BY 1, 2, 3;
-- schema/0017: one narrow row per visible question, each author's runs of active weeks.
INSERT INTO question_facts SELECT * FROM question_fact_source;
SELECT refresh_answer_runs(id) FROM users WHERE role = 'expert' \g /dev/null
SET session_replication_role = origin;
ANALYZE;
SQL
blog "$(run_indexer "$BENCH_TMP/indexer.log" --database-url "$url" --index-dir "$BENCH_TMP/index" \
    --content-dirs "$ROOT/content")"
start_service "$url" "$BENCH_TMP/index" "$BENCH_TMP/service.log"

python3 - "$SERVICE_URL" "$REQUESTS" <<'PY'
import http.client, statistics, sys, time, urllib.parse
base, n = sys.argv[1], int(sys.argv[2])
u = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(u.hostname, u.port)
targets = ["/api/v1/indicators", "/api/v1/indicators?territory=75",
           "/api/v1/indicators?structure_type=ACI", "/api/v1/indicators?from=2024-01-01&to=2026-06-30"]
for t in targets:  # warm-up, and every variant must answer 200
    conn.request("GET", t, headers={"Connection": "keep-alive"}); r = conn.getresponse(); r.read()
    assert r.status == 200, (t, r.status)
times = []
for i in range(n):
    t0 = time.perf_counter()
    conn.request("GET", targets[i % len(targets)], headers={"Connection": "keep-alive"})
    r = conn.getresponse(); r.read()
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"indicators route: {n} requests, p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {times[-1]:.1f} ms (goal p99 <= 200 ms)")
PY

# Baseline: the same first-answer figures for the default period, straight from the answers.
baseline_ms=$("$PSQL" "$url" -qAtX <<'SQL' | awk '/^Time:/ {print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
\timing on
\o /dev/null
SELECT count(*), count(f), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f - created_at))
  FROM (SELECT t.created_at, (SELECT min(a.created_at) FROM answers a WHERE a.thread_id = t.id
                                 AND NOT a.hidden AND a.author_id <> t.author_id) AS f
          FROM threads t WHERE NOT t.hidden AND t.created_at >= now() - interval '364 days') q;
SELECT count(*), count(f), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f - created_at))
  FROM (SELECT t.created_at, (SELECT min(a.created_at) FROM answers a WHERE a.thread_id = t.id
                                 AND NOT a.hidden AND a.author_id <> t.author_id) AS f
          FROM threads t WHERE NOT t.hidden AND t.created_at >= now() - interval '364 days') q;
SELECT count(*), count(f), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f - created_at))
  FROM (SELECT t.created_at, (SELECT min(a.created_at) FROM answers a WHERE a.thread_id = t.id
                                 AND NOT a.hidden AND a.author_id <> t.author_id) AS f
          FROM threads t WHERE NOT t.hidden AND t.created_at >= now() - interval '364 days') q;
SQL
)
echo "baseline (first answers computed from the answers table, one query, median of 3): ${baseline_ms} ms"
report_service_errors "$BENCH_TMP/service.log"
