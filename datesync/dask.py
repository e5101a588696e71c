"""Dask adapters (`pip install datesync[dask]`): the same extract and audit, on Dask DataFrames.

Per-document work runs per partition with a fixed schema (`meta`, from datesync.frames). For audit,
event mentions are flattened and shuffled by their reconciliation bucket (`groupby(...).apply`),
so each bucket is reconciled on one worker; ids depend only on content, so the result equals the
in-memory `datesync.audit` on the same documents. Give documents an `id` column when texts may repeat.

    from dask.distributed import Client
    import dask.dataframe as dd, datesync.dask
    client = Client("tcp://scheduler:8786")
    ddf = dd.read_parquet("s3://bucket/reports/*.parquet")
    result = datesync.dask.audit(ddf, text="text", published="published", source="source")
    result.findings.to_parquet("s3://bucket/findings/")
"""

from __future__ import annotations

from typing import Any, NamedTuple

import dask
import dask.dataframe as dd
import pandas as pd
from dask.dataframe.extensions import register_dataframe_accessor

from datesync import actors as actors_module
from datesync import frames, pipeline, reconcile


class DaskAudit(NamedTuple):
    mentions: dd.DataFrame
    events: dd.DataFrame
    findings: dd.DataFrame


def _meta(columns: dict[str, Any], index: pd.Index | None = None) -> pd.DataFrame:
    meta = frames.empty(columns)
    if index is not None:
        meta.index = index[:0]
    return meta


def extract(
    ddf: dd.DataFrame,
    text: str = "text",
    published: Any = None,
    id: str | None = None,
    lang: str | None = None,
) -> dd.DataFrame:
    """One row per date mention, like `df.datesync.extract`, partition by partition."""
    return ddf.map_partitions(
        _extract_partition, text, published, id, lang, meta=_meta(frames.MENTION_COLUMNS, ddf._meta.index)
    )


def _extract_partition(pdf: pd.DataFrame, text: str, published: Any, id: str | None, lang: str | None):
    from datesync.accessor import DatesyncFrame

    return DatesyncFrame(pdf).extract(text=text, published=published, id=id, lang=lang)


def _process_partition(
    pdf: pd.DataFrame,
    text: str,
    published: Any,
    id: str | None,
    source: str | None,
    event: str | None,
    lang: str | None,
    actors: str | None,
) -> tuple:
    """Mentions, the documents' own findings and flattened event mentions of one partition."""
    mentions, findings, event_rows = [], [], []
    for record in frames.frame_documents(pdf, text, published, id, source, event, lang):
        if not isinstance(record["text"], str):
            continue
        result = pipeline.process(pipeline.as_document(record), actors)
        mentions.extend(result.dates.mentions)
        findings.extend(result.dates.findings)
        event_rows.extend(
            frames.event_mention_row(em, reconcile.bucket_key(em)) for em in result.event_mentions
        )
    return (
        frames.mentions_frame(mentions),
        frames.findings_frame(findings),
        frames.frame(event_rows, frames.EVENT_MENTION_COLUMNS),
    )


EVENT_PREFIX, FINDING_PREFIX = "e_", "f_"
RECONCILED_COLUMNS: dict[str, Any] = {
    "record": "string",
    **{EVENT_PREFIX + k: v for k, v in frames.EVENT_COLUMNS.items()},
    **{FINDING_PREFIX + k: v for k, v in frames.FINDING_COLUMNS.items()},
}


def _reconcile_bucket(group: pd.DataFrame, actors: str | None) -> pd.DataFrame:
    gaz = actors_module.gazetteer(actors)
    found = frames.event_mentions_from_rows(group.to_dict("records"))
    events, findings = reconcile.reconcile(found, gaz.name_of)
    empty_event = dict.fromkeys(frames.EVENT_COLUMNS)
    empty_finding = dict.fromkeys(frames.FINDING_COLUMNS)
    rows = [{"record": "event", **_prefixed(frames.event_row(e, gaz.name_of), empty_finding)} for e in events]
    rows += [{"record": "finding", **_prefixed(empty_event, frames.finding_row(f))} for f in findings]
    rows += [  # which event holds each dated member's mention: links the documents' own findings
        {
            "record": "link",
            **_prefixed(
                {**empty_event, "event_id": e.id},
                {**empty_finding, "spans": frames.span_key(m.doc_id, m.mention.start, m.mention.end)},
            ),
        }
        for e in events
        for m in e.members
        if m.mention is not None
    ]
    return frames.frame(rows, RECONCILED_COLUMNS)


def _prefixed(event: dict[str, Any], finding: dict[str, Any]) -> dict[str, Any]:
    return {
        **{EVENT_PREFIX + k: v for k, v in event.items()},
        **{FINDING_PREFIX + k: v for k, v in finding.items()},
    }


def _unprefixed(part: pd.DataFrame, record: str, prefix: str) -> pd.DataFrame:
    rows = part[part["record"] == record]
    out = rows[[c for c in part.columns if c.startswith(prefix)]]
    return out.rename(columns=lambda c: c[len(prefix) :]).reset_index(drop=True)


def audit(
    ddf: dd.DataFrame,
    text: str = "text",
    published: Any = None,
    id: str | None = None,
    source: str | None = None,
    event: str | None = None,
    lang: str | None = None,
    actors: str | None = None,
) -> DaskAudit:
    """Mentions, events and findings as Dask DataFrames (lazy; compute them together)."""
    parts = [
        dask.delayed(_process_partition)(p, text, published, id, source, event, lang, actors)
        for p in ddf.to_delayed()
    ]
    mentions = dd.from_delayed(
        [dask.delayed(lambda r: r[0])(p) for p in parts], meta=_meta(frames.MENTION_COLUMNS)
    )
    doc_findings = dd.from_delayed(
        [dask.delayed(lambda r: r[1])(p) for p in parts], meta=_meta(frames.FINDING_COLUMNS)
    )
    event_mentions = dd.from_delayed(
        [dask.delayed(lambda r: r[2])(p) for p in parts], meta=_meta(frames.EVENT_MENTION_COLUMNS)
    )
    reconciled = event_mentions.groupby("bucket").apply(
        _reconcile_bucket, actors, meta=_meta(RECONCILED_COLUMNS)
    )
    events = reconciled.map_partitions(_unprefixed, "event", EVENT_PREFIX, meta=_meta(frames.EVENT_COLUMNS))
    event_findings = reconciled.map_partitions(
        _unprefixed, "finding", FINDING_PREFIX, meta=_meta(frames.FINDING_COLUMNS)
    )
    links = reconciled.map_partitions(_links, meta=_meta(LINK_COLUMNS))
    return DaskAudit(mentions, events, dd.concat([_linked(doc_findings, links), event_findings]))


LINK_COLUMNS: dict[str, Any] = {"span": "string", "event_id": "string"}


def _links(part: pd.DataFrame) -> pd.DataFrame:
    rows = part[part["record"] == "link"]
    return pd.DataFrame(
        {"span": rows[FINDING_PREFIX + "spans"], "event_id": rows[EVENT_PREFIX + "event_id"]}
    ).reset_index(drop=True)


def _finding_spans(findings: pd.DataFrame) -> pd.DataFrame:
    """One row per span of each finding, with its place in the finding's list."""
    rows = [
        (finding_id, order, span)
        for finding_id, spans in zip(findings["finding_id"], findings["spans"], strict=True)
        for order, span in enumerate(str(spans).split(frames.LIST_SEPARATOR))
    ]
    out = pd.DataFrame(rows, columns=["finding_id", "order", "span"])
    return out.astype({"finding_id": "string", "order": "int64", "span": "string"})


def _first_event(held: pd.DataFrame) -> pd.DataFrame:
    """Per finding, of its spans that events hold: the event of the first span (the smallest id on
    a tie), as pipeline.FindingLinks decides in memory. All of a finding's rows are in this partition."""
    first = held.sort_values(["finding_id", "order", "event_id"]).drop_duplicates("finding_id")
    return first[["finding_id", "event_id"]].rename(columns={"event_id": "linked_event_id"})


def _linked(doc_findings: dd.DataFrame, links: dd.DataFrame) -> dd.DataFrame:
    """The documents' own findings with the id of the event that holds the mention they flag."""
    spans = doc_findings.map_partitions(
        _finding_spans, meta=_finding_spans(frames.empty(frames.FINDING_COLUMNS))
    )
    held = spans.merge(links, on="span", how="inner").shuffle(on="finding_id")
    first = held.map_partitions(_first_event, meta=_first_event(held._meta))
    merged = doc_findings.merge(first, on="finding_id", how="left")
    merged["event_id"] = merged["linked_event_id"].fillna(merged["event_id"])
    return merged.drop(columns="linked_event_id")


@register_dataframe_accessor("datesync")
class DatesyncDask:
    """`ddf.datesync.extract(...)` / `ddf.datesync.audit(...)`: the pandas accessor's names on Dask."""

    def __init__(self, ddf: dd.DataFrame):
        self._ddf = ddf

    def extract(self, **kwargs: Any) -> dd.DataFrame:
        return extract(self._ddf, **kwargs)

    def audit(self, **kwargs: Any) -> DaskAudit:
        return audit(self._ddf, **kwargs)
