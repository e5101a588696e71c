"""Urdu and Turkish, read from data alone (languages.toml and a section in every lexicon).

The reports are our own sentences, written the way Pakistani (APP) and Turkish (AA) agencies report
a foreign minister's call; the call and its date are made up for the test. Saturday 12 October 2024
is 21 Mehr 1403 and 9 Rabi al-Thani 1446 (Umm al-Qura).
"""

from __future__ import annotations

import datetime as dt

import pytest

from datesync import Calendar, Form, Resolution, audit, extract, languages

D = dt.date.fromisoformat
CALL = D("2024-10-12")

UR_REPORT = (
    "اسلام آباد، 13 اکتوبر (اے پی پی): وزیر خارجہ محمد اسحاق ڈار نے ہفتہ کے روز ایرانی وزیر خارجہ "
    "عباس عراقچی سے ٹیلیفونک رابطہ کیا۔ دونوں رہنماؤں نے خطے کی صورتحال اور دو طرفہ تعلقات پر تبادلہ "
    "خیال کیا۔ دفتر خارجہ کے مطابق یہ رابطہ 9 ربیع الثانی 1446ھ کو ہوا۔"
)
FA_REPORT = (
    "سید عباس عراقچی وزیر امور خارجه کشورمان شامگاه شنبه ۲۱ مهر ماه در تماس تلفنی با اسحاق دار "
    "وزیر امور خارجه پاکستان درباره تحولات منطقه گفت‌وگو کرد."
)
TR_REPORT = (
    "ANKARA (AA) - Dışişleri Bakanı Hakan Fidan, İranlı mevkidaşı Abbas Arakçi ile 12 Ekim 2024 "
    "Cumartesi günü telefonda görüştü. Diplomatik kaynakların verdiği bilgiye göre iki bakan bölgedeki "
    "son gelişmeleri ele aldı."
)
EN_REPORT = (
    "Iranian Foreign Minister Abbas Araghchi and his Turkish counterpart Hakan Fidan spoke by phone on "
    "Saturday, October 12, 2024, about the situation in the region."
)


def only_dates(text: str, **kw):
    return [(m.text, m.iso, m.calendar, m.form) for m in extract(text, **kw)]


def test_the_registry_guesses_urdu_and_turkish_from_their_letters():
    assert languages.guess(UR_REPORT) == "ur"
    assert languages.guess(TR_REPORT) == "tr"
    assert languages.guess(FA_REPORT) == "fa"
    assert languages.guess(EN_REPORT) == "en"  # names with Turkish letters do not make it Turkish
    assert languages.guess("Foreign Minister Mevlüt Çavuşoğlu met İbrahim Kalın in Ankara on Monday.") == "en"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("12 اکتوبر 2024 کو", None, [("12 اکتوبر 2024", CALL, Calendar.GREGORIAN, Form.DATE)]),
        (
            "بروز ہفتہ 12 اکتوبر 2024ء",
            None,
            [("بروز ہفتہ 12 اکتوبر 2024ء", CALL, Calendar.GREGORIAN, Form.DATE)],
        ),
        ("9 ربیع الثانی 1446ھ کو", None, [("9 ربیع الثانی 1446ھ", CALL, Calendar.HIJRI, Form.DATE)]),
        ("گزشتہ روز رابطہ ہوا", "2024-10-13", [("گزشتہ روز", CALL, Calendar.NONE, Form.RELATIVE)]),
        ("آج رات ملاقات ہوگی", "2024-10-12", [("آج رات", CALL, Calendar.NONE, Form.RELATIVE)]),
        ("اتوار کو اسلام آباد میں", "2024-10-14", [("اتوار", D("2024-10-13"), Calendar.NONE, Form.WEEKDAY)]),
    ],
)
def test_urdu_dates(text, published, expected):
    assert only_dates(text, published=published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "12 Ekim 2024 Cumartesi günü",
            None,
            [("12 Ekim 2024 Cumartesi", CALL, Calendar.GREGORIAN, Form.DATE)],
        ),
        ("Cumartesi, 12 Ekim 2024", None, [("Cumartesi, 12 Ekim 2024", CALL, Calendar.GREGORIAN, Form.DATE)]),
        ("12 EKİM 2024 tarihinde", None, [("12 EKİM 2024", CALL, Calendar.GREGORIAN, Form.DATE)]),
        (
            "3 Kasım'da Tahran'da",
            "2024-11-05",
            [("3 Kasım", D("2024-11-03"), Calendar.GREGORIAN, Form.DAY_MONTH)],
        ),
        ("Bakan dün akşam açıklama yaptı", "2024-10-13", [("dün akşam", CALL, Calendar.NONE, Form.RELATIVE)]),
        ("bugün Ankara'da", "2024-10-12", [("bugün", CALL, Calendar.NONE, Form.RELATIVE)]),
        (
            "Bakan Salı günü Tahran'ı ziyaret etti",
            "2024-10-12",
            [("Salı", D("2024-10-08"), Calendar.NONE, Form.WEEKDAY)],
        ),
        (
            "Çarşamba günü görüşecek",
            "2024-10-12",
            [("Çarşamba", D("2024-10-16"), Calendar.NONE, Form.WEEKDAY)],
        ),
    ],
)
def test_turkish_dates(text, published, expected):
    assert only_dates(text, published=published, lang="tr") == expected


def test_words_of_one_language_are_not_dates_in_another():
    """Urdu پیر (Monday) is Persian "old", Urdu شام (evening) is "Syria": read only in Urdu text."""
    assert only_dates("مرد پیر در شام زندگی می‌کند") == []
    assert [m.iso for m in extract("وزیر خارجہ نے پیر کو رابطہ کیا۔", published="2024-10-16")] == [
        D("2024-10-14")
    ]
    assert only_dates("ہفتہ وار بریفنگ میں ترجمان نے کہا", published="2024-10-16") == []  # "weekly"


def test_an_urdu_and_a_persian_report_of_one_call_are_one_event():
    result = audit(
        [
            {"id": "app", "text": UR_REPORT, "published": "2024-10-13"},
            {"id": "irna", "text": FA_REPORT, "published": "2024-10-13"},
        ]
    )
    (event,) = [e for e in result.events if {m.doc_id for m in e.members} == {"app", "irna"}]
    assert (event.contact, event.participants, event.date) == ("phone_call", ("araghchi", "ishaq-dar"), CALL)
    assert [f for f in result.findings if f.severity.value != "info"] == []
    urdu = [m for m in result.mentions if m.doc_id == "app"]
    assert {(m.text, m.iso, m.resolution) for m in urdu} >= {
        ("ہفتہ", CALL, Resolution.RELATIVE),
        ("9 ربیع الثانی 1446ھ", CALL, Resolution.EXPLICIT),
    }


def test_a_turkish_and_an_english_report_of_one_call_agree_and_a_wrong_weekday_is_flagged():
    result = audit([{"id": "aa", "text": TR_REPORT}, {"id": "wire", "text": EN_REPORT}])
    (event,) = result.events
    assert (event.contact, event.participants, event.date) == ("phone_call", ("araghchi", "fidan"), CALL)
    assert result.findings == []
    wrong = TR_REPORT.replace("Cumartesi", "Pazar")
    flagged = audit([{"id": "aa", "text": wrong}, {"id": "wire", "text": EN_REPORT}])
    assert [(f.kind, f.doc_ids) for f in flagged.findings] == [("weekday_mismatch", ("aa",))]
