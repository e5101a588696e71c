#!/usr/bin/env python3
"""Generate realistic synthetic news reports (Persian, Arabic, English) as JSONL, for benchmarks.

Each line is one report: {"id", "source", "published", "lang", "text"} with a text of 2-3 KB of
UTF-8 written in agency style: a headline, a publication header or dateline, a lead sentence about a
phone call or a meeting between officials named in datesync/lexicons/actors.csv, their statements, an
optional back-reference to their previous contact, and paragraphs of political prose.

Dates use the forms datesync reads: Jalali with and without a year (Persian or ASCII digits),
Gregorian with English, Persian and Arabic month names (Egyptian/Gulf, Levantine/Iraqi, Maghrebi and
doubled "تشرين الثاني/نوفمبر"), lunar Hijri with هـ, weekdays, relative words (امشب, دیشب, الليلة,
أمس, yesterday, last night) and Y/M/D numerals. Events fall in 2022-2024 and each report is
published consistently with the date it gives. Several reports (in different languages and from
different sources) describe the same event, so an audit groups them. A few percent of reports are
deliberately wrong (--fault-rate): a weekday that does not fit, a Jalali day number under a
Gregorian month name, a date one or two days off the other reports, or a header whose two
renderings disagree.

Streaming, constant memory, deterministic given --seed and --count. The calendar pieces of every
day and the event schedule are computed once; a report costs a few dozen random choices and one
json.dumps.

    python benchmarks/generate.py --count 100000 --seed 1 --output corpus.jsonl
    python benchmarks/generate.py --count 5 | head -c 3000
    python benchmarks/generate.py --count 100000 --output c.jsonl --truth truth.csv  # ground truth

Needs jdatetime and hijridate (datesync's own dependencies).
"""

# ruff: noqa: E501  (prose templates are long lines)
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import hijridate
import jdatetime

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[1]
LEXICONS = REPO / "datesync" / "lexicons"

FIRST_DAY = dt.date(2022, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)

# -- calendar pieces -------------------------------------------------------------------------------

FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

JALALI_FA = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
]
GREG_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
GREG_EN_AP = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
GREG_FA = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
]
GREG_AR_EG = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
GREG_AR_LEV = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
GREG_AR_MAG = [
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
HIJRI_AR = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
]
WD_FA = ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"]  # Monday first
WD_AR = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
WD_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True, slots=True)
class Day:
    """Every rendering piece of one day, computed once."""

    date: dt.date
    wd: int
    jy: int
    jm: int
    jd: int
    hy: int
    hm: int
    hd: int


def _days() -> list[Day]:
    out = []
    day = FIRST_DAY - dt.timedelta(days=120)  # back-references and publication lags reach outside
    end = LAST_DAY + dt.timedelta(days=10)
    while day <= end:
        j = jdatetime.date.fromgregorian(date=day)
        h = hijridate.Gregorian(day.year, day.month, day.day).to_hijri()
        out.append(Day(day, day.weekday(), j.year, j.month, j.day, h.year, h.month, h.day))
        day += dt.timedelta(days=1)
    return out


DAYS = _days()
DAY0 = DAYS[0].date.toordinal()


def day_of(date: dt.date) -> Day:
    return DAYS[date.toordinal() - DAY0]


def fa(n: int | str) -> str:
    return str(n).translate(FA_DIGITS)


# -- actors and offices ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    country: str
    role: str
    start: dt.date
    end: dt.date
    names: dict[str, tuple[str, str]]  # lang -> (full name, short name)


def _terms() -> list[Term]:
    out = []
    with open(LEXICONS / "actors.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = {}
            for lang in ("fa", "ar", "en"):
                spellings = row[lang].split("|")
                names[lang] = (spellings[0], min(spellings, key=len))  # the fullest and the shortest
            out.append(
                Term(
                    row["id"],
                    row["country"],
                    row["role"],
                    dt.date.fromisoformat(row["start"]),
                    dt.date.fromisoformat(row["end"]) if row["end"] else dt.date.max,
                    names,
                )
            )
    return out


TERMS = _terms()

# Titles: the first spelling of each role phrase in roles.toml, so datesync reads the office the
# text names as the person it names. Deputies have no role phrase; they get a free title.
_ROLES = tomllib.loads((LEXICONS / "roles.toml").read_text(encoding="utf-8"))
TITLES: dict[tuple[str, str], dict[str, str]] = {}
for _phrase in _ROLES["phrase"]:
    if _phrase.get("default_for_unqualified"):
        continue
    key = (_phrase["country"], _phrase["role"])
    TITLES.setdefault(key, {lang: _phrase[lang][0] for lang in ("fa", "ar", "en") if lang in _phrase})
TITLES[("IR", "foreign_minister")]["fa"] = "وزیر امور خارجه کشورمان"
DEPUTY_TITLES = {
    "IR": {
        "fa": "معاون وزیر امور خارجه کشورمان",
        "ar": "مساعد وزير الخارجية الإيراني",
        "en": "Iranian Deputy Foreign Minister",
    },
    "RU": {
        "fa": "معاون وزیر امور خارجه روسیه",
        "ar": "نائب وزير الخارجية الروسي",
        "en": "Russian Deputy Foreign Minister",
    },
}

COUNTRY = {  # name of the country in each language, and its capital
    "IR": ("ایران", "إيران", "Iran", ("تهران", "طهران", "Tehran")),
    "RU": ("روسیه", "روسيا", "Russia", ("مسکو", "موسكو", "Moscow")),
    "IQ": ("عراق", "العراق", "Iraq", ("بغداد", "بغداد", "Baghdad")),
    "TR": ("ترکیه", "تركيا", "Türkiye", ("آنکارا", "أنقرة", "Ankara")),
    "HU": ("مجارستان", "المجر", "Hungary", ("بوداپست", "بودابست", "Budapest")),
    "SA": ("عربستان سعودی", "السعودية", "Saudi Arabia", ("ریاض", "الرياض", "Riyadh")),
    "QA": ("قطر", "قطر", "Qatar", ("دوحه", "الدوحة", "Doha")),
    "AE": ("امارات", "الإمارات", "the UAE", ("ابوظبی", "أبوظبي", "Abu Dhabi")),
    "OM": ("عمان", "سلطنة عمان", "Oman", ("مسقط", "مسقط", "Muscat")),
    "KW": ("کویت", "الكويت", "Kuwait", ("کویت", "الكويت", "Kuwait City")),
    "BH": ("بحرین", "البحرين", "Bahrain", ("منامه", "المنامة", "Manama")),
    "EG": ("مصر", "مصر", "Egypt", ("قاهره", "القاهرة", "Cairo")),
    "SY": ("سوریه", "سوريا", "Syria", ("دمشق", "دمشق", "Damascus")),
    "LB": ("لبنان", "لبنان", "Lebanon", ("بیروت", "بيروت", "Beirut")),
    "CN": ("چین", "الصين", "China", ("پکن", "بكين", "Beijing")),
    "UN": ("سازمان ملل", "الأمم المتحدة", "the United Nations", ("نیویورک", "نيويورك", "New York")),
}
LANGS = ("fa", "ar", "en")

# A side of a contact: an office (country, role) whose holder on the day takes part, or one person.
F = "foreign_minister"
PAIRS = [
    *(
        (("IR", F), (c, F))
        for c in ("RU", "IQ", "TR", "HU", "SA", "QA", "AE", "OM", "KW", "BH", "EG", "SY", "LB", "CN")
    ),
    (("IR", F), ("UN", "secretary_general")),
    (("IR", "president"), ("RU", "president")),
    (("IR", "president"), ("TR", "president")),
    (("IR", "president"), ("IQ", "prime_minister")),
    (("IR", "president"), ("SY", "president")),
    (("IR", "president"), ("CN", "president")),
    (("IR", "president"), ("QA", "prime_minister")),
    (("IR", "president"), ("UN", "secretary_general")),
    (("IR", "speaker"), ("IQ", "prime_minister")),
    ("bagheri-kani", "ryabkov"),
    ("bagheri-kani", "bogdanov"),
    ("gharibabadi", "ryabkov"),
    ("takht-ravanchi", "galuzin"),
    (("RU", F), ("TR", F)),
    (("RU", F), ("CN", F)),
    (("RU", F), ("SY", F)),
    (("SA", F), ("QA", F)),
    (("EG", F), ("SA", F)),
    (("IQ", F), ("SA", F)),
    (("TR", F), ("QA", F)),
    (("CN", F), ("SA", F)),
    (("AE", F), ("OM", F)),
    (("RU", "president"), ("TR", "president")),
]


def holder(side, date: dt.date) -> Term | None:
    """Who held the office (or is the person) on `date`, per actors.csv."""
    for term in TERMS:
        hit = term.id == side if isinstance(side, str) else (term.country, term.role) == side
        if hit and term.start <= date <= term.end:
            return term
    return None


def title(term: Term, lang: str) -> str:
    if term.role == "deputy_foreign_minister":
        return DEPUTY_TITLES[term.country][lang]
    return TITLES[(term.country, term.role)][lang]


# -- events ----------------------------------------------------------------------------------------

TOPICS = {
    "fa": [
        "آخرین تحولات غزه",
        "روابط دوجانبه",
        "روند مذاکرات رفع تحریم‌ها",
        "امنیت منطقه خلیج فارس",
        "تحولات سوریه",
        "وضعیت یمن",
        "تحولات لبنان",
        "همکاری‌های اقتصادی و تجاری",
        "همکاری در حوزه انرژی",
        "تحولات قفقاز جنوبی",
        "وضعیت افغانستان",
        "اجرای توافق‌های پیشین",
    ],
    "ar": [
        "آخر التطورات في قطاع غزة",
        "العلاقات الثنائية",
        "مسار مفاوضات رفع العقوبات",
        "أمن منطقة الخليج",
        "تطورات الأوضاع في سوريا",
        "الأوضاع في اليمن",
        "التطورات في لبنان",
        "التعاون الاقتصادي والتجاري",
        "التعاون في مجال الطاقة",
        "تطورات جنوب القوقاز",
        "الأوضاع في أفغانستان",
        "تنفيذ الاتفاقات السابقة",
    ],
    "en": [
        "the latest developments in Gaza",
        "bilateral relations",
        "the talks on lifting sanctions",
        "security in the Persian Gulf",
        "developments in Syria",
        "the situation in Yemen",
        "developments in Lebanon",
        "economic and trade cooperation",
        "energy cooperation",
        "developments in the South Caucasus",
        "the situation in Afghanistan",
        "the implementation of agreements already signed",
    ],
}


@dataclass(frozen=True, slots=True)
class Event:
    index: int
    day: int  # index into DAYS
    kind: str  # phone_call | meeting
    a: Term
    b: Term
    topic: int
    place: str  # country code of the meeting place ("" for calls)
    previous: tuple[int, str] | None  # (day index, kind) of the same people's previous contact


def schedule(rng: random.Random) -> list[Event]:
    """Contacts of every pair every 6 to 20 days (never closer: they would read as one event)."""
    events: list[Event] = []
    span = (LAST_DAY - FIRST_DAY).days
    for side_a, side_b in PAIRS:
        offset = rng.randint(0, 19)
        last: dict[tuple[str, str], tuple[int, str]] = {}
        while offset <= span:
            date = FIRST_DAY + dt.timedelta(days=offset)
            a, b = holder(side_a, date), holder(side_b, date)
            if a is not None and b is not None and a.id != b.id:
                kind = "phone_call" if rng.random() < 0.7 else "meeting"
                place = "" if kind == "phone_call" else rng.choice([a.country, b.country, b.country, "UN"])
                day = date.toordinal() - DAY0
                prev = last.get((a.id, b.id))
                prev = prev if prev is not None and day - prev[0] <= 75 else None
                events.append(Event(len(events), day, kind, a, b, rng.randrange(12), place, prev))
                last[(a.id, b.id)] = (day, kind)
            offset += rng.randint(6, 20)
    return events


# -- sources ---------------------------------------------------------------------------------------

SOURCES = {
    "fa": [
        ("Payam-e Rooz", "پیام روز"),
        ("Sepehr News", "سپهر نیوز"),
        ("Avaye Shargh", "آوای شرق"),
        ("Diplomacy Today", "دیپلماسی امروز"),
        ("Negah", "پایگاه خبری نگاه"),
        ("Karevan", "خبرگزاری کاروان"),
        ("Sedaye Mellat", "صدای ملت"),
    ],
    "ar": [
        ("Al-Waha", "وكالة الواحة"),
        ("Rafidain Today", "الرافدين اليوم"),
        ("Al-Mashriq", "شبكة المشرق"),
        ("New Gulf", "صحيفة الخليج الجديد"),
        ("Al-Difaf", "موقع الضفاف"),
        ("Anbaa Press", "وكالة أنباء المستقبل"),
    ],
    "en": [
        ("Gulf Wire", "Gulf Wire"),
        ("Caspian Dispatch", "Caspian Dispatch"),
        ("Levant Monitor", "Levant Monitor"),
        ("Eurasia Desk", "Eurasia Desk"),
        ("Near East Report", "Near East Report"),
        ("Global Affairs Daily", "Global Affairs Daily"),
    ],
}
SLUG = {latin: latin.lower().replace(" ", "-") for table in SOURCES.values() for latin, _ in table}

# -- prose -----------------------------------------------------------------------------------------
# Slots: {a} {b} short names, {cb} the other side's country, {n} {m} numbers. Written for this
# generator: plausible agency prose, no dates, a few numerals and year mentions as real text has.

FILLER = {
    "fa": [
        "کارشناسان مسائل منطقه بر این باورند که تداوم رایزنی‌های دیپلماتیک میان تهران و {cb} می‌تواند زمینه کاهش تنش‌ها را فراهم کند و از گسترش دامنه بحران به کشورهای همسایه جلوگیری کند.",
        "در ماه‌های اخیر سطح مبادلات تجاری دو کشور به حدود {n} میلیارد دلار رسیده است و مقام‌های دو طرف بارها بر ضرورت رفع موانع بانکی و گمرکی برای افزایش این رقم تأکید کرده‌اند.",
        "ناظران سیاسی یادآور می‌شوند که همکاری کشورهای منطقه در قالب سازوکارهای چندجانبه، بهترین راه برای مقابله با تهدیدهای مشترک از جمله تروریسم، قاچاق مواد مخدر و بحران‌های زیست‌محیطی است.",
        "سخنگوی وزارت امور خارجه نیز در نشست خبری هفتگی خود با اشاره به این رایزنی‌ها گفت سیاست همسایگی دولت بر گسترش روابط با همه کشورهای منطقه بر پایه احترام متقابل استوار است.",
        "بر اساس آمارهای رسمی، بیش از {n} درصد از ظرفیت ترانزیتی مسیرهای زمینی و ریلی دو کشور هنوز مورد استفاده قرار نگرفته و کارشناسان اقتصادی آن را فرصتی مهم برای توسعه همکاری‌ها می‌دانند.",
        "توافق هسته‌ای که در سال ۲۰۱۵ میان ایران و گروه ۱+۵ امضا شد، پس از خروج یک‌جانبه آمریکا عملاً از کار افتاد و تلاش‌ها برای احیای آن تاکنون به نتیجه نرسیده است.",
        "در همین حال، نهادهای بین‌المللی امدادرسان نسبت به وخامت اوضاع انسانی هشدار داده و خواستار گشایش فوری گذرگاه‌ها برای ارسال دارو، سوخت و مواد غذایی شده‌اند.",
        "وزارت امور خارجه همچنین اعلام کرد که کمیسیون مشترک اقتصادی دو کشور به‌زودی برای بررسی پروژه‌های نیمه‌تمام و امضای چند یادداشت تفاهم جدید تشکیل جلسه خواهد داد.",
        "برخی تحلیلگران معتقدند که تحولات میدانی اخیر معادلات سیاسی منطقه را تغییر داده و بازیگران منطقه‌ای را به بازنگری در رویکردهای پیشین خود واداشته است.",
        "{a} پیش از این نیز در سفرهای منطقه‌ای خود بر لزوم تشکیل یک سازوکار منطقه‌ای برای گفت‌وگو و اعتمادسازی میان کشورهای حوزه خلیج فارس تأکید کرده بود.",
        "به گفته یک مقام آگاه در وزارت امور خارجه، هیئت‌های کارشناسی دو طرف در هفته‌های آینده جزئیات همکاری‌های کنسولی و تسهیل صدور روادید برای بازرگانان را بررسی می‌کنند.",
        "مجمع عمومی سازمان ملل نیز در قطعنامه‌ای که با {m} رأی موافق به تصویب رسید، خواستار توقف فوری درگیری‌ها و حمایت از غیرنظامیان شد.",
        "فعالان اقتصادی دو کشور امیدوارند با تکمیل مسیر ریلی و کاهش تعرفه‌ها، حجم صادرات کالاهای غیرنفتی در سال جاری دست‌کم {n} درصد افزایش یابد.",
        "همزمان، رسانه‌های منطقه از احتمال برگزاری نشست سه‌جانبه‌ای در سطح وزیران خبر داده‌اند که هدف آن هماهنگی مواضع درباره پرونده‌های امنیتی و اقتصادی مشترک عنوان شده است.",
        "تحلیلگران روابط بین‌الملل تأکید می‌کنند که دیپلماسی فعال در شرایط کنونی، هزینه‌های ناشی از تحریم‌ها را کاهش می‌دهد و به ثبات بازارهای انرژی کمک می‌کند.",
        "{b} نیز در مصاحبه‌ای با یک شبکه تلویزیونی گفته بود کشورش از هر ابتکاری که به کاهش تنش‌ها و بازگشت آرامش به منطقه کمک کند استقبال می‌کند.",
        "بنا بر گزارش‌ها، رایزنی‌های کارشناسی درباره پروژه‌های مشترک انرژی، از جمله سوآپ گاز و اتصال شبکه‌های برق، در سطح معاونان ادامه دارد.",
        "مرکز پژوهش‌های مجلس نیز در گزارشی تازه تأکید کرده است که تنوع‌بخشی به شرکای تجاری و استفاده از پول‌های ملی در مبادلات می‌تواند آسیب‌پذیری اقتصاد کشور را کاهش دهد.",
    ],
    "ar": [
        "ويرى مراقبون أن استمرار الاتصالات الدبلوماسية بين طهران و{cb} من شأنه أن يسهم في خفض التوتر ومنع اتساع رقعة الأزمة إلى دول الجوار.",
        "وبلغ حجم التبادل التجاري بين البلدين نحو {n} مليار دولار خلال الأشهر الأخيرة، فيما أكد مسؤولو الجانبين مرارا ضرورة إزالة العقبات المصرفية والجمركية لرفع هذا الرقم.",
        "ويشير محللون إلى أن التعاون الإقليمي عبر آليات متعددة الأطراف يبقى السبيل الأنجع لمواجهة التهديدات المشتركة، ومنها الإرهاب وتهريب المخدرات والأزمات البيئية.",
        "من جهته، قال المتحدث باسم وزارة الخارجية في مؤتمره الصحفي الأسبوعي إن سياسة حسن الجوار تقوم على توسيع العلاقات مع جميع دول المنطقة على أساس الاحترام المتبادل.",
        "وبحسب الأرقام الرسمية، فإن أكثر من {n} بالمئة من القدرة الاستيعابية لطرق العبور البرية والسككية بين البلدين لم تستغل بعد، وهو ما يعده خبراء الاقتصاد فرصة مهمة لتطوير التعاون.",
        "وكان الاتفاق النووي الذي وقع عام 2015 بين إيران ومجموعة 5+1 قد تعطل عمليا بعد الانسحاب الأمريكي الأحادي منه، ولم تفض المساعي لإحيائه إلى نتيجة حتى الآن.",
        "في غضون ذلك، حذرت منظمات الإغاثة الدولية من تدهور الأوضاع الإنسانية، وطالبت بفتح المعابر فورا لإدخال الأدوية والوقود والمواد الغذائية.",
        "وأعلنت وزارة الخارجية أن اللجنة الاقتصادية المشتركة ستعقد اجتماعا قريبا لبحث المشاريع المتعثرة وتوقيع عدد من مذكرات التفاهم الجديدة.",
        "ويعتقد بعض المحللين أن التطورات الميدانية الأخيرة غيرت المعادلات السياسية في المنطقة ودفعت الأطراف الإقليمية إلى مراجعة مقارباتها السابقة.",
        "وكان {a} قد شدد في جولاته الإقليمية السابقة على ضرورة إنشاء آلية إقليمية للحوار وبناء الثقة بين دول الخليج.",
        "وقال مسؤول مطلع في وزارة الخارجية إن الوفود الفنية من الجانبين ستبحث خلال الأسابيع المقبلة تفاصيل التعاون القنصلي وتسهيل منح التأشيرات لرجال الأعمال.",
        "وكانت الجمعية العامة للأمم المتحدة قد تبنت قرارا بأغلبية {m} صوتا يدعو إلى وقف فوري للأعمال القتالية وحماية المدنيين.",
        "ويأمل الناشطون الاقتصاديون في البلدين أن يؤدي استكمال خط السكك الحديدية وخفض الرسوم الجمركية إلى زيادة الصادرات غير النفطية بنسبة {n} بالمئة على الأقل هذا العام.",
        "وفي الوقت نفسه، تحدثت وسائل إعلام إقليمية عن احتمال عقد اجتماع ثلاثي على مستوى الوزراء بهدف تنسيق المواقف بشأن الملفات الأمنية والاقتصادية المشتركة.",
        "ويؤكد خبراء العلاقات الدولية أن الدبلوماسية النشطة في الظروف الراهنة تخفف من كلفة العقوبات وتسهم في استقرار أسواق الطاقة.",
        "وكان {b} قد صرح في مقابلة تلفزيونية بأن بلاده ترحب بأي مبادرة تسهم في خفض التوتر وعودة الهدوء إلى المنطقة.",
        "وتتواصل على مستوى نواب الوزراء المشاورات الفنية حول مشاريع الطاقة المشتركة، ومنها مقايضة الغاز وربط شبكات الكهرباء.",
        "وأكد تقرير حديث لمركز أبحاث برلماني أن تنويع الشركاء التجاريين واعتماد العملات الوطنية في التبادلات يمكن أن يقلل من هشاشة الاقتصاد.",
    ],
    "en": [
        "Regional analysts say continued diplomatic contact between Tehran and {cb} could help lower tensions and keep the crisis from spreading to neighbouring countries.",
        "Trade between the two countries has reached about ${n} billion in recent months, and officials on both sides have repeatedly called for banking and customs barriers to be removed to lift that figure.",
        "Observers note that cooperation through multilateral mechanisms remains the most effective way for the region to face shared threats, including terrorism, drug trafficking and environmental crises.",
        "The foreign ministry spokesman told his weekly news conference that the government's neighbourhood policy rests on expanding ties with every country in the region on the basis of mutual respect.",
        "According to official figures, more than {n} percent of the transit capacity of the two countries' road and rail routes is still unused, which economists see as a major opportunity for cooperation.",
        "The nuclear deal signed in 2015 between Iran and the P5+1 has been largely dormant since the unilateral US withdrawal, and efforts to revive it have so far failed.",
        "Meanwhile, international aid agencies warned that the humanitarian situation was deteriorating and called for crossings to be opened immediately for medicine, fuel and food.",
        "The foreign ministry also said the two countries' joint economic commission would meet soon to review stalled projects and sign several new memorandums of understanding.",
        "Some analysts believe recent developments on the ground have changed the region's political equations and pushed regional players to reconsider their earlier approaches.",
        "{a} has in previous regional tours stressed the need for a regional mechanism for dialogue and confidence-building among the countries of the Persian Gulf.",
        "A well-informed official at the foreign ministry said technical delegations from both sides would examine consular cooperation and easier visas for business people in the coming weeks.",
        "The UN General Assembly adopted a resolution by {m} votes calling for an immediate halt to the fighting and for the protection of civilians.",
        "Business groups in both countries hope that completing the rail link and cutting tariffs may raise non-oil exports by at least {n} percent this year.",
        "Regional media have also reported that a trilateral meeting of ministers may be held to coordinate positions on shared security and economic files.",
        "Experts in international relations argue that active diplomacy under current conditions reduces the cost of sanctions and helps stabilise energy markets.",
        "{b} told a television interview that his country welcomed any initiative that would help reduce tensions and restore calm to the region.",
        "Technical consultations on joint energy projects, including gas swaps and the linking of power grids, are continuing at the level of deputy ministers.",
        "A recent report by a parliamentary research centre said diversifying trading partners and settling trade in national currencies could make the economy less vulnerable.",
    ],
}

# each paragraph with its UTF-8 size (-1: it has slots, measured after filling them)
FILLER_SIZED = {
    lang: [(p, -1 if "{" in p else len(p.encode())) for p in paragraphs]
    for lang, paragraphs in FILLER.items()
}

QUOTES = {
    "fa": [
        "{a} در این گفت‌وگو با اشاره به {topic} گفت: جمهوری اسلامی ایران از هر ابتکاری که به توقف خشونت و بازگشت ثبات به منطقه بینجامد حمایت می‌کند.",
        "{a} همچنین با تأکید بر اهمیت {topic} افزود: تماس‌ها و رایزنی‌های مستمر میان دو کشور برای مدیریت بحران‌های منطقه ضروری است.",
        "{b} نیز در این تماس ضمن تشریح دیدگاه‌های کشورش درباره {topic}، بر ادامه هماهنگی‌ها میان دو طرف تأکید کرد.",
        "{b} با اشاره به سابقه روابط دو کشور، ابراز امیدواری کرد که همکاری‌ها در زمینه {topic} در آینده نزدیک گسترش یابد.",
    ],
    "ar": [
        "وقال {a} خلال الاتصال إن بلاده تدعم أي مبادرة تفضي إلى وقف العنف وعودة الاستقرار إلى المنطقة، مشيرا إلى {topic}.",
        "وأكد {a} أهمية {topic}، مضيفا أن التشاور المستمر بين البلدين ضروري لإدارة أزمات المنطقة.",
        "من جانبه، عرض {b} رؤية بلاده بشأن {topic}، مشددا على مواصلة التنسيق بين الجانبين.",
        "وأعرب {b} عن أمله في توسيع التعاون بشأن {topic} في المستقبل القريب، مستذكرا عمق العلاقات بين البلدين.",
    ],
    "en": [
        "{a} said Tehran supported any initiative that would end the violence and bring stability back to the region, referring to {topic}.",
        "{a} stressed the importance of {topic}, adding that regular consultation between the two countries was essential to managing the region's crises.",
        "{b} set out his country's view on {topic} and called for continued coordination between the two sides.",
        "{b} expressed hope that cooperation on {topic} would expand in the near future, recalling the long record of relations between the two countries.",
    ],
}

LEADS = {  # the lead sentence of a report, per language and kind of contact
    "fa": {
        "phone_call": (
            "{ta}، {A} {when} در تماس تلفنی با {B}، {tb}، درباره {topic} گفت‌وگو کرد.",
            "{A} {ta} {when} با «{B}» {tb} تلفنی گفت‌وگو و درباره {topic} تبادل نظر کرد.",
            "{ta} {when} در گفت‌وگوی تلفنی با {tb}، {B}، بر ضرورت هماهنگی بیشتر درباره {topic} تأکید کرد.",
        ),
        "meeting": (
            "{A}، {ta}، {when} در {place} با {B}، {tb}، دیدار و درباره {topic} گفت‌وگو کرد.",
            "{ta} {when} در سفر به {place} با {B} {tb} دیدار کرد و دو طرف درباره {topic} رایزنی کردند.",
        ),
    },
    "ar": {
        "phone_call": (
            "أجرى {ta} {A} {when} اتصالا هاتفيا مع {tb} {B}، تناول فيه {topic}.",
            "بحث {ta} {A} {when} في اتصال هاتفي مع {tb} {B} {topic}.",
            "تلقى {A} {ta} {when} اتصالا هاتفيا من {tb} {B}، جرى خلاله بحث {topic}.",
        ),
        "meeting": (
            "التقى {ta} {A} {when} في {place} {tb} {B}، وبحث الجانبان {topic}.",
            "استقبل {A} {ta} {when} في {place} {tb} {B}، حيث جرى بحث {topic}.",
        ),
    },
    "en": {
        "phone_call": (
            "{ta} {A} spoke by phone with {tb} {B} {when} about {topic}, the foreign ministry said.",
            "{ta} {A} and {tb} {B} discussed {topic} in a phone call {when}.",
            "{A}, {ta}, held a telephone call with {B}, {tb}, {when} to discuss {topic}.",
        ),
        "meeting": (
            "{ta} {A} met {tb} {B} in {place} {when} to discuss {topic}.",
            "{ta} {A} received {tb} {B} in {place} {when}; the two sides discussed {topic}.",
        ),
    },
}

HEADLINES = {
    "fa": {
        "phone_call": [
            "گفت‌وگوی تلفنی {a} و {b} درباره {topic}",
            "رایزنی تلفنی {a} با {b}",
            "تأکید {a} در تماس با {b} بر ادامه همکاری‌ها",
        ],
        "meeting": ["دیدار {a} و {b} در {place}", "{a} با {b} دیدار کرد", "محورهای دیدار {a} و {b}"],
    },
    "ar": {
        "phone_call": [
            "اتصال هاتفي بين {a} و{b}",
            "{a} و{b} يبحثان هاتفيا {topic}",
            "{a} يؤكد في اتصال مع {b} مواصلة التنسيق",
        ],
        "meeting": [
            "{a} يلتقي {b} في {place}",
            "لقاء بين {a} و{b} يبحث {topic}",
            "{a} و{b} يعقدان لقاء في {place}",
        ],
    },
    "en": {
        "phone_call": [
            "{a} and {b} discuss {topic} by phone",
            "{a}, {b} hold phone talks",
            "{a} urges continued coordination in call with {b}",
        ],
        "meeting": [
            "{a} meets {b} in {place}",
            "{a} and {b} hold talks in {place}",
            "{a}, {b} meet on {topic}",
        ],
    },
}

# -- rendering ------------------------------------------------------------------------------------


def _clock(rng: random.Random, lo: int, hi: int) -> tuple[int, int]:
    minutes = rng.randint(lo * 60, hi * 60 - 1)
    return divmod(minutes, 60)


def _fa_digits(rng: random.Random) -> callable:
    return fa if rng.random() < 0.85 else str


class Writer:
    """Renders reports; holds the RNG and the precomputed tables."""

    def __init__(self, seed: int, count: int, fault_rate: float, per_event: float):
        self.rng = random.Random(seed)
        events = schedule(random.Random(seed ^ 0x5EED))
        order = list(range(len(events)))
        random.Random(seed + 1).shuffle(order)
        wanted = max(1, min(len(events), round(count / per_event)))
        self.events = [events[i] for i in sorted(order[:wanted])]
        self.all_events = events
        self.fault_rate = fault_rate
        self.count = count

    # One report ----------------------------------------------------------------------------------

    def report(self, i: int) -> tuple[dict, dict]:
        rng = self.rng
        event = self.events[rng.randrange(len(self.events))]
        lang = rng.choices(LANGS, (0.45, 0.3, 0.25))[0]
        fault = ""
        if rng.random() < self.fault_rate:
            fault = rng.choices(("weekday", "confusion", "conflict", "dual"), (0.35, 0.25, 0.3, 0.1))[0]
            if fault == "confusion" and lang == "en":
                lang = rng.choice(("fa", "ar"))
            if fault == "confusion" and self._confused(DAYS[event.day]) is None:
                fault = "weekday"
            if fault == "dual" and lang == "en":  # no second calendar in an English header
                fault = "conflict"
        latin, native = rng.choice(SOURCES[lang])
        render = (self._fa, self._ar, self._en)[LANGS.index(lang)]
        text, published, stated = render(event, native, fault)
        record = {
            "id": f"{lang}-{SLUG[latin]}-{i:07d}",
            "source": latin,
            "published": published,
            "lang": lang,
            "text": text,
        }
        truth = {
            "id": record["id"],
            "event": f"ev{event.index:05d}",
            "kind": event.kind,
            "participants": f"{event.a.id}|{event.b.id}",
            "event_date": DAYS[event.day].date.isoformat(),
            "stated_date": DAYS[stated].date.isoformat() if stated is not None else "",
            "fault": fault,
            "bytes": 0,
        }
        return record, truth

    def _publication(self, event: Event, lo: int, hi: int, hours: tuple[int, int]) -> tuple[int, int, int]:
        day = event.day + self.rng.randint(lo, hi)
        hour, minute = _clock(self.rng, *hours)
        return day, hour, minute

    @staticmethod
    def _iso(day: int, hour: int, minute: int) -> str:
        return f"{DAYS[day].date.isoformat()}T{hour:02d}:{minute:02d}:00"

    def _names(self, event: Event, lang: str) -> dict[str, str]:
        a, b = event.a, event.b
        return {
            "A": a.names[lang][0],
            "B": b.names[lang][0],
            "a": a.names[lang][1],
            "b": b.names[lang][1],
            "ta": title(a, lang),
            "tb": title(b, lang),
            "cb": COUNTRY[b.country][LANGS.index(lang)],
            "topic": TOPICS[lang][event.topic],
            "place": COUNTRY[event.place][3][LANGS.index(lang)] if event.place else "",
        }

    def _assemble(
        self,
        lang: str,
        event: Event,
        slots: dict[str, str],
        when: str,
        header: Callable[[], tuple[str, str | None, bool]],
        back: Callable[[Day, str], str],
        lead_prefix: str = "",
    ) -> tuple[str, str | None]:
        """Lead, header, headline, quotes and sometimes a look back at the pair's previous contact,
        then prose up to size (the random draws in one fixed order, so a seed gives one corpus)."""
        rng = self.rng
        lead = lead_prefix + rng.choice(LEADS[lang][event.kind]).format(when=when, **slots)
        head, published, inline = header()
        headline = rng.choice(HEADLINES[lang][event.kind]).format(**slots)
        quotes = [q.format(**slots) for q in rng.sample(QUOTES[lang], 2)]
        parts = [headline, head + lead if inline else head, "" if inline else lead, *quotes]
        previous = ""
        if event.previous is not None and rng.random() < 0.4:
            day, kind = event.previous
            previous = back(DAYS[day], kind)
        return self._fill(lang, parts, previous, slots), published

    def _fill(self, lang: str, parts: list[str], back: str, slots: dict[str, str]) -> str:
        """Add prose paragraphs until the report is 2-3 KB of UTF-8; `back` goes among them."""
        rng = self.rng
        target = rng.randint(2100, 2900)
        parts = [p for p in parts if p]
        if back:
            parts.append(back)
        size = sum(len(p.encode()) + 2 for p in parts)
        pool = FILLER_SIZED[lang]
        digits = fa if lang == "fa" else str
        tail = []
        for k in rng.sample(range(len(pool)), len(pool)):
            if size >= target:
                break
            paragraph, nbytes = pool[k]
            if nbytes < 0:  # has slots
                paragraph = paragraph.format(
                    a=slots["a"],
                    b=slots["b"],
                    cb=slots["cb"],
                    n=digits(rng.randint(2, 60)),
                    m=digits(rng.randint(120, 160)),
                )
                nbytes = len(paragraph.encode())
            grown = size + nbytes + 2
            if grown > 3000:
                continue
            tail.append(paragraph)
            size = grown
        if not back:
            return "\n\n".join(parts + tail)
        cut = rng.randint(0, len(tail))  # prose before and after the back-reference
        return "\n\n".join(parts[:-1] + tail[:cut] + parts[-1:] + tail[cut:])

    @staticmethod
    def _confused(d: Day) -> int | None:
        """The Gregorian month a writer puts for the Jalali month (Azar -> December), if the Jalali day
        number exists in it."""
        month = (d.jm + 2) % 12 + 1  # Farvardin (21 March - 20 April) -> April
        year = d.date.year + (1 if month < d.date.month - 6 else 0)
        limit = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return month if d.jd <= limit else None

    def _stated_day(self, event: Event, fault: str) -> int:
        if fault == "conflict":
            return event.day + self.rng.choice((-2, -1, 1, 2))
        return event.day

    def _weekday(self, day: int, fault: str) -> int:
        wd = DAYS[day].wd
        return (wd + self.rng.randint(1, 6)) % 7 if fault == "weekday" else wd

    # Persian -------------------------------------------------------------------------------------

    def _fa(self, event: Event, native: str, fault: str) -> tuple[str, str | None, int | None]:
        rng = self.rng
        s = self._names(event, "fa")
        digits = _fa_digits(rng)
        day = self._stated_day(event, fault)
        d = DAYS[day]
        wd = WD_FA[self._weekday(day, fault)]
        jm = JALALI_FA[d.jm - 1]
        if fault == "confusion":  # the Jalali day number under the Gregorian month (۲۰ آذر -> ۲۰ دسامبر)
            form = rng.randrange(2)
            month = self._confused(d)
            gm = GREG_FA[month - 1]
            gy = d.date.year + (month < d.date.month - 6)
            year = f" {digits(gy)}" if gm in ("مه", "می", "جون") or form else ""
            when = (f"امشب ({wd}) {digits(d.jd)} {gm}{year}", f"روز {wd} {digits(d.jd)} {gm}{year}")[form]
            pub = (
                self._publication(event, 0, 0, (20, 24))
                if form == 0
                else self._publication(event, 0, 2, (9, 23))
            )
        else:
            form = rng.choices(range(10), (15, 10, 15, 10, 10, 8, 10, 5, 7, 5))[0]
            if fault == "weekday" and form in (4, 6, 7):
                form = 2
            if fault in ("conflict", "dual") and form in (0, 1, 3, 4, 5, 8, 9):
                form = 6
            if form == 0:
                when = f"امشب ({wd}) {digits(d.jd)} {jm} ماه"
                pub = (
                    self._publication(event, 0, 0, (20, 24))
                    if rng.random() < 0.7
                    else self._publication(event, 1, 1, (0, 2))
                )
            elif form == 1:
                when = f"امروز ({wd}) {digits(d.jd)} {jm} {digits(d.jy)}"
                pub = self._publication(event, 0, 0, (11, 24))
            elif form == 2:
                when = f"روز {wd} {digits(d.jd)} {jm}"
                pub = self._publication(event, 0, 2, (9, 24))
            elif form == 3:
                when = f"{wd} شب {digits(d.jd)} {jm} ماه"
                pub = self._publication(event, 1, 1, (0, 12))
            elif form == 4:
                when = rng.choice(("دیشب", "شب گذشته"))
                pub = self._publication(event, 1, 1, (6, 12))
            elif form == 5:
                when = rng.choice((f"روز گذشته ({wd})", f"دیروز {wd}"))
                pub = self._publication(event, 1, 1, (7, 23))
            elif form == 6:
                when = f"در تاریخ {digits(d.jd)} {jm} {digits(d.jy)}"
                pub = self._publication(event, 0, 3, (8, 24))
            elif form == 7:
                when = f"در روز {digits(d.date.day)} {GREG_FA[d.date.month - 1]} {digits(d.date.year)}"
                pub = self._publication(event, 0, 2, (8, 24))
            elif form == 8:
                when = f"امروز ({wd})"
                pub = self._publication(event, 0, 0, (12, 24))
            else:
                when = f"صبح امروز {wd}"
                pub = self._publication(event, 0, 0, (11, 24))

        def back(p: Day, kind: str) -> str:
            verb = "تلفنی گفت‌وگو کرده بودند" if kind == "phone_call" else "دیدار کرده بودند"
            return f"دو طرف پیش‌تر در روز {WD_FA[p.wd]} {digits(p.jd)} {JALALI_FA[p.jm - 1]} نیز {verb}."

        text, published = self._assemble(
            "fa",
            event,
            s,
            when,
            lambda: (*self._fa_header(pub, fault), False),
            back,
            "به گزارش " + native + "، ",
        )
        return text, published, day

    def _fa_header(self, pub: tuple[int, int, int], fault: str) -> tuple[str, str | None]:
        rng = self.rng
        day, hour, minute = pub
        p = DAYS[day]
        clock = fa(f"{hour:02d}:{minute:02d}")
        jalali = f"{fa(p.jd)} {JALALI_FA[p.jm - 1]} {fa(p.jy)}"
        form = 0 if fault == "dual" else rng.choices(range(4), (45, 20, 20, 15))[0]
        published = self._iso(*pub)
        if form == 0:
            header = f"تاریخ انتشار: {clock} - {jalali}"
            if fault == "dual" or rng.random() < 0.4:
                g = DAYS[day + (rng.choice((-1, 1)) if fault == "dual" else 0)].date
                header += f" - {g.year} {GREG_EN[g.month - 1]} {g.day}"
        elif form == 1:
            header = f"تاریخ انتشار: {WD_FA[p.wd]} {jalali} ساعت {clock}"
        elif form == 2:
            header = f"تاریخ خبر: {fa(f'{p.jy}/{p.jm:02d}/{p.jd:02d}')} - {clock}"
        else:
            return (f"کد خبر: {fa(rng.randint(100000, 999999))}", published)
        if rng.random() < 0.5:
            header += f"\nکد خبر: {fa(rng.randint(100000, 999999))}"
        return header, (published if rng.random() < 0.9 else None)

    # Arabic --------------------------------------------------------------------------------------

    def _ar(self, event: Event, native: str, fault: str) -> tuple[str, str | None, int | None]:
        rng = self.rng
        s = self._names(event, "ar")
        day = self._stated_day(event, fault)
        d = DAYS[day]
        wd = WD_AR[self._weekday(day, fault)]
        family = rng.random()
        if family < 0.6:
            gm = GREG_AR_EG[d.date.month - 1]
        elif family < 0.8:
            gm = GREG_AR_LEV[d.date.month - 1]
        elif family < 0.95:
            gm = f"{GREG_AR_LEV[d.date.month - 1]}/{GREG_AR_EG[d.date.month - 1]}"
        else:
            gm = GREG_AR_MAG[d.date.month - 1]
        num = str if rng.random() < 0.9 else (lambda n: str(n).translate(AR_DIGITS))
        if fault == "confusion":  # الليلة (الاثنين 20 ديسمبر) for 20 Azar
            when = f"الليلة ({wd} {num(d.jd)} {GREG_AR_EG[self._confused(d) - 1]})"
            pub = self._publication(event, 0, 0, (20, 24))
        else:
            form = rng.choices(range(7), (15, 12, 10, 25, 8, 10, 10))[0]
            if fault == "weekday" and form in (2, 4, 5):
                form = 3
            if fault in ("conflict", "dual") and form in (0, 1, 2, 4, 5):
                form = 3
            if form == 0:
                when = f"الليلة ({wd} {num(d.date.day)} {gm})"
                pub = (
                    self._publication(event, 0, 0, (20, 24))
                    if rng.random() < 0.7
                    else self._publication(event, 1, 1, (0, 2))
                )
            elif form == 1:
                when = f"مساء أمس {wd}"
                pub = self._publication(event, 1, 1, (7, 23))
            elif form == 2:
                when = rng.choice(("أمس", "يوم أمس", "الليلة الماضية"))
                pub = self._publication(event, 1, 1, (6, 14))
            elif form == 3:
                when = f"يوم {wd} {num(d.date.day)} {gm} {num(d.date.year)}"
                pub = self._publication(event, 0, 2, (8, 24))
            elif form == 4:
                when = f"اليوم {wd}"
                pub = self._publication(event, 0, 0, (12, 24))
            elif form == 5:
                when = f"يوم {wd}"
                pub = self._publication(event, 1, 3, (8, 24))
            else:
                when = (
                    f"يوم {wd} {num(d.hd)} {HIJRI_AR[d.hm - 1]} {num(d.hy)} هـ "
                    f"الموافق {num(d.date.day)} {GREG_AR_EG[d.date.month - 1]} {num(d.date.year)} م"
                )
                pub = self._publication(event, 0, 1, (8, 24))

        def back(p: Day, kind: str) -> str:
            what = "أجريا اتصالا هاتفيا" if kind == "phone_call" else "عقدا لقاء"
            return f"وكان الجانبان قد {what} يوم {WD_AR[p.wd]} {p.date.day} {GREG_AR_EG[p.date.month - 1]} الماضي."

        text, published = self._assemble(
            "ar", event, s, when, lambda: self._ar_header(pub, fault, native), back
        )
        return text, published, day

    def _ar_header(self, pub: tuple[int, int, int], fault: str, native: str) -> tuple[str, str | None, bool]:
        """(header, published, whether the lead continues on the header's line)."""
        rng = self.rng
        day, hour, minute = pub
        p = DAYS[day]
        g = p.date
        published = self._iso(*pub)
        form = 2 if fault == "dual" else rng.choices(range(4), (35, 20, 30, 15))[0]
        city = rng.choice(("طهران", "طهران", "بغداد", "بيروت", "موسكو", "الدوحة"))
        if form == 0:
            return (
                f"{city} / {g.day} {GREG_AR_EG[g.month - 1]} {g.year} / {native}",
                (published if rng.random() < 0.85 else None),
                False,
            )
        if form == 1:  # a dateline without a year: the record's published date is needed
            return (
                f"{city} - {g.day} {GREG_AR_LEV[g.month - 1]}/{GREG_AR_EG[g.month - 1]} ({native}) - ",
                published,
                True,
            )
        if form == 2:
            h = DAYS[day + (rng.choice((-2, 2)) if fault == "dual" else 0)]
            header = (
                f"تاريخ النشر: {WD_AR[p.wd]} {g.day} {GREG_AR_EG[g.month - 1]} {g.year} - "
                f"{h.hd} {HIJRI_AR[h.hm - 1]} {h.hy} هـ - {hour:02d}:{minute:02d}"
            )
            return header, (published if rng.random() < 0.85 else None), False
        return "", published, False

    # English -------------------------------------------------------------------------------------

    def _en(self, event: Event, native: str, fault: str) -> tuple[str, str | None, int | None]:
        rng = self.rng
        s = self._names(event, "en")
        day = self._stated_day(event, fault)
        d = DAYS[day]
        wd = WD_EN[self._weekday(day, fault)]
        month = GREG_EN[d.date.month - 1]
        form = rng.choices(range(9), (15, 15, 10, 10, 10, 6, 10, 8, 8))[0]
        if fault == "weekday" and form not in (1, 7):
            form = 1
        if fault == "conflict" and form not in (2, 6):
            form = 2
        if form == 0:
            when = f"on {wd}"
            pub = self._publication(event, 1, 3, (7, 24))
        elif form == 1:
            when = f"on {wd}, {month} {d.date.day}"
            pub = self._publication(event, 0, 2, (8, 24))
        elif form == 2:
            when = f"on {month} {d.date.day}, {d.date.year}"
            pub = self._publication(event, 0, 2, (8, 24))
        elif form == 3:
            when = "last night"
            pub = self._publication(event, 1, 1, (5, 12))
        elif form == 4:
            when = "yesterday"
            pub = self._publication(event, 1, 1, (7, 23))
        elif form == 5:
            when = rng.choice(("tonight", "this evening"))
            pub = self._publication(event, 0, 0, (20, 24))
        elif form == 6:
            when = f"on {d.date.day} {month} {d.date.year}"
            pub = self._publication(event, 0, 2, (8, 24))
        elif form == 7:
            when = f"late on {wd} ({GREG_EN_AP[d.date.month - 1]} {d.date.day})"
            pub = self._publication(event, 1, 1, (0, 14))
        else:
            when = f"on {wd} evening"
            pub = self._publication(event, 1, 2, (7, 24))

        def back(p: Day, kind: str) -> str:
            verb = "last spoke" if kind == "phone_call" else "had met"
            return f"The two {verb} on {WD_EN[p.wd]}, {GREG_EN[p.date.month - 1]} {p.date.day}."

        text, published = self._assemble(
            "en", event, s, when, lambda: self._en_header(pub, fault, native), back
        )
        return text, published, day

    def _en_header(self, pub: tuple[int, int, int], fault: str, native: str) -> tuple[str, str | None, bool]:
        rng = self.rng
        day, hour, minute = pub
        g = DAYS[day].date
        published = self._iso(*pub)
        form = rng.choices(range(3), (50, 30, 20))[0]
        if form == 0:
            city = rng.choice(("TEHRAN", "TEHRAN", "MOSCOW", "BAGHDAD", "DOHA", "ANKARA"))
            return (
                f"{city}, {GREG_EN_AP[g.month - 1]} {g.day}, {g.year} ({native}) - ",
                published if rng.random() < 0.85 else None,
                True,
            )
        if form == 1:
            return (
                f"Published: {GREG_EN[g.month - 1]} {g.day}, {g.year} {hour:02d}:{minute:02d}",
                published if rng.random() < 0.85 else None,
                False,
            )
        return "", published, False


# -- output ----------------------------------------------------------------------------------------


def reports(count: int, seed: int = 1, fault_rate: float = 0.04, per_event: float = 4.0, truth: bool = False):
    """Yield `count` report dicts (or (report, truth) pairs when truth=True)."""
    writer = Writer(seed, count, fault_rate, per_event)
    for i in range(count):
        record, facts = writer.report(i)
        if truth:
            facts["bytes"] = len(record["text"].encode())
            yield record, facts
        else:
            yield record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", "-n", type=int, default=1000, help="reports to write (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--output", "-o", default="-", help="JSONL path, or - for stdout (default)")
    parser.add_argument(
        "--fault-rate",
        type=float,
        default=0.04,
        help="share of reports with a deliberate date error (default 0.04)",
    )
    parser.add_argument(
        "--reports-per-event",
        type=float,
        default=4.0,
        help="mean reports per event while the event schedule lasts (default 4)",
    )
    parser.add_argument("--truth", help="also write a CSV of each report's event, true date and fault")
    parser.add_argument("--quiet", "-q", action="store_true", help="no timing line on stderr")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", buffering=1 << 20)
    truth_file = open(args.truth, "w", encoding="utf-8", newline="") if args.truth else None
    truth_rows = csv.writer(truth_file) if truth_file else None
    if truth_rows:
        truth_rows.writerow(
            ["id", "event", "kind", "participants", "event_date", "stated_date", "fault", "bytes"]
        )
    total = 0
    dumps = json.dumps
    write = out.write
    try:
        for item in reports(
            args.count, args.seed, args.fault_rate, args.reports_per_event, truth=bool(truth_rows)
        ):
            record, facts = item if truth_rows else (item, None)
            line = dumps(record, ensure_ascii=False)
            total += len(line) + 1
            write(line)
            write("\n")
            if truth_rows:
                truth_rows.writerow(facts.values())
    except BrokenPipeError:  # | head
        sys.stderr.close()
        return 0
    finally:
        if out is not sys.stdout:
            out.close()
        if truth_file:
            truth_file.close()
    if not args.quiet:
        elapsed = time.perf_counter() - started
        size = Path(args.output).stat().st_size if args.output != "-" else total
        unit = "MB" if args.output != "-" else "M characters"
        print(
            f"generated {args.count:,} reports, {size / 1e6:,.1f} {unit} in {elapsed:.1f} s "
            f"({args.count / elapsed:,.0f} reports/s)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
