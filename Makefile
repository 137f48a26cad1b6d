# perf_eval: PGXS build. `make test` and `make demo` prepare everything
# (dependencies, build, install, throwaway cluster); see README.md.

EXTENSION   = perf_eval
MODULE_big  = perf_eval
# Every C file in src/ is part of the module: one file per capability.
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
DATA_built  = extension/perf_eval--1.0.sql

# pg_regress suites: every sql/NAME.sql with expected/NAME.out, one per capability.
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=perf_eval
# installcheck is defined below (pg_regress, then pgTAP), not by PGXS.
NO_INSTALLCHECK = 1

PG_CONFIG ?= pg_config
# -Wextra, less the unused-parameter noise of the server headers (bufpage.h, ilist.h).
PG_CFLAGS  = -Wall -Wextra -Werror -Wno-unused-parameter -std=gnu99
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Until 1.0 is released the install script is assembled from one part per
# capability (extension/parts/NN_name.sql, in name order); each part starts
# with a "Section:" banner. At release the assembled file is committed and
# frozen, and changes go into perf_eval--1.0--1.1.sql.
EXTENSION_PARTS = $(sort $(wildcard extension/parts/*.sql))
extension/perf_eval--1.0.sql: $(EXTENSION_PARTS)
	cat $(EXTENSION_PARTS) > $@

# `make installcheck` (against a running server: PGHOST, PGPORT, PGUSER) runs
# both suites, as PGXS users expect: pg_regress, then pgTAP. Each also runs
# alone: regress-installcheck (PGXS's recipe) and pgtap-installcheck; `make
# test` calls them one by one, so nothing runs twice. pgTAP needs the pgtap
# extension and pg_prove; its database is dropped and created anew, as
# pg_regress does with contrib_regression.
PGTAP_DATABASE ?= perf_eval_pgtap

installcheck: regress-installcheck pgtap-installcheck

regress-installcheck: submake $(REGRESS_PREP)
	$(pg_regress_installcheck) $(REGRESS_OPTS) $(REGRESS)

# Every file runs in its own transaction and rolls back, so the extensions are
# created once.
pgtap-installcheck:
	dropdb --if-exists $(PGTAP_DATABASE)
	createdb $(PGTAP_DATABASE)
	psql -X -q -d $(PGTAP_DATABASE) -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION perf_eval'
	pg_prove --verbose --ext .sql -d $(PGTAP_DATABASE) -r test/pgtap

.PHONY: test demo bench deps unit installcheck regress-installcheck pgtap-installcheck

deps:
	bash scripts/check-deps.sh

test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

unit:
	bash scripts/run-unit-tests.sh

# Side-by-side throughput of the registry aggregates (bench/README.md); not part of `make test`.
bench:
	bash scripts/bench.sh
