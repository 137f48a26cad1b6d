# perf_eval: PGXS build. `make test` and `make demo` prepare everything
# (dependencies, build, install, throwaway cluster); see README.md.

EXTENSION   = perf_eval
MODULE_big  = perf_eval
# Every C file in src/ is part of the module: one file per capability.
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
# The version being built: the control file's default_version.
EXTVERSION := $(shell sed -n "s/^default_version *= *'\\([^']*\\)'.*/\\1/p" $(EXTENSION).control)

# pg_regress suites: every sql/NAME.sql with expected/NAME.out, one per capability.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=perf_eval
# installcheck is defined below (pg_regress, then pgTAP), not by PGXS.
NO_INSTALLCHECK = 1

# Released scripts are committed and never edited again (their checksums are
# in extension/released.sha256): the full script of each released version and
# the upgrade script between consecutive versions. The parts, in the order of
# extension/parts.manifest, build the full script of the newest version; while
# that version is unreleased it is installed from build/, once released the
# committed copy is installed and make test checks the parts still build it.
EXTENSION_PARTS := $(addprefix extension/parts/,$(shell sed -e 's/\#.*//' extension/parts.manifest))
DATA = $(sort $(wildcard extension/$(EXTENSION)--*.sql))
ifeq ($(wildcard extension/$(EXTENSION)--$(EXTVERSION).sql),)
DATA_built = build/$(EXTENSION)--$(EXTVERSION).sql
endif
EXTRA_CLEAN = build

PG_CONFIG ?= pg_config
# -Wextra, less the unused-parameter noise of the server headers (bufpage.h, ilist.h).
PG_CFLAGS  = -Wall -Wextra -Werror -Wno-unused-parameter -std=gnu99
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

build/$(EXTENSION)--$(EXTVERSION).sql: extension/parts.manifest $(EXTENSION_PARTS)
	@mkdir -p build
	cat $(EXTENSION_PARTS) > $@

# `make installcheck` (against a running server: PGHOST, PGPORT, PGUSER) runs
# both suites, as PGXS users expect: pg_regress, then pgTAP. Each also runs
# alone: regress-installcheck (PGXS's recipe) and pgtap-installcheck; `make
# test` calls them one by one, so nothing runs twice. pgTAP needs the pgtap
# extension and pg_prove; its database is dropped and created anew, as
# pg_regress does with contrib_regression.
PGTAP_DATABASE ?= perf_eval_pgtap
PGTAP_FILES ?= test/pgtap

installcheck: regress-installcheck pgtap-installcheck

regress-installcheck: submake $(REGRESS_PREP)
	$(pg_regress_installcheck) $(REGRESS_OPTS) $(REGRESS)

# Every file runs in its own transaction and rolls back, so the extensions are
# created once.
pgtap-installcheck:
	dropdb --if-exists $(PGTAP_DATABASE)
	createdb $(PGTAP_DATABASE)
	psql -X -q -d $(PGTAP_DATABASE) -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION perf_eval'
	pg_prove --verbose --timer --ext .sql -d $(PGTAP_DATABASE) -r $(PGTAP_FILES)

.PHONY: test demo report bench deps unit installcheck regress-installcheck pgtap-installcheck

deps:
	bash scripts/check-deps.sh

test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

# The annual report of the demo dataset as HTML in build/report/ (docs/report.md).
report:
	bash scripts/report.sh

unit:
	bash scripts/run-unit-tests.sh

# Side-by-side throughput of the registry aggregates (bench/README.md); not part of `make test`.
bench:
	bash scripts/bench.sh
