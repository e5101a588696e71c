"""Find date expressions: patterns compiled from the lexicons -> raw mentions. No calendar arithmetic.

One pass of one compiled pattern cuts the text into tokens (numerals, numeric dates, and every
lexicon word, matched through a trie so each position costs a few comparisons); a small grammar
then joins adjacent tokens into expressions. Every quantifier in the pattern is bounded, so the
pass is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import cache
from typing import NamedTuple

from datesync import lexicons
from datesync.model import Calendar, Kind
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


@dataclass(frozen=True, slots=True)
class Meaning:
    part: Part
    value: int | Calendar  # month, weekday index, day offset or day number; a Calendar for eras
    lang: str
    calendar: Calendar | None = None  # for month names
    flag: bool = False  # months: an ordinary word, needs more than a day number; part of day: "eve of"
    flag_lang: str = ""  # months: an ordinary word only in texts of this language (Persian جوان, آب)


class Token(NamedTuple):
    """A numeral, a numeric date or a lexicon word (a tuple: tens of these per report)."""

    start: int
    end: int
    number: int | None = None  # a numeral's value
    digits: int = 0
    numeric: tuple[int, int, int, int] | None = None  # a/b/c of 12/08/1402 and the digits of a
    meanings: tuple[Meaning, ...] = ()
    with_month_word: bool = False  # a month name written with ماه (آبان ماه, مه ماه)

    def get(self, part: Part) -> Meaning | None:
        for meaning in self.meanings:
            if meaning.part is part:
                return meaning
        return None


@dataclass(frozen=True, slots=True)
class Raw:
    """A date expression as written; `resolve` turns it into a Mention."""

    start: int
    end: int
    kind: Kind
    calendar: Calendar | None  # None: a bare numeral whose calendar resolve must decide
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    eve: bool = False  # "eve of" the weekday (شب جمعه): the evening before it
    relative: int | None = None
    era: Calendar | None = None
    lang: str = ""
    months: tuple[tuple[Calendar, int], ...] = ()  # every month name written (doubled names)
    numeric: tuple[int, int, int, int] | None = None


YEAR_SPAN = {Calendar.JALALI: (1000, 1700), Calendar.HIJRI: (1000, 1700), Calendar.GREGORIAN: (1000, 2500)}
"""Numerals read as a year of that calendar; resolve decides whether the year is convertible."""

_SPACE = SPACES
_TIGHT = "()"
_LIST = "(),،-–—"
_DOUBLED = "/\\-–|()"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    words: dict[str, tuple[Meaning, ...]]
    day_month_links: frozenset[str]


def _entries() -> list[tuple[str, Meaning]]:
    out: list[tuple[str, Meaning]] = []
    for family in lexicons.load("months")["family"]:
        calendar = Calendar(family["calendar"])
        needs_year = {fold(w) for w in family.get("needs_year", ())}
        words_in = {fold(w): lang for lang, ws in family.get("needs_year_in", {}).items() for w in ws}
        for number, spellings in enumerate(family["months"], 1):
            for name in spellings:
                flag = fold(name) in needs_year
                flag_lang = words_in.get(fold(name), "")
                out.append((name, Meaning(Part.MONTH, number, family["lang"], calendar, flag, flag_lang)))
    for lang, table in lexicons.load("weekdays").items():
        for index, spellings in enumerate(table["names"]):
            out += [(name, Meaning(Part.WEEKDAY, index, lang)) for name in spellings]
        out += [(name, Meaning(Part.WEEKDAY_PREFIX, 0, lang)) for name in table["prefixes"]]
    out += [(name, Meaning(Part.NOT_A_DATE, 0, "")) for name in lexicons.load("relative")["not_dates"]]
    for word in lexicons.load("relative")["word"]:
        meaning = Meaning(Part.RELATIVE, word["offset"], word["lang"])
        out += [(name, meaning) for name in word["names"]]
    for lang, table in lexicons.load("parts_of_day").items():
        eve = {fold(w) for w in table["eve"]}
        out += [(name, Meaning(Part.PART_OF_DAY, 0, lang, flag=fold(name) in eve)) for name in table["names"]]
    for lang, table in lexicons.load("ordinals").items():
        for day, spellings in enumerate(table["days"], 1):
            out += [(name, Meaning(Part.ORDINAL, day, lang)) for name in spellings]
        out += [(name, Meaning(Part.ORDINAL_SUFFIX, 0, lang)) for name in table["suffixes"]]
    eras = lexicons.load("eras")
    for calendar in (Calendar.JALALI, Calendar.HIJRI, Calendar.GREGORIAN):
        out += [(name, Meaning(Part.ERA, calendar, "")) for name in eras[calendar.value]]
    out += [(name, Meaning(Part.YEAR_WORD, 0, "")) for name in eras["year_words"]]
    context = lexicons.load("context")
    out += [(name, Meaning(Part.MONTH_WORD, 0, "")) for name in context["month_words_before"]]
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
        for variant in literal_variants(units[0]):
            node = root.setdefault(("literal", variant), {})
            for unit in units[1:]:
                node = node.setdefault(unit, {})
            node[""] = {}

    separator = f"[{re.escape(SEPARATORS)}]{{0,3}}"

    def piece(unit) -> str:
        if unit is SEPARATOR:
            return separator
        if unit == OPTIONAL_DOT:
            return r"\.?"
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
    first = "".join(re.escape(unit[1]) for unit in sorted(root))
    return f"(?=[{first}])" + emit(root)


_NO_LETTER_BEFORE = r"(?<![^\W\d_])"
_PROCLITIC = "(?:[وف](?=[^\\W\\d_]))?"  # Arabic و/ف written onto the next word (وأمس, فاليوم)
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
def lexicon() -> _Lexicon:
    words: dict[str, list[Meaning]] = {}
    units: dict[tuple, None] = {}
    for surface, meaning in _entries():
        unit = word_units(surface)
        units[unit] = None
        bucket = words.setdefault("".join(u for u in unit if u), [])
        if meaning not in bucket:
            bucket.append(meaning)
    context = lexicons.load("context")
    digit = digit_class()
    after = "|".join(
        "".join(char_class(u) if u else f"[{_SPACE}]{{0,2}}" for u in word_units(w))
        for w in context["month_words_after"]
    )
    pattern = (
        rf"(?P<num>{digit}+)(?:(?P<sep>[/\-.])(?P<b>{digit}+)(?P=sep)(?P<c>{digit}+))?"
        rf"|{_NO_LETTER_BEFORE}{_PROCLITIC}(?P<word>{_trie_pattern(list(units))})(?P<after>[{_SPACE}]{{0,2}}(?:{after}))?"
        + _NO_LETTER_AFTER
    )
    links = frozenset(fold(w) for w in context["day_month_links"])
    return _Lexicon(re.compile(pattern), {k: tuple(v) for k, v in words.items()}, links)


def tokens(text: str) -> list[Token]:
    lex = lexicon()
    out: list[Token] = []
    for match in lex.pattern.finditer(text):
        start, end = match.span()
        word = match.group("word")
        if word is not None:
            start = match.start("word")
            meanings = lex.words.get(fold(word))
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
        a = match.group("num")
        if match.group("sep") is None:
            if len(a) <= 4:
                out.append(Token(start, end, number=int(a), digits=len(a)))
            continue
        b, c = match.group("b"), match.group("c")
        if _date_shaped(a, b, c):
            out.append(Token(start, end, numeric=(int(a), int(b), int(c), len(a))))
    return out


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


@dataclass(slots=True)
class _Prefix:
    """What the words before a date said: a relative word, a weekday, parts of the day."""

    count: int = 0  # tokens taken
    last: int = 0  # index of the last relative word or weekday (a trailing part of the day stays out)
    relative: int | None = None
    weekday: int | None = None
    eve: bool = False
    lang: str = ""


class _Grammar:
    """Joins adjacent tokens into expressions; each method returns (Raw | None, next token index)."""

    def __init__(self, text: str, toks: list[Token], lang: str):
        self.text, self.toks, self.lang = text, toks, lang
        self.links = lexicon().day_month_links
        self.after_weekday = False  # the core being parsed follows a weekday (یکشنبه ۱۴ می)

    def parse(self) -> list[Raw]:
        out, i = [], 0
        while i < len(self.toks):
            raw, nxt = self.expression(i)
            if raw is None:
                i += 1
            else:
                out.append(self.balanced(raw))
                i = nxt
        return out

    def balanced(self, raw: Raw) -> Raw:
        """Take the bracket the expression opened or closed: الليلة (الاثنين 20 ديسمبر), (یکشنبه) ۲۸ آبان."""
        span = self.text[raw.start : raw.end]
        opened, closed = span.count("("), span.count(")")
        if opened > closed and self.text[raw.end : raw.end + 1] == ")":
            return replace(raw, end=raw.end + 1)
        if closed > opened and raw.start > 0 and self.text[raw.start - 1] == "(":
            return replace(raw, start=raw.start - 1)
        return raw

    # -- helpers -------------------------------------------------------------------------------

    def joined(self, a: int, b: int, punct: str = "", links: frozenset[str] = frozenset()) -> bool:
        """Token b follows token a with only spaces (and the given punctuation or link words) between."""
        if b >= len(self.toks):
            return False
        gap = self.text[self.toks[a].end : self.toks[b].start]
        if len(gap) > 12:
            return False
        if not gap.strip(_SPACE + punct):
            return sum(gap.count(ch) for ch in punct) <= 2
        return bool(links) and fold(gap.strip(_SPACE + punct)) in links

    def day_at(self, i: int) -> tuple[int | None, int]:
        """A day number (numeral or ordinal word) at token i, and the index after it."""
        if i >= len(self.toks):
            return None, i
        tok = self.toks[i]
        if tok.number is not None:
            if tok.digits > 2 or not 1 <= tok.number <= 31:
                return None, i
            nxt = i + 1
            if nxt < len(self.toks) and self.toks[nxt].get(Part.ORDINAL_SUFFIX) and self.joined(i, nxt):
                if self.toks[nxt].start == tok.end or self.text[tok.end : self.toks[nxt].start] == "\u200c":
                    nxt += 1
            return tok.number, nxt
        ordinal = tok.get(Part.ORDINAL)
        return (int(ordinal.value), i + 1) if ordinal else (None, i)

    def year_at(self, i: int, calendar: Calendar | None) -> int | None:
        if i >= len(self.toks):
            return None
        tok = self.toks[i]
        if tok.number is None or tok.digits < 3:
            return None
        spans = [YEAR_SPAN[calendar]] if calendar else list(YEAR_SPAN.values())
        return tok.number if any(lo <= tok.number <= hi for lo, hi in spans) else None

    def month_at(self, i: int) -> Meaning | None:
        if i >= len(self.toks):
            return None
        months = [m for m in self.toks[i].meanings if m.part is Part.MONTH]
        if not months:
            return None
        return next((m for m in months if m.lang == self.lang), months[0])

    def era_after(self, i: int) -> tuple[Calendar | None, int]:
        if i < len(self.toks) and (era := self.toks[i].get(Part.ERA)) and self.joined(i - 1, i, _TIGHT):
            return era.value, i + 1  # type: ignore[return-value]
        return None, i

    # -- grammar -------------------------------------------------------------------------------

    def expression(self, i: int) -> tuple[Raw | None, int]:
        prefix = self.prefix(i)
        if not prefix.count:
            core, nxt = self.core(i)
            return (None, i) if core is None else self.trailing_weekday(core, nxt)
        after = i + prefix.count
        core, nxt = None, after
        if after < len(self.toks) and self.joined(after - 1, after, _LIST):
            self.after_weekday = prefix.weekday is not None
            core, nxt = self.core(after)
            self.after_weekday = False
        if core is not None:
            return replace(
                core,
                start=self.toks[i].start,
                weekday=prefix.weekday,
                eve=prefix.eve,
                relative=prefix.relative,
                lang=core.lang or prefix.lang,
            ), nxt
        if prefix.relative is None and prefix.weekday is None:
            return None, i  # parts of the day alone are no date
        kind = Kind.RELATIVE if prefix.relative is not None else Kind.WEEKDAY
        return Raw(
            self.toks[i].start,
            self.toks[prefix.last].end,
            kind,
            Calendar.NONE,
            weekday=prefix.weekday,
            eve=prefix.eve,
            relative=prefix.relative,
            lang=prefix.lang,
        ), after

    def prefix(self, i: int) -> _Prefix:
        """Relative words, weekdays and parts of the day chained before a date (امشب (یکشنبه) ...)."""
        found = _Prefix()
        j = i
        while j < len(self.toks) and (j == i or self.joined(j - 1, j, _LIST)):
            tok = self.toks[j]
            if (rel := tok.get(Part.RELATIVE)) and found.relative is None:
                found.relative, found.lang = int(rel.value), found.lang or rel.lang
                found.last = j
            elif (wd := tok.get(Part.WEEKDAY)) and found.weekday is None:
                before = self.toks[j - 1].get(Part.PART_OF_DAY) if j > i else None
                found.weekday, found.eve, found.lang = (
                    int(wd.value),
                    bool(before and before.flag),
                    found.lang or wd.lang,
                )
                found.last = j
            elif tok.get(Part.PART_OF_DAY) and found.count < 4:
                pass
            elif (
                tok.get(Part.WEEKDAY_PREFIX)
                and j + 1 < len(self.toks)
                and self.toks[j + 1].get(Part.WEEKDAY)
                and self.joined(j, j + 1)
            ):
                pass
            else:
                break
            found.count += 1
            j += 1
        return found

    def trailing_weekday(self, core: Raw, i: int) -> tuple[Raw, int]:
        """A weekday in brackets right after a date: ۲۸ آبان (یکشنبه), 1402/08/29 (دوشنبه)."""
        day_level = core.day is not None or core.numeric is not None
        if i < len(self.toks) and day_level and (wd := self.toks[i].get(Part.WEEKDAY)):
            gap = self.text[self.toks[i - 1].end : self.toks[i].start]
            if "(" in gap and self.joined(i - 1, i, _TIGHT):
                return replace(core, end=self.toks[i].end, weekday=int(wd.value)), i + 1
        return core, i

    def core(self, i: int) -> tuple[Raw | None, int]:
        tok = self.toks[i]
        if tok.numeric is not None:
            era, nxt = self.era_after(i + 1)
            return Raw(
                tok.start, self.toks[nxt - 1].end, Kind.DATE, era, era=era, lang="", numeric=tok.numeric
            ), nxt
        for rule in (self.day_first, self.month_first, self.year_first, self.year_alone):
            raw, nxt = rule(i)
            if raw is not None:
                return raw, nxt
        return None, i

    def day_first(self, i: int) -> tuple[Raw | None, int]:
        """۲۸ آبان ماه ۱۴۰۲ ه.ش, 26 تشرين الاول /اكتوبر, 20 Nov 2023, بیست و هشتم آبان."""
        day, j = self.day_at(i)
        if day is None:
            return None, i
        month_word = False
        if (
            j < len(self.toks)
            and self.toks[j].get(Part.MONTH_WORD)
            and not self.month_at(j)
            and self.joined(j - 1, j)
        ):
            j, month_word = j + 1, True
        if not (month := self.month_at(j)) or not self.joined(j - 1, j, _TIGHT, self.links):
            return None, i
        return self.month_tail(i, j, month, day, month_word)

    def month_tail(
        self, first: int, j: int, month: Meaning, day: int | None, month_word: bool = False
    ) -> tuple[Raw | None, int]:
        """After a month name: doubled names, a year and an era marker."""
        calendar = month.calendar
        month_word = month_word or self.toks[j].with_month_word
        months = [(calendar, int(month.value))]
        j += 1
        while (other := self.month_at(j)) and self.joined(j - 1, j, _DOUBLED):
            months.append((other.calendar, int(other.value)))
            j += 1
        year = None
        if self.joined(j - 1, j, _TIGHT + ",،") and (year := self.year_at(j, calendar)) is not None:
            j += 1
        era, j = self.era_after(j) if year is not None else (None, j)
        if year is None and (month.flag or month.flag_lang == self.lang):
            # an ordinary word (می, Persian جوان): a day number alone is not enough
            era, j = self.era_after(j)
            if not (era or month_word or self.after_weekday):
                return None, first
        if day is None and year is None:
            return None, first
        kind = (
            Kind.DATE if day is not None and year is not None else Kind.DAY_MONTH if day else Kind.MONTH_YEAR
        )
        return Raw(
            self.toks[first].start,
            self.toks[j - 1].end,
            kind,
            calendar,
            year,
            int(month.value),
            day,
            era=era,
            lang=month.lang,
            months=tuple(months),
        ), j

    def month_first(self, i: int) -> tuple[Raw | None, int]:
        """November 20, 2023 (English) and آبان ۱۴۰۲ / رمضان 1445 (month and year)."""
        j = i
        if self.toks[j].get(Part.MONTH_WORD) and self.month_at(j + 1) and self.joined(j, j + 1):
            j += 1
        month = self.month_at(j)
        if month is None:
            return None, i
        if month.lang == "en" and j + 1 < len(self.toks) and self.joined(j, j + 1, ",."):
            day, k = self.day_at(j + 1)
            if day is not None:
                year = None
                if self.joined(k - 1, k, ",") and (year := self.year_at(k, month.calendar)) is not None:
                    k += 1
                era, k = self.era_after(k) if year is not None else (None, k)
                kind = Kind.DATE if year is not None else Kind.DAY_MONTH
                return Raw(
                    self.toks[i].start,
                    self.toks[k - 1].end,
                    kind,
                    month.calendar,
                    year,
                    int(month.value),
                    day,
                    era=era,
                    lang="en",
                    months=((month.calendar, int(month.value)),),
                ), k
        if self.year_at(j + 1, month.calendar) is None or not self.joined(j, j + 1, ",،"):
            return None, i
        return self.month_tail(i, j, month, None)

    def year_first(self, i: int) -> tuple[Raw | None, int]:
        """2023 November 20 (the order of some Persian sites' headers)."""
        tok = self.toks[i]
        month = self.month_at(i + 1)
        if month is None or tok.digits != 4 or self.year_at(i, month.calendar) is None:
            return None, i
        if not self.joined(i, i + 1, ","):
            return None, i
        day, k = self.day_at(i + 2)
        if day is None or not self.joined(i + 1, i + 2, ","):
            return None, i
        return Raw(
            tok.start,
            self.toks[k - 1].end,
            Kind.DATE,
            month.calendar,
            tok.number,
            int(month.value),
            day,
            lang=month.lang,
            months=((month.calendar, int(month.value)),),
        ), k

    def year_alone(self, i: int) -> tuple[Raw | None, int]:
        """سال ۱۴۰۲, عام 2023, 1445 هـ: a year with a word or an era marker that says so."""
        first = i
        worded = self.toks[i].get(Part.YEAR_WORD) is not None
        if worded:
            if not self.joined(i, i + 1):
                return None, first
            i += 1
        if self.year_at(i, None) is None:
            return None, first
        era, nxt = self.era_after(i + 1)
        if era is None and not worded:
            return None, first
        raw = Raw(
            self.toks[first].start, self.toks[nxt - 1].end, Kind.YEAR, era, self.toks[i].number, era=era
        )
        return raw, nxt


def find(text: str, lang: str = "") -> list[Raw]:
    """Every date expression in `text`, in order (callers scan long texts window by window)."""
    return _Grammar(text, tokens(text), lang).parse()
