"""Spilling event mentions to disk changes nothing but memory."""

from __future__ import annotations

import json
import os
from pathlib import Path

from datesync.api import Auditor

CORPUS = Path(__file__).resolve().parents[1] / "integration" / "corpus" / "reports.jsonl"


def run(spill_after: int):
    auditor = Auditor(spill_after=spill_after)
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        auditor.add(json.loads(line))
    folder = auditor.store.folder
    events, findings = auditor.finish()
    return events, findings, folder


def test_spilled_audit_equals_in_memory_audit_and_cleans_up():
    events, findings, folder = run(spill_after=10**9)
    spilled_events, spilled_findings, spilled_folder = run(spill_after=2)
    assert folder is None and spilled_folder is not None
    assert not os.path.exists(spilled_folder)  # temp files removed
    assert [(e.id, e.date, e.participants) for e in spilled_events] == [
        (e.id, e.date, e.participants) for e in events
    ]
    assert sorted(f.id for f in spilled_findings) == sorted(f.id for f in findings)


def test_repeated_ids_get_suffixes():
    auditor = Auditor()
    ids = [auditor.admit({"id": "a", "text": "x"}).id for _ in range(3)] + [
        auditor.admit({"id": "a#2", "text": "y"}).id
    ]
    assert ids == ["a", "a#2", "a#3", "a#2#2"]
