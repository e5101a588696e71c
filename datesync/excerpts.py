"""Excerpts: the few sentences of a report a reader needs to see why an event got its date.

An audit streams millions of reports and keeps only their event mentions; the HTML report wants each
report's own words around its events, its dates and what was flagged. An Excerpt keeps just that
(at most EXCERPT_CHARS characters a document), built where the text is (in the worker), and only
when asked for. Pieces keep their offset into the document, so every mark and every finding span is
still addressed by the document's own offsets.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from datesync import languages
from datesync.model import Document, DocumentDates, EventMention, Mention, Role, frozen_record
from datesync.normalize import SENTENCE_END

EXCERPT_CHARS = 500  # characters kept a document, all pieces together (a long sentence cut around its mark)
SENTENCE_REACH = 300  # characters searched each way for a sentence's ends
MIN_PIECE = 120  # a piece cut to fit keeps at least this much around its mark


@frozen_record
class Mark:
    """A stretch of a piece worth showing: a date mention or an event's trigger word (document offsets)."""

    start: int
    end: int
    kind: str  # "date" or "trigger"
    iso: dt.date | None = None  # a date mention's resolved date
    note: str = ""  # how it resolved when not as written (year inferred ...) and its problems


@frozen_record
class Piece:
    start: int  # offset of `text` in the document
    text: str
    marks: tuple[Mark, ...] = ()
    skipped: bool = False  # words of the document left out before it (shown as …)
    events: tuple[int, ...] = ()  # the document's event mentions (EventMention.index) it tells of

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@frozen_record
class Excerpt:
    """A report's own words around what the audit found in it, with what names it."""

    doc_id: str
    source: str
    published: dt.date | None  # the reference date used
    published_from: str  # "argument", "header", "dateline" or "none"
    lang: str
    direction: str  # "rtl" or "ltr", from the language registry
    pieces: tuple[Piece, ...]
    length: int  # characters in the whole document
    skipped_after: bool = False  # words left out after the last piece


def date_note(m: Mention) -> str:
    """ "year inferred; weekday_mismatch": how a mention resolved, when not as written, and its problems."""
    parts = [] if m.resolution.value == "explicit" else [m.resolution.value.replace("_", " ")]
    return "; ".join([*parts, *m.problems])


def excerpt_of(
    doc: Document,
    dates: DocumentDates,
    event_mentions: Iterable[EventMention] = (),
    limit: int = EXCERPT_CHARS,
) -> Excerpt | None:
    """The excerpt of one document: the sentences of its main event, its flagged dates, its other
    events, then its publication line, as many as fit in `limit`; None when it has none of these."""
    text = doc.text
    found = sorted(event_mentions, key=lambda e: e.role != "main")  # the main event first
    flagged = [(s.start, s.end) for f in dates.findings for s in f.spans if s.doc_id == doc.id]
    anchors: list[tuple[int, int]] = []  # in order of importance
    for em in found:
        anchors.append((em.trigger.start, em.trigger.end))
        if em.mention is not None and em.mention.role is Role.BODY:
            anchors.append((em.mention.start, em.mention.end))
        if flagged:
            anchors += flagged
            flagged = []
    anchors += flagged
    if not anchors:
        return None
    mentions = Mentions(dates.mentions)
    spans = _fit(text, list(dict.fromkeys(anchors)), mentions, limit)
    pieces: list[Piece] = []
    for lo, hi in spans:
        pieces.append(_piece(text, lo, hi, mentions, found, pieces[-1].end if pieces else 0))
    end = pieces[-1].end
    lang = languages.get(dates.lang or "").code  # unknown: the default language's
    return Excerpt(
        doc.id,
        doc.source or doc.id,
        dates.reference.date,
        dates.reference.source,
        lang,
        languages.get(lang).direction,
        tuple(pieces),
        len(text),
        bool(text[end:].strip()),
    )


def _sentence(text: str, start: int, end: int, mentions: Mentions) -> tuple[int, int]:
    """The sentence around an anchor, its ends never inside a date mention ("Nov. 20"), at most
    SENTENCE_REACH each way."""
    lo, hi = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    for match in SENTENCE_END.finditer(text, lo, start):
        if not mentions.holds(match.end()):
            lo = match.end()
    for match in SENTENCE_END.finditer(text, end, hi):
        if not mentions.holds(match.end()):
            hi = match.end()
            break
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


class Mentions:
    """A document's date mentions by position."""

    def __init__(self, mentions: Iterable[Mention]):
        self.sorted = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.sorted]

    def holds(self, at: int) -> bool:
        """`at` falls inside a mention (a sentence cannot end there)."""
        i = bisect_right(self.starts, at) - 1
        return any(self.sorted[j].start < at < self.sorted[j].end for j in range(max(0, i - 2), i + 1))

    def within(self, lo: int, hi: int) -> list[Mention]:
        i = max(0, bisect_left(self.starts, lo) - 3)  # a few before, which may reach into [lo, hi)
        return [m for m in self.sorted[i : bisect_left(self.starts, hi)] if m.end > lo]


def _fit(text: str, anchors: list[tuple[int, int]], mentions: Mentions, limit: int) -> list[tuple[int, int]]:
    """The anchors' sentences, most important first, cut around their anchors to fit `limit`
    characters together; the first is always kept (cut if need be). Sorted, merged where they overlap."""
    kept: list[tuple[int, int]] = []
    used = 0
    for start, end in anchors:
        if any(a <= start and end <= b for a, b in kept):
            continue  # already shown
        lo, hi = _sentence(text, start, end, mentions)
        room = limit - used
        if hi - lo > room:
            if kept and room < MIN_PIECE:
                continue
            lo, hi = _around(lo, hi, start, end, max(room, MIN_PIECE, end - start))
        kept.append((lo, hi))
        used += hi - lo
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(kept):
        if merged and (lo <= merged[-1][1] or not text[merged[-1][1] : lo].strip()):  # nothing between
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _around(lo: int, hi: int, start: int, end: int, size: int) -> tuple[int, int]:
    """A window of about `size` characters of [lo, hi) centred on [start, end)."""
    spare = max(0, size - (end - start))
    left = max(lo, start - spare // 2)
    right = min(hi, end + (spare - (start - left)))
    left = max(lo, min(left, right - size))
    return left, right


def _piece(text: str, lo: int, hi: int, mentions: Mentions, found: list[EventMention], after: int) -> Piece:
    """text[lo:hi] with its marks (a mark cut by the window widens it to hold the mark whole), the
    event mentions it tells of, and whether words were left out between `after` (the previous
    piece's end) and it."""
    dates = mentions.within(lo, hi)
    triggers = [(em.trigger.start, em.trigger.end) for em in found]
    triggers = [(a, b) for a, b in triggers if a < hi and b > lo]
    spans = [(m.start, m.end) for m in dates] + triggers
    lo = min([lo, *(a for a, _ in spans)])
    hi = max([hi, *(b for _, b in spans)])
    marks = [Mark(m.start, m.end, "date", m.iso, date_note(m)) for m in dates]
    marks += [Mark(a, b, "trigger") for a, b in dict.fromkeys(triggers)]
    told = tuple(
        em.index
        for em in found
        if lo <= em.trigger.start < hi or (em.mention is not None and lo <= em.mention.start < hi)
    )
    marks.sort(key=lambda k: (k.start, -k.end))
    return Piece(lo, text[lo:hi], tuple(marks), bool(text[after:lo].strip()), told)
