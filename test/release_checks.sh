#!/usr/bin/env bash
# Release discipline, checked on the source tree (prints TAP):
# - META.json is valid JSON whose version is the control file's default_version;
# - LICENSE and CHANGELOG.md exist, and the changelog's newest section is that version;
# - extension/parts.manifest lists every part exactly once, and only existing parts;
# - in the manifest's order, every part uses only what it or an earlier part
#   creates and alters only its own objects (test/part_order.py);
# - every released script (extension/perf_eval--*.sql but the upgrade script into
#   an unreleased newest version) has its checksum in
#   extension/released.sha256, and the checksum still holds: released is frozen;
# - the newest version is reachable from every released version by upgrade scripts;
# - while the newest version is itself released, the parts still build it byte for byte.
set -uo pipefail
cd "$(dirname "$0")/.."

n=0; failed=0
ok() {  # description, command...
    n=$((n + 1))
    if "${@:2}"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}

version=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" perf_eval.control)
ok "the control file names a default_version" test -n "$version"
meta_version=$(python3 -c 'import json,sys; m=json.load(open("META.json")); print(m["version"]); assert m["provides"]["perf_eval"]["version"] == m["version"]' 2>/dev/null)
ok "META.json is valid JSON and its version ($meta_version) is default_version ($version)" test "$meta_version" = "$version"
ok "LICENSE is the PostgreSQL Licence" grep -q '^PostgreSQL License' LICENSE
ok "CHANGELOG.md starts with the section of $version" \
    test "$(grep -m1 -E '^## ' CHANGELOG.md | sed -E 's/^## \[?([0-9.]+)\]?.*/\1/')" = "$version"

listed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' extension/parts.manifest | sort)
present=$(cd extension/parts && ls *.sql | sort)
ok "extension/parts.manifest lists every part in extension/parts/ exactly once" \
    test "$listed" = "$present" -a -z "$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' extension/parts.manifest | sort | uniq -d)"

parts_in_order() {  # test/part_order.py; its findings become TAP comments
    local findings
    findings=$(python3 test/part_order.py 2>&1) && return 0
    printf '%s\n' "$findings" | sed 's/^/# /'
    return 1
}
ok "every part uses only what it or an earlier part creates and alters only its own objects (test/part_order.py)" \
    parts_in_order

# Released: every script in extension/ but the upgrade script into the newest
# version while that version is still unreleased (it grows until released).
released=$(cd extension && ls perf_eval--*.sql 2>/dev/null)
if [[ ! -f extension/perf_eval--$version.sql ]]; then
    released=$(printf '%s\n' $released | grep -v -- "--$version\.sql\$")
fi
ok "at least one version is released" test -n "$released"
for f in $released; do
    ok "$f is recorded in extension/released.sha256" grep -q "  $f\$" extension/released.sha256
done
ok "every released script is unchanged since its release (extension/released.sha256)" \
    bash -c 'cd extension && sha256sum --quiet --check released.sha256'
ok "released.sha256 names only scripts that exist" \
    bash -c 'cd extension && for f in $(awk "{print \$2}" released.sha256); do test -f "$f" || exit 1; done'

# Every released full version reaches default_version through upgrade scripts.
reach() {  # from: follow perf_eval--A--B.sql until the newest version
    local at=$1 next
    while [[ $at != "$version" ]]; do
        next=$(ls extension/perf_eval--"$at"--*.sql 2>/dev/null | sed -n "s|^extension/perf_eval--$at--\([0-9.]*\)\.sql$|\1|p" | sort -V | tail -n 1)
        [[ -n $next ]] || return 1
        at=$next
    done
}
for f in $(cd extension && ls perf_eval--*.sql | grep -v -- '--.*--'); do
    from=${f#perf_eval--}; from=${from%.sql}
    ok "version $from upgrades to $version by upgrade scripts" reach "$from"
done

if [[ -f extension/perf_eval--$version.sql ]]; then
    built=$(mktemp)
    parts=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's|^|extension/parts/|' extension/parts.manifest)
    cat $parts >"$built"
    ok "the parts build the released script of $version byte for byte" cmp -s "$built" "extension/perf_eval--$version.sql"
    rm -f "$built"
else
    ok "the unreleased $version has an upgrade script into it" \
        test -n "$(ls extension/perf_eval--*--"$version".sql 2>/dev/null)"
fi

echo "1..$n"
((failed == 0))
