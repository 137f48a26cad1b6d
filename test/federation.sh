#!/usr/bin/env bash
# Federated registries (issue 21, item 5): the registries live in a database
# of their own, with perf_eval installed there too, and the assessment
# database reads their monthly partial states through postgres_fdw. Two
# throwaway clusters on Unix sockets (scripts/throwaway-cluster.sh, both
# removed on exit, also on failure): the registry cluster holds the rows, the
# assessment cluster the demo inputs, the assessment database and a third
# database with a LOCAL copy of the same registry rows. The setup and pull
# statements are read from bench/README.md ("federation: setup" and
# "federation: pull"), so the recipe there is the one tested here. Checks:
#   - each pull's plan is one Foreign Scan whose remote SQL holds the
#     aggregate and GROUP BY, with no local Aggregate node above it;
#   - the scan returns one row per (body, month) group, not the registry's rows,
#     and the assessment database holds no registry row;
#   - the pulled states and every score of the year equal those of the
#     database with the local copy (EXCEPT both ways);
#   - a re-pull of unchanged registries leaves the run 'unchanged'; a change
#     on the registry side is seen by the next pull and recalculation.
# Prints TAP.
set -uo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
    "")  # the registry cluster, then the assessment cluster inside it
        out=$(bash scripts/throwaway-cluster.sh bash test/federation.sh --registry 2>&1)
        rc=$?
        printf '%s\n' "$out"
        ((rc == 0)) || echo "not ok - the clusters did not start or the checks did not finish"
        ((rc == 0)) && ! grep -q '^not ok' <<<"$out"
        exit ;;
    --registry)
        FED_REGISTRY_HOST=$PGHOST FED_REGISTRY_PORT=$PGPORT exec bash scripts/throwaway-cluster.sh bash test/federation.sh --inside ;;
    --inside) ;;
    *) echo "usage: test/federation.sh" >&2; exit 2 ;;
esac

year=2020
deliveries=30000
complaints=6000
n=0; failed=0
check() {  # description, expected, actual
    n=$((n + 1))
    if [[ "$2" == "$3" ]]; then echo "ok $n - $1"
    else echo "not ok $n - $1"; echo "#   expected: $2" | head -20; echo "#   got:      $3" | head -40; failed=$((failed + 1)); fi
}
registry() { psql -X -A -t -q -v ON_ERROR_STOP=1 -h "$FED_REGISTRY_HOST" -p "$FED_REGISTRY_PORT" -d registry "$@" 2>&1; }
sql() {  # database, psql arguments...
    local db=$1; shift
    psql -X -A -t -q -v ON_ERROR_STOP=1 -v year="$year" -d "$db" "$@" 2>&1
}
# The SQL block following the marker "<!-- federation: NAME -->" in
# bench/README.md, without its \set lines (the test passes the variables).
recipe() {
    perl -ne 'if (/^<!-- federation: \Q'"$1"'\E -->/) { $on = 1; next }
              if ($on == 1 && /^```sql/) { $on = 2; next }
              if ($on == 2 && /^```/) { exit }
              print if $on == 2 && !/^\\set /' bench/README.md
}
# The INSERT statements of the pull, one per line (joined), for EXPLAIN.
pull_inserts() { recipe pull | perl -0ne 'for (split /;\n/) { s/^(--[^\n]*\n)+//; print join(" ", split /\n/), "\n" if /^INSERT/ }'; }

# Registry rows of the year over the shipped bodies, generated as the bench
# generates them (bench/generate.sql: skewed bodies, hashed flags), plus three
# complaints with impossible dates, which no monthly state may count.
load_registry_rows() {  # database
    sql "$1" -c "CREATE TEMP TABLE bench_body AS SELECT code FROM perf_eval.body WHERE shipped" \
        -v deliveries=$deliveries -v complaints=$complaints -f bench/generate.sql \
        -c "INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
            VALUES ('2020-05-10', '2020-05-20', '2020-05-01', 'MF'), ('2020-06-10', '2020-06-01', '2020-06-12', 'MF'),
                   ('2020-07-10', '2020-07-20', '2020-07-08', 'ACSA')"
}

# 1. The registry database.
createdb -h "$FED_REGISTRY_HOST" -p "$FED_REGISTRY_PORT" registry
check "perf_eval installs in the registry database" "" "$(registry -c 'CREATE EXTENSION perf_eval')"
check "the registry database holds the year's deliveries and complaints" "" \
    "$(PGHOST=$FED_REGISTRY_HOST PGPORT=$FED_REGISTRY_PORT load_registry_rows registry)"

check "month_of is date_trunc('month', day::timestamp)::date on every day of 1999-2021 and on infinite dates" "0" \
    "$(registry -c "SELECT count(*) FROM (SELECT d::date AS day FROM generate_series(date '1999-01-01', date '2021-12-31', interval '1 day') AS d
                                          UNION ALL VALUES (date 'infinity'), (date '-infinity')) AS t
                    WHERE perf_eval.month_of(t.day) IS DISTINCT FROM date_trunc('month', t.day::timestamp)::date")"

# 2. The assessment database: the demo inputs but the year's yearly service and
# complaint counts, which would take precedence over the registries' states.
# The third database, local_copy, is its copy plus the registry rows.
createdb assessment
load_demo() {
    sql assessment -f demo/setup.sql || return
    for input in demo/inputs/*.sql; do sql assessment -f "$input" || return; done
    sql assessment -c "DELETE FROM perf_eval.complaint_counts WHERE year = $year" \
                   -c "DELETE FROM perf_eval.service_counts WHERE year = $year"
}
check "the demo inputs load into the assessment database" "" "$(load_demo)"
createdb -T assessment local_copy
check "the local copy holds the same registry rows" "" "$(load_registry_rows local_copy)"

# 3. The foreign server and tables, as bench/README.md sets them up.
check "the federation setup of bench/README.md runs" "" \
    "$(recipe setup | sql assessment -v registry_host="$FED_REGISTRY_HOST" -v registry_port="$FED_REGISTRY_PORT" \
                                      -v registry_db=registry -v registry_user=postgres)"

# 4. Each pull is sent to the registry whole: one Foreign Scan whose remote
# SQL groups and aggregates, no Aggregate node on this side.
mapfile -t inserts < <(pull_inserts)
check "the pull recipe has two INSERT statements" 2 "${#inserts[@]}"
date_column=(delivered_on answered_on)
aggregate=(service_tally_agg complaint_tally_agg)
registry_table=(service_delivery complaint_record)
monthly_table=(service_tally_monthly complaint_tally_monthly)
kept_rows=("true" "NOT perf_eval.complaint_dates_impossible(received_on, answered_on, deadline)")
for i in 0 1; do
    # Through stdin, where psql sets :year.
    plan=$(sql assessment <<<"EXPLAIN (VERBOSE, COSTS OFF) ${inserts[$i]};")
    remote=$(sed -n 's/^ *Remote SQL: //p' <<<"$plan")
    sed 's/^/# /' <<<"$plan"
    # (The Subquery Scan is the INSERT's own: it adds the default refreshed_at.)
    check "${registry_table[$i]}: the plan is an insert over one Foreign Scan of an aggregate" \
        "Insert on perf_eval.${monthly_table[$i]}|Subquery Scan on \"*SELECT*\"|Foreign Scan|Relations: Aggregate on (registry_remote.${registry_table[$i]} r)" \
        "$(awk 'NR == 1 || /->  |Relations:/' <<<"$plan" | sed -E 's/^ *(->  )?//' | paste -sd'|')"
    check "${registry_table[$i]}: the remote SQL calls perf_eval.${aggregate[$i]} and groups by body and month" \
        "yes" "$(grep -qE "^SELECT body, perf_eval\.month_of\(${date_column[$i]}\), perf_eval\.${aggregate[$i]}\(.*\) FROM perf_eval\.${registry_table[$i]} WHERE .* GROUP BY 1, 2$" <<<"$remote" && echo yes || printf '%s\n' "$plan")"
    check "${registry_table[$i]}: no Aggregate node in the local plan" "0" "$(grep -c 'Aggregate' <<<"$(grep -v 'Relations:' <<<"$plan")")"
    # Executed (and rolled back): the Foreign Scan returns one row per group.
    analyzed=$(printf 'BEGIN;\nEXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF) %s;\nROLLBACK;\n' "${inserts[$i]}" | sql assessment)
    groups=$(registry -c "SELECT count(*) FROM (SELECT DISTINCT body, date_trunc('month', ${date_column[$i]}::timestamp)
                                                FROM perf_eval.${registry_table[$i]}
                                                WHERE ${date_column[$i]} >= '$year-01-01' AND ${date_column[$i]} < '$((year + 1))-01-01'
                                                  AND ${kept_rows[$i]}) AS g")
    rows=$(registry -c "SELECT count(*) FROM perf_eval.${registry_table[$i]}")
    check "${registry_table[$i]}: the Foreign Scan returns the $groups (body, month) groups, not the $rows registry rows" \
        "$groups" "$(sed -n 's/^.*Foreign Scan (actual rows=\([0-9]*\) loops=1)$/\1/p' <<<"$analyzed")"
done

# The impossible-dates query of bench/README.md is sent whole too, and finds
# the three rows the pull left out.
plan=$(recipe impossible | sed 's/^SELECT/EXPLAIN (VERBOSE, COSTS OFF) SELECT/' | sql assessment)
check "the impossible-dates query is one Foreign Scan of an aggregate" \
    "Foreign Scan|Relations: Aggregate on (registry_remote.complaint_record r)" \
    "$(awk 'NR == 1 || /->  |Relations:/' <<<"$plan" | sed -E 's/^ *(->  )?//' | paste -sd'|')"
check "the impossible-dates query lists the complaints the pull left out" \
    "ACSA|2020-07-01|1,MF|2020-05-01|1,MF|2020-06-01|1" "$(recipe impossible | sql assessment | sort | paste -sd,)"

# 5. The pull and the recalculation, in the assessment database and from the
# local copy.
check "the pull of bench/README.md runs in the assessment database" "" "$(recipe pull | sql assessment)"
check "the local copy recalculates from its own registries" "" "$(sql local_copy -c "CALL perf_eval.recalculate($year)")"
check "no registry row is in the assessment database" "0|0" \
    "$(sql assessment -c "SELECT (SELECT count(*) FROM perf_eval.service_delivery) || '|' || (SELECT count(*) FROM perf_eval.complaint_record)")"

# The local copy's states and scores, copied into the assessment database and
# compared there, both ways.
states="SELECT 'service', body, month, tally::text FROM perf_eval.service_tally_monthly
        UNION ALL SELECT 'complaint', body, month, tally::text FROM perf_eval.complaint_tally_monthly"
scores="SELECT body, node, value, raw_value, origin, superseded, status, reason, explanation::text
        FROM perf_eval.current_score WHERE year = $year"
sql assessment -c "CREATE SCHEMA federation_test" \
    -c "CREATE TABLE federation_test.local_states (registry text, body text, month date, tally text)" \
    -c "CREATE TABLE federation_test.local_scores AS $scores WITH NO DATA"
sql local_copy -c "COPY ($states) TO STDOUT" | sql assessment -c "COPY federation_test.local_states FROM STDIN"
compare() {  # what, local table, query in the assessment database
    sql assessment -c "SELECT (SELECT count(*) FROM $2) || ' rows, ' ||
                              (SELECT count(*) FROM (SELECT * FROM ($3) AS f EXCEPT ALL SELECT * FROM $2) AS d) || ' only federated, ' ||
                              (SELECT count(*) FROM (SELECT * FROM $2 EXCEPT ALL SELECT * FROM ($3) AS f) AS d) || ' only local'"
}
local_states=$(sql local_copy -c "SELECT count(*) FROM ($states) AS s")
check "the pulled monthly states equal those computed from the local copy" \
    "$local_states rows, 0 only federated, 0 only local" "$(compare states federation_test.local_states "$states")"
sql local_copy -c "COPY ($scores) TO STDOUT" | sql assessment -c "COPY federation_test.local_scores FROM STDIN"
local_scores=$(sql local_copy -c "SELECT count(*) FROM ($scores) AS s")
check "every score of $year equals the local copy's (value, raw value, origin, status, explanation)" \
    "$local_scores rows, 0 only federated, 0 only local" "$(compare scores federation_test.local_scores "$scores")"
check "the scores are many and the services and complaints come from the registries" "yes" \
    "$(sql assessment -c "SELECT CASE WHEN count(*) > 1000 AND count(*) FILTER (WHERE explanation::text LIKE '%service_delivery (monthly partial states)%') > 0
                                          AND count(*) FILTER (WHERE explanation::text LIKE '%complaint_record (monthly partial states)%') > 0
                                     THEN 'yes' ELSE count(*)::text END FROM perf_eval.current_score WHERE year = $year")"

# 6. The inputs digest reads the states' content: a re-pull of unchanged
# registries changes nothing; a registry change is seen by the next pull.
last_status="SELECT status FROM perf_eval.run ORDER BY run_id DESC LIMIT 1"
check "a re-pull of unchanged registries leaves the recalculation 'unchanged'" "unchanged" \
    "$(recipe pull | sql assessment >/dev/null; sql assessment -c "$last_status")"
registry -c "INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, body, service_code)
             SELECT '2020-03-15', true, 'MF', 'S0001' FROM generate_series(1, 50)" >/dev/null
sql local_copy -c "INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, body, service_code)
                   SELECT '2020-03-15', true, 'MF', 'S0001' FROM generate_series(1, 50)" \
               -c "CALL perf_eval.recalculate($year)" >/dev/null
check "after a registry change the next pull and recalculation compute a new run" "succeeded" \
    "$(recipe pull | sql assessment >/dev/null; sql assessment -c "$last_status")"
sql assessment -c "TRUNCATE federation_test.local_scores"
sql local_copy -c "COPY ($scores) TO STDOUT" | sql assessment -c "COPY federation_test.local_scores FROM STDIN"
check "the new scores equal the local copy's again" \
    "$local_scores rows, 0 only federated, 0 only local" "$(compare scores federation_test.local_scores "$scores")"

echo "1..$n"
((failed == 0))
