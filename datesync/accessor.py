"""pandas accessors: `df.datesync.extract()`, `df.datesync.audit()`, `s.datesync.to_iso()`.

The accessors store the object and delegate to datesync.api and datesync.frames; they never modify
the caller's frame. Registered on `import datesync` when pandas is loaded, or by `import datesync.pandas`.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from typing import Any, NamedTuple

import pandas as pd

from datesync import api, frames
from datesync.errors import DatesyncError


class AuditFrames(NamedTuple):
    mentions: pd.DataFrame
    events: pd.DataFrame
    findings: pd.DataFrame


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


def _documents(
    df: pd.DataFrame,
    text: str,
    published: Any,
    id: str | None,
    source: str | None = None,
    event: str | None = None,
    lang: str | None = None,
) -> list[dict]:
    _require(df, text, "text")
    for name, what in ((id, "id"), (source, "source"), (event, "event")):
        _require(df, name, what)
    published_column, published_value = _column_or_value(df, published)
    if isinstance(published_value, str):
        from datesync.reference import parse_published

        try:
            parse_published(published_value)
        except (DatesyncError, ValueError):
            raise KeyError(
                f"published={published!r} is neither a column of the frame nor a readable date"
            ) from None
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
            "_index": index,
        }
        for value, doc_id, when, outlet, key, index in zip(
            column(text),
            ids,
            column(published_column, published_value),
            column(source),
            column(event),
            df.index,
            strict=True,
        )
    ]


@pd.api.extensions.register_dataframe_accessor("datesync")
class DatesyncFrame:
    def __init__(self, frame: pd.DataFrame):
        self._frame = frame

    def extract(
        self, text: str = "text", published: Any = None, id: str | None = None, lang: str | None = None
    ) -> pd.DataFrame:
        """One row per date mention, indexed by the source row's index; typed columns (datesync.frames)."""
        mentions, index = [], []
        for record in _documents(self._frame, text, published, id, lang=lang):
            if not isinstance(record["text"], str):
                continue
            dates, error = api.analyze_document(api.as_document(record))
            if error:
                warnings.warn(f"row {record['_index']!r}: {error}", stacklevel=2)
            mentions.extend(dates.mentions)
            index.extend([record["_index"]] * len(dates.mentions))
        out = frames.mentions_frame(mentions, index=index)
        out.index.name = self._frame.index.name
        return out

    def audit(
        self,
        text: str = "text",
        published: Any = None,
        id: str | None = None,
        source: str | None = None,
        event: str | None = None,
        lang: str | None = None,
        actors: str | None = None,
    ) -> AuditFrames:
        """The audit of the frame's rows as three DataFrames: mentions, events, findings."""
        result = api.audit(_documents(self._frame, text, published, id, source, event, lang), actors=actors)
        return AuditFrames(result.mentions_df, result.events_df, result.findings_df)


@pd.api.extensions.register_series_accessor("datesync")
class DatesyncSeries:
    def __init__(self, series: pd.Series):
        self._series = series

    def to_iso(self, published: Any = None, lang: str | None = None) -> pd.Series:
        """datetime64 of the one date each cell holds; NaT where a cell holds none, or several."""
        values = [
            api.single_date(cell, published=published, lang=lang)[0] if isinstance(cell, str) else None
            for cell in self._series.tolist()
        ]
        out = pd.to_datetime(pd.Series(values, index=self._series.index, dtype=object)).astype(
            "datetime64[s]"
        )
        out.name = self._series.name
        return out
