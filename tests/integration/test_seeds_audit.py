"""The seeds as one corpus, audited (issue: reconciliation). Skipped without ../shared/seeds."""

from __future__ import annotations

import datetime as dt

import pytest

from datesync import audit
from tests.conftest import seed_text

PUBLISHED = {"000": None, "001": "2023-12-11", "002": "2023-10-08", "003": None, "004": "2023-10-26"}


@pytest.fixture(scope="module")
def seeds_audit():
    return audit([{"id": k, "text": seed_text(k), "published": p} for k, p in PUBLISHED.items()])


def kinds_for(result, doc_id):
    return sorted(f.kind for f in result.findings if doc_id in f.doc_ids)


def test_findings_per_seed(seeds_audit):
    assert kinds_for(seeds_audit, "000") == []
    assert kinds_for(seeds_audit, "001") == ["calendar_confusion", "weekday_mismatch"]
    assert kinds_for(seeds_audit, "002") == []
    assert kinds_for(seeds_audit, "003") == ["undated_event"]
    assert kinds_for(seeds_audit, "004") == []
    assert {f.suggested for f in seeds_audit.findings if "001" in f.doc_ids} == {dt.date(2023, 12, 11)}


def test_three_distinct_calls_in_000(seeds_audit):
    calls = sorted(e.date for e in seeds_audit.events if any(m.doc_id == "000" for m in e.members))
    assert calls == [dt.date(2023, 10, 10), dt.date(2023, 11, 3), dt.date(2023, 11, 19)]
    main = [m for m in seeds_audit.event_mentions if m.doc_id == "000" and m.role == "main"]
    assert [(m.contact, m.participants, m.mention.iso) for m in main] == [
        ("phone_call", ("amir-abdollahian", "lavrov"), dt.date(2023, 11, 19))
    ]


def test_002_main_call_and_back_reference(seeds_audit):
    ems = {m.participants: m for m in seeds_audit.event_mentions if m.doc_id == "002"}
    main = ems[("amir-abdollahian", "fuad-hussein")]
    assert (main.role, main.mention.iso) == ("main", dt.date(2023, 10, 8))
    fidan = ems[("amir-abdollahian", "fidan")]
    assert (fidan.role, fidan.mention.text, fidan.mention.iso) == (
        "back_reference",
        "شب گذشته",
        dt.date(2023, 10, 7),
    )


def test_001_joins_by_its_likely_date(seeds_audit):
    (event,) = [e for e in seeds_audit.events if any(m.doc_id == "001" for m in e.members)]
    assert event.date == dt.date(2023, 12, 11)
    assert event.participants == ("amir-abdollahian", "lavrov")


def test_audit_is_deterministic(seeds_audit):
    again = audit([{"id": k, "text": seed_text(k), "published": p} for k, p in PUBLISHED.items()])
    assert [f.id for f in again.findings] == [f.id for f in seeds_audit.findings]
    assert [e.id for e in again.events] == [e.id for e in seeds_audit.events]
