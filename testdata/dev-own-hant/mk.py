#!/usr/bin/env python3
"""Build text/NN.txt and gold/own-hant-NN.json from src.txt (see its header).

Run from this folder: python3 mk.py. Offsets are in code points, end exclusive.
"""
import json
import os
import sys


def parse_doc(line, where):
    out, stack, ents = [], [], []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == '«':
            bar = line.index('|', i)
            stack.append((line[i + 1:bar], len(out)))
            i = bar + 1
            continue
        if ch == '»':
            if not stack:
                sys.exit(f'{where}: » without «')
            head, start = stack.pop()
            ents.append(entity(head, start, len(out), ''.join(out[start:]), where))
            i += 1
            continue
        out.append(ch)
        i += 1
    if stack:
        sys.exit(f'{where}: « not closed')
    ents.sort(key=lambda e: (e['start'], -e['end']))
    return ''.join(out), ents


def num(s):
    f = float(s)
    return int(f) if f == int(f) and '.' not in s else f


def entity(head, start, end, text, where):
    kind, _, arg = head.partition('=')
    a = arg.split(',')
    e = {'start': start, 'end': end, 'text': text}
    if kind == 'org':
        e.update(type='org', canonical=arg)
    elif kind == 'cty':
        e.update(type='country', code=arg)
    elif kind == 'money':
        e.update(type='money', value=num(a[0]), currency=a[1])
    elif kind == 'pct':
        e.update(type='percent', value=num(a[0]), unit=a[1])
    elif kind == 'qty':
        e.update(type='quantity', value=num(a[0]), unit=a[1])
    elif kind == 'date':
        e.update(type='date', start_date=a[0], end_date=a[1], grain=a[2])
    else:
        sys.exit(f'{where}: unknown mention head {head!r}')
    if kind in ('money', 'pct', 'qty') and len(a) > 2:
        e['qualifier'] = a[2]
    return {k: e[k] for k in ['type', 'start', 'end', 'text'] + [k for k in e if k not in ('type', 'start', 'end', 'text')]}


def main():
    os.makedirs('text', exist_ok=True)
    os.makedirs('gold', exist_ok=True)
    head = None
    for n, line in enumerate(open('src.txt', encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        if line.startswith('== '):
            head = line[3:].split()
            continue
        num_, loc, ref = head
        text, ents = parse_doc(line, f'src.txt:{n}')
        with open(f'text/{num_}.txt', 'w', encoding='utf-8') as f:
            f.write(text + '\n')
        doc = {'doc_id': f'own-hant-{num_}', 'file': f'text/{num_}.txt', 'ref_date': ref, 'locale': loc, 'entities': ents}
        with open(f'gold/own-hant-{num_}.json', 'w', encoding='utf-8') as f:
            f.write(json.dumps(doc, ensure_ascii=False) + '\n')


main()
