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

.PHONY: test demo bench deps unit

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
