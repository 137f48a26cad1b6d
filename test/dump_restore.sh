#!/usr/bin/env bash
# Users' data survives pg_dump and restore (extension config tables): a fork
# with an edited parameter, a user body with scope, inputs, supplied scores,
# runs and score trees. Prints TAP; run inside scripts/throwaway-cluster.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

createdb dump_source
psql_q -d dump_source <<'SQL' >/dev/null
CREATE EXTENSION perf_eval;
SELECT perf_eval.fork_methodology('kz2020', 'user_fork');
SELECT perf_eval.set_param('user_fork', 'complaints.r1.scale', '500', note => 'a user edit');
INSERT INTO perf_eval.body (code, kind, name_en, name_ru) VALUES ('USER_BODY', 'CSB', 'A user body', 'Орган пользователя');
INSERT INTO perf_eval.body_scope (body, block, year_from, status) VALUES ('USER_BODY', 'orgdev', 2020, 'exempt');
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2020, 20000, 8, 0, 21, 6), ('USER_BODY', 2020, 5000, 1, 0, 2, 1);
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES ('MF', 2020, 'interaction.services', 80);
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MF', 2020, 'goals', 'untimely', 1);
INSERT INTO perf_eval.complaint_record VALUES ('2020-03-01', '2020-03-10', false, false, false, false, '2020-03-05', 'TYPO');
-- Registry rows: the restore replays them through the change triggers.
INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
VALUES ('2020-03-01', '2020-03-10', '2020-03-05', 'ACSA'), ('2020-04-01', '2020-04-10', '2020-04-20', 'ACSA');
CALL perf_eval.recalculate(2020);
CALL perf_eval.recalculate(2020, 'user_fork');
SQL

# What a user would check after a restore, as one text per database.
fingerprint() {
    psql -X -A -t -d "$1" <<'SQL'
SELECT string_agg(x, E'\n' ORDER BY x) FROM (
    SELECT 'methodology ' || name || ' based on ' || coalesce(based_on, '-') FROM perf_eval.methodology
    UNION ALL SELECT 'param ' || methodology || ' ' || key || ' = ' || value || ' ' || provenance
              FROM perf_eval.methodology_param WHERE methodology = 'user_fork' AND key = 'complaints.r1.scale'
    UNION ALL SELECT 'params ' || methodology || ' ' || count(*) FROM perf_eval.methodology_param GROUP BY methodology
    UNION ALL SELECT 'body ' || code || ' ' || kind FROM perf_eval.body WHERE NOT shipped
    UNION ALL SELECT 'scope ' || body || ' ' || block || ' ' || status FROM perf_eval.body_scope WHERE NOT shipped
    UNION ALL SELECT 'counts ' || body || ' ' || considered FROM perf_eval.complaint_counts
    UNION ALL SELECT 'supplied ' || body || ' ' || node || ' ' || value FROM perf_eval.supplied_score
    UNION ALL SELECT 'penalty ' || body || ' ' || kind || ' ' || count FROM perf_eval.penalty_event
    UNION ALL SELECT 'run ' || run_id || ' ' || methodology || ' ' || status FROM perf_eval.run
    UNION ALL SELECT 'score ' || run_id || ' ' || body || ' ' || node || ' ' || coalesce(value::text, 'null') FROM perf_eval.score
    UNION ALL SELECT 'problem ' || run_id || ' ' || registry || ' ' || body || ' ' || month || ' ' || rows || ' ' || reason
              FROM perf_eval.run_problems
) AS t(x);
SQL
}

n=0; failed=0
check() {  # description, command...
    n=$((n + 1))
    if "${@:2}"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}

fingerprint dump_source >"$work/source.txt"
pg_dump -d dump_source -f "$work/dump.sql" 2>"$work/dump.err"
check "pg_dump of a database with perf_eval succeeds" test -s "$work/dump.sql"
createdb dump_target
psql -X -q -v ON_ERROR_STOP=1 -d dump_target -f "$work/dump.sql" >"$work/restore.out" 2>&1
check "the dump restores into an empty database without errors" test $? -eq 0
fingerprint dump_target >"$work/target.txt"
check "forks, edits, user bodies, scope, inputs, runs, score trees and run problems are restored" cmp -s "$work/source.txt" "$work/target.txt"
# The inputs' history and the runs' records come back as dumped: the restore
# loads the input tables through their history triggers, which record nothing anew.
records() {
    psql -X -A -t -d "$1" -c "SELECT (SELECT count(*) FROM perf_eval.input_history), (SELECT count(*) FROM perf_eval.input_row),
                                     (SELECT count(*) FROM perf_eval.body_input_set), (SELECT count(*) FROM perf_eval.run_context)"
}
check "the inputs' history and the runs' records are restored as dumped" \
    test "$(records dump_source)" = "$(records dump_target)" -a "$(records dump_target)" != "0|0|0|0"
check "the shipped versions are not duplicated by the restore" \
    test "$(psql -X -A -t -d dump_target -c "SELECT count(*) FROM perf_eval.methodology WHERE shipped")" = 3
# The restore recomputes the monthly states of the replayed registry rows (with
# a new refreshed_at): same content, so the first recalculation is 'unchanged'.
check "the first recalculation after the restore finds the inputs unchanged" \
    test "$(psql -X -A -t -q -v ON_ERROR_STOP=1 -d dump_target -c "CALL perf_eval.recalculate(2020)" \
                -c "SELECT status FROM perf_eval.run ORDER BY run_id DESC LIMIT 1")" = unchanged
check "a recalculation after the restore continues the run numbering" \
    psql -X -q -v ON_ERROR_STOP=1 -d dump_target -c "UPDATE perf_eval.complaint_counts SET late = 9 WHERE body = 'MF'" \
         -c "CALL perf_eval.recalculate(2020)"
if ((failed > 0)); then
    diff "$work/source.txt" "$work/target.txt" | head -20 | sed 's/^/# /'
    head -20 "$work/restore.out" "$work/dump.err" | sed 's/^/# /'
fi
echo "1..$n"
((failed == 0))
