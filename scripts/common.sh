# Shared settings for the make targets (sourced, not run).
# PostgreSQL major version the project targets (Debian 12 ships 15).
PE_PG_MAJOR="${PE_PG_MAJOR:-15}"
PE_PG_BIN="/usr/lib/postgresql/${PE_PG_MAJOR}/bin"
export PG_CONFIG="${PG_CONFIG:-${PE_PG_BIN}/pg_config}"
PE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

pe_say() { printf '%s\n' "$*" >&2; }

# Build with warnings as errors and install into the server (needs root or
# write access to the PostgreSQL directories).
pe_build_and_install() {
    make -C "$PE_ROOT" -s clean >/dev/null
    make -C "$PE_ROOT" -s PG_CONFIG="$PG_CONFIG" >/dev/null
    if ! make -C "$PE_ROOT" -s PG_CONFIG="$PG_CONFIG" install >/dev/null; then
        pe_say "perf_eval: 'make install' failed: run as root (or with write access to $("$PG_CONFIG" --pkglibdir))."
        return 1
    fi
}
