"""What one mention is read against (Context) and the draft of its reading (Draft).

A Draft is mutable while the readers and checks work on it, then frozen into a Mention; its notes
become the mention's note and each problem's sentence becomes a finding's message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from datesync import languages, lexicons
from datesync.calendars import written
from datesync.find import Raw
from datesync.model import Calendar, Resolution
from datesync.normalize import SENTENCE_END
from datesync.scan import words_pattern

SENTENCE_REACH = 400  # characters searched each way for the ends of a mention's sentence
NOON = dt.time(12, 0)


@dataclass(frozen=True, slots=True)
class Context:
    """What a document's mentions are read against."""

    text: str
    reference: dt.date | None  # publication date
    anchor: dt.date | None  # the writer's "today": the reference, or the day the text itself implies
    allowance: int  # days a relative word may trail the reference (see relative_allowance)
    lang: str
    doc_id: str = ""
    from_header: bool = False  # the reference is the page's own header (it may be stale)


def relative_allowance(published_time: dt.time | None) -> int:
    """Days a relative word's day may trail the publication date: a report published before noon (or
    at an unknown time) may have been written the day before, its "tonight" and "today" that day's.
    One allowance, used when resolving, when voting and when flagging."""
    return 1 if published_time is None or published_time < NOON else 0


def within_allowance(expected: dt.date, actual: dt.date, allowance: int) -> bool:
    """A relative word counted from publication gives `expected`; the day meant may be up to
    `allowance` days earlier."""
    return 0 <= (expected - actual).days <= allowance


_CLAUSE_BREAK = re.compile(r"[,،;؛:.!?؟\n]|\b(?:that|said|says)\b|(?<!\S)(?:که|گفت|قال)(?!\S)")


@cache
def _future_words():
    tense = lexicons.load("triggers")["tense"]
    return words_pattern(languages.words(tense, "future") + languages.words(tense, "future_time"))


def told_as_future(ctx: Context, raw: Raw) -> bool:
    """The mention's sentence holds a future marker (خواهد, قرار است, سوف, will, next ...)."""
    text = ctx.text
    lo, hi = max(0, raw.start - SENTENCE_REACH), min(len(text), raw.end + SENTENCE_REACH)
    for match in SENTENCE_END.finditer(text, lo, raw.start):
        lo = match.end()
    after = SENTENCE_END.search(text, raw.end, hi)
    return _future_words().search(text, lo, after.start() if after else hi) is not None


FUTURE_REACH = 40  # characters between a weekday and the future word that governs it


def weekday_told_as_future(ctx: Context, raw: Raw) -> bool:
    """A future word governs the weekday ("will meet on Tuesday", «من المقرر أن يلتقيا الثلاثاء»,
    «سه‌شنبه دیدار خواهند کرد»): it stands close before it, or close after it in a language that
    puts the verb last, with no clause break between ("Lavrov said on Monday that Russia will ..."
    is a past Monday)."""
    text = ctx.text
    if languages.get(ctx.lang).verb_final:  # the words after it, up to the first clause break
        lo, hi = raw.end, min(len(text), raw.end + FUTURE_REACH)
        first = _CLAUSE_BREAK.search(text, lo, hi)
        hi = first.start() if first else hi
    else:  # the words before it, from the last clause break
        lo, hi = max(0, raw.start - FUTURE_REACH), raw.start
        lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, lo, hi)), default=lo)
    return _future_words().search(text, lo, hi) is not None


def possible(ctx: Context, raw: Raw, date: dt.date) -> bool:
    """Not after publication, for a date in a sentence told as past (a likely date must not be)."""
    reference = ctx.reference
    if reference is None or date <= reference + dt.timedelta(days=ctx.allowance):
        return True
    return told_as_future(ctx, raw)


class Draft:
    """The mutable working state of one mention's reading; frozen into a Mention at the end."""

    def __init__(self, raw: Raw):
        self.calendar: Calendar = raw.calendar or Calendar.NONE
        self.form, self.year, self.month, self.day = raw.form, raw.year, raw.month, raw.day
        self.iso: dt.date | None = None
        self.resolution = Resolution.EXPLICIT
        self.notes: list[str] = []  # every sentence, in order
        self.problems: dict[str, int] = {}  # finding code -> its sentence in `notes`
        self.suggested: dt.date | None = None
        self.suggested_by = ""  # the code whose explanation gave `suggested`
        self.alternatives: tuple[dt.date, ...] = ()
        self.until: dt.date | None = None  # the last day of a range or pair

    def note(self, text: str) -> None:
        self.notes.append(text)

    def problem(self, code: str, text: str) -> None:
        if code not in self.problems:
            self.problems[code] = len(self.notes)
            self.notes.append(text)

    def extend(self, code: str, text: str) -> None:
        """Add a sentence to the explanation of `code`."""
        self.notes[self.problems[code]] += " " + text

    def suggest(self, date: dt.date, code: str) -> None:
        self.suggested, self.suggested_by = date, code

    def unresolved(self, why: str = "") -> None:
        self.iso, self.resolution = None, Resolution.UNRESOLVED
        if why:
            self.notes.append(why)

    def surface_date(self) -> str:
        return written(self.calendar, self.year, self.month, self.day)  # type: ignore[arg-type]
