#!/usr/bin/env python3
"""Mechanical check of the native traditional-character example tables (testdata/hantex/*.tsv).

Run: python3 testdata/hantex/check.py [file.tsv ...]   (default: every table beside this script)

Checks every row: tab-separated fields, a reference field YYYY-MM-DD/LOCALE or -/LOCALE, mentions
written `type text = value` of the file's own types only, each mention's text occurring in the row's
text in order, and the value's shape. Where a span can be read mechanically it also recomputes the
value: the number of a money, percent or quantity (digits, Chinese numerals, 萬/億/兆 multipliers),
the currency from the currency word (a bare 元 from the locale), the qualifier from the hedge beside
the span, the unit of a quantity (the span's tail folded to simplified), the year of an ROC date.
Canonical names, units and country names must be simplified: checked with OpenCC's `opencc -c t2s`
when it is installed (Debian package opencc), skipped with a note otherwise.
Exits 1 with `file:line: message` for every problem found.

With `--cnie BIN` it also runs that cnie binary (`BIN run --flat`) on every row, the reference date
given as `published` and the locale as `locale`, and counts the rows whose mentions of the table's
types come out exactly as written (`-v` lists the others): a measure, not a check, so it never
changes the exit status.
"""
import json
import calendar
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {
    "amount.tsv": {"money", "percent", "quantity"},
    "date.tsv": {"date"},
    "country.tsv": {"country"},
    "org.tsv": {"org"},
}
LOCALES = {"CN", "HK", "TW", "MO", "SG", "MY"}
BARE_YUAN = {"CN": "CNY", "TW": "TWD", "HK": "HKD", "MO": "MOP", "SG": "SGD"}
# Longest first: the currency word at the end (or start) of a money span.
CURRENCY = [
    ("元人民幣", "CNY"), ("元人民币", "CNY"), ("人民幣", "CNY"), ("人民币", "CNY"),
    ("新台幣", "TWD"), ("新臺幣", "TWD"), ("新台币", "TWD"), ("元台幣", "TWD"), ("台幣", "TWD"),
    ("港元", "HKD"), ("港幣", "HKD"), ("港币", "HKD"),
    ("澳門元", "MOP"), ("澳門幣", "MOP"), ("澳门元", "MOP"), ("葡幣", "MOP"),
    ("令吉", "MYR"), ("馬幣", "MYR"), ("马币", "MYR"),
    ("新加坡元", "SGD"), ("新元", "SGD"), ("新幣", "SGD"), ("新币", "SGD"),
    ("美元", "USD"), ("韓元", "KRW"), ("韩元", "KRW"), ("歐元", "EUR"), ("欧元", "EUR"),
    ("日圓", "JPY"), ("日元", "JPY"),
]
QUALIFIERS = {"approx", "over", "under"}
HEDGE_BEFORE = [("超過", "over"), ("超过", "over"), ("突破", "over"), ("逾", "over"),
                ("超", "over"), ("約", "approx"), ("约", "approx"), ("將近", "under"),
                ("接近", "under"), ("不到", "under"), ("近", "under"), ("最高", "under"),
                ("至少", "over")]
HEDGE_AFTER = [("以上", "over"), ("左右", "approx"), ("以下", "under")]
GRAINS = {"year", "half", "quarter", "season", "month", "week", "day"}
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}
NUM_CHARS = set(DIGITS) | set(SMALL_UNITS) | set(BIG_UNITS) | set("0123456789.,點点")
UNESCAPE = {"\\n": "\n", "\\t": "\t", "\\\\": "\\"}



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
    return [os.path.join(root, "extract", k[:-4], "testdata", "hant.tsv") for k in sorted(TYPES)
            if os.path.exists(os.path.join(root, "extract", k[:-4], "testdata", "hant.tsv"))]

def unescape(s):
    return re.sub(r"\\[nt\\]", lambda m: UNESCAPE[m.group(0)], s)


def cn_number(s):
    """Value of a number written with digits and/or Chinese numerals and multipliers, or None."""
    s = s.replace(",", "")
    if not s:
        return None
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(.*)", s)
    if m:
        head, rest = Decimal(m.group(1)), m.group(2)
        mult = Decimal(1)
        for ch in rest:
            if ch in BIG_UNITS:
                mult *= BIG_UNITS[ch]
            elif ch in SMALL_UNITS:
                mult *= SMALL_UNITS[ch]
            else:
                return None
        return head * mult
    # Chinese numerals, with 點 for the decimal point.
    if any(c in "點点" for c in s):
        i, f = re.split("[點点]", s, maxsplit=1)
        ip = cn_number(i)
        if ip is None or any(c not in DIGITS for c in f):
            return None
        return ip + Decimal("0." + "".join(str(DIGITS[c]) for c in f))
    total, section, num = Decimal(0), Decimal(0), None
    for ch in s:
        if ch in DIGITS:
            num = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if num is None else num) * SMALL_UNITS[ch]
            num = None
        elif ch in BIG_UNITS:
            if num is not None:
                section += num
            total = (total + (section or 1)) * BIG_UNITS[ch]
            section, num = Decimal(0), None
        else:
            return None
    if num is not None:
        section += num
    return total + section


def fold(strings):
    """OpenCC t2s of each string, or None when opencc is not installed."""
    if not shutil.which("opencc") or not strings:
        return None
    out = subprocess.run(["opencc", "-c", "t2s"], input="\n".join(strings) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return out.split("\n")[: len(strings)]


def split_number(span):
    """Split a money or quantity span into (number text, inner hedge, tail)."""
    m = re.match(r"([0-9][0-9,]*(?:\.[0-9]+)?|[零〇一二兩两三四五六七八九十百千]+)"
                 r"([十百千萬万億亿兆]*)([多餘余几]?)([十百千萬万億亿兆]*)", span)
    if not m:
        return None
    mult, tail = m.group(2) + m.group(4), span[m.end():]
    if mult.endswith("兆") and tail[:1] in ("瓦", "赫", "帕", "字"):  # 兆瓦: a unit, not 10^12
        mult, tail = mult[:-1], "兆" + tail
    return m.group(1) + mult, m.group(3), tail


def hedge_of(text, start, end, inner):
    for w, q in HEDGE_BEFORE:
        if text[:start].endswith(w):
            return q
    for w, q in HEDGE_AFTER:
        if text[end:].startswith(w):
            return q
    return "over" if inner else None


class Checker:
    def __init__(self):
        self.errors = []
        self.to_fold = []  # (path, line, what, string)

    def err(self, path, n, msg):
        self.errors.append(f"{os.path.relpath(path)}:{n}: {msg}")

    def run(self, path):
        name = table_key(path)
        allowed = TYPES.get(name)
        if allowed is None:
            self.err(path, 0, "unknown table (want one of %s)" % ", ".join(sorted(TYPES)))
            return 0
        rows = 0
        exception = False
        for n, raw in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
            if not raw.strip():
                continue
            if raw.startswith("#"):
                exception = "article means" in raw
                continue
            rows += 1
            self.row(path, n, raw, allowed, exception)
            exception = False
        return rows

    def row(self, path, n, raw, allowed, exception):
        fs = raw.split("\t")
        if len(fs) < 3:
            return self.err(path, n, "want text, reference field and mentions (or -), split by tabs")
        text, ref = unescape(fs[0]), fs[1]
        m = re.fullmatch(r"(-|\d{4}-\d{2}-\d{2})/([A-Z]{2})", ref)
        if not m:
            return self.err(path, n, f"reference field {ref!r} is not YYYY-MM-DD/LOCALE or -/LOCALE")
        refdate, locale = m.groups()
        if locale not in LOCALES:
            self.err(path, n, f"locale {locale} not one of {sorted(LOCALES)}")
        if refdate != "-":
            try:
                refdate = dt.date.fromisoformat(refdate)
            except ValueError:
                return self.err(path, n, f"reference date {refdate} is not a day")
        else:
            refdate = None
        if fs[2:] == ["-"]:
            return
        if "-" in fs[2:]:
            return self.err(path, n, "a - field among mentions")
        pos = 0
        for w in fs[2:]:
            mm = re.fullmatch(r"(\w+) (.+?) = (.+)", w)
            if not mm:
                self.err(path, n, f"mention {w!r} is not `type text = value`")
                continue
            typ, span, value = mm.group(1), unescape(mm.group(2)), mm.group(3)
            if typ not in allowed:
                self.err(path, n, f"type {typ} does not belong in {os.path.basename(path)}")
                continue
            at = text.find(span, pos)
            if at < 0:
                self.err(path, n, f"span {span!r} does not occur in the text after offset {pos}")
                continue
            end = at + len(span)
            pos = end
            getattr(self, "v_" + typ)(path, n, text, at, end, span, value, locale, refdate, exception)

    # money ---------------------------------------------------------------
    def v_money(self, path, n, text, start, end, span, value, locale, ref, exception):
        parts = value.split(" ")
        if len(parts) not in (2, 3) or not re.fullmatch(r"-?\d+(\.\d+)?", parts[0]) \
                or not re.fullmatch(r"[A-Z]{3}", parts[1]) or (len(parts) == 3 and parts[2] not in QUALIFIERS):
            return self.err(path, n, f"money value {value!r} is not `value CODE [qualifier]`")
        body, code = span, None
        for w, c in CURRENCY:  # currency word written before the number
            if body.startswith(w):
                body, code = body[len(w):], c
                break
        sp = split_number(body)
        if not sp:
            return self.err(path, n, f"money span {span!r}: no number")
        num, inner, tail = sp
        if code is None:
            for w, c in CURRENCY:
                if tail.endswith(w):
                    tail, code = tail[: -len(w)], c
                    break
        if tail not in ("", "元"):
            return self.err(path, n, f"money span {span!r}: unread tail {tail!r}")
        if code is None:
            if tail != "元":
                return self.err(path, n, f"money span {span!r}: no currency")
            code = BARE_YUAN.get(locale)
            if exception:
                code = parts[1]
        v = cn_number(num)
        if v is None or v != Decimal(parts[0]):
            self.err(path, n, f"money {span!r}: value {parts[0]}, the span reads {v}")
        if code != parts[1]:
            self.err(path, n, f"money {span!r}: currency {parts[1]}, the span and locale {locale} give {code}")
        self.qual(path, n, text, start, end, span, inner, parts[2] if len(parts) == 3 else None)

    def qual(self, path, n, text, start, end, span, inner, got):
        want = hedge_of(text, start, end, inner)
        if want != got:
            self.err(path, n, f"{span!r}: qualifier {got}, the text gives {want}")

    # percent -------------------------------------------------------------
    def v_percent(self, path, n, text, start, end, span, value, locale, ref, exception):
        parts = value.split(" ")
        if len(parts) not in (2, 3) or parts[1] not in ("percent", "point") \
                or (len(parts) == 3 and parts[2] not in QUALIFIERS):
            return self.err(path, n, f"percent value {value!r} is not `value percent|point [qualifier]`")
        v, unit = None, "percent"
        if span.endswith("%"):
            v = cn_number(span[:-1].lstrip("+"))
        elif span.startswith("百分之"):
            v = cn_number(span[3:])
        elif span.endswith("個百分點") or span.endswith("个百分点"):
            v, unit = cn_number(span[:-4]), "point"
        elif span.endswith("厘"):
            v = cn_number(span[:-1])
            if locale != "HK":
                self.err(path, n, f"{span!r}: 厘 as a rate is Hong Kong usage")
        elif span.endswith("成"):
            c = cn_number(span[:-1])
            v = None if c is None else c * 10
        elif "分之" in span:
            a, b = span.split("分之")
            a, b = cn_number(a), cn_number(b)
            v = None if not a or b is None else Decimal(100) * b / a
        if v is None or v != Decimal(parts[0]) or unit != parts[1]:
            self.err(path, n, f"percent {span!r}: value {parts[0]} {parts[1]}, the span reads {v} {unit}")
        self.qual(path, n, text, start, end, span, False, parts[2] if len(parts) == 3 else None)

    # quantity ------------------------------------------------------------
    def v_quantity(self, path, n, text, start, end, span, value, locale, ref, exception):
        parts = value.split(" ")
        if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] not in QUALIFIERS):
            return self.err(path, n, f"quantity value {value!r} is not `value unit [qualifier]`")
        sp = split_number(span)
        if sp is None and span[0] in BIG_UNITS:  # a bare multiplier: 萬人
            sp = (span[0], "", span[1:])
        if sp is None:
            return self.err(path, n, f"quantity span {span!r}: no number")
        num, inner, tail = sp
        v = cn_number(num) if num[0] not in BIG_UNITS else Decimal(BIG_UNITS[num[0]])
        if v is None or v != Decimal(parts[0]):
            self.err(path, n, f"quantity {span!r}: value {parts[0]}, the span reads {v}")
        if not tail:
            self.err(path, n, f"quantity {span!r}: no unit")
        self.to_fold.append((path, n, f"unit of {span!r}", tail, parts[1]))
        self.qual(path, n, text, start, end, span, inner, parts[2] if len(parts) == 3 else None)

    # date ----------------------------------------------------------------
    def v_date(self, path, n, text, start, end, span, value, locale, ref, exception):
        m = re.fullmatch(r"(?:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})|null) (\w+)", value)
        if not m or m.group(3) not in GRAINS:
            return self.err(path, n, f"date value {value!r} is not `first..last grain` or `null grain`")
        if m.group(1) is None:
            return
        a, b, g = dt.date.fromisoformat(m.group(1)), dt.date.fromisoformat(m.group(2)), m.group(3)
        if a > b:
            self.err(path, n, f"date {span!r}: {a} after {b}")
        last = lambda d: d.replace(day=calendar.monthrange(d.year, d.month)[1])
        if g in ("month", "quarter", "half", "season") and (a.day != 1 or b != last(b)):
            self.err(path, n, f"date {span!r}: grain {g} wants whole months")
        if g == "quarter" and (a.month % 3 != 1 or b.month % 3 != 0):
            self.err(path, n, f"date {span!r}: not whole quarters")
        if g == "year" and not ((a.month, a.day) in ((1, 1), (4, 1)) and (b.month, b.day) in ((12, 31), (3, 31))):
            self.err(path, n, f"date {span!r}: grain year wants a calendar or April-March year")
        if g == "week" and (a.weekday() != 0 or b.weekday() != 6):
            self.err(path, n, f"date {span!r}: a week runs Monday to Sunday")
        roc = re.match(r"(?:民國)?([0-9]{3}|[〇一二三四五六七八九]{3})(?:年|/)", span)
        if roc and (span.startswith("民國") or locale == "TW"):
            y = roc.group(1)
            y = int(y) if y.isdigit() else int("".join(str(DIGITS[c]) for c in y))
            if a.year != y + 1911:
                self.err(path, n, f"date {span!r}: ROC year {y} is {y + 1911}, not {a.year}")
        if re.search(r"國慶|国庆|雙十節", span) and g == "day":
            want = (10, 10) if locale == "TW" else (10, 1)
            if (a.month, a.day) != want:
                self.err(path, n, f"date {span!r}: 國慶 in locale {locale} is {want}")
        if re.search(r"財政年度|财政年度", span) and re.match(r"[本上下]", span):
            apr = locale in ("HK", "SG")
            if apr != ((a.month, a.day) == (4, 1)):
                self.err(path, n, f"date {span!r}: the fiscal year in locale {locale} starts {'April' if apr else 'January'}")

    # org and country -------------------------------------------------------
    def v_org(self, path, n, text, start, end, span, value, locale, ref, exception):
        self.to_fold.append((path, n, f"canonical of {span!r}", value, value))

    def v_country(self, path, n, text, start, end, span, value, locale, ref, exception):
        if not re.fullmatch(r"[A-Z]{2}", value):
            self.err(path, n, f"country code {value!r} is not ISO 3166-1 alpha-2")
        if value in ("TW", "HK", "MO"):
            self.err(path, n, f"{span!r}: Taiwan, Hong Kong and Macau are not country mentions")

    def finish(self):
        folded = fold([t for _, _, _, t, _ in self.to_fold])
        if folded is None:
            print("note: opencc not installed, simplified-character checks skipped", file=sys.stderr)
            return
        for (path, n, what, src, want), got in zip(self.to_fold, folded):
            if got != want:
                self.err(path, n, f"{what}: {want!r} is not the simplified {got!r}")


def plain(v):
    """A number as the tables write it: no exponent, no trailing zeros."""
    d = Decimal(str(v)).normalize()
    s = format(d, "f")
    return s


def describe(e):
    t = e["type"]
    if t == "money":
        v = plain(e["value"]) + " " + e["currency"]
    elif t in ("percent", "quantity"):
        v = plain(e["value"]) + " " + e["unit"]
    elif t == "date":
        v = (f"{e['start_date']}..{e['end_date']}" if e.get("start_date") else "null") + " " + e["grain"]
    elif t == "org":
        v = e["canonical"]
    else:
        v = e["code"]
    if e.get("qualifier"):
        v += " " + e["qualifier"]
    return f"{t} {e['text']} = {v}"


def norm_want(w):
    typ, rest = w.split(" ", 1)
    span, value = rest.split(" = ", 1)
    if typ in ("money", "percent", "quantity"):
        parts = value.split(" ")
        parts[0] = plain(parts[0])
        value = " ".join(parts)
    return f"{typ} {unescape(span)} = {value}"


def measure(binary, paths, verbose):
    rows = []
    for path in paths:
        types = TYPES[table_key(path)]
        for n, raw in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            fs = raw.split("\t")
            ref, locale = fs[1].split("/")
            art = {"id": f"{os.path.basename(path)}:{n}", "text": unescape(fs[0]), "locale": locale}
            if ref != "-":
                art["published"] = ref
            want = [] if fs[2:] == ["-"] else [norm_want(w) for w in fs[2:]]
            rows.append((path, n, types, art, want))
    inp = "".join(json.dumps(a, ensure_ascii=False) + "\n" for _, _, _, a, _ in rows)
    out = subprocess.run([binary, "run", "--flat", "--quiet"], input=inp, capture_output=True, text=True)
    got = {}
    for line in out.stdout.splitlines():
        e = json.loads(line, parse_float=Decimal)
        got.setdefault(e["doc_id"], []).append(e)
    right = {}
    for path, n, types, art, want in rows:
        es = sorted((e for e in got.get(art["id"], []) if e["type"] in types), key=lambda e: (e["start"], e["end"]))
        have = [describe(e) for e in es]
        name = os.path.basename(path)
        r, t = right.get(name, (0, 0))
        ok = have == want
        right[name] = (r + ok, t + 1)
        if verbose and not ok:
            print(f"{os.path.relpath(path)}:{n}: {art['text']}\n  got  {have}\n  want {want}")
    print("cnie rows right: " + " ".join(f"{k}={r}/{t}" for k, (r, t) in right.items()),
          "total=%d/%d" % (sum(r for r, _ in right.values()), sum(t for _, t in right.values())))


def main(argv):
    binary, verbose = None, False
    if "-v" in argv:
        argv.remove("-v")
        verbose = True
    if "--cnie" in argv:
        i = argv.index("--cnie")
        binary = argv[i + 1]
        del argv[i: i + 2]
    paths = argv or default_tables()
    c = Checker()
    counts = {os.path.basename(p): c.run(p) for p in paths}
    c.finish()
    for e in c.errors:
        print(e)
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"total={sum(counts.values())}",
          f"errors={len(c.errors)}")
    if binary:
        measure(binary, paths, verbose)
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
