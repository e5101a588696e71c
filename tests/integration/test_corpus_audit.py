"""The project's own corpus (tests/integration/corpus): 30 fa/ar/en reports of a few real calls.

expected_findings.csv and EXPECTED_EVENTS are what a correct audit gives, asserted exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

import datesync

CORPUS = Path(__file__).resolve().parent / "corpus"
REPORTS = [
    json.loads(line) for line in (CORPUS / "reports.jsonl").read_text(encoding="utf-8").splitlines() if line
]
IDS = [r["id"] for r in REPORTS]
D = dt.date.fromisoformat

AA, LAVROV = "amir-abdollahian", "lavrov"
EXPECTED_EVENTS = [  # (date, kind, participants, member documents)
    ("2023-10-07", "phone_call", (AA, "fidan"), {"fa-sepehr-0715", "en-caspian-1007", "fa-payam-0716"}),
    (
        "2023-10-08",
        "phone_call",
        (AA, "fuad-hussein"),
        {"fa-payam-0716", "ar-rafidain-0708", "ar-sahil-0708"},
    ),
    (None, "phone_call", (AA, "fuad-hussein"), {"en-gulfwire-iq"}),
    ("2023-10-10", "phone_call", (AA, LAVROV), {"fa-kooshk-0718", "en-meridian-1010", "ar-waha-1010"}),
    (
        "2023-10-26",
        "meeting",
        ("bagheri-kani", "bogdanov"),
        {"ar-shurfa-1026", "fa-kavir-0804", "en-ledger-1026"},
    ),
    (
        "2023-11-03",
        "phone_call",
        (AA, LAVROV),
        {"fa-payam-0812", "fa-ravi-0812", "ar-sahil-1103", "en-gulfwire-1103", "fa-payam-0828"},
    ),
    (
        "2023-11-19",
        "phone_call",
        (AA, LAVROV),
        {
            "fa-payam-0828",
            "fa-sepehr-0828",
            "ar-mashriq-1119",
            "ar-sahil-1119",
            "en-levant-1119",
            "en-ledger-1120",
            "en-caspian-1120",
            "fa-ravi-0831",
        },
    ),
    (
        "2023-12-11",
        "phone_call",
        (AA, LAVROV),
        {
            "ar-shurfa-1211",
            "en-meridian-1220",
            "fa-kavir-0920",
            "ar-sahil-1211",
            "en-gulfwire-1211",
            "ar-nada-1214",
        },
    ),
]
REAL_OUTLETS = set(
    "fars|irna|tasnim|mehr|isna|reuters|ap|afp|tass|ria novosti|al jazeera|al arabiya|al-alam|al-manar|"
    "press tv|sana|wam|spa|ina|anadolu|kuna|mna|tehran times|shargh|didban".split("|")
)


@pytest.fixture(scope="module")
def full():
    return datesync.audit(REPORTS)


def expected_rows() -> Counter:
    with (CORPUS / "expected_findings.csv").open(encoding="utf-8", newline="") as handle:
        return Counter((r["doc_id"], r["kind"], r["suggested"]) for r in csv.DictReader(handle))


def rows(result) -> Counter:
    return Counter(
        (";".join(sorted(f.doc_ids)), f.kind, f.suggested.isoformat() if f.suggested else "")
        for f in result.findings
    )


# -- the corpus itself -----------------------------------------------------------------------------


def test_corpus_is_well_formed():
    assert 20 <= len(REPORTS) <= 30
    assert len(set(IDS)) == len(IDS)
    assert Counter(r["lang"] for r in REPORTS) == {"fa": 10, "ar": 10, "en": 10}
    for r in REPORTS:
        assert set(r) == {"id", "source", "published", "lang", "text"}
        assert r["id"].isascii() and r["source"].strip()
        assert r["source"].lower() not in REAL_OUTLETS
        assert 3 <= len([s for s in r["text"].splitlines() if s.strip()]) <= 8
    assert set(row[0] for row in expected_rows()) <= set(IDS)


# -- findings --------------------------------------------------------------------------------------


def test_findings_exactly_as_expected(full):
    assert rows(full) == expected_rows()


# -- events ----------------------------------------------------------------------------------------


def event_rows(events) -> Counter:
    return Counter(
        (date, kind, tuple(participants), frozenset(docs)) for date, kind, participants, docs in events
    )


def actual_events(result):
    return [
        (e.date.isoformat() if e.date else None, e.contact, e.participants, {m.doc_id for m in e.members})
        for e in result.events
    ]


def test_events_exactly_as_expected(full):
    assert event_rows(actual_events(full)) == event_rows(EXPECTED_EVENTS)


def test_same_people_different_calls_stay_apart(full):
    lavrov_calls = sorted(e.date for e in full.events if e.participants == (AA, LAVROV) and e.date)
    assert lavrov_calls == [D("2023-10-10"), D("2023-11-03"), D("2023-11-19"), D("2023-12-11")]
    payam = {m.role: m for m in full.event_mentions if m.doc_id == "fa-payam-0828"}
    assert (payam["main"].mention.iso, payam["back_reference"].mention.iso) == (
        D("2023-11-19"),
        D("2023-11-03"),
    )
    (e1103,) = [e for e in full.events if e.date == D("2023-11-03")]
    assert "fa-payam-0828" in {m.doc_id for m in e1103.members}


def test_relative_words_read_right(full):
    """امشب after midnight, شب گذشته, دیشب, أمس, last night: each the day the other reports give."""
    by_text = {(m.doc_id, m.text): m.iso for m in full.mentions}
    assert by_text[("fa-payam-0828", "امشب (یکشنبه) ۲۸ آبان")] == D("2023-11-19")
    assert by_text[("fa-payam-0716", "شب گذشته")] == D("2023-10-07")
    assert by_text[("en-caspian-1007", "last night")] == D("2023-10-07")
    assert by_text[("fa-kavir-0920", "دیشب (دوشنبه) ۲۰ آذر ۱۴۰۲")] == D("2023-12-11")
    assert by_text[("ar-waha-1010", "أمس الثلاثاء 10 تشرين الأول 2023")] == D("2023-10-10")
    fidan = [
        m for m in full.event_mentions if m.doc_id == "fa-payam-0716" and m.participants == (AA, "fidan")
    ]
    assert [(m.role, m.mention.text) for m in fidan] == [("back_reference", "شب گذشته")]


def test_dateline_dates_the_meeting(full):
    (em,) = [m for m in full.event_mentions if m.doc_id == "ar-shurfa-1026"]
    assert (em.contact, em.participants, em.mention.iso, em.mention.role.value) == (
        "meeting",
        ("bagheri-kani", "bogdanov"),
        D("2023-10-26"),
        "publication",
    )


def test_calendar_confusion_without_weekday_joins_the_call(full):
    (event,) = [e for e in full.events if any(m.doc_id == "en-meridian-1220" for m in e.members)]
    assert event.date == D("2023-12-11")
    assert len({m.source for m in event.members}) >= 4


# -- finding ids: adding a document never changes the ids of findings that do not involve it -------


def test_finding_ids_do_not_depend_on_document_order(full):
    again = datesync.audit(list(reversed(REPORTS)))
    assert sorted(f.id for f in again.findings) == sorted(f.id for f in full.findings)


def _finding_key(f):
    return (
        f.kind,
        tuple(sorted(f.doc_ids)),
        tuple(sorted((s.doc_id, s.start, s.end) for s in f.spans)),
        f.suggested,
    )


@pytest.mark.parametrize("left_out", IDS)
def test_finding_ids_stable_without_each_document(full, left_out):
    """Audit the corpus without one report: every finding not involving it keeps its id (and what it
    says), and no finding appears that the full corpus does not have. The corpus has enough reports
    per call that no single one decides another report's finding."""
    reduced = datesync.audit([r for r in REPORTS if r["id"] != left_out])
    by_id = {f.id: f for f in reduced.findings}
    kept = [f for f in full.findings if left_out not in f.doc_ids]
    lost = [f for f in kept if f.id not in by_id or _finding_key(by_id[f.id]) != _finding_key(f)]
    full_ids = {f.id for f in full.findings}
    new = [f for f in reduced.findings if f.id not in full_ids]
    assert ([(f.kind, f.doc_ids) for f in lost], [(f.kind, f.doc_ids) for f in new]) == ([], [])


def test_weekday_beside_a_late_date_keeps_it():
    """A report dated the day before its call, which it puts on "Tuesday, October 10": the weekday fits
    10 October, not the 10 Mehr (a Monday) a calendar confusion would give, so the event keeps
    10 October and the finding blames the publication date."""
    text = (
        "Published: 9 October 2023\n\nThe foreign ministers of Iran and Russia, Hossein Amir-Abdollahian "
        "and Sergei Lavrov, spoke by phone on Tuesday, October 10, the ministry said."
    )
    audit = datesync.audit([{"id": "late", "text": text}])
    assert [e.date for e in audit.events] == [D("2023-10-10")]
    assert [(f.kind, f.suggested) for f in audit.findings] == [("published_before_event", D("2023-10-10"))]


def test_an_undated_main_call_keeps_apart_from_a_dated_look_back():
    text = (
        "حسین امیرعبداللهیان در گفت‌وگوی تلفنی با سرگئی لاوروف درباره امنیت دریای سرخ تبادل نظر کرد. "
        "دو وزیر ۲۰ آذر نیز تلفنی گفت‌وگو کرده بودند."
    )
    audit = datesync.audit([{"id": "u", "published": "2023-12-28", "text": text}])
    roles = [(m.role, m.mention.iso if m.mention else None) for m in audit.event_mentions]
    assert roles == [("main", None), ("back_reference", D("2023-12-11"))]
    assert [f.kind for f in audit.findings] == ["undated_event"]


@pytest.mark.parametrize(
    "text",
    [
        "من المقرر أن يجري أمير عبد اللهيان اتصالا هاتفيا مع لافروف الأسبوع المقبل.",
        "امیرعبداللهیان قرار است روز دوشنبه ۲۰ آذر با لاوروف تلفنی گفت‌وگو کند.",
        "Amir-Abdollahian will hold a phone call with Lavrov next week.",
    ],
)
def test_a_planned_call_is_no_event(text):
    audit = datesync.audit([{"id": "plan", "published": "2023-12-04", "text": text}])
    assert (audit.event_mentions, audit.events, audit.findings) == ([], [], [])


def test_a_future_word_beside_a_dated_past_call_keeps_it():
    text = (
        "In a phone call with Hossein Amir-Abdollahian on Sunday, November 19, Sergei Lavrov said "
        "Russia will keep working for a ceasefire."
    )
    audit = datesync.audit([{"id": "past", "published": "2023-11-20", "text": text}])
    assert [e.date for e in audit.events] == [D("2023-11-19")]


def test_a_disagreement_names_only_the_reports_that_give_the_event_date():
    call = "Hossein Amir-Abdollahian spoke by phone with Sergei Lavrov on November {}, the ministry said."
    docs = [
        {"id": "a", "published": "2023-11-04", "text": call.format(3)},
        {"id": "b", "published": "2023-11-04", "text": call.format(3)},
        {"id": "c", "published": "2023-11-06", "text": call.format(4)},
        {"id": "d", "published": "2023-11-08", "text": call.format(5)},
    ]
    audit = datesync.audit(docs)
    assert [e.date for e in audit.events] == [D("2023-11-03")]
    messages = {f.doc_ids: f.message for f in audit.findings if f.kind == "date_conflict"}
    assert set(messages) == {("c",), ("d",)}
    assert all("2 other report(s) (a, b) give 2023-11-03" in text for text in messages.values())


def test_yesterday_and_the_weekday_agreeing_outvote_the_day_number():
    text = "أجرى أمير عبد اللهيان أمس الأحد 18 نوفمبر اتصالا هاتفيا مع لافروف."
    audit = datesync.audit([{"id": "r", "published": "2023-11-20", "text": text}])
    assert [e.date for e in audit.events] == [D("2023-11-19")]
    assert [(f.kind, f.suggested) for f in audit.findings] == [("weekday_mismatch", D("2023-11-19"))]


def test_an_impossible_date_gets_no_likely_date_after_publication():
    text = "امیرعبداللهیان جمعه ۳۱ آبان با لاوروف تلفنی گفت‌وگو کرد."  # Aban has 30 days
    audit = datesync.audit([{"id": "x", "published": "2023-11-04", "text": text}])
    assert [(f.kind, f.suggested) for f in audit.findings] == [("invalid_date", None)]
    assert "2023-11-24, is after publication" in audit.findings[0].message


def test_tonight_just_after_midnight_is_not_listed_against_the_day_before():
    docs = [
        {
            "id": "a",
            "published": "2023-12-12T00:35",
            "text": "امیرعبداللهیان امشب در تماس تلفنی با لاوروف گفت‌وگو کرد.",
        },
        {
            "id": "b",
            "published": "2023-12-12",
            "text": "Amir-Abdollahian spoke by phone with Lavrov on Monday, December 11, 2023.",
        },
    ]
    (event,) = datesync.audit(docs).events
    assert event.date == D("2023-12-11") and "Against" not in event.explanation
