"""Resolution rules: year inference, numeral calendars, impossible dates, relative words."""

from __future__ import annotations

import datetime as dt

import pytest

from datesync import Calendar, Resolution, analyze, extract, pipeline
from datesync.model import Form


def one(text: str, **kw):
    found = extract(text, **kw)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "published", "iso"),
    [
        ("۱۸ مهر", "2023-11-20", "2023-10-10"),  # 41 days back beats 325 ahead
        ("۵ آذر", "2023-11-20", "2023-11-26"),  # six days ahead beats a year back
        ("5 January", "2023-12-30", "2024-01-05"),  # across the Gregorian new year
        ("25 December", "2024-01-03", "2023-12-25"),  # ... and back across it
        ("۲۸ اسفند", "2024-03-25", "2024-03-18"),  # across Nowruz
        ("۱ فروردین", "2024-03-15", "2024-03-20"),
        ("10 محرم", "2023-08-01", "2023-07-28"),  # lunar year
        # told as past, a day ahead costs ten: 101 days ahead (1,010) loses to 264 back
        ("۲۰ اسفند", "2023-11-30", "2023-03-11"),
        ("۲۰ اردیبهشت", "2023-11-20", "2023-05-10"),
        ("He spoke on December 25.", "2023-11-20", "2022-12-25"),  # 35 ahead (350) vs 330 back
        ("They spoke on 20 December.", "2023-12-12", "2023-12-20"),  # 8 ahead: kept, to be checked
        # a sentence about the future, or a date beside "tonight": simply the nearest
        ("وزیر روز ۲۰ اسفند به مسکو سفر خواهد کرد.", "2023-11-30", "2024-03-10"),
        ("He will visit Moscow on December 25.", "2023-11-20", "2023-12-25"),
        ("سيزور موسكو في 20 آذار المقبل.", "2023-11-20", "2024-03-20"),
        ("الليلة (الاثنين 20 ديسمبر)", "2023-11-30", "2023-12-20"),
    ],
)
def test_missing_year_is_the_nearest_preferring_the_past(text, published, iso):
    m = one(text, published=published)
    assert m.iso == dt.date.fromisoformat(iso)
    assert m.resolution is Resolution.YEAR_INFERRED


def test_published_accepts_date_datetime_iso_and_any_readable_date():
    for value in (
        dt.date(2023, 11, 20),
        dt.datetime(2023, 11, 20, 8, 41),
        "2023-11-20",
        "2023-11-20T08:41:00",
        "۲۹ آبان ۱۴۰۲",
        "20 November 2023",
    ):
        assert one("۲۸ آبان", published=value).iso == dt.date(2023, 11, 19), value


def test_unreadable_published_is_a_clear_error():
    with pytest.raises(ValueError, match="cannot read a date"):
        extract("۲۸ آبان", published="next week")


def test_no_reference_means_no_guess():
    m = one("۲۸ آبان")
    assert (m.iso, m.resolution, m.year) == (None, Resolution.UNRESOLVED, None)
    assert "reference" in m.note


@pytest.mark.parametrize(
    ("text", "lang", "published", "calendar", "iso"),
    [
        ("تاریخ 1402/08/29", None, None, Calendar.JALALI, "2023-11-20"),  # Persian context decides
        ("تاریخ 1445/05/12", None, "2023-11-20", Calendar.HIJRI, "2023-11-26"),  # near the lunar year
        ("تاریخ 1402/08/29", None, "2023-11-20", Calendar.JALALI, "2023-11-20"),
        ("التاريخ 1445/05/12", None, None, Calendar.HIJRI, "2023-11-26"),  # Arabic context
        ("1445/05/12 هـ", "en", None, Calendar.HIJRI, "2023-11-26"),  # era marker decides
        ("2023-11-20", None, None, Calendar.GREGORIAN, "2023-11-20"),
        ("20/11/2023", None, None, Calendar.GREGORIAN, "2023-11-20"),
        ("11/20/2023", "en", None, Calendar.GREGORIAN, "2023-11-20"),  # only month-first fits
    ],
)
def test_numeral_dates_follow_era_range_reference_and_language(text, lang, published, calendar, iso):
    m = one(text, lang=lang, published=published)
    assert (m.calendar, m.iso) == (calendar, dt.date.fromisoformat(iso))


def test_ambiguous_numerals_say_so():
    m = one("on 03/04/2023", lang="en")  # 3 April or March 4
    assert m.iso is None and m.resolution is Resolution.UNRESOLVED
    assert "ambiguous_date" in m.problems
    assert set(m.alternatives) == {dt.date(2023, 4, 3), dt.date(2023, 3, 4)}
    m = one("dated 1402/08/29", lang="en")  # English text, no era, no reference: Jalali or Hijri?
    assert m.iso is None and "ambiguous_date" in m.problems


def test_a_past_report_takes_the_numeral_reading_not_after_publication():
    m = one("He spoke by phone with Lavrov on 10/11/2023.", lang="en", published="2023-10-12")
    assert (m.iso, m.resolution, m.problems) == (dt.date(2023, 10, 11), Resolution.EXPLICIT, ())
    m = one("He will visit Moscow on 10/11/2023.", lang="en", published="2023-10-12")  # a plan: either
    assert m.iso is None and "ambiguous_date" in m.problems


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("۳۱ مهر ۱۴۰۲", None),  # Mehr has 30 days
        ("۳۰ اسفند ۱۴۰۲", None),  # 1402 is a common year
        ("۳۰ اسفند ۱۴۰۷", None),  # 1407 common before the five-year gap to 1408
        ("31 نوفمبر 2023", None),
        ("29 February 2023", None),
        ("۳۰ اسفند", "2024-02-01"),  # the inferred year 1402 has no 30 Esfand
    ],
)
def test_impossible_dates_are_kept_unshifted_with_a_problem(text, published):
    doc = analyze(text, published=published)
    (m,) = doc.mentions
    assert m.iso is None and m.problems == ("invalid_date",)
    assert [f.kind for f in doc.findings] == ["invalid_date"]
    assert "does not exist" in doc.findings[0].message


def test_leap_days_that_exist_resolve():
    assert one("۳۰ اسفند ۱۴۰۳").iso == dt.date(2025, 3, 20)
    assert one("۳۰ اسفند ۱۳۹۹").iso == dt.date(2021, 3, 20)
    assert one("29 February 2024").iso == dt.date(2024, 2, 29)


def test_hijri_thirtieth_missing_from_umm_al_qura_is_the_day_after_the_29th():
    doc = analyze("30 محرم 1445")  # Umm al-Qura's Muharram 1445 has 29 days
    (m,) = doc.mentions
    assert m.iso is None and m.problems == ("hijri_month_length",)
    assert m.suggested == dt.date(2023, 8, 17)  # 1 Safar 1445
    assert doc.findings[0].severity == "info"


def test_hijri_outside_umm_al_qura_is_unresolved_not_guessed():
    m = one("1 محرم 1342 هـ")
    assert (m.iso, m.resolution) == (None, Resolution.UNRESOLVED)
    assert "1343-1500" in m.note


def test_jalali_outside_verified_table_is_unresolved():
    m = one("۱ فروردین ۱۶۵۰")
    assert m.iso is None and "1200-1600" in m.note


def test_weekday_mismatch_explained_by_calendar_confusion():
    doc = analyze("أجرى الوزير اتصالا الليلة (الاثنين 20 ديسمبر)", published="2023-12-11")
    (m,) = doc.mentions
    assert m.iso == dt.date(2023, 12, 20)  # what the text says, not silently corrected
    assert m.problems == ("weekday_mismatch", "calendar_confusion")
    assert m.suggested == dt.date(2023, 12, 11)
    assert dt.date(2023, 12, 11) in m.alternatives
    assert {f.kind for f in doc.findings} == {"weekday_mismatch", "calendar_confusion"}
    assert all(f.suggested == dt.date(2023, 12, 11) for f in doc.findings)


def test_reverse_confusion_gregorian_day_under_a_jalali_month():
    # Monday 20 November 2023 written as "Monday 20 Azar": 20 Azar 1402 is a Monday too (2023-12-11)!
    # Use Sunday 19 November: 19 Azar 1402 is a Sunday? it is 2023-12-10, a Sunday -> ambiguous, no pick.
    doc = analyze("سه‌شنبه ۲۱ آذر ۱۴۰۲")  # 21 Azar = 2023-12-12 (Tuesday): consistent, nothing raised
    assert doc.findings == ()
    doc = analyze("چهارشنبه ۱۵ آذر ۱۴۰۲")  # 15 Azar = 2023-12-06 Wednesday: fine
    assert doc.findings == ()
    doc = analyze("جمعه ۲۴ آذر ۱۴۰۲")  # 24 Azar = 2023-12-15 is a Friday
    assert doc.findings == ()
    doc = analyze("شنبه ۲ آذر ۱۴۰۲")  # 2 Azar = 2023-11-23 Thursday; 2 December 2023 is a Saturday
    (m,) = doc.mentions
    assert m.problems == ("weekday_mismatch", "calendar_confusion")
    assert m.suggested == dt.date(2023, 12, 2)


def test_weekday_mismatch_without_an_explanation_suggests_nothing():
    doc = analyze("الثلاثاء 20 ديسمبر 2023")  # a Wednesday; neither 20 Azar (Mon) nor 20 Dey (Wed) is Tuesday
    (m,) = doc.mentions
    assert m.problems == ("weekday_mismatch",) and m.suggested is None


def test_two_renderings_side_by_side_agree_or_are_flagged():
    assert analyze("۲۹ آبان ۱۴۰۲ - 2023 November 20").findings == ()
    assert analyze("۲۹ آبان ۱۴۰۲ برابر با ۲۰ نوامبر ۲۰۲۳").findings == ()
    doc = analyze("۲۹ آبان ۱۴۰۲ - 2023 November 21")
    assert [f.kind for f in doc.findings] == ["dual_date_mismatch"]
    assert all("dual_date_mismatch" in m.problems for m in doc.mentions)
    doc = analyze("12 جمادى الأولى 1445 هـ الموافق 27 نوفمبر 2023")  # one day off: moon sighting
    assert [f.kind for f in doc.findings] == ["hijri_offset"]


def test_doubled_month_names_must_agree():
    assert analyze("26 تشرين الاول /اكتوبر 2023").findings == ()
    doc = analyze("26 تشرين الاول /نوفمبر 2023")
    assert [f.kind for f in doc.findings] == ["dual_date_mismatch"]


def test_relative_word_beside_a_date_is_checked_against_publication():
    ok = analyze("امشب (یکشنبه) ۲۸ آبان ماه", published="2023-11-20T08:41")  # written the night before
    assert ok.findings == ()
    late = analyze("امشب (یکشنبه) ۲۸ آبان ماه", published="2023-11-20T19:00")  # evening: tonight is the 20th
    assert [f.kind for f in late.findings] == ["relative_conflict"]
    far = analyze("دیروز (جمعه) ۲۶ آبان", published="2023-11-20")  # Friday 17 Nov, not yesterday
    assert [f.kind for f in far.findings] == ["relative_conflict"]


def test_text_own_today_anchors_later_relative_words():
    doc = analyze("امشب (یکشنبه) ۲۸ آبان ماه گفتگو کرد ... در تماس تلفنی امشب", published="2023-11-20")
    assert [m.iso for m in doc.mentions] == [dt.date(2023, 11, 19)] * 2


def test_reference_from_header_and_its_time():
    doc = analyze("خبر\nتاریخ انتشار: ۰۸:۴۱ - ۲۹ آبان ۱۴۰۲ - 2023 November 20\nامروز گفتگو کرد")
    assert (doc.reference.date, doc.reference.source, doc.reference.time) == (
        dt.date(2023, 11, 20),
        "header",
        dt.time(8, 41),
    )
    assert [m.role for m in doc.mentions] == ["publication", "publication", "body"]
    assert doc.mentions[-1].iso == dt.date(2023, 11, 20)


def test_reference_from_numeric_header():
    doc = analyze("تاریخ انتشار: 1402/08/29\nدیروز گفتگو کرد")
    assert doc.reference.date == dt.date(2023, 11, 20)
    assert doc.mentions[-1].iso == dt.date(2023, 11, 19)


def test_dateline_is_found_but_without_a_year_gives_no_reference():
    doc = analyze("موسكو / 26 تشرين الاول /اكتوبر/ارنا- التقى الوزير")
    assert doc.reference.source == "dateline" and doc.reference.date is None
    assert doc.mentions[0].role == "publication"
    doc = analyze("TEHRAN, Nov. 20, 2023 (IRNA) - The minister spoke yesterday.")
    assert (doc.reference.source, doc.reference.date) == ("dateline", dt.date(2023, 11, 20))
    assert doc.mentions[-1].iso == dt.date(2023, 11, 19)


def test_caller_published_wins_and_header_is_still_marked():
    doc = analyze("تاریخ انتشار: ۲۹ آبان ۱۴۰۲\nدیروز", published="2023-11-25")
    assert (doc.reference.source, doc.reference.date) == ("argument", dt.date(2023, 11, 25))
    assert doc.mentions[0].role == "publication"


def test_month_year_and_year_kinds():
    kinds = [m.form for m in extract("در آبان ۱۴۰۲ و رمضان 1445 و سال ۱۴۰۰")]
    assert kinds == [Form.MONTH_YEAR, Form.MONTH_YEAR, Form.YEAR]


def test_relative_word_beside_a_sighting_date_does_not_crash_and_agrees():
    # the weekday fits the day after Umm al-Qura (hijri_offset suggests it); an evening publication
    # leaves no lag, and the suggested day is what "tonight" means
    (m,) = extract("الليلة (الاثنين) 26 جمادى الأولى 1445 هـ", published="2023-12-11T18:00")
    assert (m.problems, m.suggested) == (("hijri_offset",), dt.date(2023, 12, 11))
    assert "agrees" in m.note


def test_placeholder_published_dates_are_refused_clearly():
    with pytest.raises(ValueError, match="outside 1000-3000"):
        extract("دیروز", published="0001-01-01")


def test_one_bad_document_never_stops_an_audit(monkeypatch):
    from datesync import audit

    result = audit(
        [
            {"id": "a", "text": "Zarif met Lavrov yesterday.", "published": "0001-01-01"},
            {"id": "b", "text": "boom"},
            {"id": "c", "text": "امشب (یکشنبه) ۲۸ آبان", "published": "2023-11-20"},
        ]
    )
    assert [d.id for d in result.documents] == ["a", "b", "c"]
    assert result.errors == [("a", "published: year 1 is outside 1000-3000; read without it")]
    real = pipeline.analyze

    def explode(text, **kw):
        if text == "boom":
            raise RuntimeError("unexpected")
        return real(text, **kw)

    monkeypatch.setattr(pipeline, "analyze", explode)
    result = audit(
        [{"id": "b", "text": "boom"}, {"id": "c", "text": "امشب (یکشنبه) ۲۸ آبان", "published": "2023-11-20"}]
    )
    assert result.errors == [("b", "not processed: RuntimeError: unexpected")]
    assert [m.iso for m in result.mentions] == [dt.date(2023, 11, 19)]


def test_header_renderings_joined_by_a_linking_word_are_both_publication():
    doc = analyze("تاریخ انتشار: ۲۹ آبان ۱۴۰۲ برابر با ۲۰ نوامبر ۲۰۲۳\nدیروز")
    assert [m.role for m in doc.mentions] == ["publication", "publication", "body"]


def test_today_in_a_morning_report_may_be_the_day_before():
    assert analyze("امروز (یکشنبه) ۲۸ آبان", published="2023-11-20T08:00").findings == ()
    late = analyze("امروز (یکشنبه) ۲۸ آبان", published="2023-11-20T15:00")
    assert [f.kind for f in late.findings] == ["relative_conflict"]


def test_no_calendar_confusion_reading_after_publication_is_suggested():
    # 29 Aban 1402 is Monday 2023-11-20; the stated Wednesday fits only 2023-11-29 (29 November, the
    # other calendar's reading), which is after the report's publication: no likely date from it
    m = one("روز چهارشنبه ۲۹ آبان با وانگ یی دیدار کرد.", published="2023-11-21T12:25")
    assert "weekday_mismatch" in m.problems and "calendar_confusion" not in m.problems
    assert m.suggested is None
