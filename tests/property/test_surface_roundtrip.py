"""Round trip: a date rendered in any supported surface form comes back as exactly one mention.

Core requirement: every Jalali date 1300-1500, every Gregorian date 1900-2100 in each month-name
family, every lunar Hijri date in hijridate's range, rendered in each supported surface form and digit
system inside random surrounding Persian/Arabic text, comes back as exactly one mention with the right
ISO value and offsets.

Each case draws a Gregorian date `d`, renders it in one calendar (jdatetime for Solar Hijri, hijridate
for lunar Hijri, never datesync's own calendar code), wraps it in filler that holds no date word, and
checks that `extract()` (without `published`: a full date resolves on its own) returns exactly one
mention whose text is exactly the rendered date (weekday, month word and era marker included), at the
offset where it was put, with `iso == d`, the right calendar and the calendar's own year/month/day.
Spellings come from the lexicons, so a spelling added there is covered here too.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from importlib import resources

import hijridate
import jdatetime
from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from datesync import Calendar, Form, Resolution, extract

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# 400 examples per test: the whole file runs in a few seconds (well under the one-minute budget).
SETTINGS = settings(
    max_examples=400,
    deadline=None,
    derandomize=False,
)

ZWNJ = "\u200c"
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _lexicon(name: str) -> dict:
    text = resources.files("datesync.lexicons").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


MONTHS = {family["name"]: family for family in _lexicon("months")["family"]}
WEEKDAYS = _lexicon("weekdays")  # Monday-first
ORDINALS_FA = _lexicon("ordinals")["fa"]["days"]
GREGORIAN_FAMILIES = tuple(name for name, f in MONTHS.items() if f["calendar"] == "gregorian")
NAMED_GREGORIAN_FAMILIES = tuple(name for name in GREGORIAN_FAMILIES if name != "english")
assert set(GREGORIAN_FAMILIES) >= {
    "english",
    "persian",
    "arabic_egyptian_gulf",
    "arabic_levantine_iraqi",
    "arabic_maghrebi",
    "arabic_moroccan",
}

# --- ranges -------------------------------------------------------------------------------------

JALALI_FIRST = jdatetime.date(1300, 1, 1).togregorian()  # 1921-03-21
JALALI_LAST = jdatetime.date(1501, 1, 1).togregorian() - dt.timedelta(days=1)  # 29/30 Esfand 1500
GREGORIAN_FIRST, GREGORIAN_LAST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
HIJRI_FIRST = dt.date(*hijridate.Hijri(1343, 1, 1).to_gregorian().datetuple())  # 1924-08-01
HIJRI_LAST = dt.date(*hijridate.Hijri(1500, 12, 30).to_gregorian().datetuple())  # 2077-11-16

# --- filler: short phrases with no date word (no month, weekday, relative, part-of-day, year or
# month word, ordinal, era letter, publication cue, number or word that is a month name somewhere) --

FILLER = {
    "fa": (
        "به گزارش خبرنگار سیاسی ایرنا",
        "وزیر امور خارجه کشورمان در این گفتگو تاکید کرد",
        "این نشست با حضور نمایندگان کشورهای همسایه برگزار شد",
        "سخنگوی وزارت خارجه در نشست خبری گفت",
        "رئیس‌جمهور پیش از سفر به نیویورک اعلام کرد",
        "مذاکرات هسته‌ای در وین ادامه یافت",
        "نماینده ویژه دبیرکل سازمان ملل",
        "در پی این تحولات",
        "طرفین درباره همکاری‌های اقتصادی گفتگو کردند",
    ),
    "ar": (
        "وقال المتحدث باسم وزارة الخارجية",
        "أعلنت الحكومة في بيان رسمي",
        "وذكرت وكالة الأنباء الرسمية",
        "عقد الاجتماع بحضور ممثلين عن البلدين",
        "وأكد الوزير خلال مؤتمر صحفي",
        "جرت المحادثات في أجواء إيجابية",
        "بحسب مصادر دبلوماسية مطلعة",
        "وتناول الجانبان سبل تعزيز التعاون",
    ),
    "en": (
        "The foreign minister said",
        "according to officials in Tehran",
        "talks were held in Vienna",
        "the spokesman told reporters",
        "both sides discussed economic cooperation",
        "in a statement released by the ministry",
    ),
}
FILLER["ur"] = (
    "دفتر خارجہ کے ترجمان نے ہفتہ وار بریفنگ میں بتایا",
    "دونوں رہنماؤں نے علاقائی صورتحال پر تبادلہ خیال کیا",
    "سرکاری خبر رساں ادارے کے مطابق",
    "وزیر اعظم نے اسلام آباد میں کہا",
)
FILLER["tr"] = (
    "Dışişleri Bakanlığı kaynaklarından edinilen bilgiye göre",
    "iki bakan bölgesel gelişmeleri ele aldı",
    "Anadolu Ajansı muhabirinin aktardığına göre",
    "bakan yaptığı açıklamada şunları söyledi",
)
COMMA = {"fa": "،", "ar": "،", "en": ",", "ur": "،", "tr": ","}
OWN_TEXT = ("ur", "tr")  # languages whose dates are tested inside their own text only

# --- numerals -----------------------------------------------------------------------------------

DIGITS = {"latin": "0123456789", "persian": "۰۱۲۳۴۵۶۷۸۹", "arabic": "٠١٢٣٤٥٦٧٨٩"}


def numerals(draw):
    """A renderer for one case: every number in Latin, Persian or Arabic-Indic digits, or a per-digit mix."""
    system = draw(st.sampled_from(["latin", "persian", "arabic", "mixed"]))

    def render(n: int, width: int = 1) -> str:
        text = str(n).zfill(width)
        if system == "mixed":
            return "".join(draw(st.sampled_from(sorted(DIGITS.values())))[int(c)] for c in text)
        return "".join(DIGITS[system][int(c)] for c in text)

    render.system = system  # type: ignore[attr-defined]
    return render


# --- spellings ----------------------------------------------------------------------------------


def joiner_variants(spelling: str) -> list[str]:
    """A name written with ZWNJ also appears with a space or joined (سه‌شنبه, سه شنبه, سهشنبه)."""
    if ZWNJ not in spelling:
        return [spelling]
    return [spelling, spelling.replace(ZWNJ, " "), spelling.replace(ZWNJ, "")]


def weekday_spellings(lang: str, index: int) -> list[str]:
    out = []
    for spelling in WEEKDAYS[lang]["names"][index]:
        out += joiner_variants(spelling)
    return out


def month_spelling(draw, family: str, month: int) -> str:
    spelling = draw(st.sampled_from(MONTHS[family]["months"][month - 1]))
    lang = MONTHS[family]["lang"]
    if lang == "fa":
        return draw(st.sampled_from(joiner_variants(spelling)))
    if lang == "ar" and draw(st.booleans()):  # Arabic news often drops the hamza on alef
        return spelling.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if lang == "en":
        case = draw(st.sampled_from(["title", "lower", "upper"]))
        return {"title": spelling[:1].upper() + spelling[1:], "lower": spelling, "upper": spelling.upper()}[
            case
        ]
    return spelling


def fa_ordinal(draw, day: int) -> str:
    spelling = draw(st.sampled_from(ORDINALS_FA[day - 1]))
    if " و " in spelling:  # بیست و هشتم, بیست‌وهشتم
        return draw(st.sampled_from([spelling, spelling.replace(" و ", ZWNJ + "و")]))
    if spelling == "سی ام":
        return draw(st.sampled_from([spelling, "سی" + ZWNJ + "ام"]))
    return spelling


def en_suffix(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


# --- era markers (trailing-dot spellings left out: a sentence dot after them is ambiguous) ----------

JALALI_ERAS = ("ه.ش", "هـ.ش", "ش", "شمسی", "هجری شمسی", "خورشیدی", "هجری خورشیدی")
HIJRI_ERAS = ("هـ", "ه", "هـ.ق", "ه.ق", "ق", "قمری", "هجری قمری", "هجری", "هجرية", "للهجرة")
GREGORIAN_ERAS = {
    "fa": ("م", "میلادی"),
    "ar": ("م", "ميلادي", "ميلادية", "للميلاد"),
    "ur": ("ء", "عیسوی"),
    "tr": ("Miladi",),
}
ATTACHABLE = {"ه.ش", "هـ.ش", "ش", "هـ", "ه", "هـ.ق", "ه.ق", "ق", "م"}  # written onto the year: ۱۴۰۲ش, 1445هـ


def with_era(draw, date: str, eras: tuple[str, ...]) -> tuple[str, str]:
    """Optionally an era marker after the year; returns the date and a tag for the form."""
    era = draw(st.none() | st.sampled_from(eras))
    if era is None:
        return date, ""
    glue = draw(st.sampled_from(["", " "])) if era in ATTACHABLE else " "
    return f"{date}{glue}{era}", f"era{'+' if glue else ''}{era}"


def with_weekday(
    draw, date: str, lang: str, d: dt.date, *, allow: bool = True
) -> tuple[str, str, str | None]:
    """Optionally the right weekday before the date (or in brackets after it): date, form tag, weekday."""
    if not allow or not draw(st.booleans()):
        return date, "", None
    name = draw(st.sampled_from(weekday_spellings(lang, d.weekday())))
    if lang == "en":
        name = name[:1].upper() + name[1:]
    prefixes = WEEKDAYS[lang]["prefixes"]
    places = (
        ["before", "word", "comma", "paren", "after"] if prefixes else ["before", "comma", "paren", "after"]
    )
    place = draw(st.sampled_from(places))
    rendered = {
        "before": f"{name} {date}",
        "word": f"{prefixes[0] if prefixes else ''} {name} {date}",
        "comma": f"{name}{COMMA[lang]} {date}",
        "paren": f"({name}) {date}",
        "after": f"{date} ({name})",
    }[place]
    return rendered, f"weekday-{place}", WEEKDAY_NAMES[d.weekday()]


# --- the case and its context -------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    text: str
    start: int
    surface: str
    calendar: Calendar
    ymd: tuple[int, int, int]
    iso: dt.date
    weekday: str | None
    form: str  # what was rendered, to tell failures apart: "jalali y/mm/dd era+ش weekday-after latin"


def surround(
    draw, surface: str, langs: tuple[str, ...], *, need_filler: str | None = None
) -> tuple[str, int, str]:
    """Put `surface` between filler phrases; `need_filler`: at least one phrase, in that language.

    Returns the text, the offset of `surface` in it, and a tag for how it was set in the text.
    """
    lang_before = draw(st.sampled_from(langs))
    lang_after = draw(st.sampled_from(langs))
    before = draw(st.sampled_from(("", *FILLER[lang_before])))
    after = draw(st.sampled_from(("", *FILLER[lang_after])))
    if need_filler and not before and not after:
        before = draw(st.sampled_from(FILLER[need_filler]))
        lang_before = need_filler
    styles = ["space", "comma", "newline"] + ([] if "(" in surface else ["paren"])
    style = draw(st.sampled_from(styles))
    open_, close = {
        "space": (" ", " "),
        "comma": (COMMA[lang_before] + " ", COMMA[lang_after] + " "),
        "newline": ("\n", "\n"),
        "paren": (" (", ") "),
    }[style]
    head = (before + open_) if before else open_.strip(" \n,،")
    tail = (close + after + draw(st.sampled_from(["", ".", " ..."]))) if after else close.strip(" \n,،")
    return head + surface + tail, len(head), f"in-{style}"


def at(
    text: str, surface: str, calendar: Calendar, ymd: tuple[int, int, int], iso: str, weekday=None
) -> Case:
    """A hand-written case (for @example): `surface` is found in `text`."""
    return Case(
        text, text.index(surface), surface, calendar, ymd, dt.date.fromisoformat(iso), weekday, "example"
    )


def check(case: Case) -> None:
    note(f"form={case.form}")
    note(f"text={case.text!r}")
    found = extract(case.text)
    got = [(m.text, m.iso, str(m.calendar), m.year, m.month, m.day) for m in found]
    assert len(found) == 1, f"expected one mention {case.surface!r}, got {got}"
    m = found[0]
    assert case.text[m.start : m.end] == m.text
    actual = {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "form": m.form,
        "calendar": m.calendar,
        "ymd": (m.year, m.month, m.day),
        "iso": m.iso,
        "weekday": m.weekday,
        "resolution": m.resolution,
        "problems": m.problems,
    }
    expected = {
        "text": case.surface,
        "start": case.start,
        "end": case.start + len(case.surface),
        "form": Form.DATE,
        "calendar": case.calendar,
        "ymd": case.ymd,
        "iso": case.iso,
        "weekday": case.weekday,
        "resolution": Resolution.EXPLICIT,
        "problems": (),
    }
    wrong = {
        key: f"got {actual[key]!r}, expected {value!r}"
        for key, value in expected.items()
        if actual[key] != value
    }
    assert not wrong, f"{case.text!r}: {wrong} (note: {m.note!r})"


# --- Solar Hijri --------------------------------------------------------------------------------

JALALI_NAMED = ("d_month_y", "d_month_mah_y")
JALALI_NUMERIC = ("y/mm/dd", "dd/mm/y", "y-m-d")


def tag(*parts: str) -> str:
    return " ".join(p for p in parts if p)


@st.composite
def jalali_cases(draw, forms: tuple[str, ...]) -> Case:
    d = draw(st.dates(JALALI_FIRST, JALALI_LAST))
    j = jdatetime.date.fromgregorian(date=d)
    num = numerals(draw)
    form = draw(st.sampled_from(forms))
    detail = ""
    if form in JALALI_NAMED:
        ordinal = draw(st.booleans())
        day = fa_ordinal(draw, j.day) if ordinal else num(j.day)
        month = month_spelling(draw, "solar_hijri", j.month)
        if form == "d_month_mah_y":
            month += draw(st.sampled_from([" ماه", ZWNJ + "ماه"]))
        date = f"{day} {month} {num(j.year)}"
        detail = "ordinal-day" if ordinal else ""
    else:
        padded = form == "dd/mm/y" or (form == "y/mm/dd" and draw(st.booleans()))
        mm, dd = num(j.month, 2 if padded else 1), num(j.day, 2 if padded else 1)
        date = {
            "y/mm/dd": f"{num(j.year)}/{mm}/{dd}",
            "dd/mm/y": f"{dd}/{mm}/{num(j.year)}",
            "y-m-d": f"{num(j.year)}-{mm}-{dd}",
        }[form]
    date, era = with_era(draw, date, JALALI_ERAS)
    surface, placed, weekday = with_weekday(draw, date, "fa", d)
    # a bare numeral date is Solar Hijri only in Persian text; a month name or an era marker says so anywhere
    persian_only = form in JALALI_NUMERIC and not era
    text, start, setting = surround(
        draw, surface, ("fa",) if persian_only else ("fa", "ar"), need_filler="fa" if persian_only else None
    )
    return Case(
        text,
        start,
        surface,
        Calendar.JALALI,
        (j.year, j.month, j.day),
        d,
        weekday,
        tag("jalali", form, detail, era, placed, num.system, setting),
    )


@SETTINGS
@given(jalali_cases(JALALI_NAMED))
def test_jalali_named_month(case):
    check(case)


@SETTINGS
@given(jalali_cases(JALALI_NUMERIC))
@example(
    at(
        "گفت 1402/08/29 (دوشنبه)",
        "1402/08/29 (دوشنبه)",
        Calendar.JALALI,
        (1402, 8, 29),
        "2023-11-20",
        "monday",
    )
)
def test_jalali_numeric(case):
    check(case)


# --- Gregorian ----------------------------------------------------------------------------------


def gregorian(d: dt.date) -> tuple[int, int, int]:
    return (d.year, d.month, d.day)


@st.composite
def english_cases(draw) -> Case:
    d = draw(st.dates(GREGORIAN_FIRST, GREGORIAN_LAST))
    num = numerals(draw)
    month = month_spelling(draw, "english", d.month)
    day = num(d.day)
    form = draw(st.sampled_from(["d_month_y", "month_d,_y", "y_month_d"]))
    detail = ""
    if day.isascii() and form != "y_month_d" and draw(st.booleans()):
        day += en_suffix(d.day)
        detail = "suffix"
        if form == "d_month_y" and draw(st.booleans()):
            day += " of"
            detail = "suffix-of"
    comma = draw(st.sampled_from([",", ""]))
    date = {
        "d_month_y": f"{day} {month} {num(d.year)}",
        "month_d,_y": f"{month} {day}{comma} {num(d.year)}",
        "y_month_d": f"{num(d.year)} {month} {day}",
    }[form]
    surface, placed, weekday = with_weekday(draw, date, "en", d, allow=form != "y_month_d")
    text, start, setting = surround(draw, surface, ("en", "fa", "ar"))
    return Case(
        text,
        start,
        surface,
        Calendar.GREGORIAN,
        gregorian(d),
        d,
        weekday,
        tag("english", form, f"month={month}", detail, placed, num.system, setting),
    )


@SETTINGS
@given(english_cases())
@example(at("20 Nov. 2023", "20 Nov. 2023", Calendar.GREGORIAN, (2023, 11, 20), "2023-11-20"))
@example(at("2023 Nov. 20", "2023 Nov. 20", Calendar.GREGORIAN, (2023, 11, 20), "2023-11-20"))
def test_gregorian_english(case):
    check(case)


@st.composite
def named_gregorian_cases(draw) -> Case:
    family = draw(st.sampled_from(NAMED_GREGORIAN_FAMILIES))
    lang = MONTHS[family]["lang"]
    d = draw(st.dates(GREGORIAN_FIRST, GREGORIAN_LAST))
    num = numerals(draw)
    month = month_spelling(draw, family, d.month)
    date, era = with_era(draw, f"{num(d.day)} {month} {num(d.year)}", GREGORIAN_ERAS[lang])
    surface, placed, weekday = with_weekday(draw, date, lang, d)
    own = lang in OWN_TEXT  # its words may be read only in its own text: one phrase of it at least
    text, start, setting = surround(
        draw, surface, (lang,) if own else ("fa", "ar"), need_filler=lang if own else None
    )
    return Case(
        text,
        start,
        surface,
        Calendar.GREGORIAN,
        gregorian(d),
        d,
        weekday,
        tag(family, f"month={month}", era, placed, num.system, setting),
    )


@SETTINGS
@given(named_gregorian_cases())
def test_gregorian_persian_and_arabic_families(case):
    check(case)


@st.composite
def doubled_arabic_cases(draw) -> Case:
    d = draw(st.dates(GREGORIAN_FIRST, GREGORIAN_LAST))
    num = numerals(draw)
    names = [
        month_spelling(draw, "arabic_levantine_iraqi", d.month),
        month_spelling(draw, "arabic_egyptian_gulf", d.month),
    ]
    order = "levantine/egyptian"
    if draw(st.booleans()):
        names.reverse()
        order = "egyptian/levantine"
    slash = draw(st.sampled_from(["/", " / ", " /", "/ "]))
    date, era = with_era(
        draw, f"{num(d.day)} {names[0]}{slash}{names[1]} {num(d.year)}", GREGORIAN_ERAS["ar"]
    )
    surface, placed, weekday = with_weekday(draw, date, "ar", d)
    text, start, setting = surround(draw, surface, ("ar", "fa"))
    return Case(
        text,
        start,
        surface,
        Calendar.GREGORIAN,
        gregorian(d),
        d,
        weekday,
        tag("doubled", order, f"slash={slash!r}", era, placed, num.system, setting),
    )


@SETTINGS
@given(doubled_arabic_cases())
def test_gregorian_doubled_arabic_names(case):
    check(case)


@st.composite
def iso_cases(draw) -> Case:
    d = draw(st.dates(GREGORIAN_FIRST, GREGORIAN_LAST))
    num = numerals(draw)
    date = f"{num(d.year, 4)}-{num(d.month, 2)}-{num(d.day, 2)}"
    surface, placed, weekday = with_weekday(draw, date, draw(st.sampled_from(["fa", "ar", "en"])), d)
    text, start, setting = surround(draw, surface, ("fa", "ar", "en"))
    return Case(
        text,
        start,
        surface,
        Calendar.GREGORIAN,
        gregorian(d),
        d,
        weekday,
        tag("iso", placed, num.system, setting),
    )


@SETTINGS
@given(iso_cases())
@example(
    at(
        "2023-11-20 (Monday)",
        "2023-11-20 (Monday)",
        Calendar.GREGORIAN,
        (2023, 11, 20),
        "2023-11-20",
        "monday",
    )
)
def test_gregorian_iso(case):
    check(case)


# --- lunar Hijri --------------------------------------------------------------------------------


@st.composite
def hijri_cases(draw) -> Case:
    family = draw(st.sampled_from(["lunar_hijri_arabic", "lunar_hijri_persian", "lunar_hijri_urdu"]))
    lang = MONTHS[family]["lang"]
    d = draw(st.dates(HIJRI_FIRST, HIJRI_LAST))
    h = hijridate.Gregorian(d.year, d.month, d.day).to_hijri()
    num = numerals(draw)
    month = month_spelling(draw, family, h.month)
    # ۱۵ ماه رمضان, 15 شهر رمضان: a word for "month" may stand before the name
    month_word = draw(st.sampled_from(["", {"fa": "ماه ", "ar": "شهر "}.get(lang, "")]))
    date, era = with_era(draw, f"{num(h.day)} {month_word}{month} {num(h.year)}", HIJRI_ERAS)
    surface, placed, weekday = with_weekday(draw, date, lang, d)
    own = lang in OWN_TEXT  # its words may be read only in its own text: one phrase of it at least
    text, start, setting = surround(
        draw, surface, (lang,) if own else ("fa", "ar"), need_filler=lang if own else None
    )
    return Case(
        text,
        start,
        surface,
        Calendar.HIJRI,
        (h.year, h.month, h.day),
        d,
        weekday,
        tag(family, month_word.strip(), f"month={month}", era, placed, num.system, setting),
    )


@SETTINGS
@given(hijri_cases())
def test_hijri(case):
    check(case)
