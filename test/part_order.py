#!/usr/bin/env python3
"""The parts of the install script, in the order of extension/parts.manifest:
each part may use only what it or an earlier part creates, and may alter
(ALTER, GRANT, REVOKE, COMMENT, CREATE POLICY/TRIGGER/INDEX, UPDATE or DELETE of
rows, when installed) only objects it creates itself; it may add rows of its own
to another part's registry table (a node computer, an input relation).

Prints one line per violation ("part: uses|alters perf_eval.name, created by
later|other part") and exits 1 if there is any. References inside string
literals (messages, comments' text) and SQL comments are not uses; dynamic SQL
that builds a name from pieces is not seen."""
import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
parts = [l.split('#')[0].strip() for l in (root / 'extension/parts.manifest').read_text().splitlines()]
parts = [p for p in parts if p]

CREATE = re.compile(r'\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|UNLOGGED\s+)?'
                    r'(?:FUNCTION|PROCEDURE|TABLE|VIEW|TYPE|AGGREGATE|SEQUENCE|DOMAIN)\s+perf_eval\.([a-z_0-9]+)', re.I)
# Statements that change an object (or its rows) named right after the keywords.
ALTERS = [
    re.compile(r'\bALTER\s+(?:TABLE|VIEW|FUNCTION|PROCEDURE|TYPE|AGGREGATE|SEQUENCE)\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?perf_eval\.([a-z_0-9]+)', re.I),
    re.compile(r'\bCOMMENT\s+ON\s+(?:TABLE|VIEW|FUNCTION|PROCEDURE|TYPE|AGGREGATE|SEQUENCE)\s+perf_eval\.([a-z_0-9]+)', re.I),
    re.compile(r'\bCOMMENT\s+ON\s+COLUMN\s+perf_eval\.([a-z_0-9]+)\.', re.I),
    re.compile(r'\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:[a-z_0-9]+\s+)?ON\s+perf_eval\.([a-z_0-9]+)', re.I),
    re.compile(r'\bCREATE\s+POLICY\s+[a-z_0-9]+\s+ON\s+perf_eval\.([a-z_0-9]+)', re.I),
    re.compile(r'\bCREATE\s+(?:CONSTRAINT\s+)?TRIGGER\s+[a-z_0-9]+\s+(?:BEFORE|AFTER|INSTEAD\s+OF)\s+[^;]*?\bON\s+perf_eval\.([a-z_0-9]+)', re.I),
    re.compile(r'\b(?:UPDATE|DELETE\s+FROM)\s+perf_eval\.([a-z_0-9]+)', re.I),
]
REF = re.compile(r'\bperf_eval\.([a-z_0-9]+)\b')


def code_of(text):
    """The text without SQL comments and single-quoted literals (dollar-quoted
    bodies are kept: they are code)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('--', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif c == "'":
            j = i + 1
            while j < n:
                if text[j] == "'" and j + 1 < n and text[j + 1] == "'":
                    j += 2
                elif text[j] == "'":
                    break
                else:
                    j += 1
            out.append("''")
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


codes = {p: code_of((root / 'extension/parts' / p).read_text()) for p in parts}


def install_time(code):
    """The statements a part runs when installed: its text without the bodies
    of the functions it creates (those run later, on data), but with DO blocks."""
    out, pos = [], 0
    for m in re.finditer(r'(\bDO\s+)?(\$[a-z_]*\$)(.*?)\2', code, re.I | re.S):
        out.append(code[pos:m.start()])
        out.append(m.group(0) if m.group(1) else "''")
        pos = m.end()
    out.append(code[pos:])
    return ''.join(out)
creator = {}
for p in parts:
    for name in CREATE.findall(codes[p]):
        creator.setdefault(name.lower(), p)
order = {p: k for k, p in enumerate(parts)}

problems = []
for p in parts:
    code = codes[p]
    statements = install_time(code)
    # GRANT/REVOKE ... ON [TABLE|FUNCTION|...] a, b, c TO|FROM
    altered = set()
    for rx in ALTERS:
        altered.update(m.lower() for m in rx.findall(statements))
    for m in re.finditer(r'\b(?:GRANT|REVOKE)\b(.*?)\b(?:TO|FROM)\b', statements, re.I | re.S):
        altered.update(x.lower() for x in REF.findall(m.group(1)))
    for name in sorted(altered):
        owner = creator.get(name)
        if owner is not None and owner != p:
            problems.append(f'{p}: alters perf_eval.{name}, created by {owner}')
    for name in sorted(set(x.lower() for x in REF.findall(code))):
        owner = creator.get(name)
        if owner is not None and order[owner] > order[p]:
            problems.append(f'{p}: uses perf_eval.{name}, created by the later part {owner}')

for line in problems:
    print(line)
sys.exit(1 if problems else 0)
