"""Find date expressions: join adjacent tokens (see `scan`) into raw mentions. No calendar arithmetic.

The grammar is a set of small functions over one read-only `Scan` (the text, its tokens, its
language); each returns (Raw | None, next token index), and what an outer rule knows (a weekday
was written before the date) is passed down as an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from datesync import languages
from datesync.model import Calendar, Form
from datesync.normalize import SPACES, fold
from datesync.scan import Meaning, Part, Token, holidays, lexicon, tokens, words_pattern


class Raw(NamedTuple):
    """A date expression as written; `resolve` turns it into a Mention (a tuple: cheap to copy)."""

    start: int
    end: int
    form: Form
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
    numeral_date: tuple[int, int, int, int] | None = None  # 12/08/1402: a, b, c and a's digit count
    until: int | None = None  # the last day of a range or pair (۲۲ و ۲۳ فروردین, 19 to 21 November)
    direction: int | None = None  # the coming (1), past (-1) or current (0) one: next Tuesday, آب الماضي
    named: int | None = None  # a named day (scan.holidays() index): عاشورای ۱۴۴۵
    year_offset: int | None = None  # a named day of this year (0) or of last year (-1)


YEAR_SPAN = {Calendar.JALALI: (1000, 1700), Calendar.HIJRI: (1000, 1700), Calendar.GREGORIAN: (1000, 2500)}
"""Numerals read as a year of that calendar; resolve decides whether the year is convertible."""

_TIGHT = "()"
_LIST = "(),،-–—"
_DOUBLED = "/\\-–|()"
MAX_GAP = 12  # characters between two tokens of one expression
NEAR = 40  # characters searched each way for the words that make a month name an ordinary word
TWO_DIGIT_JALALI = 60  # ۲۶ شهریور ۹۴: 60-99 are 13xx, 00-59 are 14xx


@dataclass(frozen=True, slots=True)
class Scan:
    """One text's tokens and what the grammar reads them against."""

    text: str
    toks: list[Token]
    lang: str
    links: frozenset[str]  # words that may join a day number to its month (of, من)
    range_links: frozenset[str]  # what may join the two days of a range or pair (to, و, -)

    def joined(self, a: int, b: int, punct: str = "", links: frozenset[str] = frozenset()) -> bool:
        """Token b follows token a with only spaces (and the given punctuation or link words) between."""
        if b >= len(self.toks):
            return False
        gap = self.text[self.toks[a].end : self.toks[b].start]
        if len(gap) > MAX_GAP:
            return False
        if not gap.strip(SPACES + punct):
            return sum(gap.count(ch) for ch in punct) <= 2
        return bool(links) and fold(gap.strip(SPACES + punct)) in links

    def linked(self, a: int, b: int) -> bool:
        """Token b follows token a with one range link between (19 to 21, ۲۲ و ۲۳, 25-26)."""
        if b >= len(self.toks):
            return False
        gap = self.text[self.toks[a].end : self.toks[b].start].strip(SPACES)
        return 0 < len(gap) <= MAX_GAP and (gap in self.range_links or fold(gap) in self.range_links)

    def get(self, i: int, part: Part) -> Meaning | None:
        return self.toks[i].get(part) if 0 <= i < len(self.toks) else None

    def month_at(self, i: int) -> Meaning | None:
        """The month name at token i, in the text's own language when it has several."""
        if i >= len(self.toks):
            return None
        months = [m for m in self.toks[i].meanings if m.part is Part.MONTH]
        if not months:
            return None
        return next((m for m in months if m.lang == self.lang), months[0])

    def day_at(self, i: int) -> tuple[int | None, int]:
        """A day number (numeral or ordinal word) at token i, and the index after it."""
        if i >= len(self.toks):
            return None, i
        tok = self.toks[i]
        if tok.number is not None:
            if tok.digits > 2 or not 1 <= tok.number <= 31 or self.in_clock_time(tok):
                return None, i
            nxt = i + 1
            if nxt < len(self.toks) and self.toks[nxt].get(Part.ORDINAL_SUFFIX) and self.joined(i, nxt):
                if self.toks[nxt].start == tok.end or self.text[tok.end : self.toks[nxt].start] == "\u200c":
                    nxt += 1
            return tok.number, nxt
        ordinal = tok.get(Part.ORDINAL)
        return (int(ordinal.value), i + 1) if ordinal else (None, i)

    def in_clock_time(self, tok: Token) -> bool:
        """A number of a clock time (۲۳:۱۰) is no day number."""
        return self.text[tok.start - 1 : tok.start] in (":", "：") or self.text[tok.end : tok.end + 1] in (
            ":",
            "：",
        )

    def year_at(self, i: int, calendar: Calendar | None) -> int | None:
        if i >= len(self.toks):
            return None
        tok = self.toks[i]
        if tok.number is None or tok.digits < 3:
            return None
        spans = [YEAR_SPAN[calendar]] if calendar else list(YEAR_SPAN.values())
        return tok.number if any(lo <= tok.number <= hi for lo, hi in spans) else None

    def era_after(self, i: int) -> tuple[Calendar | None, int]:
        if i < len(self.toks) and (era := self.toks[i].get(Part.ERA)) and self.joined(i - 1, i, _TIGHT):
            return era.value, i + 1  # type: ignore[return-value]
        return None, i


@dataclass(slots=True)
class _Prefix:
    """What the words before a date said: a relative word, a weekday, parts of the day."""

    count: int = 0  # tokens taken
    last: int = 0  # index of the last relative word or weekday (a trailing part of the day stays out)
    relative: int | None = None
    weekday: int | None = None
    eve: bool = False
    lang: str = ""
    direction: int | None = None  # a weekday pointed at the coming or the past week


def find(text: str, lang: str = "") -> list[Raw]:
    """Every date expression in `text`, in order (callers scan long texts window by window)."""
    lex = lexicon()
    toks = tokens(text, lang)
    scan = Scan(text, toks, lang, lex.day_month_links, lex.range_links)
    out, i, count = [], 0, len(toks)
    while i < count:
        tok = toks[i]
        if (i + 1 == count or toks[i + 1].start - tok.end > MAX_GAP) and not _stands_alone(tok):
            i += 1  # nothing within reach to join: a lone numeral or word is no date (most numerals)
            continue
        raw, nxt = expression(scan, i)
        if raw is None:
            i += 1
            continue
        if not is_name(scan, i, nxt, raw):
            out.append(balanced(scan.text, raw))
        i = nxt
    return out


_ALONE = (Part.RELATIVE, Part.WEEKDAY)


def _stands_alone(tok: Token) -> bool:
    """A token that is a date with nothing beside it: a numeral date, a relative word, a weekday."""
    return tok.numeral_date is not None or any(m.part in _ALONE for m in tok.meanings)


def is_name(scan: Scan, first: int, nxt: int, raw: Raw) -> bool:
    """A date inside a name (میدان ۷ تیر, شارع 26 يوليو, the March 14 alliance), or a month name that
    is an ordinary word where it stands (با ۳ تیر شلیک کرد): no date."""
    if raw.numeral_date is None and raw.named is None and raw.day is not None:
        if scan.get(first - 1, Part.NAME_BEFORE) and scan.joined(first - 1, first):
            return True
        if scan.get(nxt, Part.NAME_AFTER) and scan.joined(nxt - 1, nxt):
            return True
    for k in range(first, nxt):
        month = scan.get(k, Part.MONTH)
        if month and month.ordinary_near:
            if _near_words(month.ordinary_near).search(scan.text, max(0, raw.start - NEAR), raw.end + NEAR):
                return True
    return False


@cache
def _near_words(words: tuple[str, ...]) -> re.Pattern[str]:
    return words_pattern(words)


def balanced(text: str, raw: Raw) -> Raw:
    """Take the bracket the expression opened or closed: الليلة (الاثنين 20 ديسمبر), (یکشنبه) ۲۸ آبان."""
    span = text[raw.start : raw.end]
    opened, closed = span.count("("), span.count(")")
    if opened > closed and text[raw.end : raw.end + 1] == ")":
        return raw._replace(end=raw.end + 1)
    if closed > opened and raw.start > 0 and text[raw.start - 1] == "(":
        return raw._replace(start=raw.start - 1)
    return raw


def expression(scan: Scan, i: int) -> tuple[Raw | None, int]:
    """A date with what precedes it (امشب (یکشنبه) ۲۸ آبان), or a relative word or weekday alone."""
    found = prefix(scan, i)
    if not found.count:
        core_raw, nxt = core(scan, i)
        return (None, i) if core_raw is None else trailing_weekday(scan, core_raw, nxt)
    after = i + found.count
    core_raw, nxt = None, after
    if after < len(scan.toks) and scan.joined(after - 1, after, _LIST):
        core_raw, nxt = core(scan, after, after_weekday=found.weekday is not None)
    if core_raw is not None:
        return core_raw._replace(
            start=scan.toks[i].start,
            weekday=found.weekday,
            eve=found.eve,
            relative=found.relative,
            lang=core_raw.lang or found.lang,
        ), nxt
    if found.relative is None and found.weekday is None:
        return None, i  # parts of the day (or يوم) alone are no date
    return Raw(
        scan.toks[i].start,
        scan.toks[found.last].end,
        Form.RELATIVE if found.relative is not None else Form.WEEKDAY,
        Calendar.NONE,
        weekday=found.weekday,
        eve=found.eve,
        relative=found.relative,
        lang=found.lang,
        direction=found.direction,
    ), after


def prefix(scan: Scan, i: int) -> _Prefix:
    """Relative words, weekdays and parts of the day chained before a date (امشب (یکشنبه) ...)."""
    found = _Prefix()
    toks, j = scan.toks, i
    while j < len(toks) and (j == i or scan.joined(j - 1, j, _LIST)):
        tok = toks[j]
        if (rel := tok.get(Part.RELATIVE)) and found.relative is None:
            found.relative, found.lang = int(rel.value), found.lang or rel.lang
            found.last = j
        elif (wd := tok.get(Part.WEEKDAY)) and found.weekday is None:
            before = toks[j - 1].get(Part.PART_OF_DAY) if j > i else None
            found.weekday, found.eve, found.lang = (
                int(wd.value),
                bool(before and before.eve),
                found.lang or wd.lang,
            )
            found.direction = wd.direction or None
            found.last = j
        elif tok.get(Part.PART_OF_DAY) and found.count < 4:
            pass
        elif not (tok.get(Part.WEEKDAY_PREFIX) and _introduces_day(scan, j)):
            break
        found.count += 1
        j += 1
    return found


def _introduces_day(scan: Scan, j: int) -> bool:
    """روز/يوم before a weekday (يوم الاثنين) or a day number (يوم 19 من شهر نوفمبر, يومي 25-26 أبريل)."""
    if not scan.joined(j, j + 1):
        return False
    nxt = scan.toks[j + 1]
    return bool(
        nxt.get(Part.WEEKDAY) or nxt.get(Part.ORDINAL) or (nxt.number is not None and nxt.digits <= 2)
    )


def trailing_weekday(scan: Scan, core_raw: Raw, i: int) -> tuple[Raw, int]:
    """A weekday in brackets right after a date (۲۸ آبان (یکشنبه), 1402/08/29 (دوشنبه)), or right
    after it in a language that writes it there (12 Ekim 2024 Cumartesi)."""
    day_level = core_raw.day is not None or core_raw.numeral_date is not None
    if i < len(scan.toks) and day_level and (wd := scan.toks[i].get(Part.WEEKDAY)):
        gap = scan.text[scan.toks[i - 1].end : scan.toks[i].start]
        bracketed = "(" in gap and scan.joined(i - 1, i, _TIGHT)
        if bracketed or (languages.get(wd.lang).weekday_after_date and scan.joined(i - 1, i, ",")):
            return core_raw._replace(end=scan.toks[i].end, weekday=int(wd.value)), i + 1
    return core_raw, i


def core(scan: Scan, i: int, after_weekday: bool = False) -> tuple[Raw | None, int]:
    """The date itself: a numeral date, a named day, or day/month/year in an order news writes."""
    tok = scan.toks[i]
    if tok.numeral_date is not None:
        era, nxt = scan.era_after(i + 1)
        end = scan.toks[nxt - 1].end
        return Raw(tok.start, end, Form.DATE, era, era=era, lang="", numeral_date=tok.numeral_date), nxt
    raw, nxt = named_day(scan, i)
    if raw is None:
        raw, nxt = day_first(scan, i, after_weekday)
    if raw is None:
        raw, nxt = month_first(scan, i, after_weekday)
    if raw is None:
        raw, nxt = year_first(scan, i)
    if raw is None:
        raw, nxt = year_alone(scan, i)
    return raw, nxt


def day_first(scan: Scan, i: int, after_weekday: bool) -> tuple[Raw | None, int]:
    """۲۸ آبان ماه ۱۴۰۲, 26 تشرين الاول /اكتوبر, 20 Nov 2023, بیست و هشتم آبان, 19-Nov-2023,
    الرابع من أبريل, 19 من شهر نوفمبر, 31st, January 2024, and ranges: ۲۲ و ۲۳ فروردین."""
    day, j = scan.day_at(i)
    if day is None:
        return None, i
    until = None
    if j < len(scan.toks) and scan.linked(j - 1, j):
        second, k = scan.day_at(j)
        if second is not None and second > day:
            until, j = second, k
    toks, month_word = scan.toks, False
    if (
        j < len(toks)
        and toks[j].get(Part.MONTH_WORD)
        and not scan.month_at(j)
        and scan.joined(j - 1, j, "", scan.links)
    ):
        j, month_word = j + 1, True
    punct = _TIGHT + "-" + ("," if scan.get(j - 1, Part.ORDINAL_SUFFIX) else "")  # 31st, January
    if not (month := scan.month_at(j)) or not scan.joined(j - 1, j, punct, scan.links):
        return None, i
    return month_tail(scan, i, j, month, day, month_word, after_weekday, until)


def month_tail(
    scan: Scan,
    first: int,
    j: int,
    month: Meaning,
    day: int | None,
    month_word: bool = False,
    after_weekday: bool = False,
    until: int | None = None,
) -> tuple[Raw | None, int]:
    """After a month name: doubled names, a year (written after a word for "year", or with two
    digits for Solar Hijri), an era marker, or a word placing it in the past or future."""
    calendar = month.calendar
    month_word = month_word or scan.toks[j].with_month_word
    months = [(calendar, int(month.value))]
    j += 1
    while (other := scan.month_at(j)) and scan.joined(j - 1, j, _DOUBLED):
        months.append((other.calendar, int(other.value)))
        j += 1
    year, j = year_after(scan, j, calendar)
    era, j = scan.era_after(j) if year is not None else (None, j)
    direction = None
    if year is None and (word := scan.get(j, Part.DIRECTION)) and scan.joined(j - 1, j):
        direction, j = int(word.value), j + 1  # 18 آب/أغسطس الماضي, نوفمبر المقبل
    if year is None and (month.ordinary or month.ordinary_in == scan.lang):
        # an ordinary word (می, Persian جوان): a day number alone is not enough
        era, j = scan.era_after(j)
        if not (era or month_word or after_weekday):
            return None, first
    if day is None and year is None:
        return None, first
    form = Form.DATE if day is not None and year is not None else Form.DAY_MONTH if day else Form.MONTH_YEAR
    return Raw(
        scan.toks[first].start,
        scan.toks[j - 1].end,
        form,
        calendar,
        year,
        int(month.value),
        day,
        era=era,
        lang=month.lang,
        months=tuple(months),
        until=until,
        direction=direction,
    ), j


def year_after(scan: Scan, j: int, calendar: Calendar | None) -> tuple[int | None, int]:
    """The year after a month name: 2023, عام 2023, من عام 2023, سال ۱۴۰۲, of 2023, or a two-digit
    Solar Hijri year before punctuation (۲۶ شهریور ۹۴،)."""
    k = j
    if scan.get(k, Part.YEAR_WORD) and scan.joined(k - 1, k, "", scan.links):
        k += 1  # 19 نوفمبر من عام 2023, ۲۸ آبان سال ۱۴۰۲
    if scan.joined(k - 1, k, _TIGHT + ",،-", scan.links) and (year := scan.year_at(k, calendar)) is not None:
        return year, k + 1
    if calendar is Calendar.JALALI and k == j and k < len(scan.toks) and scan.joined(k - 1, k):
        tok = scan.toks[k]
        after = scan.text[tok.end : tok.end + 2].strip(SPACES)
        if tok.number is not None and tok.digits == 2 and not (after and after[0].isalpha()):
            return tok.number + (1300 if tok.number >= TWO_DIGIT_JALALI else 1400), k + 1
    return None, j


def month_first(scan: Scan, i: int, after_weekday: bool = False) -> tuple[Raw | None, int]:
    """November 20, 2023 and «نوفمبر 19، 2023» (in languages that write the month first), and
    آبان ۱۴۰۲ / رمضان 1445 (month and year)."""
    j = i
    if scan.toks[j].get(Part.MONTH_WORD) and scan.month_at(j + 1) and scan.joined(j, j + 1):
        j += 1
    month = scan.month_at(j)
    if month is None:
        return None, i
    order = languages.get(month.lang).month_first
    if order != "never" and scan.joined(j, j + 1, ",."):
        day, k = scan.day_at(j + 1)
        if day is not None:
            year = None
            if (
                scan.joined(k - 1, k, ",،", scan.links)
                and (year := scan.year_at(k, month.calendar)) is not None
            ):
                k += 1
            era, k = scan.era_after(k) if year is not None else (None, k)
            if year is not None or order == "always":
                return Raw(
                    scan.toks[i].start,
                    scan.toks[k - 1].end,
                    Form.DATE if year is not None else Form.DAY_MONTH,
                    month.calendar,
                    year,
                    int(month.value),
                    day,
                    era=era,
                    lang=month.lang,
                    months=((month.calendar, int(month.value)),),
                ), k
    if scan.year_at(j + 1, month.calendar) is None or not scan.joined(j, j + 1, ",،"):
        return None, i
    return month_tail(scan, i, j, month, None, after_weekday=after_weekday)


def year_first(scan: Scan, i: int) -> tuple[Raw | None, int]:
    """2023 November 20 (the order of some Persian sites' headers)."""
    tok = scan.toks[i]
    month = scan.month_at(i + 1)
    if month is None or tok.digits != 4 or scan.year_at(i, month.calendar) is None:
        return None, i
    if not scan.joined(i, i + 1, ","):
        return None, i
    day, k = scan.day_at(i + 2)
    if day is None or not scan.joined(i + 1, i + 2, ","):
        return None, i
    return Raw(
        tok.start,
        scan.toks[k - 1].end,
        Form.DATE,
        month.calendar,
        tok.number,
        int(month.value),
        day,
        lang=month.lang,
        months=((month.calendar, int(month.value)),),
    ), k


def year_alone(scan: Scan, i: int) -> tuple[Raw | None, int]:
    """سال ۱۴۰۲, عام 2023, 1445 هـ: a year with a word or an era marker that says so."""
    first = i
    worded = scan.toks[i].get(Part.YEAR_WORD) is not None
    if worded:
        if not scan.joined(i, i + 1):
            return None, first
        i += 1
    if scan.year_at(i, None) is None:
        return None, first
    era, nxt = scan.era_after(i + 1)
    if era is None and not worded:
        return None, first
    return Raw(
        scan.toks[first].start, scan.toks[nxt - 1].end, Form.YEAR, era, scan.toks[i].number, era=era
    ), nxt


def named_day(scan: Scan, i: int) -> tuple[Raw | None, int]:
    """A named day of one year: عاشورای ۱۴۴۵, Eid al-Fitr 1445, عاشورای امسال, this year's Ashura.
    Without a year or "this year" it is the holiday in general, no date."""
    offset = None
    start = i
    if (this := scan.get(i, Part.THIS_YEAR)) and scan.get(i + 1, Part.NAMED_DAY) and scan.joined(i, i + 1):
        offset, i = int(this.value), i + 1  # this year's Ashura
    named = scan.get(i, Part.NAMED_DAY)
    if named is None:
        return None, start
    day = holidays()[int(named.value)]
    year, nxt = None, i + 1
    if offset is None and scan.joined(i, i + 1, ",") and (year := scan.year_at(i + 1, None)) is not None:
        nxt = i + 2
    elif offset is None and (this := scan.get(i + 1, Part.THIS_YEAR)) and scan.joined(i, i + 1):
        offset, nxt = int(this.value), i + 2
    if year is None and offset is None:
        return None, start
    era, nxt = scan.era_after(nxt) if year is not None else (None, nxt)
    return Raw(
        scan.toks[start].start,
        scan.toks[nxt - 1].end,
        Form.DATE if year is not None else Form.DAY_MONTH,
        day.calendar,
        year,
        day.month,
        day.day,
        era=era,
        lang=named.lang,
        named=int(named.value),
        year_offset=offset,
    ), nxt
