#!/usr/bin/env python3
"""SQL-level fuzz of every function and aggregate of perf_eval (issue 14).

The functions come from the catalog (members of the extension, pg_depend
deptype 'e'), never from a hand list: a new function is fuzzed without
touching this file. Each argument is given edge values of its type (NULL, 0,
-1, huge, NaN, +-Infinity, empty, long and multibyte strings, malformed scales
and bands, unknown methodologies; composite types field by field), one
argument at a time with the others at a typical value, then in random
combinations drawn with a fixed seed. Every call runs in its own transaction,
rolled back, under a statement timeout, serially and again with a forced
parallel plan (parallel-safe functions: force_parallel_mode; aggregates: a
Parallel Seq Scan of a real table).

A call behaves when it returns with no NaN or Infinity anywhere in its result,
or fails with an SQLSTATE of class 22, 23, 42 or 55. Anything else is a bad
call: a crash, XX000, another class, or the timeout (57014: the call hangs).

Prints TAP, one line per function, then "# fuzz: C calls, K crashes, I internal
errors". Functions listed in test/fuzz_known_failures.txt ("signature | reason")
are reported "# TODO known" and not counted as failures.
Run inside scripts/throwaway-cluster.sh: python3 test/fuzz.py DATABASE
"""
import os
import random
import re
import subprocess
import sys
import tempfile
import time

DB = sys.argv[1] if len(sys.argv) > 1 else "perf_eval_fuzz"
HERE = os.path.dirname(os.path.abspath(__file__))
KNOWN_FILE = os.path.join(HERE, "fuzz_known_failures.txt")
SEED = 20240614
TIMEOUT = os.environ.get("FUZZ_TIMEOUT", "4s")
RANDOM_COMBOS = 16          # random combinations per function
# A forced-parallel call costs a worker start (~25 ms, against ~1 ms serial): the
# parallel plans are run for the first two argument lists and every 25th after them.
def parallel_too(k):
    return k < 2 or k % 25 == 0


MAX_TUPLES = int(os.environ.get("FUZZ_MAX_TUPLES", "56"))   # argument lists per function
ACCEPTED_CLASSES = ("22", "23", "42", "55")
BAD_RESULT = r'"-?(NaN|Infinity)"'   # to_jsonb writes numeric/float NaN and Infinity as strings
rng = random.Random(SEED)


def psql(sql, db=DB):
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                          "-d", db, "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        sys.stdout.write("# setup query failed: %s\n" % out.stderr.strip().replace("\n", "\n# "))
        print("Bail out! setup failed")
        sys.exit(1)
    return [line.split("\t") for line in out.stdout.splitlines() if line != ""]


def q(s):
    return "'" + s.replace("'", "''") + "'"


# ---------------------------------------------------------------- the catalog
FUNCS = psql(r"""
SELECT p.oid, p.oid::regprocedure, p.prokind, p.proname, p.proparallel,
       coalesce(array_to_string(array(SELECT format_type(t, NULL)
                FROM unnest(p.proargtypes) WITH ORDINALITY AS a(t, i) ORDER BY i), '|'), ''),
       coalesce(array_to_string(p.proargnames[1:p.pronargs], '|'), ''),
       coalesce(array_to_string(array(SELECT t::regtype::text
                FROM unnest(p.proargtypes) WITH ORDINALITY AS a(t, i) ORDER BY i), '|'), '')
FROM pg_catalog.pg_depend AS d
JOIN pg_catalog.pg_proc AS p ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid
JOIN pg_catalog.pg_extension AS e ON d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = e.oid
WHERE e.extname = 'perf_eval' AND d.deptype = 'e'
  AND p.prokind IN ('f', 'a')                                   -- procedures commit: not fuzzed here
  AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype, 'internal'::regtype)
  AND NOT 'internal'::regtype = ANY (p.proargtypes::oid[])      -- aggregate support functions
ORDER BY p.oid::regprocedure::text
""")

# Typical values found in the extension's own rows: methodologies, scales, bands, keys, bodies.
def harvest(sql):
    try:
        return [r[0] for r in psql(sql) if r and r[0]]
    except SystemExit:
        return []

METHODOLOGIES = harvest("SELECT name FROM perf_eval.methodology ORDER BY is_default DESC, name")
SCALES = harvest("SELECT DISTINCT value FROM perf_eval.methodology_param WHERE value_kind = 'scale' ORDER BY 1 LIMIT 6")
BANDS = harvest("SELECT DISTINCT value FROM perf_eval.methodology_param WHERE value_kind = 'bands' ORDER BY 1 LIMIT 6")
NAMES = harvest("SELECT DISTINCT value FROM perf_eval.methodology_param WHERE value_kind = 'name' ORDER BY 1 LIMIT 8")
KEYS = harvest("SELECT key FROM perf_eval.methodology_param WHERE methodology = "
               "(SELECT name FROM perf_eval.methodology ORDER BY is_default DESC, name LIMIT 1) ORDER BY key LIMIT 10")
BODIES = harvest("SELECT code FROM perf_eval.body ORDER BY code LIMIT 4")

# ---------------------------------------------------------------- edge values by type
LONG = "repeat('x', 100000)"
MULTI = "repeat('Қазақстан ', 2000)"
TEXT_EDGES = ["NULL::text", "''", "' '", LONG, MULTI, "'қ'", q("unknown_methodology"),
              q("NULL"), q("0"), q("-1"), q("1e400"), q("x'; SELECT 1; --"), "E'a\\tb\\nc'",
              # malformed scales and bands
              q("ge 5 => 1; else =>"), q("ge => 1"), q("ge 5 => 1"), q("else => 0"),
              q("ge NaN => 1; else => 0"), q("ge Infinity => 1; else => 0"), q("ge 5 => NaN; else => 0"),
              q("ge 5 => Infinity; else => -Infinity"), q("ge 1e1000 => 1e1000; else => 0"),
              q("ge 5 => 1; ge 5 => 2; else => 0"), q("lt 10 => 1; ge 5 => 2; else => 0"),
              q(";;;"), q("=>"), q("ge 5 =>> 1; else => 0"), q("ge -0 => 0; else => null"),
              q("0:0; 100:100"), q("linear 0 100 0 100"), q("0 => 0; 0 => 100"), q("100:0; 0:100"),
              q("NaN:0; 100:NaN"), q("0:0; 0:1"), q("-Infinity:0; Infinity:100")]
TEXT_EDGES += [q(v) for v in (METHODOLOGIES[:3] + SCALES[:3] + BANDS[:3] + NAMES[:4] + KEYS[:4] + BODIES[:2])]

EDGES = {
    "numeric": ["NULL::numeric", "0", "-1", "1", "0.5", "100", "101", "-0.000000001",
                "'NaN'::numeric", "'Infinity'::numeric", "'-Infinity'::numeric",
                "1e1000", "-1e1000", "99999999999999999999.99999999999999999999", "1e-1000"],
    "integer": ["NULL::integer", "0", "-1", "1", "2020", "2147483647", "(-2147483648)::integer",
                "5874897", "-4713", "12", "13"],
    "bigint": ["NULL::bigint", "0", "-1", "1", "10", "9223372036854775807",
               "(-9223372036854775808)::bigint", "4611686018427387904", "1000000000000"],
    "smallint": ["NULL::smallint", "0", "-1", "32767", "(-32768)::smallint"],
    "double precision": ["NULL::float8", "0", "-1", "'NaN'::float8", "'Infinity'::float8",
                         "'-Infinity'::float8", "1e308", "-1e308", "1e-308"],
    "real": ["NULL::float4", "0", "-1", "'NaN'::float4", "'Infinity'::float4", "3.4e38"],
    "boolean": ["NULL::boolean", "true", "false"],
    "date": ["NULL::date", "'infinity'::date", "'-infinity'::date", "'4713-01-01 BC'::date",
             "'5874897-12-31'::date", "'2020-01-01'::date", "'2020-02-29'::date", "'2020-12-31'::date",
             "'1970-01-01'::date", "'2100-01-01'::date"],
    "text": TEXT_EDGES,
    "jsonb": ["NULL::jsonb", "'{}'::jsonb", "'[]'::jsonb", "'null'::jsonb", "'\"x\"'::jsonb",
              "'1e1000'::jsonb", "'{\"a\": [1, {\"b\": null}]}'::jsonb",
              "(SELECT jsonb_agg(i) FROM generate_series(1, 10000) i)"],
    "bytea": ["NULL::bytea", "''::bytea", "'\\x00'::bytea", "'\\xffffffffffffffff'::bytea",
              "decode(repeat('ff', 1000), 'hex')"],
}

TYPICAL = {"numeric": "1", "integer": "1", "bigint": "10", "smallint": "1",
           "double precision": "1", "real": "1", "boolean": "true", "date": "'2020-06-15'::date",
           "text": "'x'", "jsonb": "'{}'::jsonb", "bytea": "''::bytea"}

COMPOSITES = {}   # type name -> [(field, type)]
for tname, fields in psql(r"""
SELECT t.oid::regtype::text, string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod), '|' ORDER BY a.attnum)
FROM pg_catalog.pg_type AS t JOIN pg_catalog.pg_attribute AS a ON a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
WHERE t.typtype = 'c' AND t.typnamespace = 'perf_eval'::regnamespace
GROUP BY t.oid"""):
    COMPOSITES[tname] = [tuple(f.split(":", 1)) for f in fields.split("|")]


def base_type(t):
    t = re.sub(r"\(.*\)", "", t).strip()
    return {"character varying": "text", "varchar": "text", "int4": "integer", "int8": "bigint"}.get(t, t)


def typical(t, name=""):
    name = (name or "").lower()
    if t == "text":
        if "methodolog" in name and METHODOLOGIES:
            return q(METHODOLOGIES[0])
        if "scale" in name and SCALES:
            return q(SCALES[0])
        if "band" in name and BANDS:
            return q(BANDS[0])
        if name in ("key", "param_key", "p_key") and KEYS:
            return q(KEYS[0])
        if "body" in name and BODIES:
            return q(BODIES[0])
        return "'x'"
    if t == "integer" and "year" in name:
        return "2021"   # a year without data: fast; the data years come as edge values
    if t.endswith("[]"):
        e = base_type(t[:-2])
        return "array_fill(%s, ARRAY[12])::%s" % (TYPICAL.get(e, "NULL"), t)
    if t in COMPOSITES:
        return "ROW(%s)::%s" % (", ".join(typical(base_type(ft), fn) for fn, ft in COMPOSITES[t]), t)
    if t == "anyelement":
        return typical(next(iter(COMPOSITES))) if COMPOSITES else "1"
    return TYPICAL.get(t, "NULL::%s" % t)


def edges(t, name=""):
    if t.endswith("[]"):
        e = base_type(t[:-2])
        v = typical(e)
        return ["NULL::%s" % t, "'{}'::%s" % t, "ARRAY[NULL]::%s" % t, "array_fill(%s, ARRAY[12])::%s" % (v, t),
                "array_fill(%s, ARRAY[3, 2])::%s" % (v, t), "array_fill(%s, ARRAY[10000])::%s" % (v, t),
                "array_fill(%s, ARRAY[2], ARRAY[5])::%s" % (v, t)] + \
               ["ARRAY[%s]::%s" % (x, t) for x in EDGES.get(e, [])[1:]]
    if t in COMPOSITES:
        fields = COMPOSITES[t]
        out = ["NULL::%s" % t, "ROW(%s)::%s" % (", ".join("NULL" for _ in fields), t)]
        for i, (fn, ft) in enumerate(fields):
            for v in edges(base_type(ft), fn):
                vals = [typical(base_type(f2), n2) for n2, f2 in fields]
                vals[i] = v
                out.append("ROW(%s)::%s" % (", ".join(vals), t))
        return out
    if t in ("anyelement", "anynonarray", "anycompatible"):
        out = []
        for c in COMPOSITES:
            out += edges(c)[:12]
        return out + ["1::integer", "'NaN'::numeric", "'x'::text", "NULL::integer"]
    return list(EDGES.get(t, ["NULL::%s" % t]))


# ---------------------------------------------------------------- the calls
class Func:
    pass


funcs = []
for oid, sig, kind, name, parallel, types, names, _ in FUNCS:
    f = Func()
    f.oid, f.sig, f.kind, f.name, f.parallel = oid, sig, kind, name, parallel
    f.types = [base_type(t) for t in types.split("|")] if types else []
    f.names = names.split("|") if names else [""] * len(f.types)
    f.names += [""] * (len(f.types) - len(f.names))
    funcs.append(f)


def arg_tuples(f):
    """The typical call; each argument through its edges with the others typical, taken
    round-robin (every argument meets NULL first); then random combinations. At most
    MAX_TUPLES per function, so the suite stays bounded however many arguments there are."""
    base = [typical(t, n) for t, n in zip(f.types, f.names)]
    pools = []
    for t, n in zip(f.types, f.names):
        e = edges(t, n)
        rest = e[1:]
        rng.shuffle(rest)
        pools.append(e[:1] + rest)
    single = []
    for k in range(max([len(p) for p in pools] or [0])):
        for i, p in enumerate(pools):
            if k < len(p):
                args = list(base)
                args[i] = p[k]
                single.append(args)
    combos = [[rng.choice(p + [base[i]]) for i, p in enumerate(pools)]
              for _ in range(RANDOM_COMBOS if f.types else 0)]
    budget = MAX_TUPLES - 1 - len(combos)
    out = [base] + single[:budget] + combos
    seen, unique = set(), []
    for a in out:
        k = tuple(a)
        if k not in seen:
            seen.add(k)
            unique.append(a)
    return unique


calls = []   # (func index, mode, setup sql, select sql, description)
PARALLEL = ("SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; "
            "SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL max_parallel_workers_per_gather = 2; ")
CHECK = "SELECT '@@R ' || count(*) || ' ' || count(*) FILTER (WHERE to_jsonb(r)::text ~ '%s') FROM " % BAD_RESULT
agg_tables = []
for fi, f in enumerate(funcs):
    tuples = arg_tuples(f)
    if f.kind == "a":
        table = "fuzz_agg_%s" % f.oid
        cols = ", ".join("a%d %s" % (i, t) for i, t in enumerate(f.types))
        argl = ", ".join("a%d" % i for i in range(len(f.types)))
        rows = []
        for g, a in enumerate(tuples):
            rows.append("(%d, %s)" % (g, ", ".join(a)))
        typical_row = ", ".join(tuples[0])
        agg_tables.append("DROP TABLE IF EXISTS fuzz.%s; CREATE UNLOGGED TABLE fuzz.%s (g integer, %s); "
                          "INSERT INTO fuzz.%s VALUES %s; "
                          "INSERT INTO fuzz.%s SELECT g, %s FROM generate_series(0, %d) AS g, generate_series(1, 40); "
                          "ANALYZE fuzz.%s;"
                          % (table, table, cols, table, ", ".join(rows), table, typical_row, len(tuples) - 1, table))
        for g, a in enumerate(tuples):
            desc = "%s(%s)" % (f.name, ", ".join(a))
            # serial: the edge row beside a typical row
            calls.append((fi, "serial", "",
                          CHECK + "(SELECT %s.%s(%s) FROM (VALUES (%s), (%s)) AS v(%s)) AS r"
                          % ("perf_eval", f.name, argl, ", ".join(a), typical_row, argl), desc))
            # parallel: a Parallel Seq Scan of the real table, the edge row among typical rows
            if parallel_too(g):
                calls.append((fi, "parallel", PARALLEL,
                             CHECK + "(SELECT perf_eval.%s(%s) FROM fuzz.%s WHERE g = %d) AS r"
                             % (f.name, argl, table, g), desc))
        # the whole table at once, partial aggregates combined across workers
        calls.append((fi, "parallel", PARALLEL,
                      CHECK + "(SELECT perf_eval.%s(%s) FROM fuzz.%s) AS r" % (f.name, argl, table),
                      "%s(whole table)" % f.name))
    else:
        for k, a in enumerate(tuples):
            # Each argument passes through a STABLE PL/pgSQL identity, so an immutable
            # function is not folded into a constant at plan time: the call runs in the
            # executor, and under force_parallel_mode in a parallel worker.
            wrapped = [("fuzz.pass(%s)" if t.startswith("any") else "fuzz.pass((%s)::" + t + ")") % v
                       for v, t in zip(a, f.types)]
            call = "(SELECT perf_eval.%s(%s) AS v) AS r" % (f.name, ", ".join(wrapped))
            desc = "%s(%s)" % (f.name, ", ".join(a))
            calls.append((fi, "serial", "", CHECK + call, desc))
            if f.parallel == "s" and parallel_too(k):
                calls.append((fi, "parallel", PARALLEL + "SET LOCAL force_parallel_mode = on; ", CHECK + call, desc))

# ---------------------------------------------------------------- running them
if os.environ.get("FUZZ_ONLY"):
    keep = re.compile(os.environ["FUZZ_ONLY"])
    calls = [c for c in calls if keep.search(funcs[c[0]].sig)]
if os.environ.get("FUZZ_DRY"):
    counts = {}
    for c in calls:
        counts[funcs[c[0]].sig] = counts.get(funcs[c[0]].sig, 0) + 1
    for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(v, k)
    print(len(calls), "calls")
    sys.exit(0)
psql("CREATE SCHEMA IF NOT EXISTS fuzz")
psql("CREATE OR REPLACE FUNCTION fuzz.pass(anyelement) RETURNS anyelement "
     "LANGUAGE plpgsql STABLE PARALLEL SAFE AS 'BEGIN RETURN $1; END'")
for stmt in agg_tables:
    psql(stmt)


def wait_for_server():
    for _ in range(120):
        r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-d", DB, "-c", "SELECT 1"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            return True
        time.sleep(0.5)
    return False


results = {}   # call index -> (sqlstate, message, bad_rows)
seconds = {}   # call index -> wall-clock seconds
start = 0
crashes = []
t0 = time.time()
while start < len(calls):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("\\set VERBOSITY terse\n")
        for ci in range(start, len(calls)):
            _, mode, setup, select, _ = calls[ci]
            script.write("\\echo @@C %d\nBEGIN;\nSET LOCAL statement_timeout = '%s';\n%s\n%s;\n"
                         "\\echo @@E :SQLSTATE\n\\echo @@M :LAST_ERROR_MESSAGE\nROLLBACK;\n"
                         % (ci, TIMEOUT, setup, select))
        path = script.name
    proc = subprocess.Popen(["stdbuf", "-oL", "psql", "-X", "-q", "-A", "-t", "-d", DB, "-f", path],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    current, last_done, began = None, start - 1, time.time()
    for line in proc.stdout:
        line = line.rstrip("\n")
        if line.startswith("@@C "):
            current = int(line[4:])
            results[current] = ["", "", 0]
            began = time.time()
        elif current is None:
            continue
        elif line.startswith("@@R "):
            results[current][2] = int(line.split()[2])
        elif line.startswith("@@E "):
            results[current][0] = line[4:].strip()
            seconds[current] = time.time() - began
        elif line.startswith("@@M "):
            results[current][1] = line[4:].strip()
            last_done = current
    proc.wait()
    os.unlink(path)
    if last_done >= len(calls) - 1:
        break
    # psql stopped early: the connection was lost during the call after the last finished one.
    crashed = last_done + 1
    results[crashed] = ["crash", "server connection lost", 0]
    crashes.append(crashed)
    if not wait_for_server():
        print("Bail out! the server did not come back after a crash in %s" % calls[crashed][4][:200])
        sys.exit(1)
    start = crashed + 1
elapsed = time.time() - t0

# ---------------------------------------------------------------- the verdicts
known = {}
if os.path.exists(KNOWN_FILE):
    for line in open(KNOWN_FILE, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            sig, _, reason = line.partition("|")
            known[sig.strip()] = reason.strip()

per_func = {}
n_internal = n_nan = n_other = n_slow = 0
sqlstates = {}
for ci, (fi, mode, _, _, desc) in enumerate(calls):
    state, msg, bad = results.get(ci, ["missing", "", 0])
    sqlstates[state] = sqlstates.get(state, 0) + 1
    problem = None
    if state == "crash":
        problem = "crash"
    elif state == "00000":
        if bad:
            problem = "NaN or Infinity in the result"
            n_nan += 1
    elif state == "XX000":
        problem = "internal error XX000: " + msg
        n_internal += 1
    elif state == "57014":
        problem = "timeout (%s)" % TIMEOUT
        n_slow += 1
    elif state[:2] not in ACCEPTED_CLASSES:
        problem = "SQLSTATE %s: %s" % (state, msg)
        n_other += 1
    if problem:
        per_func.setdefault(fi, []).append((mode, desc, problem))

print("1..%d" % (len(funcs) + 2))
n, failed = 0, 0
for fi, f in enumerate(funcs):
    n += 1
    ncalls = sum(1 for c in calls if c[0] == fi)
    bad = per_func.get(fi, [])
    if not bad:
        print("ok %d - %s: %d calls behave" % (n, f.sig, ncalls))
        if f.sig in known:
            print("# %s is listed in fuzz_known_failures.txt but no longer fails: remove it" % f.sig)
        continue
    if f.sig in known:
        print("ok %d - %s: %d of %d calls misbehave # TODO known: %s" % (n, f.sig, len(bad), ncalls, known[f.sig]))
    else:
        print("not ok %d - %s: %d of %d calls misbehave" % (n, f.sig, len(bad), ncalls))
        failed += 1
    for mode, desc, problem in bad[:5]:
        print("#   [%s] %s -> %s" % (mode, desc[:300], problem[:300]))

n += 1
ok = len(calls) >= 5000
print("%s %d - at least 5000 calls (%d)" % ("ok" if ok else "not ok", n, len(calls)))
failed += 0 if ok else 1
n += 1
logfile = os.path.join(os.environ.get("PGHOST", ""), "server.log")
signals = 0
if os.path.exists(logfile):
    signals = sum(1 for line in open(logfile, errors="replace") if "terminated by signal" in line)
print("%s %d - no server process terminated by a signal (%d in the server log)"
      % ("ok" if signals == 0 else "not ok", n, signals))
failed += 0 if signals == 0 else 1
slow = {}
for ci, sec in seconds.items():
    slow[funcs[calls[ci][0]].sig] = slow.get(funcs[calls[ci][0]].sig, 0) + sec
print("# slowest: " + ", ".join("%s %.1f s" % kv for kv in sorted(slow.items(), key=lambda kv: -kv[1])[:5]))
if os.environ.get("FUZZ_PROFILE"):
    for m in ("serial", "parallel"):
        xs = [sec for ci, sec in seconds.items() if calls[ci][1] == m]
        print("# %s: %d calls, mean %.4f s" % (m, len(xs), sum(xs) / max(len(xs), 1)))
    for ci, sec in sorted(seconds.items(), key=lambda kv: -kv[1])[:40]:
        print("# %.2f s [%s] %s" % (sec, calls[ci][1], calls[ci][4][:200]))
print("# SQLSTATEs: " + ", ".join("%s %d" % kv for kv in sorted(sqlstates.items())))
print("# fuzz: %d calls, %d crashes, %d internal errors, %d NaN/Infinity results, %d timeouts, "
      "%d other SQLSTATEs, %d functions, %.0f s"
      % (len(calls), len(crashes), n_internal, n_nan, n_slow, n_other, len(funcs), elapsed))
sys.exit(1 if failed else 0)
