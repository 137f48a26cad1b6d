#!/usr/bin/env bash
# The demo report in a real browser (TAP). Runs inside a throwaway cluster
# (scripts/run-suites.sh): loads the synthetic demo dataset, renders every
# year in kk, ru and en as a perf_eval_reader login (scripts/report-render.sh),
# opens every page in headless Chromium at 1280 px with a checking script
# injected into a copy (test/browser/check.js; the report itself has no
# script), and compares what the page shows with the views read by psql:
# no horizontal overflow, one bar per ranked body per chart, the movement
# arrows and scores of the ranking view, headings and titles in the page's
# language (perf_eval.label), and every body page's points equal body_card's.
# Screenshots (PNG) are kept in build/test-artifacts/browser/.
set -uo pipefail
source "$(dirname "$0")/../scripts/common.sh"
cd "$PE_ROOT"
art="$PE_ROOT/build/test-artifacts/browser"
rm -rf "$art"
mkdir -p "$art/report" "$art/checked"
db=perf_eval_browser
dropdb --if-exists "$db" >/dev/null 2>&1
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
    echo "1..1"; echo "not ok 1 - chromium is installed (scripts/check-deps.sh installs Debian's chromium)"; exit 1
fi

if bash scripts/demo-load.sh "$db" >"$art/load.log" 2>&1 && bash scripts/report-render.sh "$db" "$art/report" >>"$art/load.log" 2>&1; then
    ok "the demo report renders (make report's steps)"
else
    not_ok "the demo report renders (make report's steps)"; sed 's/^/# /' "$art/load.log" | tail -20; echo "1..$n"; exit 1
fi
reader=perf_eval_report_reader
pages=$(cd "$art/report" && ls report-*.html)

# A copy of each page with the checking script, then every page in Chromium
# at once (dump-dom and a screenshot each).
for page in $pages; do
    python3 - "$art/report/$page" test/browser/check.js "$art/checked/$page" <<'PY'
import sys
html = open(sys.argv[1], encoding='utf-8').read()
script = open(sys.argv[2], encoding='utf-8').read()
open(sys.argv[3], 'w', encoding='utf-8').write(html.replace('</body>', '<script>' + script + '</script></body>'))
PY
done
# Each Chromium with a profile of its own (instances sharing one hand their
# work to the first and exit), three at a time; one run dumps the DOM the
# checking script wrote and takes the screenshot (the script's output is
# appended below the first screen).
running=0
for page in $pages; do
    base=${page%.html}
    timeout 90 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$art/profiles/$base" --window-size=1280,900 \
        --screenshot="$art/$base.png" --dump-dom "file://$art/checked/$page" >"$art/$base.dom" 2>"$art/$base.err" &
    running=$((running + 1))
    if ((running == 3)); then wait; running=0; fi
done
wait
rm -rf "$art/profiles"

q() { psql -X -At -F $'\t' -q -v ON_ERROR_STOP=1 -U "$reader" -d "$db" -v year="$1" -v lang="$2" -f -; }
for page in $pages; do
    base=${page%.html}
    year=$(sed 's/report-\([0-9]*\)-.*/\1/' <<<"$base")
    lang=${base##*-}
    python3 - "$art/$base.dom" >"$art/$base.shown" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
start = dom.rfind('<pre id="check">')
end = dom.find('</pre>', start)
print(html.unescape(dom[start + len('<pre id="check">'):end]) if start >= 0 else '')
PY
    q "$year" "$lang" >"$art/$base.expected" <<'SQL'
SELECT perf_eval.resolve_methodology(NULL) AS m \gset
SELECT 'chart', r.block, r.kind, count(r.rank) FROM perf_eval.ranking AS r
WHERE r.year = :year AND r.methodology = :'m' GROUP BY r.block, r.kind;
SELECT 'move', r.block, r.kind, r.body, coalesce(r.movement, ''),
       CASE r.movement WHEN 'up' THEN '↑' WHEN 'down' THEN '↓' WHEN 'same' THEN '→' WHEN 'new' THEN '★' ELSE '' END,
       CASE WHEN r.score IS NULL AND r.publication_restricted AND r.assessment = 'assessed'
            THEN perf_eval.label('heading', 'report.restricted', :'lang')
            ELSE coalesce(r.score_shown::text, '—') END
FROM perf_eval.ranking AS r WHERE r.year = :year AND r.methodology = :'m';
SELECT 'heading', h.key, perf_eval.label('heading', h.key, :'lang')
FROM unnest(ARRAY['report.contents', 'report.rankings', 'report.zones', 'report.bodies', 'report.below_block', 'report.years', 'report.registries']) AS h(key);
SELECT DISTINCT 'title', 'ranking-' || r.block || '-' || r.kind,
       perf_eval.label('block', r.block, :'lang') || ' — ' || perf_eval.label('body_kind', r.kind, :'lang')
FROM perf_eval.ranking AS r WHERE r.year = :year AND r.methodology = :'m';
SELECT 'point', c.body, c.node,
       CASE WHEN c.publication_restricted AND c.score IS NULL AND c.status = 'ok' THEN perf_eval.label('heading', 'report.restricted', :'lang')
            WHEN c.level <> 'block' AND c.maximum = 0 THEN perf_eval.label('heading', 'report.not_applicable', :'lang')
            WHEN c.score_shown IS NULL THEN '—'
            WHEN n.sign * c.score_shown < 0 THEN '−' || c.score_shown::text
            ELSE c.score_shown::text END
FROM perf_eval.body_card AS c JOIN perf_eval.score_node AS n ON n.code = c.node
WHERE c.year = :year AND c.methodology = :'m';
SQL
    shown="$art/$base.shown" expected="$art/$base.expected"
    facts() { grep -P "^$1\t" "$2" | LC_ALL=C sort; }
    same() {
        if diff <(facts "$1" "$expected") <(facts "$1" "$shown") >"$art/$base.$1.diff"; then ok "$base: $2"
        else not_ok "$base: $2"; head -8 "$art/$base.$1.diff" | sed 's/^/# /'; fi
    }
    check "$base: the page opened and the checking script ran" "grep -q '^lang' '$shown'"
    check "$base: no horizontal overflow at 1280 px" "grep -qP '^overflow\tno\t' '$shown'"
    check "$base: <html lang> is $lang" "grep -qP '^lang\t$lang\$' '$shown'"
    same chart "one bar per ranked body in every chart (block x kind of the ranking view)"
    same move "movement arrows and scores equal the ranking view's"
    same heading "section headings in $lang (perf_eval.label)"
    same title "block and kind titles in $lang (perf_eval.label)"
    same point "every body page's points equal body_card's (signs, restricted, not applicable)"
    check "$base: screenshot kept ($art/$base.png)" "[[ -s '$art/$base.png' ]]"
done

# The Kazakh pages show the Kazakh block titles the label table holds, not only fallbacks.
kk_missing=0 kk_count=0
while IFS= read -r t; do
    kk_count=$((kk_count + 1))
    grep -qF "$t" "$art"/report-*-kk.shown || kk_missing=$((kk_missing + 1))
done < <(psql -X -At -U "$reader" -d "$db" -c "SELECT l.text FROM perf_eval.label AS l WHERE l.kind = 'block' AND l.lang = 'kk'")
check "report-*-kk: all $kk_count Kazakh block titles of perf_eval.label are shown" "((kk_count > 0 && kk_missing == 0))"
echo "1..$n"
