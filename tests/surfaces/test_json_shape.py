"""JSON output keeps lists as arrays and spans as objects (CSV keeps its joined cells)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

URL = "https://news.example/2023/12/11/call:lavrov?id=7"  # colons: "doc:start-end" cannot be split back
AR_CONFUSED = (
    "طهران / 11 ديسمبر 2023 / وكالة الواحة\n"
    "أجرى حسين أمير عبد اللهيان الليلة (الاثنين 20 ديسمبر) اتصالا هاتفيا مع نظيره الروسي سيرغي لافروف."
)
FA_SAME_DAY = (
    "تاریخ انتشار: ۲۰ آذر ۱۴۰۲\n"
    "امیرعبداللهیان امروز دوشنبه ۲۰ آذر با سرگئی لاوروف وزیر امور خارجه روسیه تلفنی گفت‌وگو کرد."
)


def run(*args: str, stdin: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "datesync", *args], input=stdin, capture_output=True, text=True, timeout=120
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def corpus() -> str:
    rows = [
        {"id": URL, "text": AR_CONFUSED, "source": "Al-Waha; Tehran bureau"},  # a ";" inside one source
        {"id": "fa-1", "text": FA_SAME_DAY, "source": "Payam"},
    ]
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)


def test_audit_json_has_arrays_and_span_objects():
    payload = json.loads(run("audit", "-", "--format", "json", stdin=corpus()))
    (event,) = [e for e in payload["events"] if e["date"] == "2023-12-11"]
    assert event["participants"] == ["Hossein Amir-Abdollahian", "Sergey Lavrov"]
    assert sorted(event["doc_ids"]) == sorted([URL, "fa-1"]) and event["reports"] == 2
    assert "Al-Waha; Tehran bureau" in event["sources"]  # one source, not split at its ";"
    confusion = next(f for f in payload["findings"] if f["kind"] == "calendar_confusion")
    assert confusion["doc_ids"] == [URL]
    (span,) = confusion["spans"]
    assert span["doc_id"] == URL and AR_CONFUSED[span["start"] : span["end"]] == span["text"]
    assert span["text"] == "الليلة (الاثنين 20 ديسمبر)"


def test_audit_jsonl_has_the_same_shape():
    lines = [json.loads(line) for line in run("audit", "-", "--format", "jsonl", stdin=corpus()).splitlines()]
    findings = [x for x in lines if x["type"] == "finding"]
    events = [x for x in lines if x["type"] == "event"]
    assert all(isinstance(e["participants"], list) and isinstance(e["doc_ids"], list) for e in events)
    assert all(isinstance(s, dict) and s["doc_id"] for f in findings for s in f["spans"])


def test_csv_keeps_joined_cells():
    rows = list(csv.DictReader(io.StringIO(run("audit", "-", "--format", "csv", stdin=corpus()))))
    confusion = next(r for r in rows if r["kind"] == "calendar_confusion")
    assert confusion["spans"] == f"{URL}:{confusion['start']}-{confusion['end']}"


def test_extract_json_lists_problems_and_alternatives():
    night = "الليلة (الاثنين 20 ديسمبر)"
    (row,) = json.loads(run("extract", "-", "--format=json", "--published=2023-12-11", stdin=night))
    assert row["problems"] == ["weekday_mismatch", "calendar_confusion"]
    assert row["alternatives"] == ["2023-12-11", "2024-01-10"] and row["suggested"] == "2023-12-11"
