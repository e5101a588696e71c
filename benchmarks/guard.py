#!/usr/bin/env python3
"""Guard: fail when extract has become more than 10 % slower against the floor than recorded.

A benchmark, not a timed test: run it by hand before committing a lexicon, grammar or scanner
change. It times datesync.extract and the floor (one pass of re.compile(r"\\d+").findall) on the
same corpus, interleaved and best of --repeat each, so that machine speed and load cancel out in
the ratio; it compares that ratio with the one recorded in benchmarks/guard.json.

    python benchmarks/guard.py             # exit 1 if extract/floor > recorded × 1.10
    python benchmarks/guard.py --record    # after a change that is meant to cost: record anew
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

RECORD = HERE / "guard.json"
TOLERANCE = 0.10


def corpus(count: int, seed: int) -> list[str]:
    samples = sorted((HERE.parent / "data" / "samples").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in samples] + [
        r["text"] for r in generate.reports(count, seed=seed)
    ]


def ratio(texts: list[str], repeat: int) -> tuple[float, float, float]:
    """extract's best pass, the floor's best pass, and their ratio."""
    import datesync

    floor = re.compile(r"\d+").findall
    for text in texts[:200]:
        datesync.extract(text)  # warm-up: the lexicon pattern and the candidates' memo
    best_extract = best_floor = float("inf")
    for _ in range(repeat):  # interleaved, so a busy spell hits both
        t0 = time.perf_counter()
        for text in texts:
            datesync.extract(text)
        best_extract = min(best_extract, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for text in texts:
            floor(text)
        best_floor = min(best_floor, time.perf_counter() - t0)
    return best_extract, best_floor, best_extract / best_floor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help="write the measured ratio to guard.json")
    parser.add_argument("--repeat", type=int, default=7, help="interleaved passes, best kept (default 7)")
    args = parser.parse_args(argv)
    recorded = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else None
    count, seed = (recorded["generated"], recorded["seed"]) if recorded else (1000, 1)
    texts = corpus(count, seed)
    extract_s, floor_s, measured = ratio(texts, args.repeat)
    print(
        f"{len(texts):,} documents: extract {extract_s:.3f} s, floor {floor_s:.4f} s, ratio {measured:.2f}×"
    )
    if args.record or recorded is None:
        entry = {
            "extract_over_floor": round(measured, 2),
            "generated": count,
            "seed": seed,
            "recorded": time.strftime("%Y-%m-%d"),
        }
        RECORD.write_text(json.dumps(entry, indent=2) + "\n", encoding="utf-8")
        print(f"recorded {measured:.2f}× in {RECORD.name}")
        return 0
    limit = recorded["extract_over_floor"] * (1 + TOLERANCE)
    if measured > limit:
        print(
            f"SLOWER: {measured:.2f}× the floor > {limit:.2f}× (recorded {recorded['extract_over_floor']}× + 10 %)"
        )
        return 1
    print(f"ok: {measured:.2f}× the floor ≤ {limit:.2f}× (recorded {recorded['extract_over_floor']}× + 10 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
