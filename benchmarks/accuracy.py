#!/usr/bin/env python3
"""Planted faults in a generated corpus: are they all flagged, and is any clean report flagged?

    python benchmarks/accuracy.py                    # 20,000 reports, seed 7
    python benchmarks/accuracy.py --count 5000 --seed 3

Generates reports with their truth (benchmarks/generate.py), audits them in process, and prints per
fault kind how many reports got a warning or an error, how many clean reports did (with their
finding kinds), and how many reports' main event got its true date.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

import datesync


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    pairs = list(generate.reports(args.count, seed=args.seed, truth=True))
    started = time.perf_counter()
    result = datesync.audit([report for report, _ in pairs])
    elapsed = time.perf_counter() - started
    flagged: dict[str, list[str]] = {}
    noted: set[str] = set()  # any finding, info included
    for f in result.findings:
        noted.update(f.doc_ids)
        if f.severity.value in ("error", "warning"):
            for doc in f.doc_ids:
                flagged.setdefault(doc, []).append(f.kind)
    by_fault: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    any_caught: Counter[str] = Counter()
    clean_kinds: Counter[str] = Counter()
    for _, truth in pairs:
        fault = truth["fault"] or "clean"
        by_fault[fault] += 1
        any_caught[fault] += truth["id"] in noted
        if truth["id"] in flagged:
            caught[fault] += 1
            if fault == "clean":
                clean_kinds.update(flagged[truth["id"]])
    main_right = 0
    event_of = {e.id: e for e in result.events}
    members = {(m.doc_id, m.role): e for e in result.events for m in e.members}
    for _, truth in pairs:
        event = members.get((truth["id"], "main"))
        if event is not None and event.date is not None and event.date.isoformat() == truth["event_date"]:
            main_right += 1
    print(f"{args.count:,} reports (seed {args.seed}) audited in {elapsed:.1f} s; {len(event_of):,} events")
    for fault in sorted(by_fault):
        if fault != "clean":
            print(
                f"  fault {fault:<10} warning or error {caught[fault]:>5} / {by_fault[fault]}, any finding {any_caught[fault]}"
            )
    print(f"  clean reports flagged {caught['clean']} / {by_fault['clean']}  {dict(clean_kinds)}")
    print(f"  main event dated right {main_right:,} / {args.count:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
