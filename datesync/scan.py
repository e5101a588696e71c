"""The tokenizer: one compiled pattern cuts text into numerals, numeral dates and lexicon words.

Every word of the date lexicons (months, weekdays, relative words, parts of the day, ordinals,
era markers ...) goes into one trie-shaped alternation, so each position costs a few comparisons,
and every quantifier is bounded, so the pass is linear in the length of the text. What a word
means comes from the lexicons; `find` joins the tokens into date expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import cache
from typing import NamedTuple

from datesync import candidates, languages, lexicons
from datesync.model import Calendar
from datesync.normalize import (
    OPTIONAL_DOT,
    SEPARATOR,
    SEPARATORS,
    SPACES,
    char_class,
    digit_class,
    fold,
    literal_variants,
    word_units,
)


class Part(IntEnum):
    MONTH = 1
    WEEKDAY = 2
    WEEKDAY_PREFIX = 3
    RELATIVE = 4
    PART_OF_DAY = 5
    ORDINAL = 6
    ORDINAL_SUFFIX = 7
    ERA = 8
    YEAR_WORD = 9
    MONTH_WORD = 10
    NOT_A_DATE = 11  # a name that holds a date word (روسيا اليوم)
    DIRECTION = 12  # after a month: past (-1), future (1) or current (0): آب الماضي, نوفمبر المقبل
    THIS_YEAR = 13  # a named day of this year (0) or last (-1): عاشورای امسال
    NAMED_DAY = 14  # Ashura, Nowruz, Eid al-Adha: `value` indexes holidays()
    NAME_BEFORE = 15  # a word that makes the date after it a name (شارع 26 يوليو)
    NAME_AFTER = 16  # a word that makes the date before it a name (the March 14 alliance)


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one lexicon word says, and the conditions on reading it so."""

    part: Part
    value: int | Calendar  # month, weekday index, day offset or day number; a Calendar for eras
    lang: str
    calendar: Calendar | None = None  # for month names
    ordinary: bool = False  # a month name that is an ordinary word: a day number alone is not enough
    ordinary_in: str = ""  # ... only in texts of this language (Persian جوان "young", آب "water")
    eve: bool = False  # a part of the day that names the evening before a weekday (شب جمعه)
    own_text_only: bool = False  # read only in texts of its own language (Urdu پیر is Persian "old")
    direction: int = 0  # weekdays: +1 the coming one (next Tuesday), -1 the past one (last Monday)
    per_count: bool = False  # counted relatives with a digit count (منذ 3 أيام): value is per unit
    ordinary_near: tuple[str, ...] = ()  # months: words near which the name is an ordinary word


@dataclass(frozen=True, slots=True)
class Holiday:
    key: str
    calendar: Calendar
    month: int
    day: int


@cache
def holidays() -> tuple[Holiday, ...]:
    return tuple(
        Holiday(d["key"], Calendar(d["calendar"]), d["month"], d["day"])
        for d in lexicons.load("holidays")["day"]
    )


class Token(NamedTuple):
    """A numeral, a numeral date or a lexicon word (a tuple: tens of these per report)."""

    start: int
    end: int
    number: int | None = None  # a numeral's value
    digits: int = 0
    numeral_date: tuple[int, int, int, int] | None = None  # a/b/c of 12/08/1402 and the digits of a
    meanings: tuple[Meaning, ...] = ()
    with_month_word: bool = False  # a month name written with ماه (آبان ماه, مه ماه)

    def get(self, part: Part) -> Meaning | None:
        for meaning in self.meanings:
            if meaning.part is part:
                return meaning
        return None


@dataclass(frozen=True, slots=True)
class Lexicon:
    pattern: re.Pattern[str]
    words: dict[str, tuple[Meaning, ...]]  # folded word -> its meanings
    restricted: frozenset[str]  # folded words with a meaning read only in its own language
    day_month_links: frozenset[str]
    range_links: frozenset[str]  # what joins the two days of a range or pair (as written and folded)
    starts: candidates.Starts  # where the pattern can match, so it is tried only there


def _own_only(table: dict) -> set[str]:
    return {fold(w) for w in table.get("own_text_only", ())}


def _month_entries() -> list[tuple[str, Meaning]]:
    out = []
    for family in lexicons.load("months")["family"]:
        calendar = Calendar(family["calendar"])
        needs_year = {fold(w) for w in family.get("needs_year", ())}
        needs_year_in = {fold(w): lang for lang, ws in family.get("needs_year_in", {}).items() for w in ws}
        near = {fold(w): tuple(ws) for w, ws in family.get("ordinary_near", {}).items()}
        for number, spellings in enumerate(family["months"], 1):
            for name in spellings:
                ordinary, ordinary_in = fold(name) in needs_year, needs_year_in.get(fold(name), "")
                meaning = Meaning(
                    Part.MONTH,
                    number,
                    family["lang"],
                    calendar,
                    ordinary,
                    ordinary_in,
                    ordinary_near=near.get(fold(name), ()),
                )
                out.append((name, meaning))
    return out


def _counted_entries() -> list[tuple[str, Meaning]]:
    """ "two days ago", «قبل يومين», «دو روز پیش»: every phrase of relative.toml [counted]."""
    out = []
    for lang, spec in lexicons.load("relative")["counted"].items():
        numbers = {**spec["numbers"], "#": 1}
        for ago in spec["ago"]:
            for unit, days in spec["units"].items():
                for number, count in numbers.items():
                    parts = {"number": number, "unit": unit, "ago": ago}
                    order = spec["order"].split()
                    if number == "#" and order[0] == "number":  # 3 days ago: the grammar joins the numeral
                        order, parts["number"] = order[1:], ""
                    phrase = " ".join(parts[p] for p in order)
                    out.append((phrase, Meaning(Part.RELATIVE, -days * count, lang, per_count=number == "#")))
            for unit, days in spec["whole"].items():
                phrase = " ".join(
                    {"number": "", "unit": unit, "ago": ago}[p] for p in spec["order"].split()
                ).strip()
                out.append((" ".join(phrase.split()), Meaning(Part.RELATIVE, -days, lang)))
    return out


def _weekday_entries(lang: str, table: dict, own: set[str]) -> list[tuple[str, Meaning]]:
    """Weekday names, and the same with the words that point them at the next or last week."""
    out = []
    for index, spellings in enumerate(table["names"]):
        for name in spellings:
            out.append((name, Meaning(Part.WEEKDAY, index, lang, own_text_only=fold(name) in own)))
            for direction, words in ((1, table["next"]), (-1, table["last"]), (0, table["this"])):
                for word in words:
                    phrase = f"{word} {name}" if table.get("modifiers") == "before" else f"{name} {word}"
                    out.append((phrase, Meaning(Part.WEEKDAY, index, lang, direction=direction)))
    return out


def _day_word_entries() -> list[tuple[str, Meaning]]:
    """Weekdays, relative words, parts of the day and ordinal day numbers, language by language."""
    out: list[tuple[str, Meaning]] = []
    weekdays, relative = lexicons.load("weekdays"), lexicons.load("relative")
    parts, ordinals = lexicons.load("parts_of_day"), lexicons.load("ordinals")
    for lang in languages.codes():
        own = _own_only(weekdays[lang]) | _own_only(parts[lang]) | set(relative["own_text_only"][lang])
        out += _weekday_entries(lang, weekdays[lang], own)
        out += [(name, Meaning(Part.WEEKDAY_PREFIX, 0, lang)) for name in weekdays[lang]["prefixes"]]
        out += [(name, Meaning(Part.NOT_A_DATE, 0, "")) for name in relative["not_dates"][lang]]
        eve = {fold(w) for w in parts[lang]["eve"]}
        out += [
            (n, Meaning(Part.PART_OF_DAY, 0, lang, eve=fold(n) in eve, own_text_only=fold(n) in own))
            for n in parts[lang]["names"]
        ]
        for day, spellings in enumerate(ordinals[lang]["days"], 1):
            out += [(name, Meaning(Part.ORDINAL, day, lang)) for name in spellings]
        out += [(name, Meaning(Part.ORDINAL_SUFFIX, 0, lang)) for name in ordinals[lang]["suffixes"]]
    for word in relative["word"]:
        meaning = Meaning(Part.RELATIVE, word["offset"], word["lang"])
        out += [(name, meaning) for name in word["names"]]
    return out


def _context_entries() -> list[tuple[str, Meaning]]:
    """Named days, the words around dates that change their reading, and names that hold a date."""
    out = []
    for index, day in enumerate(lexicons.load("holidays")["day"]):
        calendar = Calendar(day["calendar"])
        out += [(name, Meaning(Part.NAMED_DAY, index, "", calendar)) for name in languages.words(day)]
    context = lexicons.load("context")
    for lang in languages.codes():
        table = context[lang]
        out += [(w, Meaning(Part.DIRECTION, v, lang)) for w, v in table["directions"].items()]
        out += [(w, Meaning(Part.THIS_YEAR, v, lang)) for w, v in table["this_year"].items()]
        out += [(w, Meaning(Part.NAME_BEFORE, 0, lang)) for w in table["name_before"]]
        out += [(w, Meaning(Part.NAME_AFTER, 0, lang)) for w in table["name_after"]]
    return out


def _entries() -> list[tuple[str, Meaning]]:
    out = _month_entries() + _day_word_entries() + _counted_entries() + _context_entries()
    eras = lexicons.load("eras")
    for calendar in (Calendar.JALALI, Calendar.HIJRI, Calendar.GREGORIAN):
        out += [(name, Meaning(Part.ERA, calendar, "")) for name in languages.words(eras, calendar.value)]
    out += [(name, Meaning(Part.YEAR_WORD, 0, "")) for name in languages.words(eras, "year_words")]
    context = lexicons.load("context")
    out += [
        (name, Meaning(Part.MONTH_WORD, 0, "")) for name in languages.words(context, "month_words_before")
    ]
    return out


def _trie_pattern(words: list[tuple[str | None, ...]]) -> str:
    """One alternation shaped as a trie, so matching a position costs one branch per letter.

    The first letter is spelled out as literal branches (ي and ی apart): the regex engine skips a
    branch that starts with a non-matching literal in one comparison, but enters one that starts
    with a character class.
    """
    root: dict = {}
    for units in words:
        node = root
        for variant in literal_variants(units[0]) if units[0] != "#" else ("#",):
            node = root.setdefault(("literal", variant) if variant != "#" else "#", {})
            for unit in units[1:]:
                node = node.setdefault(unit, {})
            node[""] = {}

    separator = f"[{re.escape(SEPARATORS)}]{{0,3}}"

    def piece(unit) -> str:
        if unit is SEPARATOR:
            return separator
        if unit == OPTIONAL_DOT:
            return r"\.?"
        if unit == "#":  # a count in digits inside a phrase (منذ 3 أيام)
            return digit_class() + "{1,2}"
        if isinstance(unit, tuple):
            return re.escape(unit[1])
        return char_class(unit)

    def emit(node: dict) -> str:
        keys = sorted((u for u in node if u != ""), key=lambda u: (u is SEPARATOR, str(u)))
        branches = [piece(u) + emit(node[u]) for u in keys]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word may end here: longer words are tried first, then this one
            return f"(?:{body})?"
        return body

    # one class test turns away a word start whose letter begins no lexicon word (~10% faster)
    first = "".join(
        re.escape(unit[1]) if unit != "#" else digit_class()[1:-1] for unit in sorted(root, key=str)
    )
    return f"(?=[{first}])" + emit(root)


_NO_LETTER_BEFORE = r"(?<![^\W\d_])"
_PROCLITIC = f"(?:[{candidates.PROCLITICS}](?=[^\\W\\d_]))?"  # و/ف written onto the next word (وأمس, فاليوم)
_NO_LETTER_AFTER = r"(?![^\W\d_]|\u200c[^\W\d_])"


def words_pattern(entries: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A compiled pattern matching any of `entries` as whole words, letter variants folded.

    The entry itself is group "word" (an Arabic و/ف written onto it stays outside).
    """
    units = list(dict.fromkeys(word_units(entry) for entry in entries))
    return re.compile(
        _NO_LETTER_BEFORE + _PROCLITIC + "(?P<word>" + _trie_pattern(units) + ")" + _NO_LETTER_AFTER
    )


@cache
def lexicon() -> Lexicon:
    words: dict[str, list[Meaning]] = {}
    units: dict[tuple, None] = {}
    entries = _entries()
    for surface, meaning in entries:
        unit = word_units(surface)
        units[unit] = None
        bucket = words.setdefault("".join(u for u in unit if u), [])
        if meaning not in bucket:
            bucket.append(meaning)
    context = lexicons.load("context")
    digit = digit_class()
    month_words_after = languages.words(context, "month_words_after")
    after = "|".join(
        "".join(char_class(u) if u else f"[{SPACES}]{{0,2}}" for u in word_units(w))
        for w in month_words_after
    )
    digits_end = f"(?!(?<={digit}){digit})"  # a word ending in a digit (كانون 2) is not part of a number
    pattern = (
        rf"(?P<num>{digit}+(?:\u200c{digit}+)?)(?:(?P<sep>[/\-.])(?P<b>{digit}+)(?P=sep)(?P<c>{digit}+))?"
        rf"|{_NO_LETTER_BEFORE}{_PROCLITIC}(?P<word>{_trie_pattern(list(units))})(?P<after>[{SPACES}]{{0,2}}(?:{after}))?"
        + _NO_LETTER_AFTER
        + digits_end
    )
    links = frozenset(fold(w) for w in languages.words(context, "day_month_links"))
    ranges = languages.words(context, "range_links")
    range_links = frozenset(ranges) | frozenset(fold(w) for w in ranges) - {""}
    restricted = frozenset(k for k, ms in words.items() if any(m.own_text_only for m in ms))
    starts = candidates.Starts.of([surface for surface, _ in entries], month_words_after)
    meanings = {k: tuple(v) for k, v in words.items()}
    return Lexicon(re.compile(pattern), meanings, restricted, links, range_links, starts)


def tokens(text: str, lang: str = "") -> list[Token]:
    """Every token of `text`, in order; words read only in another language are left out."""
    lex = lexicon()
    out: list[Token] = []
    for match in candidates.matches(lex.pattern, lex.starts, text):
        start, end = match.span()
        word = match.group("word")
        if word is not None:
            start = match.start("word")
            key = fold(word)
            meanings = lex.words.get(key)
            if meanings is None and _ANY_DIGIT.search(key):  # منذ 3 أيام: a counted phrase
                meanings = _counted(lex.words.get(_ANY_DIGIT.sub("#", key)), key)
            elif meanings and out and out[-1].number is not None and _counts(text, out[-1], start, meanings):
                # 3 days ago, ۳ روز پیش: the numeral before a per-count phrase is its count
                count = out.pop()
                meanings, start = _counted(meanings, str(count.number)), count.start
            if meanings and key in lex.restricted:
                meanings = tuple(m for m in meanings if not m.own_text_only or m.lang == lang)
            if not meanings:
                continue
            if match.group("after") is not None:  # "ماه" after a month name belongs to it
                months = tuple(m for m in meanings if m.part is Part.MONTH)
                if months:
                    out.append(Token(start, end, meanings=months, with_month_word=True))
                    continue
                end = match.end("word")
            out.append(Token(start, end, meanings=meanings))
            continue
        a = match.group("num").replace("\u200c", "")  # ۲‌۸: a ZWNJ typed inside a number
        if match.group("sep") is None:
            if len(a) <= 4:
                out.append(Token(start, end, number=int(a), digits=len(a)))
            continue
        b, c = match.group("b"), match.group("c")
        if _date_shaped(a, b, c):
            out.append(Token(start, end, numeral_date=(int(a), int(b), int(c), len(a))))
    return out


_ANY_DIGIT = re.compile(r"\d+")


def _counts(text: str, number: Token, start: int, meanings: tuple[Meaning, ...]) -> bool:
    return (
        any(m.per_count for m in meanings)
        and number.digits <= 2
        and not text[number.end : start].strip(SPACES)
    )


def _counted(meanings: tuple[Meaning, ...] | None, key: str) -> tuple[Meaning, ...] | None:
    """The meanings of a counted phrase with its count in digits filled in (منذ 3 أيام: -3 days)."""
    if not meanings:
        return None
    count = int(_ANY_DIGIT.search(key).group())  # type: ignore[union-attr]
    return (
        tuple(replace(m, value=int(m.value) * count, per_count=False) for m in meanings if m.per_count)
        or None
    )


def _date_shaped(a: str, b: str, c: str) -> bool:
    """Y/M/D or D/M/Y (or M/D/Y) with a 3-4 digit year and a month and day that could exist."""
    if len(b) > 2 or not (len(a) >= 3) ^ (len(c) >= 3) or max(len(a), len(c)) > 4:
        return False
    first, middle, last = int(a), int(b), int(c)
    if len(a) >= 3:
        return 1 <= middle <= 12 and 1 <= last <= 31 and len(c) <= 2
    return len(a) <= 2 and (
        (1 <= middle <= 12 and 1 <= first <= 31) or (1 <= first <= 12 and 1 <= middle <= 31)
    )
