#!/usr/bin/env python3
"""Run a command and report its wall time and peak memory, including its worker processes.

    python benchmarks/rsswatch.py [--interval 0.2] [--json out.json] -- datesync audit c.jsonl --jobs 2 ...

Three views of memory, because no single number tells the whole story with --jobs N:
- maxrss (wait4): the kernel's peak RSS of the largest single process in the tree (the command or
  any descendant it waited for). It is what `/usr/bin/time -v` prints as "Maximum resident set
  size": a per-process maximum, never a sum.
- parent peak / worker peak: sampled with psutil every --interval seconds (misses spikes shorter
  than that).
- tree peak: the largest sum of RSS over the whole process tree at one sample: the machine memory
  the run needed at once (shared pages of forked workers are counted in each, so it overstates a
  little).

Needs psutil for the sampled figures (pip install psutil); without it only wall time and maxrss.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time

try:
    import psutil
except ImportError:  # still gives wall time and maxrss
    psutil = None


def run(cmd: list[str], interval: float = 0.2, **popen) -> dict:
    """Run `cmd` to completion; return wall time, exit code and memory figures (bytes)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, **popen)
    stats = {
        "parent_peak": 0,
        "worker_peak": 0,
        "tree_peak": 0,
        "workers_seen": 0,
        "samples": 0,
        "workers_first_s": None,
        "workers_last_s": None,
    }
    done = threading.Event()

    def sample() -> None:
        if psutil is None:
            return
        try:
            parent = psutil.Process(proc.pid)
        except psutil.Error:
            return
        seen: set[int] = set()
        while not done.is_set():
            try:
                prss = parent.memory_info().rss
                total = prss
                children = parent.children(recursive=True)
                if children:
                    now = time.perf_counter() - started
                    stats["workers_last_s"] = now
                    if stats["workers_first_s"] is None:
                        stats["workers_first_s"] = now
                for child in children:
                    try:
                        crss = child.memory_info().rss
                    except psutil.Error:
                        continue
                    seen.add(child.pid)
                    total += crss
                    stats["worker_peak"] = max(stats["worker_peak"], crss)
                stats["parent_peak"] = max(stats["parent_peak"], prss)
                stats["tree_peak"] = max(stats["tree_peak"], total)
                stats["samples"] += 1
                stats["workers_seen"] = len(seen)
            except psutil.Error:
                break
            done.wait(interval)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    watcher.join()
    return {
        "cmd": cmd,
        "returncode": proc.returncode,
        "wall_s": wall,
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
        "maxrss_wait4": usage.ru_maxrss * 1024,  # Linux reports KiB
        **stats,
    }


def describe(result: dict) -> str:
    mb = 1 / 2**20
    lines = [
        f"exit code           {result['returncode']}",
        f"wall time           {result['wall_s']:.1f} s  (user {result['user_s']:.1f} s, "
        f"sys {result['sys_s']:.1f} s, children included)",
        f"maxrss (wait4)      {result['maxrss_wait4'] * mb:,.0f} MiB  "
        "(largest single process; = /usr/bin/time -v)",
    ]
    if result["samples"]:
        lines += [
            f"parent peak RSS     {result['parent_peak'] * mb:,.0f} MiB  (sampled)",
            f"worker peak RSS     {result['worker_peak'] * mb:,.0f} MiB  (largest worker, sampled;"
            f" {result['workers_seen']} worker(s) seen)",
            f"tree peak RSS       {result['tree_peak'] * mb:,.0f} MiB  "
            "(parent + workers at one moment, sampled)",
        ]
        if result.get("workers_last_s") is not None:
            tail = result["wall_s"] - result["workers_last_s"]
            lines.append(
                f"workers alive       {result['workers_first_s']:.1f} s - {result['workers_last_s']:.1f} s; "
                f"parent alone after them {tail:.1f} s (grouping events, writing reports)"
            )
    else:
        lines.append("sampled RSS         n/a (pip install psutil)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--interval", type=float, default=0.2, help="sampling period in seconds (default 0.2)"
    )
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("cmd", nargs=argparse.REMAINDER, help="-- command and arguments")
    args = parser.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        parser.error("give a command after --")
    result = run(cmd, args.interval)
    print(describe(result), file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    return result["returncode"]


if __name__ == "__main__":
    sys.exit(main())
