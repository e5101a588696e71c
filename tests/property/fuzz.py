"""Run the fuzz properties of test_fuzz.py for many examples (CI runs a few hundred).

    python tests/property/fuzz.py --examples 100000

Prints how many examples ran for each property and whether any failed (hypothesis then shows the
smallest failing input). Exit status 0 when every property held.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pytest


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=100_000,
        help="examples for the extract property "
        "(the audit property runs a fifth as many, each of up to six documents)",
    )
    args = parser.parse_args()
    os.environ["DATESYNC_FUZZ_EXAMPLES"] = str(args.examples)
    root = Path(__file__).resolve().parents[2]
    started = time.perf_counter()
    status = pytest.main(
        [
            str(root / "tests" / "property" / "test_fuzz.py"),
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-show-statistics",
            "--hypothesis-seed=0",
        ]
    )
    print(
        f"fuzz: {args.examples} extract examples and {max(args.examples // 5, 20)} audit examples in "
        f"{time.perf_counter() - started:.0f} s: {'all properties held' if status == 0 else 'FAILED'}"
    )
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
