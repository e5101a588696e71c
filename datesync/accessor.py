"""pandas accessors: `df.datesync.extract()`, `df.datesync.audit()`, `s.datesync.to_iso()`.

The accessors store the object and delegate to datesync.api and datesync.frames; they never modify
the caller's frame. Registered on `import datesync` when pandas is loaded, or by `import datesync.pandas`.
"""

from __future__ import annotations

import warnings
from typing import Any, NamedTuple

import pandas as pd

from datesync import api, frames, pipeline
from datesync.analysis import analyze
from datesync.model import Form

DAY_FORMS = (Form.DATE, Form.DAY_MONTH, Form.RELATIVE, Form.WEEKDAY)  # what names one day


class AuditFrames(NamedTuple):
    mentions: pd.DataFrame
    events: pd.DataFrame
    findings: pd.DataFrame


@pd.api.extensions.register_dataframe_accessor("datesync")
class DatesyncFrame:
    def __init__(self, frame: pd.DataFrame):
        self._frame = frame

    def extract(
        self,
        text: str = "text",
        published: Any = None,
        id: str | None = None,
        lang: str | None = None,
        timezone: str | None = None,
    ) -> pd.DataFrame:
        """One row per date mention, indexed by the source row's index; typed columns (datesync.frames)."""
        mentions, index = [], []
        for record in frames.frame_documents(self._frame, text, published, id, lang=lang, timezone=timezone):
            if not isinstance(record["text"], str):
                continue
            dates, error = pipeline.analyze_document(pipeline.as_document(record))
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
        timezone: str | None = None,
    ) -> AuditFrames:
        """The audit of the frame's rows as three DataFrames: mentions, events, findings."""
        documents = frames.frame_documents(self._frame, text, published, id, source, event, lang, timezone)
        result = api.audit(documents, actors=actors, excerpts=False)  # frames only: no HTML
        return AuditFrames(result.mentions_df, result.events_df, result.findings_df)


@pd.api.extensions.register_series_accessor("datesync")
class DatesyncSeries:
    def __init__(self, series: pd.Series):
        self._series = series

    def to_iso(self, published: Any = None, lang: str | None = None) -> pd.Series:
        """datetime64 of the one date each cell holds; NaT where a cell holds none, or several.

        Relative words and weekdays resolve as `extract` resolves them: "امروز", "yesterday" or
        "Monday" counted from `published` (one value, or a Series aligned with this one)."""
        if isinstance(published, pd.Series):
            references = published.reindex(self._series.index).tolist()
        else:
            references = [published] * len(self._series)
        values = [
            one_day(cell, pipeline.missing_to_none(when), lang) if isinstance(cell, str) else None
            for cell, when in zip(self._series.tolist(), references, strict=True)
        ]
        out = pd.to_datetime(pd.Series(values, index=self._series.index, dtype=object)).astype(
            "datetime64[s]"
        )
        out.name = self._series.name
        return out


def one_day(text: str, published: Any, lang: str | None) -> Any:
    """The one day `text` names, its written dates and relative words alike; None for none or several."""
    days = {m.iso for m in analyze(text, published=published, lang=lang).mentions if m.form in DAY_FORMS}
    days.discard(None)
    return days.pop() if len(days) == 1 else None
