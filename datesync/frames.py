"""Records <-> pandas. One table of column names and dtypes, used by the accessor, CSV and Dask.

pandas is imported lazily: `import datesync` must stay fast for scripts that never build a frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from datesync import calendars, model
from datesync.errors import DatesyncError
from datesync.model import (
    WEEKDAYS,
    Calendar,
    Event,
    EventMention,
    Finding,
    Form,
    Mention,
    Resolution,
    Role,
    Severity,
    Span,
)

if TYPE_CHECKING:
    import pandas as pd

CALENDARS = [c.value for c in Calendar]
FORMS = [k.value for k in Form]
RESOLUTIONS = [r.value for r in Resolution]
ROLES = [r.value for r in Role]
SEVERITIES = [s.value for s in Severity]
CONTACTS = list(model.CONTACTS)

# column -> dtype spec: "string", "int", "date", "bool", or a list of categories
MENTION_COLUMNS: dict[str, Any] = {
    "doc_id": "string",
    "start": "int",
    "end": "int",
    "text": "string",
    "calendar": CALENDARS,
    "form": FORMS,
    "year": "int",
    "month": "int",
    "day": "int",
    "weekday": "string",
    "iso": "date",
    "until": "date",
    "resolution": RESOLUTIONS,
    "lang": "string",
    "relative": "int",
    "role": ROLES,
    "problems": "string",
    "suggested": "date",
    "alternatives": "string",
    "note": "string",
}
EVENT_COLUMNS: dict[str, Any] = {
    "event_id": "string",
    "contact": CONTACTS,
    "participants": "string",
    "date": "date",
    "weekday": "string",
    "date_jalali": "string",
    "date_hijri": "string",
    "reports": "int",
    "sources": "string",
    "doc_ids": "string",
    "explanation": "string",
}
FINDING_COLUMNS: dict[str, Any] = {
    "finding_id": "string",
    "kind": "string",
    "severity": SEVERITIES,
    "event_id": "string",
    "doc_ids": "string",
    "start": "int",
    "end": "int",
    "text": "string",
    "spans": "string",
    "message": "string",
    "suggested": "date",
}
LIST_SEPARATOR = ";"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _join(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def mention_row(m: Mention) -> dict[str, Any]:
    return {
        "doc_id": m.doc_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "calendar": m.calendar.value,
        "form": m.form.value,
        "year": m.year,
        "month": m.month,
        "day": m.day,
        "weekday": m.weekday,
        "iso": m.iso,
        "until": m.until,
        "resolution": m.resolution.value,
        "lang": m.lang,
        "relative": m.relative,
        "role": m.role.value,
        "problems": _join(m.problems),
        "suggested": m.suggested,
        "alternatives": _join(_iso(d) for d in m.alternatives),
        "note": m.note,
    }


def event_lists(e: Event, names: Callable[[str], str] = str) -> dict[str, list[str]]:
    """The event's list fields as lists (JSON keeps them so; CSV and frames join them with ";")."""
    return {
        "participants": [names(p) for p in e.participants],
        "sources": list(e.sources),
        "doc_ids": list(dict.fromkeys(m.doc_id for m in e.members)),
    }


def event_row(
    e: Event, names: Callable[[str], str] = str, lists: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    lists = lists if lists is not None else event_lists(e, names)
    return {
        "event_id": e.id,
        "contact": e.contact,
        "participants": _join(lists["participants"]),
        "date": e.date,
        "weekday": WEEKDAYS[e.date.weekday()].capitalize() if e.date else None,
        "date_jalali": calendars.in_calendar(Calendar.JALALI, e.date),
        "date_hijri": calendars.in_calendar(Calendar.HIJRI, e.date),
        "reports": len(lists["doc_ids"]),
        "sources": _join(lists["sources"]),
        "doc_ids": _join(lists["doc_ids"]),
        "explanation": e.explanation,
    }


def span_key(doc_id: str, start: int, end: int) -> str:
    """One stretch of one document, as the findings table's `spans` column writes it."""
    return f"{doc_id}:{start}-{end}"


def finding_row(f: Finding) -> dict[str, Any]:
    first = f.spans[0] if f.spans else None
    return {
        "finding_id": f.id,
        "kind": f.kind,
        "severity": f.severity.value,
        "event_id": f.event_id or None,
        "doc_ids": _join(f.doc_ids),
        "start": first.start if first else None,
        "end": first.end if first else None,
        "text": first.text if first else None,
        "spans": _join(span_key(s.doc_id, s.start, s.end) for s in f.spans),
        "message": f.message,
        "suggested": f.suggested,
    }


# -- the JSON shape: the rows' fields, lists as arrays and spans as objects ---------------------------
# (a span as "doc:start-end" cannot be split back when the id is a URL, which holds colons)


def span_record(s: Span) -> dict[str, Any]:
    return {"doc_id": s.doc_id, "start": s.start, "end": s.end, "text": s.text}


def mention_record(m: Mention) -> dict[str, Any]:
    alternatives = [d.isoformat() for d in m.alternatives]
    return {**mention_row(m), "problems": list(m.problems), "alternatives": alternatives}


def finding_record(f: Finding) -> dict[str, Any]:
    return {**finding_row(f), "doc_ids": list(f.doc_ids), "spans": [span_record(s) for s in f.spans]}


def dtype_of(spec: Any) -> Any:
    import pandas as pd

    if isinstance(spec, list):
        return pd.CategoricalDtype(spec)
    return {"string": "string", "int": "Int64", "date": "datetime64[s]", "bool": "boolean"}[spec]


def empty(columns: dict[str, Any]) -> pd.DataFrame:
    """A zero-row frame with the right dtypes (what Dask calls `meta`)."""
    return frame([], columns)


def frame(
    rows: Sequence[dict[str, Any]], columns: dict[str, Any], index: Sequence[Any] | None = None
) -> pd.DataFrame:
    import pandas as pd

    data = {}
    for name, spec in columns.items():
        values = [row[name] for row in rows]
        if spec == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[s]")
        else:
            data[name] = pd.Series(values, dtype=dtype_of(spec))
    out = pd.DataFrame(data)
    if index is not None:
        out.index = pd.Index(index)
    return out


def mentions_frame(mentions: Iterable[Mention], index: Sequence[Any] | None = None) -> pd.DataFrame:
    return frame([mention_row(m) for m in mentions], MENTION_COLUMNS, index)


def events_frame(events: Iterable[Event], names: Callable[[str], str] = str) -> pd.DataFrame:
    return frame([event_row(e, names) for e in events], EVENT_COLUMNS)


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    return frame([finding_row(f) for f in findings], FINDING_COLUMNS)


# Event mentions flattened to one row each, with their date mention's fields prefixed "m_", so they
# can cross process boundaries (Dask shuffles them by bucket) with a fixed, Arrow-friendly schema.
EVENT_MENTION_COLUMNS: dict[str, Any] = {
    "bucket": "string",
    "doc_id": "string",
    "index": "int",
    "contact": "string",
    "participants": "string",
    "trigger_start": "int",
    "trigger_end": "int",
    "trigger_text": "string",
    "role": "string",
    "source": "string",
    "lang": "string",
    "event_key": "string",
    "candidates": "string",
    "future": "bool",
    "inherited": "bool",
    "allowance": "int",
    "after_publication": "bool",
    "published": "date",
    "wording": "string",
    **{f"m_{name}": spec for name, spec in MENTION_COLUMNS.items() if name != "doc_id"},
}


def event_mention_row(em: EventMention, bucket: str) -> dict[str, Any]:
    row = {
        "bucket": bucket,
        "doc_id": em.doc_id,
        "index": em.index,
        "contact": em.contact,
        "participants": _join(em.participants),
        "trigger_start": em.trigger.start,
        "trigger_end": em.trigger.end,
        "trigger_text": em.trigger.text,
        "role": em.role,
        "source": em.source,
        "lang": em.lang,
        "event_key": em.event_key,
        "candidates": _join(d.isoformat() for d in em.candidates),
        "future": em.future,
        "inherited": em.inherited,
        "allowance": em.allowance,
        "after_publication": em.after_publication,
        "published": em.published,
        "wording": em.wording,
    }
    mention = mention_row(em.mention) if em.mention is not None else dict.fromkeys(MENTION_COLUMNS)
    row.update({f"m_{name}": mention[name] for name in MENTION_COLUMNS if name != "doc_id"})
    return row


def _split(value: Any) -> list[str]:
    return [] if value is None or value != value or value == "" else str(value).split(LIST_SEPARATOR)


def _opt(value: Any) -> Any:
    """A pandas cell as a plain Python value (NA/NaT -> None, Timestamp -> date, Int64 -> int)."""
    if value is None or value is pd_na() or value != value:
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    if hasattr(value, "item"):
        return value.item()
    return value


def pd_na() -> Any:
    import pandas as pd

    return pd.NA


def event_mentions_from_rows(rows: Iterable[dict[str, Any]]) -> list[EventMention]:
    """Rebuild event mentions (with their date mention) from flattened rows."""
    out = []
    for row in rows:
        r = {k: _opt(v) for k, v in row.items()}
        mention = None
        if r["m_start"] is not None:
            mention = Mention(
                start=r["m_start"],
                end=r["m_end"],
                text=r["m_text"],
                calendar=Calendar(r["m_calendar"]),
                form=Form(r["m_form"]),
                year=r["m_year"],
                month=r["m_month"],
                day=r["m_day"],
                weekday=r["m_weekday"],
                iso=r["m_iso"],
                resolution=Resolution(r["m_resolution"]),
                lang=r["m_lang"],
                relative=r["m_relative"],
                role=Role(r["m_role"]),
                problems=tuple(_split(r["m_problems"])),
                suggested=r["m_suggested"],
                alternatives=tuple(dt.date.fromisoformat(d) for d in _split(r["m_alternatives"])),
                note=r["m_note"] or "",
                doc_id=r["doc_id"],
                until=r["m_until"],
            )
        em = EventMention(
            doc_id=r["doc_id"],
            index=r["index"],
            contact=r["contact"],
            participants=tuple(_split(r["participants"])),
            trigger=Span(r["doc_id"], r["trigger_start"], r["trigger_end"], r["trigger_text"] or ""),
            mention=mention,
            role=r["role"],
            source=r["source"] or "",
            lang=r["lang"] or "",
            event_key=r["event_key"] or "",
            candidates=tuple(dt.date.fromisoformat(d) for d in _split(r["candidates"])),
            future=bool(r["future"]),
            inherited=bool(r["inherited"]),
            allowance=r["allowance"],
            after_publication=bool(r["after_publication"]),
            published=r["published"],
            wording=r["wording"] or "",
        )
        out.append(em)
    return out


# -- documents from a frame ----------------------------------------------------------------------


def _column_or_value(df: pd.DataFrame, value: Any) -> tuple[str | None, Any]:
    """A column name (per-row values) or one value for every row."""
    if isinstance(value, Hashable) and value is not None and value in df.columns:
        return value, None
    return None, value


def _require(df: pd.DataFrame, column: str | None, what: str) -> None:
    if column is not None and column not in df.columns:
        raise KeyError(
            f"{what} column {column!r} not in the frame (columns: {', '.join(map(str, df.columns))})"
        )


def frame_documents(
    df: pd.DataFrame,
    text: str,
    published: Any,
    id: str | None,
    source: str | None = None,
    event: str | None = None,
    lang: str | None = None,
    timezone: str | None = None,
) -> list[dict]:
    """One document record per row of `df` (text, id, published, source, event, lang, timezone, and
    the row's index as `_index`); a missing column is a KeyError naming it. `published` and
    `timezone` are a column's name or one value for every row."""
    _require(df, text, "text")
    for name, what in ((id, "id"), (source, "source"), (event, "event")):
        _require(df, name, what)
    published_column, published_value = _column_or_value(df, published)
    if isinstance(published_value, str):
        from datesync.published import parse_published

        try:
            parse_published(published_value)
        except (DatesyncError, ValueError):
            raise KeyError(
                f"published={published!r} is neither a column of the frame nor a readable date"
            ) from None
    zone_column, zone_value = _column_or_value(df, timezone)
    rows = len(df)

    def column(name: str | None, default: Any = None) -> list:
        return df[name].tolist() if name is not None else [default] * rows  # one pass, not a lookup per cell

    ids = column(id) if id is not None else [str(i) for i in df.index]
    return [
        {
            "text": value,
            "id": str(doc_id),
            "published": when,
            "source": outlet,
            "event": key,
            "lang": lang,
            "timezone": zone,
            "_index": index,
        }
        for value, doc_id, when, outlet, key, zone, index in zip(
            column(text),
            ids,
            column(published_column, published_value),
            column(source),
            column(event),
            column(zone_column, zone_value),
            df.index,
            strict=True,
        )
    ]
