"""The five real articles in ../shared/seeds come out as the core issue says (skipped without them)."""

from __future__ import annotations

import datetime as dt

from datesync import Form, Resolution, analyze
from tests.conftest import seed_text

D = dt.date


def test_000_header_call_and_back_references():
    doc = analyze(seed_text("000"))
    assert (doc.reference.date, doc.reference.source) == (D(2023, 11, 20), "header")
    header = [m for m in doc.mentions if m.role == "publication"]
    assert [m.iso for m in header] == [D(2023, 11, 20), D(2023, 11, 20)]
    body = {m.text: m for m in doc.mentions if m.role == "body"}
    call = body["امشب (یکشنبه) ۲۸ آبان ماه"]
    assert (call.iso, call.weekday, call.problems) == (D(2023, 11, 19), "sunday", ())
    assert body["جمعه شب ۱۲ آبان ماه"].iso == D(2023, 11, 3)
    assert body["۱۸ مهر ماه"].iso == D(2023, 10, 10)
    assert doc.findings == ()


def test_001_weekday_mismatch_and_the_likely_date():
    doc = analyze(seed_text("001"), published="2023-12-11")
    flagged = [m for m in doc.mentions if m.problems]
    assert len(flagged) == 1
    (m,) = flagged
    assert "الاثنين 20 ديسمبر" in m.text
    assert m.problems == ("weekday_mismatch", "calendar_confusion")
    assert m.suggested == D(2023, 12, 11)


def test_002_sunday_night_and_last_night():
    doc = analyze(seed_text("002"), published="2023-10-08")
    by_text = {m.text: m for m in doc.mentions}
    assert by_text["یکشنبه شب ۱۶ مهر ماه"].iso == D(2023, 10, 8)
    last_night = by_text["شب گذشته"]
    assert (last_night.iso, last_night.resolution) == (D(2023, 10, 7), Resolution.RELATIVE)


def test_003_has_no_day_level_date():
    doc = analyze(seed_text("003"))
    assert [m for m in doc.mentions if m.form in (Form.DATE, Form.DAY_MONTH)] == []
    assert doc.reference.source == "none"


def test_004_doubled_month_names_are_one_date():
    doc = analyze(seed_text("004"), published="2023-10-26")
    dated = [m for m in doc.mentions if m.form is Form.DAY_MONTH]
    assert [(m.text, m.iso) for m in dated] == [("26 تشرين الاول /اكتوبر", D(2023, 10, 26))]
    assert doc.findings == ()
    assert analyze(seed_text("004")).reference.source == "dateline"
