#!/usr/bin/env python3
"""Build testdata/dev-own/text/NN.txt and gold/NN.json from the marked-up source.

usage: python3 testdata/dev-own/build.py   (from anywhere)

The source (src/*.txt) holds one paragraph per block:

    ## NN YYYY-MM-DD
    paragraph text with [TYPE:mention|ARGS] marks

TYPE is o (org), c (country), m (money), p (percent), n (quantity) or d (date).
Marks nest ([o:[c:中国]石油化工集团有限公司|...]). ARGS are optional where
they can be derived from the mention; where given they override:
  o: canonical                   (default: the mention without whitespace)
  c: ISO code                    (default: from COUNTRY below)
  m: value,currency[,qualifier]  (default: parsed from the mention)
  p: value,unit[,qualifier]      (default: parsed)
  n: value,unit[,qualifier]      (default: parsed)
  d: start,end,grain             (default: resolved from ref_date)
A qualifier is taken from a hedge written straight before or after the mention
(or an inner 多/余/几) unless ARGS give one; "-" as qualifier means none.
Offsets are Unicode code points of the plain text, end exclusive. The script
checks every span's text against the slice of the written text and that every
paragraph is 120-300 characters long.
"""
import calendar
import datetime as dt
import glob
import json
import os
import re
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))

COUNTRY = {
    "中国": "CN", "中华人民共和国": "CN", "美国": "US", "法国": "FR", "德国": "DE", "日本": "JP",
    "韩国": "KR", "英国": "GB", "俄罗斯": "RU", "沙特": "SA", "沙特阿拉伯": "SA", "阿联酋": "AE",
    "哈萨克斯坦": "KZ", "匈牙利": "HU", "泰国": "TH", "越南": "VN", "印度尼西亚": "ID", "印尼": "ID",
    "马来西亚": "MY", "新加坡": "SG", "老挝": "LA", "柬埔寨": "KH", "菲律宾": "PH", "缅甸": "MM",
    "肯尼亚": "KE", "埃及": "EG", "巴西": "BR", "墨西哥": "MX", "西班牙": "ES", "意大利": "IT",
    "荷兰": "NL", "瑞士": "CH", "澳大利亚": "AU", "新西兰": "NZ", "加拿大": "CA", "印度": "IN",
    "巴基斯坦": "PK", "土耳其": "TR", "卡塔尔": "QA", "乌兹别克斯坦": "UZ", "塞尔维亚": "RS",
    "智利": "CL", "秘鲁": "PE", "阿根廷": "AR", "南非": "ZA", "尼日利亚": "NG", "埃塞俄比亚": "ET",
    "坦桑尼亚": "TZ", "摩洛哥": "MA", "挪威": "NO", "丹麦": "DK", "安哥拉": "AO", "瑞典": "SE", "波兰": "PL", "文莱": "BN",
    "中方": "CN", "法方": "FR", "美方": "US", "华": "CN", "东盟": None,
}

CURRENCY = [
    ("元人民币", "CNY"), ("人民币", "CNY"), ("美元", "USD"), ("欧元", "EUR"), ("日元", "JPY"),
    ("港元", "HKD"), ("港币", "HKD"), ("英镑", "GBP"), ("卢布", "RUB"), ("韩元", "KRW"),
    ("新加坡元", "SGD"), ("澳元", "AUD"), ("瑞士法郎", "CHF"), ("林吉特", "MYR"), ("泰铢", "THB"),
    ("越南盾", "VND"), ("迪拉姆", "AED"), ("里亚尔", "SAR"), ("雷亚尔", "BRL"), ("元", "CNY"),
]

CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
            "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
MULT = {"万": Decimal(10000), "亿": Decimal(100000000)}

HEDGE_BEFORE = [("不超过", "under"), ("不少于", "over"), ("将近", "under"), ("接近", "under"), ("不到", "under"),
                ("不足", "under"), ("最高", "under"), ("最多", "under"), ("至少", "over"),
                ("最低", "over"), ("不低于", "over"), ("超过", "over"), ("大约", "approx"),
                ("突破", "over"), ("约", "approx"), ("近", "under"), ("超", "over"), ("逾", "over")]
HEDGE_AFTER = [("以上", "over"), ("左右", "approx"), ("上下", "approx"), ("以下", "under")]


def fail(msg):
    sys.exit("build.py: " + msg)


def cn_int(s):
    """A Chinese numeral below 10^4 (一千二百, 三十, 十五, 二〇二五 digit by digit)."""
    if all(c in CN_DIGIT for c in s) and len(s) > 1:
        return int("".join(str(CN_DIGIT[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in CN_DIGIT:
            cur = CN_DIGIT[c]
        elif c in CN_UNIT:
            total += (cur or 1) * CN_UNIT[c]
            cur = 0
        else:
            raise ValueError(s)
    return total + cur


NUM_RE = re.compile(r"^([+-]?[0-9][0-9,]*(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)(多|余|几)?(万亿|万|亿|千万|百万|千)?(多|余|几)?(.*)$")


def parse_number(s):
    """Number, multipliers applied, the rest of the string, and whether 多/余/几 was inside."""
    m = NUM_RE.match(s)
    if not m:
        fail("cannot parse number in %r" % s)
    num, inner1, mult, inner2, rest = m.groups()
    if num[0] in "+-0123456789":
        val = Decimal(num.replace(",", ""))
    else:
        val = Decimal(cn_int(num))
    if mult:
        factor = Decimal(1)
        for c in mult:
            factor *= {"万": 10000, "亿": 100000000, "千": 1000, "百": 100}[c]
        val *= factor
    return val, rest, bool(inner1 or inner2)


def number_json(d):
    d = d.normalize() if d != d.to_integral_value() else d.to_integral_value()
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def hedge(text, start, end):
    before = text[max(0, start - 3):start]
    for w, q in HEDGE_BEFORE:
        if before.endswith(w):
            return q
    after = text[end:end + 2]
    for w, q in HEDGE_AFTER:
        if after.startswith(w):
            return q
    return None


def month_end(y, m):
    return calendar.monthrange(y, m)[1]


def iso(y, m, d):
    return "%04d-%02d-%02d" % (y, m, d)


def resolve_date(t, ref):
    """Resolve the common forms; anything else must carry explicit ARGS."""
    t = re.sub(r"\s+", "", t)
    y = ref.year
    m = re.match(r"^(今年|去年|明年|前年|(\d{4})年)?(.*)$", t)
    pre, yy, rest = m.groups()
    if yy:
        y = int(yy)
    elif pre == "去年":
        y = ref.year - 1
    elif pre == "明年":
        y = ref.year + 1
    elif pre == "前年":
        y = ref.year - 2
    if rest == "":
        if pre is None:
            return None
        return iso(y, 1, 1), iso(y, 12, 31), "year"
    qs = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
    mm = re.match(r"^(?:第)?([一二三四1234])季度$", rest)
    if mm:
        q = qs[mm.group(1)]
        return iso(y, 3 * q - 2, 1), iso(y, 3 * q, month_end(y, 3 * q)), "quarter"
    mm = re.match(r"^前([一二三])季度$", rest)
    if mm:
        q = qs[mm.group(1)]
        return iso(y, 1, 1), iso(y, 3 * q, month_end(y, 3 * q)), "quarter"
    if rest in ("上半年", "前半年"):
        return iso(y, 1, 1), iso(y, 6, 30), "half"
    if rest in ("下半年", "后半年"):
        return iso(y, 7, 1), iso(y, 12, 31), "half"
    if rest == "年初":
        return iso(y, 1, 1), iso(y, 1, 31), "month"
    if rest in ("年底", "年末", "底"):
        return iso(y, 12, 1), iso(y, 12, 31), "month"
    mm = re.match(r"^前(\d+|[一二三四五六七八九十]+)个?月$", rest)
    if mm:
        n = int(mm.group(1)) if mm.group(1).isdigit() else cn_int(mm.group(1))
        return iso(y, 1, 1), iso(y, n, month_end(y, n)), "month"
    mm = re.match(r"^(\d{1,2})[—\-－至到](\d{1,2})月$", rest)
    if mm:
        a, b = int(mm.group(1)), int(mm.group(2))
        return iso(y, a, 1), iso(y, b, month_end(y, b)), "month"
    mm = re.match(r"^(\d{1,2})月$", rest)
    if mm:
        a = int(mm.group(1))
        return iso(y, a, 1), iso(y, a, month_end(y, a)), "month"
    mm = re.match(r"^(\d{1,2})月(初|底|末|上旬|中旬|下旬)$", rest)
    if mm:
        a = int(mm.group(1))
        lo, hi = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20)}.get(mm.group(2), (21, month_end(y, a)))
        return iso(y, a, lo), iso(y, a, hi), "day"
    mm = re.match(r"^(\d{1,2})月(\d{1,2})日$", rest)
    if mm:
        a, b = int(mm.group(1)), int(mm.group(2))
        return iso(y, a, b), iso(y, a, b), "day"
    mm = re.match(r"^(\d{1,2})月(\d{1,2})日?[—\-－至到](\d{1,2})日$", rest)
    if mm:
        a, b, c = int(mm.group(1)), int(mm.group(2)), int(mm.group(3))
        return iso(y, a, b), iso(y, a, c), "day"
    mm = re.match(r"^(\d{1,2})月(\d{1,2})日[—\-－至到](\d{1,2})月(\d{1,2})日$", rest)
    if mm:
        a, b, c, d = (int(x) for x in mm.groups())
        return iso(y, a, b), iso(y, c, d), "day"
    if pre is None and rest == "年内":
        return iso(y, 1, 1), iso(y, 12, 31), "year"
    if pre is None and rest in ("今天", "今日"):
        return ref.isoformat(), ref.isoformat(), "day"
    if pre is None and rest in ("昨天", "昨日"):
        r = ref - dt.timedelta(days=1)
        return r.isoformat(), r.isoformat(), "day"
    if pre is None and rest in ("明天", "明日"):
        r = ref + dt.timedelta(days=1)
        return r.isoformat(), r.isoformat(), "day"
    mm = re.match(r"^(\d{1,2})日$", rest)
    if mm and pre is None:
        return iso(ref.year, ref.month, int(mm.group(1))), iso(ref.year, ref.month, int(mm.group(1))), "day"
    return None


def parse_marked(src):
    """Plain text and a list of (type, start, end, args) from marked-up text."""
    out = []
    ents = []

    def walk(i, depth):
        # returns index after the closing ']' (depth>0) or end of string
        while i < len(src):
            c = src[i]
            if c == "[" and i + 2 < len(src) and src[i + 1] in "ocmpnd" and src[i + 2] == ":":
                typ = src[i + 1]
                start = len(out)
                i = walk(i + 3, depth + 1)
                # walk stopped at '|' or ']'
                args = None
                if src[i] == "|":
                    j = src.index("]", i)
                    args = src[i + 1:j]
                    i = j
                ents.append((typ, start, len(out), args))
                i += 1  # past ']'
                continue
            if depth > 0 and c in "|]":
                return i
            out.append(c)
            i += 1
        if depth > 0:
            fail("unclosed mark in %r" % src[:60])
        return i

    walk(0, 0)
    return "".join(out), ents


def build_entity(typ, s, e, args, text, ref):
    raw = text[s:e]
    ent = {"type": {"o": "org", "c": "country", "m": "money", "p": "percent", "n": "quantity", "d": "date"}[typ],
           "start": s, "end": e, "text": raw}
    compact = re.sub(r"\s+", "", raw)
    if typ == "o":
        ent["canonical"] = args if args else compact
        return ent
    if typ == "c":
        code = args or COUNTRY.get(compact)
        if not code:
            fail("no code for country %r" % raw)
        ent["code"] = code
        return ent
    if typ == "d":
        if args:
            a = args.split(",")
            ent.update(start_date=a[0], end_date=a[1], grain=a[2])
        else:
            r = resolve_date(compact, ref)
            if not r:
                fail("cannot resolve date %r; give start,end,grain" % raw)
            ent.update(start_date=r[0], end_date=r[1], grain=r[2])
        return ent
    # amounts
    a = args.split(",") if args else []
    q = a[2] if len(a) > 2 else None
    if a and a[0]:
        val = Decimal(a[0])
        unit = a[1] if len(a) > 1 else None
        inner = False
    else:
        val, rest, inner = parse_number(compact)
        unit = rest
        if len(a) > 1 and a[1]:
            unit = a[1]
    if typ == "m":
        cur = None
        if len(a) > 1 and a[1]:
            cur = a[1]
        else:
            for w, code in CURRENCY:
                if unit == w:
                    cur = code
                    break
        if not cur:
            fail("no currency for %r (rest %r)" % (raw, unit))
        ent["value"] = number_json(val)
        ent["currency"] = cur
    elif typ == "p":
        if not (len(a) > 1 and a[1]):
            if unit in ("%", "％"):
                unit = "percent"
            elif unit in ("个百分点", "百分点"):
                unit = "point"
            else:
                fail("percent unit %r of %r" % (unit, raw))
        ent["value"] = number_json(val)
        ent["unit"] = unit
    else:
        if not unit:
            fail("no unit for quantity %r" % raw)
        ent["value"] = number_json(val)
        ent["unit"] = unit
    if q is None:
        q = hedge(text, s, e)
        if q is None and inner:
            q = "over"
    if q and q != "-":
        ent["qualifier"] = q
    return ent


def main():
    blocks = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        cur = None
        for ln, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if line.startswith("## "):
                _, nn, ref = line.split()
                cur = [nn, ref, [], "%s:%d" % (os.path.basename(path), ln)]
                blocks.append(cur)
            elif line.strip() and cur is not None:
                cur[2].append(line)
    os.makedirs(os.path.join(HERE, "text"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
    seen = set()
    for nn, ref, lines, where in blocks:
        if nn in seen:
            fail("%s: paragraph %s twice" % (where, nn))
        seen.add(nn)
        text, marks = parse_marked("\n".join(lines))
        if not 120 <= len(text) <= 300:
            fail("%s: paragraph %s is %d characters" % (where, nn, len(text)))
        refd = dt.date.fromisoformat(ref)
        ents = [build_entity(t, s, e, a, text, refd) for t, s, e, a in marks]
        for x in ents:
            if text[x["start"]:x["end"]] != x["text"] or x["start"] >= x["end"]:
                fail("%s: bad span %r" % (where, x))
        ents.sort(key=lambda x: (x["start"], -x["end"], x["type"]))
        with open(os.path.join(HERE, "text", nn + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        doc = {"doc_id": "own-" + nn, "file": "text/%s.txt" % nn, "ref_date": ref}
        head = json.dumps(doc, ensure_ascii=False)[:-1]
        body = ",\n ".join(json.dumps(x, ensure_ascii=False) for x in ents)
        with open(os.path.join(HERE, "gold", nn + ".json"), "w", encoding="utf-8") as f:
            f.write(head + ', "entities": [' + body + "]}\n")
    print("built %d paragraphs" % len(blocks))


if __name__ == "__main__":
    main()
