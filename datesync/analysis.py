"""One document's dates: its language, its raw mentions window by window, its reference date and
their resolution (text -> prepare -> find -> reference -> resolve)."""

from __future__ import annotations

import datetime as dt

from datesync import languages
from datesync.find import Raw, find
from datesync.model import DocumentDates, Form
from datesync.normalize import windows
from datesync.reference import locate, numeric_dateline
from datesync.resolve import resolve


def find_all(text: str, lang: str) -> list[Raw]:
    """Raw mentions with offsets into the original text, found window by window."""
    out: list[Raw] = []
    for offset, prepared in windows(text):
        changed = offset or prepared.text is not prepared.original
        for raw in find(prepared.text, lang):
            if changed:
                raw = raw._replace(
                    start=offset + prepared.start(raw.start), end=offset + prepared.end(raw.end)
                )
            out.append(raw)
    return out


def analyze(
    text: str,
    *,
    published: object = None,
    lang: str | None = None,
    doc_id: str = "",
    timezone: str | None = None,
    source: str = "",
) -> DocumentDates:
    """Every date mention in `text`, the reference date used, and the document's own findings.

    A `published` moment (a datetime with an offset, 21:30 GMT) counts on the local day of the
    document's zone: `timezone` (IANA), else its dateline's city or agency, else its `source`."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    lang = lang or languages.guess(text)
    raws = find_all(text, lang)
    if (kuna := numeric_dateline(text)) is not None and not any(
        r.start < kuna.end and kuna.start < r.end for r in raws
    ):
        raws = sorted([*raws, kuna], key=lambda r: r.start)
    found = locate(text, raws, published, timezone, source)
    resolved = resolve(text, raws, found, lang, doc_id)
    return DocumentDates(tuple(resolved.mentions), resolved.reference, tuple(resolved.findings), lang)


def single_date(
    text: str, *, published: object = None, lang: str | None = None
) -> tuple[dt.date | None, str]:
    """The one day-level date `text` holds (renderings of it may repeat), or None and why not."""
    mentions = analyze(text, published=published, lang=lang).mentions
    dates = [m for m in mentions if m.form in (Form.DATE, Form.DAY_MONTH)]
    resolved = {m.iso for m in dates if m.iso is not None}
    if len(resolved) == 1:
        return resolved.pop(), ""
    if dates and not resolved and dates[0].note:
        return None, dates[0].note
    return None, f"expected one full date (e.g. 2023-11-19 or ۲۸ آبان ۱۴۰۲), found {len(resolved)}"
