"""Run the multi-report cases of tests/cases/audits.toml: the events and exactly the warnings and
errors each set of reports must give (info findings are not listed there)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from datesync import audit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = tomllib.loads((Path(__file__).parent.parent / "cases" / "audits.toml").read_text(encoding="utf-8"))[
    "case"
]


def _iso(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_audit_case(case):
    result = audit(
        [{"id": r["id"], "text": r["text"], "published": r.get("published")} for r in case["report"]]
    )
    dated = sorted((e.contact, list(e.participants), e.date) for e in result.events if e.date is not None)
    assert dated == sorted((c, p, _iso(d)) for c, p, d in case["events"]), [
        (e.contact, e.participants, e.date, e.explanation) for e in result.events
    ]
    found = sorted(
        (f.kind, ";".join(f.doc_ids), f.suggested) for f in result.findings if f.severity.value != "info"
    )
    want = sorted((k, doc, _iso(s)) for k, doc, s in case["findings"])
    assert found == want, [(f.kind, f.doc_ids, f.message) for f in result.findings]


def test_every_kind_of_finding_is_exercised_somewhere():
    """The cases here and the integration corpus together raise every finding kind."""
    from datesync.findings import FindingKind

    corpus = (Path(__file__).parent.parent / "integration" / "corpus" / "expected_findings.csv").read_text()
    kinds = {line.split(",")[1] for line in corpus.splitlines()[1:] if line}
    kinds |= {k for c in CASES for k, _, _ in c["findings"]}
    assert kinds == {k.value for k in FindingKind}
