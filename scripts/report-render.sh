#!/usr/bin/env bash
# Renders perf_eval.report_html of every year in the ranking of database $1, in
# kk, ru and en, into folder $2 (report-YEAR-LANG.html and index.html), as a
# login of perf_eval_reader only, so restricted scores appear as restricted.
# Runs against the cluster of PGHOST etc.; the caller creates the database.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"
db="$1" out="$2"
mkdir -p "$out"
reader=perf_eval_report_reader
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '$reader') THEN
        CREATE ROLE $reader LOGIN IN ROLE perf_eval_reader;
    END IF; END \$\$"
note=$(sed -e '/^#/d' demo/SYNTHETIC.txt | tr '\n' ' ')
years=$(psql -X -At -U "$reader" -d "$db" -c "SELECT DISTINCT r.year FROM perf_eval.ranking AS r ORDER BY 1")
{
    echo '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>perf_eval reports</title></head><body><h1>perf_eval reports</h1><ul>'
    for year in $years; do
        for lang in kk ru en; do
            psql -X -At -q -v ON_ERROR_STOP=1 -U "$reader" -d "$db" -v year="$year" -v lang="$lang" -v note="$note" \
                -o "$out/report-$year-$lang.html" -f - <<'SQL'
SELECT perf_eval.report_html(:'year'::integer, :'lang', :'note');
SQL
            echo "<li><a href=\"report-$year-$lang.html\">$year, $lang</a></li>"
        done
    done
    echo '</ul></body></html>'
} >"$out/index.html"
