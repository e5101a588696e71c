"""Every surface form the core issue lists is found, with exact offsets and the right ISO date."""

from __future__ import annotations

import datetime as dt

import pytest

from datesync import Calendar, Form, Resolution, extract

REF = "2023-11-20"


def only(text: str, **kw):
    found = extract(text, **kw)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


@pytest.mark.parametrize(
    ("phrase", "iso", "calendar", "form"),
    [
        ("۲۸ آبان", "2023-11-19", Calendar.JALALI, Form.DAY_MONTH),
        ("۲۸ آبان ماه", "2023-11-19", Calendar.JALALI, Form.DAY_MONTH),
        ("۲۸ آبان‌ماه", "2023-11-19", Calendar.JALALI, Form.DAY_MONTH),
        ("۲۹ آبان ۱۴۰۲", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("1402/08/29", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("۱۴۰۲-۸-۲۹", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("29/08/1402", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("سی ام اسفند ۱۳۸۷", "2009-03-20", Calendar.JALALI, Form.DATE),
        ("بیست و هشتم آبان", "2023-11-19", Calendar.JALALI, Form.DAY_MONTH),
        ("بیست‌وهشتم آبان", "2023-11-19", Calendar.JALALI, Form.DAY_MONTH),
        ("۲۹ آبان ۱۴۰۲ ه.ش", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("۲۹ آبان ۱۴۰۲ش", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("۲۹ آبان ۱۴۰۲ هجری شمسی", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("1402/08/29 شمسی", "2023-11-20", Calendar.JALALI, Form.DATE),
        ("یکشنبه ۲۸ آبان", "2023-11-19", Calendar.JALALI, Form.DAY_MONTH),
        ("جمعه شب ۱۲ آبان ماه", "2023-11-03", Calendar.JALALI, Form.DAY_MONTH),
        ("(یکشنبه) ۲۸ آبان", "2023-11-19", Calendar.JALALI, Form.DAY_MONTH),
        ("2023 November 20", "2023-11-20", Calendar.GREGORIAN, Form.DATE),
        ("November 20, 2023", "2023-11-20", Calendar.GREGORIAN, Form.DATE),
        ("20 Nov 2023", "2023-11-20", Calendar.GREGORIAN, Form.DATE),
        ("20th of November 2023", "2023-11-20", Calendar.GREGORIAN, Form.DATE),
        ("2023-11-20", "2023-11-20", Calendar.GREGORIAN, Form.DATE),
        ("۲۰ نوامبر ۲۰۲۳", "2023-11-20", Calendar.GREGORIAN, Form.DATE),
        ("۱۰ ژانویه ۲۰۲۴ میلادی", "2024-01-10", Calendar.GREGORIAN, Form.DATE),
        ("۵ مه ۲۰۲۳", "2023-05-05", Calendar.GREGORIAN, Form.DATE),
        ("۵ می ۲۰۲۳", "2023-05-05", Calendar.GREGORIAN, Form.DATE),
        ("۱۴ ژوئیه ۲۰۲۳", "2023-07-14", Calendar.GREGORIAN, Form.DATE),
        ("۱۴ جولای ۲۰۲۳", "2023-07-14", Calendar.GREGORIAN, Form.DATE),
        ("۲ آگوست ۲۰۲۳", "2023-08-02", Calendar.GREGORIAN, Form.DATE),
        ("٢٠ ديسمبر ٢٠٢٣", "2023-12-20", Calendar.GREGORIAN, Form.DATE),
        ("3 ابريل 2023", "2023-04-03", Calendar.GREGORIAN, Form.DATE),
        ("3 أبريل 2023", "2023-04-03", Calendar.GREGORIAN, Form.DATE),
        ("5 يونيه 2023", "2023-06-05", Calendar.GREGORIAN, Form.DATE),
        ("15 كانون الثاني 2024", "2024-01-15", Calendar.GREGORIAN, Form.DATE),
        ("15 شباط 2024", "2024-02-15", Calendar.GREGORIAN, Form.DATE),
        ("15 آذار 2024", "2024-03-15", Calendar.GREGORIAN, Form.DATE),
        ("15 أيار 2024", "2024-05-15", Calendar.GREGORIAN, Form.DATE),
        ("15 آب 2024", "2024-08-15", Calendar.GREGORIAN, Form.DATE),
        ("15 أيلول 2024", "2024-09-15", Calendar.GREGORIAN, Form.DATE),
        ("26 تشرين الأول 2023", "2023-10-26", Calendar.GREGORIAN, Form.DATE),
        ("26 تشرين الاول 2023", "2023-10-26", Calendar.GREGORIAN, Form.DATE),
        ("26 كانون الأول 2023", "2023-12-26", Calendar.GREGORIAN, Form.DATE),
        ("10 جانفي 2024", "2024-01-10", Calendar.GREGORIAN, Form.DATE),
        ("10 فيفري 2024", "2024-02-10", Calendar.GREGORIAN, Form.DATE),
        ("10 أفريل 2024", "2024-04-10", Calendar.GREGORIAN, Form.DATE),
        ("10 جويلية 2024", "2024-07-10", Calendar.GREGORIAN, Form.DATE),
        ("10 أوت 2024", "2024-08-10", Calendar.GREGORIAN, Form.DATE),
        ("10 ماي 2024", "2024-05-10", Calendar.GREGORIAN, Form.DATE),
        ("26 تشرين الاول /اكتوبر", "2023-10-26", Calendar.GREGORIAN, Form.DAY_MONTH),
        ("26 أكتوبر/تشرين الأول 2023", "2023-10-26", Calendar.GREGORIAN, Form.DATE),
        ("20 ديسمبر 2023م", "2023-12-20", Calendar.GREGORIAN, Form.DATE),
        ("۵ رجب ۱۴۴۵", "2024-01-17", Calendar.HIJRI, Form.DATE),
        ("12 جمادى الأولى 1445 هـ", "2023-11-26", Calendar.HIJRI, Form.DATE),
        ("12 جمادی‌الاول 1445 ه.ق", "2023-11-26", Calendar.HIJRI, Form.DATE),
        ("12 جمادي الاولى 1445هـ", "2023-11-26", Calendar.HIJRI, Form.DATE),
        ("1 محرم 1445", "2023-07-19", Calendar.HIJRI, Form.DATE),
        ("1 صفر 1445 قمری", "2023-08-17", Calendar.HIJRI, Form.DATE),
        ("1 ربيع الأول 1445", "2023-09-16", Calendar.HIJRI, Form.DATE),
        ("1 ربیع‌الاول 1445 هجری قمری", "2023-09-16", Calendar.HIJRI, Form.DATE),
        ("1 ربيع الآخر 1445", "2023-10-16", Calendar.HIJRI, Form.DATE),
        ("1 ربيع الثاني 1445", "2023-10-16", Calendar.HIJRI, Form.DATE),
        ("1 جمادى الآخرة 1445", "2023-12-14", Calendar.HIJRI, Form.DATE),
        ("1 شعبان 1445", "2024-02-11", Calendar.HIJRI, Form.DATE),
        ("1 رمضان 1445", "2024-03-11", Calendar.HIJRI, Form.DATE),
        ("1 شوال 1445", "2024-04-10", Calendar.HIJRI, Form.DATE),
        ("1 ذو القعدة 1445", "2024-05-09", Calendar.HIJRI, Form.DATE),
        ("1 ذی‌القعده 1445", "2024-05-09", Calendar.HIJRI, Form.DATE),
        ("10 ذو الحجة 1445", "2024-06-16", Calendar.HIJRI, Form.DATE),
        ("10 ذی‌الحجه 1445", "2024-06-16", Calendar.HIJRI, Form.DATE),
    ],
)
def test_surface_form(phrase, iso, calendar, form):
    text = f"به گزارش خبرنگار ما، این دیدار {phrase} برگزار شد."
    m = only(text, published=REF)
    assert m.text == phrase
    assert m.iso == dt.date.fromisoformat(iso)
    assert (m.calendar, m.form) == (calendar, form)


def test_month_year_has_no_day_level_iso():
    m = only("در آبان ۱۴۰۲ چند تماس برقرار شد")
    assert (m.form, m.year, m.month, m.day, m.iso) == (Form.MONTH_YEAR, 1402, 8, None, None)
    assert m.resolution is Resolution.EXPLICIT


def test_year_with_era_or_year_word():
    assert [
        (m.form, m.calendar, m.year)
        for m in extract("این پیمان در سال ۱۴۰۲ امضا شد و در 1445 هـ تمدید گردید")
    ] == [
        (Form.YEAR, Calendar.JALALI, 1402),
        (Form.YEAR, Calendar.HIJRI, 1445),
    ]


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("۲۹ آبان ۱۴۰۲", 1402), ("٢٩ آبان ١٤٠٢", 1402), ("29 آبان 1402", 1402), ("۲9 آبان ١4۰2", 1402)],
)
def test_every_digit_system_and_mixes(digits, expected):
    m = only(digits)
    assert (m.year, m.day, m.iso) == (expected, 29, dt.date(2023, 11, 20))


@pytest.mark.parametrize(
    ("phrase", "weekday"),
    [
        ("شنبه", "saturday"),
        ("یکشنبه", "sunday"),
        ("یک‌شنبه", "sunday"),
        ("دوشنبه", "monday"),
        ("سه‌شنبه", "tuesday"),
        ("سه شنبه", "tuesday"),
        ("سهشنبه", "tuesday"),
        ("چهارشنبه", "wednesday"),
        ("پنجشنبه", "thursday"),
        ("پنج‌شنبه", "thursday"),
        ("جمعه", "friday"),
    ],
)
def test_persian_weekdays_with_or_without_zwnj(phrase, weekday):
    m = only(f"وزیر خارجه {phrase} به مسکو رفت", published=REF)
    assert (m.form, m.weekday, m.text) == (Form.WEEKDAY, weekday, phrase)
    assert m.iso is not None and m.iso <= dt.date(2023, 11, 20) and m.iso.strftime("%A").lower() == weekday


@pytest.mark.parametrize(
    ("phrase", "weekday"),
    [
        ("السبت", "saturday"),
        ("الأحد", "sunday"),
        ("الاثنين", "monday"),
        ("الإثنين", "monday"),
        ("يوم الاثنين", "monday"),
        ("الثلاثاء", "tuesday"),
        ("الأربعاء", "wednesday"),
        ("الاربعاء", "wednesday"),
        ("الخميس", "thursday"),
        ("الجمعة", "friday"),
        ("Monday", "monday"),
        ("Friday", "friday"),
    ],
)
def test_arabic_and_english_weekdays(phrase, weekday):
    m = only(f"وقال الوزير {phrase} إن المحادثات مستمرة", published=REF)
    assert (m.weekday, m.text) == (weekday, phrase)


def test_english_on_stays_outside_the_mention():
    assert only("They spoke on Sunday, November 19, 2023.").text == "Sunday, November 19, 2023"


def test_bare_weekday_is_latest_on_or_before_reference():
    # 2023-11-20 is a Monday: "Monday" is that day, "Sunday" the day before, "Tuesday" a week back
    days = {m.weekday: m.iso for m in extract("الاثنين ... الأحد ... الثلاثاء", published=REF)}
    assert days == {
        "monday": dt.date(2023, 11, 20),
        "sunday": dt.date(2023, 11, 19),
        "tuesday": dt.date(2023, 11, 14),
    }


@pytest.mark.parametrize(
    ("phrase", "offset"),
    [
        ("امروز", 0),
        ("امشب", 0),
        ("دیشب", -1),
        ("شب گذشته", -1),
        ("دیروز", -1),
        ("پریروز", -2),
        ("فردا", 1),
        ("روز گذشته", -1),
        ("بامداد امروز", 0),
        ("شامگاه دیروز", -1),
        ("اليوم", 0),
        ("الليلة", 0),
        ("أمس", -1),
        ("امس", -1),
        ("مساء أمس", -1),
        ("أول أمس", -2),
        ("غدا", 1),
        ("today", 0),
        ("tonight", 0),
        ("yesterday", -1),
        ("last night", -1),
    ],
)
def test_relative_words(phrase, offset):
    m = only(f"در گفتگو {phrase} گفت", published=REF)
    assert (m.form, m.calendar, m.relative, m.text) == (Form.RELATIVE, Calendar.NONE, offset, phrase)
    assert m.iso == dt.date(2023, 11, 20) + dt.timedelta(days=offset)
    assert m.resolution is Resolution.RELATIVE


def test_relative_without_reference_stays_unresolved():
    m = only("الليلة أجرى الوزير اتصالا")
    assert (m.iso, m.resolution) == (None, Resolution.UNRESOLVED)


def test_eve_of_weekday_names_the_evening_before():
    m = only("شب جمعه با همتای خود گفتگو کرد", published=REF)  # Thursday evening
    assert (m.weekday, m.iso) == ("friday", dt.date(2023, 11, 16))


@pytest.mark.parametrize(
    "text",
    [
        "به گزارش خبرگزاری مهر، وزیر امروزصبح",  # the news agency, not the month (امروزصبح is one word)
        "او تیر خورد و به بیمارستان رفت",
        "در دی و بهمن",
        "هوا مه آلود بود و ۵ می شود",
        "شرب ماء آب نظيف",
        "آذر و آذار",
        "کد خبر: ۲۱۴۴۳۱",
        "3.5 درصد",
        "1.2.3 نسخه",
        "۲۰ جوان بازداشت شدند",  # "20 young people": Maghrebi June only in Arabic texts
        "پلیس ۲ آب معدنی خرید",  # "2 mineral waters": Levantine August only in Arabic texts
        "قیمت به ۳ می رسد",
    ],
)
def test_month_names_that_are_ordinary_words_need_date_context(text):
    dates = (Form.DATE, Form.DAY_MONTH, Form.MONTH_YEAR)
    assert [m.text for m in extract(text, published=REF) if m.form in dates] == []


@pytest.mark.parametrize(
    "text, iso",
    [
        ("در ۱۵ مه به تهران آمد", "2023-05-15"),  # مه: a day number is context enough
        ("۱۴ می میلادی", "2023-05-14"),  # می: with an era marker,
        ("۱۵ می ماه", "2023-05-15"),  # with ماه,
        ("یکشنبه ۱۴ می", "2023-05-14"),  # or after a weekday
        ("وصل في 20 آب", "2023-08-20"),  # آب in an Arabic text
        ("۲۰ جوان ۲۰۲۳", "2023-06-20"),  # and جوان with a year
        ("في 5 تشرين اول 2023", "2023-10-05"),  # Levantine names without the article
        ("في 5 كانون ثاني 2024", "2024-01-05"),
    ],
)
def test_ordinary_word_months_with_date_context(text, iso):
    assert only(text, published=REF).iso == dt.date.fromisoformat(iso)


@pytest.mark.parametrize("text", ["۳۱ مهر ۱۴۰۲", "30 رجب 1445 هـ", "قال في 30 رجب", "29 February 2023"])
def test_impossible_dates_are_unresolved(text):
    m = only(text, published=REF)
    assert (m.iso, m.resolution) == (None, Resolution.UNRESOLVED)


def test_azar_and_adhar_are_different_months():
    fa, ar = only("۱۵ آذر ۱۴۰۲"), only("15 آذار 2024")
    assert (fa.calendar, fa.month, fa.iso) == (Calendar.JALALI, 9, dt.date(2023, 12, 6))
    assert (ar.calendar, ar.month, ar.iso) == (Calendar.GREGORIAN, 3, dt.date(2024, 3, 15))


@pytest.mark.parametrize(
    "noisy",
    [
        "۲۸ آ\u0640\u0640بان ۱۴۰۲",  # tatweel
        "۲۸ آبان\u200f ۱۴۰۲",  # RLM
        "\u202b۲۸ آبان ۱۴۰۲\u202c",  # embedding
        "۲۸\u00a0آبان\u00a0۱۴۰۲",  # NBSP
        "۲۸ آبَان ۱۴۰۲",  # a haraka
    ],
)
def test_marks_inside_dates_do_not_break_them_and_offsets_stay_original(noisy):
    m = only(f"گفتگو در {noisy} انجام شد")
    assert m.iso == dt.date(2023, 11, 19)
    assert m.text.replace("\u202b", "").replace("\u202c", "") in noisy
    assert m.text.startswith("۲۸") and m.text.endswith("۱۴۰۲")


def test_arabic_letter_variants_fold():
    # Arabic yeh/kaf in Persian words and Persian yeh/kaf in Arabic words
    assert only("یکشنبه ۲۸ آبان ۱۴۰۲").weekday == "sunday"
    assert only("يكشنبه ۲۸ آبان ۱۴۰۲").weekday == "sunday"
    assert only("20 دیسمبر 2023").iso == dt.date(2023, 12, 20)


def test_mentions_come_in_text_order_with_original_offsets():
    text = "الاثنين 20 ديسمبر ثم ۲۸ آبان ۱۴۰۲ وأمس"
    found = extract(text, published="2023-12-21")
    assert [m.text for m in found] == ["الاثنين 20 ديسمبر", "۲۸ آبان ۱۴۰۲", "أمس"]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


@pytest.mark.parametrize("name", ["روسيا اليوم", "الرافدين اليوم", "Russia Today"])
def test_outlet_names_holding_today_are_no_date(name):
    assert extract(f"وقالت {name} إن الوزير سافر", published=REF) == []


def test_a_bare_number_at_the_start_is_no_year_even_if_the_text_ends_with_a_year_word():
    assert [m.form for m in extract("1402 نفر ش گفتند در سال")] == []


@pytest.mark.parametrize("space", ["\u2009", "\u202f", "\u200a", "\u3000"])
def test_every_kind_of_space_inside_a_name(space):
    assert [m.text for m in extract(f"26 جمادى{space}الأولى 1445")] == [f"26 جمادى{space}الأولى 1445"]
    assert [m.weekday for m in extract(f"سه{space}شنبه ۲۸ آبان ۱۴۰۲")] == ["tuesday"]
