"""`datesync audit data/samples` (the README's first command) gives exactly data/expected_findings.csv."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from datesync import audit
from datesync.inputs import Columns, Reading, read

DATA = Path(__file__).resolve().parents[2] / "data"


def test_sample_audit_matches_expected_findings():
    reading = Reading(lambda error: (_ for _ in ()).throw(AssertionError(str(error))))
    result = audit(read([str(DATA / "samples")], Columns(), reading))
    got = Counter(
        (";".join(f.doc_ids), f.kind, f.suggested.isoformat() if f.suggested else "") for f in result.findings
    )
    with (DATA / "expected_findings.csv").open(encoding="utf-8") as handle:
        expected = Counter((r["doc_id"], r["kind"], r["suggested"]) for r in csv.DictReader(handle))
    assert got == expected
    kinds = {kind for _, kind, _ in got}
    assert kinds >= {
        "date_conflict",
        "calendar_confusion",
        "weekday_mismatch",
        "dual_date_mismatch",
        "invalid_date",
        "relative_conflict",
        "published_before_event",
        "undated_event",
        "hijri_offset",
    }
    clean = [
        e
        for e in result.events
        if e.date
        and len({m.doc_id for m in e.members}) >= 2
        and not any(f.event_id == e.id for f in result.findings)
    ]
    assert len(clean) >= 2  # some events reported consistently by several outlets
