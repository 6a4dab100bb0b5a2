# Builds pred.jsonl: the gold mentions with deterministic damage of every kind
# (see README.md). Run from the repository root.
import json, os, random
random.seed(7)
out = open('testdata/eval/pred.jsonl', 'w', encoding='utf-8')
for f in sorted(os.listdir('testdata/gold')):
    g = json.load(open('testdata/gold/' + f, encoding='utf-8'))
    if f.startswith('004'):
        continue  # a gold document with no prediction
    ents = []
    for i, e in enumerate(g['entities']):
        e = dict(e)
        r = random.random()
        if r < 0.08:
            continue  # missed
        elif r < 0.14:
            e['end'] += 1; e['text'] += '?'  # boundary
        elif r < 0.20:
            for k in ('value', 'code', 'canonical', 'start_date'):
                if k in e:
                    e[k] = (e[k] * 10 if isinstance(e[k], (int, float)) else str(e[k]) + 'X')
        elif r < 0.23:
            e.pop('qualifier', None); e.pop('grain', None)
        elif r < 0.25:
            ents.append(dict(e))  # duplicate
        ents.append(e)
        if random.random() < 0.03:
            ents.append({"type": e['type'], "start": e['end'] + 40, "end": e['end'] + 43, "text": "xyz"})  # spurious
    ents.append({"type": "money", "start": 5, "end": 5, "text": ""})  # malformed
    ents.append({"type": "org", "start": "3", "end": 9, "text": "bad"})  # malformed
    out.write(json.dumps({"doc_id": g['doc_id'], "entities": ents}, ensure_ascii=False) + '\n')
out.write(json.dumps({"doc_id": "not_in_gold", "entities": [{"type": "money", "start": 0, "end": 3, "text": "abc"}]}) + '\n')
