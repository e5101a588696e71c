"""The public calls: thin faces over `analysis` (one text) and `pipeline` (a corpus)."""

from __future__ import annotations

from collections.abc import Iterable

from datesync import actors, frames
from datesync.analysis import analyze, single_date
from datesync.model import Event, Finding, Mention
from datesync.pipeline import Auditor, DocumentResult, EventDigest
from datesync.report import AuditReport

__all__ = ["Audit", "Auditor", "analyze", "audit", "extract", "single_date"]


def extract(
    text: str, *, published: object = None, lang: str | None = None, timezone: str | None = None
) -> list[Mention]:
    """Every date expression in `text`, in order, with offsets into the original text.

    `published` (date, datetime or string, see datesync.published) supplies missing years and anchors
    "tonight"; without it datesync uses the text's own header or dateline, and without those the
    text's own dates (resolution "context"). `timezone` (IANA) is where a published moment is read.
    """
    return list(analyze(text, published=published, lang=lang, timezone=timezone).mentions)


class Audit:
    """The result of `audit()`: records, and the same as pandas DataFrames (built on first use)."""

    def __init__(
        self,
        documents: list[DocumentResult],
        events: list[Event],
        findings: list[Finding],
        actors: str | None = None,
    ):
        self.documents, self.actors = documents, actors
        self.excerpts = {d.id: d.excerpt for d in documents if d.excerpt is not None}
        self.mentions = [m for d in documents if d.dates for m in d.dates.mentions]
        self.event_mentions = [em for d in documents for em in d.event_mentions]
        self.events = events
        self.findings = findings
        self.errors = [(d.id, d.error) for d in documents if d.error]

    @property
    def mentions_df(self):
        return frames.mentions_frame(self.mentions)

    @property
    def events_df(self):
        return frames.events_frame(self.events, actors.gazetteer(self.actors).name_of)

    @property
    def findings_df(self):
        return frames.findings_frame(self.findings)

    def report(self) -> AuditReport:
        """What the renderers take (datesync.report): events as digests, findings, counts, excerpts."""
        names = actors.gazetteer(self.actors).name_of
        digests = [EventDigest.of(event, names) for event in self.events]
        return AuditReport(digests, self.findings, len(self.documents), len(self.mentions), self.excerpts)

    def to_html(self) -> str:
        """The audit as one self-contained HTML page (what `datesync audit --html` writes)."""
        from datesync import html

        return html.render(self.report())

    def _repr_html_(self) -> str:
        """Jupyter shows the HTML report in a frame of its own (its styles and script kept apart)."""
        from datesync import html

        return html.framed(self.to_html())

    def __repr__(self) -> str:
        return (
            f"Audit({len(self.documents)} documents, {len(self.mentions)} mentions, "
            f"{len(self.events)} events, {len(self.findings)} findings, {len(self.errors)} errors)"
        )


def audit(
    documents: Iterable[object],
    *,
    published: object = None,
    lang: str | None = None,
    actors: str | None = None,
    jobs: int = 1,
    timezone: str | None = None,
    excerpts: bool = True,
) -> Audit:
    """Audit a corpus: every document's dates, the events they report, and what does not add up.

    `documents` yields str, Document, mappings or objects with `text` and optional `id`, `published`,
    `source`, `lang`, `event` (a caller's grouping key that overrides automatic grouping).
    `published` is the default reference date (a moment is read in `timezone`, or a record's own
    `timezone`); `actors` an extra gazetteer CSV; `jobs` worker processes.
    `excerpts` keeps each report's sentences around its events and flagged dates for `Audit.to_html()`
    (about 5 % of the time; False when only records or frames are wanted).
    """
    auditor = Auditor(published=published, lang=lang, actors=actors, timezone=timezone)
    rejected: list[tuple[int, DocumentResult]] = []
    positions: list[int] = []

    def admitted():
        for position, record in enumerate(documents):
            doc = auditor.admit(record)
            if isinstance(doc, DocumentResult):  # unusable: kept with its error, in input order
                rejected.append((position, doc))
            else:
                positions.append(position)
                yield doc

    processed = list(auditor.run(admitted(), jobs, keep_excerpts=excerpts))
    results = [
        r for _, r in sorted([*rejected, *zip(positions, processed, strict=True)], key=lambda pair: pair[0])
    ]
    events, findings = auditor.finish()
    return Audit(results, events, findings, actors)
