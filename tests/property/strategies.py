"""Hypothesis strategies for realistic and adversarial news text (shared by the tests and fuzz.py)."""

from __future__ import annotations

from hypothesis import strategies as st

from datesync import languages, lexicons

DIGITS = {"latin": "0123456789", "persian": "۰۱۲۳۴۵۶۷۸۹", "arabic": "٠١٢٣٤٥٦٧٨٩"}


def _words() -> list[str]:
    out: list[str] = []
    for family in lexicons.load("months")["family"]:
        out += [name for month in family["months"] for name in month]
    for table in lexicons.load("weekdays").values():
        out += [name for day in table["names"] for name in day] + table["prefixes"]
    for word in lexicons.load("relative")["word"]:
        out += word["names"]
    for table in lexicons.load("parts_of_day").values():
        out += table["names"]
    for table in lexicons.load("ordinals").values():
        out += [name for day in table["days"] for name in day] + table["suffixes"]
    eras = lexicons.load("eras")
    out += [w for key in ("jalali", "hijri", "gregorian", "year_words") for w in languages.words(eras, key)]
    triggers = lexicons.load("triggers")
    out += [p for kind in ("phone_call", "meeting", "contact") for p in languages.words(triggers[kind])]
    out += [
        "امیرعبداللهیان",
        "لاوروف",
        "لافروف",
        "أمير عبد اللهيان",
        "Lavrov",
        "همتای روس",
        "نظيره الروسي",
        "وزیر امور خارجه",
        "تاریخ انتشار:",
        "موسكو /",
        "/ارنا-",
        "برابر با",
        "الموافق",
        "ماه",
        "شهر",
    ]
    return sorted(set(out))


WORDS = _words()
FILLER = ["و", "در", "با", "به گزارش", "في", "مع", "the", "and", "گفت", "قال", "کرد", "تماس", "."]
MARKS = [
    "\u200c",
    "\u200f",
    "\u200e",
    "\u202b",
    "\u202c",
    "\u0640",
    "\u064e",
    "\u0651",
    "\u00a0",
    "\x00",
    "😀",
]
PUNCT = [" ", " ", " ", "  ", "\n", "(", ")", "/", "-", "،", ",", ".", ":", "«", "»"]


@st.composite
def number(draw) -> str:
    value = draw(
        st.one_of(st.integers(0, 40), st.integers(1300, 1500), st.integers(1900, 2100), st.integers(0, 99999))
    )
    digits = draw(st.sampled_from(list(DIGITS.values())))
    text = "".join(digits[int(c)] for c in str(value))
    if draw(st.booleans()):  # a mix of digit systems in one numeral
        mixed = draw(st.sampled_from(list(DIGITS.values())))
        text = "".join(
            mixed[int(c)] if i % 2 else ch for i, (c, ch) in enumerate(zip(str(value), text, strict=True))
        )
    return text


piece = st.one_of(
    st.sampled_from(WORDS),
    number(),
    st.sampled_from(FILLER),
    st.sampled_from(MARKS),
    st.builds(
        lambda a, s, b, t, c: f"{a}{s}{b}{s}{c}",
        number(),
        st.sampled_from("/-."),
        number(),
        st.just(""),
        number(),
    ),
)

realistic_text = st.lists(st.tuples(piece, st.sampled_from(PUNCT)), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts)
)

adversarial_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكةىأإؤئ")),
        st.sampled_from(list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")),
        st.sampled_from(sorted({c for c in MARKS + PUNCT if len(c) == 1})),
        st.characters(),
    ),
    max_size=300,
)

any_text = st.one_of(
    realistic_text, adversarial_text, st.builds(lambda a, b: a + b, realistic_text, adversarial_text)
)

published = st.one_of(
    st.none(),
    st.dates(
        min_value=__import__("datetime").date(1930, 1, 1), max_value=__import__("datetime").date(2070, 12, 31)
    ).map(str),
)
