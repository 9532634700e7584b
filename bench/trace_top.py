#!/usr/bin/python3
"""Self time per libtorch op (optionally per shape) of a Chrome trace written by StepProfile trace mode:
    python3 bench/trace_top.py /tmp/step-trace.json [shape] [rows]"""
import json, sys, collections
ev = [e for e in json.load(open(sys.argv[1])) if e.get("ph") == "X"]
byshape = len(sys.argv) > 2 and sys.argv[2] == "shape"
bytid = collections.defaultdict(list)
for e in ev: bytid[e["tid"]].append(e)
selft = collections.Counter(); tot = collections.Counter(); cnt = collections.Counter()
for tid, es in bytid.items():
    es.sort(key=lambda e: (e["ts"], -e["dur"]))
    stack = []
    for e in es:
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"] + 1e-6:
            stack.pop()
        key = e["name"] + (" " + str(e.get("shape")) if byshape else "")
        e["_key"] = key; e["_child"] = 0.0
        if stack:
            stack[-1]["_child"] += e["dur"]
        stack.append(e)
    for e in es:
        selft[e["_key"]] += e["dur"] - e["_child"]; cnt[e["_key"]] += 1
        tot[e["_key"]] += e["dur"]
total = sum(selft.values())
print("tids:", {t: len(v) for t, v in bytid.items()}, "total self ms %.1f" % (total/1000))
for k, v in selft.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 40):
    print("%8.1f ms self %8.1f ms incl %5d  %s" % (v/1000, tot[k]/1000, cnt[k], k[:160]))
