"""Run the linguist-editable date cases of tests/cases/*.toml: every mention found, none extra."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from datesync import extract

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = [
    pytest.param(case, id=f"{path.stem}:{case['text'][:40]}")
    for path in sorted((Path(__file__).parent.parent / "cases").glob("*.toml"))
    for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]
    if "text" in case  # audits.toml holds sets of reports (tests/unit/test_audit_cases.py)
]


def _iso(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    found = extract(case["text"], published=case.get("published"), lang=case.get("lang"))
    for m in found:
        assert case["text"][m.start : m.end] == m.text
    got = [
        (m.text, m.iso, m.until) if len(e) == 3 else (m.text, m.iso)
        for m, e in zip(found, case["expect"], strict=False)
    ]
    want = [(e[0], _iso(e[1]), _iso(e[2])) if len(e) == 3 else (e[0], _iso(e[1])) for e in case["expect"]]
    assert (got, len(found)) == (want, len(want)), [(m.text, m.iso, m.note) for m in found]
    for surface, dates in case.get("alternatives", {}).items():
        (m,) = [m for m in found if m.text == surface]
        assert list(m.alternatives) == [_iso(d) for d in dates], m.note
