#!/usr/bin/env bash
# Checks the Debian packages the make targets need. As root it installs what
# is missing; otherwise it prints the exact apt-get line and fails.
set -euo pipefail
source "$(dirname "$0")/common.sh"

packages=(
    make gcc clang
    "postgresql-${PE_PG_MAJOR}"              # server: initdb, postgres; with postgresql-common's
                                             # pg_createcluster (test/operator_steps.sh)
    "postgresql-server-dev-${PE_PG_MAJOR}"   # PGXS, headers, pg_regress, isolationtester
    "postgresql-${PE_PG_MAJOR}-pgtap"        # pgTAP
    "postgresql-${PE_PG_MAJOR}-cron"         # pg_cron, for the scheduling test
    libtap-parser-sourcehandler-pgtap-perl   # pg_prove
    libclang-rt-14-dev                       # sanitizer and fuzzer runtimes for the C unit tests
    chromium                                 # headless browser for the report test (test/browser.sh)
    fonts-dejavu-core                        # a font with Kazakh letters for the report's screenshots
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
    pe_say "perf_eval: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
fi
pe_say "perf_eval: missing Debian packages. Install them with:"
pe_say "  sudo apt-get install -y ${missing[*]}"
exit 1
