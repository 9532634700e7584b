#!/usr/bin/env python3
"""The engine process against the engine in process: `whetstone starter --engine process|local`, alternated.

Each round runs the starter fine-tune (install, 100 steps, five held-out scorings) in a fresh engine home, once
per engine, in alternating order, and records the wall time, the starter's own `seconds`, and the peak resident
memory (VmHWM, polled every 0.1 s) of the command's process and of its engine process. Prints a Markdown table
of the medians. Usage: bench/engine_process.py app/target/whetstone.jar [rounds]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def descendants(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            found.append(child)
            todo.append(child)
    return found


def high_water_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(jar, engine):
    with tempfile.TemporaryDirectory(prefix="whetstone-bench-") as home:
        command = ["java", "-jar", jar, "starter", "--home", home, "--device", "cpu", "--engine", engine]
        start = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peaks = {}
        while proc.poll() is None:
            for pid in [proc.pid] + descendants(proc.pid):
                peaks[pid] = max(peaks.get(pid, 0.0), high_water_mib(pid))
            time.sleep(0.1)
        wall = time.monotonic() - start
        out = proc.stdout.read()
        if proc.returncode != 0:
            raise SystemExit(f"{engine}: exit {proc.returncode}\n{out}")
        last = [line for line in out.splitlines() if line.startswith("{")][-1]
        child = max((mib for pid, mib in peaks.items() if pid != proc.pid), default=0.0)
        return {"wall": wall, "seconds": json.loads(last)["seconds"], "parent": peaks[proc.pid], "engine": child}


def main():
    jar = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    results = {"process": [], "local": []}
    for r in range(rounds):
        order = ["process", "local"] if r % 2 == 0 else ["local", "process"]
        for engine in order:
            result = run(jar, engine)
            results[engine].append(result)
            print(f"round {r + 1} {engine}: {result}", flush=True)
    print(f"\nload average at the end: {os.getloadavg()}\n")
    print("| measure (median of %d) | in process (`--engine local`) | engine process (`--engine process`) | ratio |" % rounds)
    print("|---|---|---|---|")
    for key, label in [("wall", "wall time, s"), ("seconds", "starter's `seconds`"),
                       ("parent", "peak RSS of the command, MiB"), ("engine", "peak RSS of the engine process, MiB")]:
        a = statistics.median(x[key] for x in results["local"])
        b = statistics.median(x[key] for x in results["process"])
        ratio = f"{b / a:.2f}×" if a else "—"
        print(f"| {label} | {a:.1f} | {b:.1f} | {ratio} |")
    total_local = statistics.median(x["parent"] + x["engine"] for x in results["local"])
    total_process = statistics.median(x["parent"] + x["engine"] for x in results["process"])
    print(f"| peak RSS of both processes, MiB | {total_local:.1f} | {total_process:.1f} | {total_process / total_local:.2f}× |")


if __name__ == "__main__":
    main()
