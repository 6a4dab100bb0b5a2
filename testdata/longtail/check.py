#!/usr/bin/env python3
"""Check the long-tail example tables mechanically.

Usage: python3 check.py [file.tsv ...]   (default: every *.tsv beside this script)

For every example line: the field count (text, reference, at least one mention or a single -),
the reference (YYYY-MM-DD or -, optionally /LOCALE), each mention's form `type text = value`,
that the mention's type is the one the file checks, that the mention texts occur in the text in
order without overlapping (after the normaliser's folding of full-width ASCII), and the value:
dates valid with first <= last and a known grain, money with a three-letter code, percent and
quantity with a number and unit, qualifiers from the guide's three, country codes of two letters.
It also flags duplicate texts. Exit status 1 on any error; errors name file and line.
"""
import datetime as dt
import os
import re
import sys

TYPES = {"date.tsv": {"date"}, "amount.tsv": {"money", "percent", "quantity"}, "country.tsv": {"country"}}
LOCALES = {"CN", "HK", "TW", "MO", "SG", "MY"}
GRAINS = {"year", "half", "quarter", "season", "month", "week", "day"}
QUALS = {"approx", "over", "under"}
NUM = re.compile(r"^-?\d+(\.\d+)?$")



def table_key(path):
    """The TYPES key of a table: its own name (date.tsv …), or, for a table moved
    beside its extractor (extract/<package>/testdata/*.tsv), the package's."""
    base = os.path.basename(path)
    if base in TYPES:
        return base
    pkg = os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(path))))
    return pkg + ".tsv"


def default_tables():
    """The tables this checker was written for, where they live now."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return [os.path.join(root, "extract", k[:-4], "testdata", "longtail.tsv") for k in sorted(TYPES)
            if os.path.exists(os.path.join(root, "extract", k[:-4], "testdata", "longtail.tsv"))]

def unescape(s):
    return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def fold(s):
    # The normaliser folds full-width ASCII to its narrow form, rune for rune.
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else ("" if c == "\u3000" else c) for c in s)


def check_value(typ, val):
    parts = val.split(" ")
    if typ == "date":
        if len(parts) != 2 or parts[1] not in GRAINS:
            return "date value is not `first..last grain`"
        if parts[0] == "null":
            return None
        a, _, b = parts[0].partition("..")
        try:
            da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
        except ValueError:
            return "date %r is not a valid day" % parts[0]
        if da > db:
            return "first day after last"
        g = parts[1]
        if g in ("month", "quarter", "half", "year", "season") and (da.day != 1 or (db + dt.timedelta(1)).day != 1):
            return "grain %s but not whole months" % g
        if g == "week" and (da.weekday() != 0 or (db - da).days % 7 != 6):
            return "grain week but not Monday to Sunday"
        return None
    q = parts[2:] if typ != "country" else parts[1:]
    if typ == "country":
        if len(parts) != 1 or not re.fullmatch(r"[A-Z]{2}", parts[0]):
            return "country value is not a two-letter code"
        return None
    if len(parts) < 2 or not NUM.match(parts[0]):
        return "value is not `number unit`"
    if typ == "money" and not re.fullmatch(r"[A-Z]{3}", parts[1]):
        return "money code is not three letters"
    if typ == "percent" and parts[1] not in ("percent", "point"):
        return "percent unit is not percent or point"
    if len(q) > 1 or (q and q[0] not in QUALS):
        return "bad qualifier %r" % " ".join(q)
    return None


def check(path):
    errs, n, seen = [], 0, {}
    want = TYPES.get(table_key(path))
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines[0].startswith("#"):
        errs.append("%s:1: no comment header" % path)
    for i, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        def err(msg):
            errs.append("%s:%d: %s" % (path, i, msg))
        fs = line.split("\t")
        if len(fs) < 3:
            err("fewer than 3 tab-separated fields")
            continue
        n += 1
        text, ref, ms = fs[0], fs[1], fs[2:]
        if text != text.strip() or not text:
            err("text empty or padded")
        if text in seen:
            err("duplicate of line %d" % seen[text])
        seen[text] = i
        if ref != "-":
            d, _, loc = ref.partition("/")
            try:
                dt.date.fromisoformat(d)
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)
            except (ValueError, AssertionError):
                err("reference %r is not YYYY-MM-DD" % ref)
            if "/" in ref and loc not in LOCALES:
                err("unknown locale %r" % loc)
        if ms == ["-"]:
            continue
        view, pos = fold(unescape(text)), 0
        for m in ms:
            mm = re.fullmatch(r"(\w+) (.+?) = (.+)", m)
            if not mm:
                err("mention %r is not `type text = value`" % m)
                continue
            typ, span, val = mm.groups()
            if want and typ not in want:
                err("type %s in a table of %s" % (typ, "/".join(sorted(want))))
            span = unescape(span)
            if fold(span) != span:
                err("mention text %r is not in normalised form" % span)
            k = view.find(span, pos)
            if k < 0:
                err("mention text %r not found in order in the text" % span)
            else:
                pos = k + len(span)
            e = check_value(typ, val)
            if e:
                err("%s: %s" % (m, e))
    return n, errs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    paths = sys.argv[1:] or default_tables()
    bad = False
    for p in paths:
        n, errs = check(p)
        for e in errs:
            print(e)
        bad = bad or bool(errs)
        print("%s: %d examples%s" % (os.path.basename(p), n, ", %d errors" % len(errs) if errs else ""))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
