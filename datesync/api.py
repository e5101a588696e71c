"""The public calls. The only module that composes the stages:
text -> prepare -> find -> reference -> resolve (-> events -> reconcile for audit)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping

from datesync import actors, events, frames, languages, reconcile, store
from datesync.errors import DatesyncError
from datesync.find import Raw, find
from datesync.model import (
    Document,
    DocumentDates,
    Event,
    EventMention,
    Finding,
    Kind,
    Mention,
    Reference,
    Role,
    Severity,
    frozen_record,
)
from datesync.normalize import windows
from datesync.reference import locate, parse_published
from datesync.resolve import resolve


def _find_all(text: str, lang: str) -> list[Raw]:
    """Raw mentions with offsets into the original text, found window by window."""
    out: list[Raw] = []
    for offset, prepared in windows(text):
        changed = offset or prepared.text is not prepared.original
        for raw in find(prepared.text, lang):
            if changed:
                raw = dataclasses.replace(
                    raw, start=offset + prepared.start(raw.start), end=offset + prepared.end(raw.end)
                )
            out.append(raw)
    return out


def analyze(
    text: str, *, published: object = None, lang: str | None = None, doc_id: str = ""
) -> DocumentDates:
    """Every date mention in `text`, the reference date used, and the document's own findings."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    lang = lang or languages.guess(text)
    raws = _find_all(text, lang)
    resolved = resolve(text, raws, locate(text, raws, published), lang, doc_id)
    return DocumentDates(tuple(resolved.mentions), resolved.reference, tuple(resolved.findings), lang)


def single_date(
    text: str, *, published: object = None, lang: str | None = None
) -> tuple[dt.date | None, str]:
    """The one day-level date `text` holds (renderings of it may repeat), or None and why not."""
    dates = [
        m for m in extract(text, published=published, lang=lang) if m.kind in (Kind.DATE, Kind.DAY_MONTH)
    ]
    resolved = {m.iso for m in dates if m.iso is not None}
    if len(resolved) == 1:
        return resolved.pop(), ""
    if dates and not resolved and dates[0].note:
        return None, dates[0].note
    return None, f"expected one full date (e.g. 2023-11-19 or ۲۸ آبان ۱۴۰۲), found {len(resolved)}"


def extract(text: str, *, published: object = None, lang: str | None = None) -> list[Mention]:
    """Every date expression in `text`, in order, with offsets into the original text.

    `published` (date, datetime or ISO string) supplies missing years and anchors "tonight"; without
    it datesync uses the text's own publication header or dateline, and says so in `analyze()`.
    """
    return list(analyze(text, published=published, lang=lang).mentions)


# -- audit: many documents -------------------------------------------------------------------------


@frozen_record
class DocumentResult:
    """What one document contributes to an audit (or the error that stopped it)."""

    id: str
    source: str
    dates: DocumentDates | None
    event_mentions: tuple[EventMention, ...] = ()
    error: str = ""


def document_id(text: str) -> str:
    """An id from the text itself, so adding documents never renumbers the others."""
    return "doc-" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()


def as_document(
    record: object, default_published: object = None, default_lang: str | None = None
) -> Document:
    """A Document from a str, a Document, a mapping or an object with attributes (a namedtuple row)."""
    if isinstance(record, Document):
        doc = record
    elif isinstance(record, str):
        doc = Document(text=record)
    else:
        get = record.get if isinstance(record, Mapping) else (lambda k, d=None: getattr(record, k, d))
        doc = Document(
            text=get("text"),
            id=_clean(get("id")),
            published=_missing_to_none(get("published")),
            source=_clean(get("source")),
            lang=_clean(get("lang")) or None,
            event=_clean(get("event")),
        )
    if doc.published is None and default_published is not None:
        doc = dataclasses.replace(doc, published=default_published)
    if doc.lang is None and default_lang:
        doc = dataclasses.replace(doc, lang=default_lang)
    return doc


def _missing_to_none(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # NaN from pandas
        return None
    if type(value).__name__ in ("NaTType", "NAType") or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _clean(value: object) -> str:
    value = _missing_to_none(value)
    return "" if value is None else str(value).strip()


def checked_published(doc: Document) -> Document:
    """The document with `published` parsed once, or dropped (and said in `note`) when unreadable."""
    if doc.published is None:
        return doc
    try:
        date, time = parse_published(doc.published)
    except (DatesyncError, TypeError) as exc:
        return dataclasses.replace(doc, published=None, note=f"{exc}; read without it")
    return dataclasses.replace(doc, published=dt.datetime.combine(date, time) if time else date)


def analyze_document(doc: Document) -> tuple[DocumentDates, str]:
    """A document's dates; an unreadable `published` is reported and the text read without it."""
    doc = checked_published(doc)
    return analyze(doc.text, published=doc.published, lang=doc.lang, doc_id=doc.id), doc.note


def process(doc: Document, actors_file: str | None = None) -> DocumentResult:
    """One document's dates and event mentions. Pure, so it can run in a worker process; whatever
    goes wrong with one document becomes that document's error, never the end of a run."""
    try:
        dates, error = analyze_document(doc)
        found = events.event_mentions(doc.text, dates, doc.id, doc.source, doc.event, actors_file)
    except Exception as exc:  # one bad document must not stop a run of millions
        return DocumentResult(
            doc.id, doc.source or doc.id, None, error=f"not processed: {type(exc).__name__}: {exc}"
        )
    return DocumentResult(doc.id, doc.source or doc.id, dates, tuple(found), error)


class Auditor:
    """Audits documents one at a time, keeping only what reconciliation needs.

    `add()` returns each document's own result (its mentions and findings) so a caller can stream
    them out; `finish()` groups the event mentions kept so far into events and findings.
    """

    def __init__(
        self,
        *,
        published: object = None,
        lang: str | None = None,
        actors: str | None = None,
        spill_after: int = store.SPILL_AFTER,
    ):
        self.published, self.lang, self.actors = published, lang, actors
        self.store = store.EventStore(spill_after)
        self.seen: set[int] = set()  # hashes of the ids given so far (small, for millions of documents)
        self.repeats: dict[str, int] = {}

    def _unique(self, doc_id: str) -> str:
        key = hash(doc_id)
        if key not in self.seen:
            self.seen.add(key)
            return doc_id
        count = self.repeats[doc_id] = self.repeats.get(doc_id, 1) + 1
        return self._unique(f"{doc_id}#{count}")

    def admit(self, record: object) -> Document | DocumentResult:
        """The record as a Document with a unique id, or the error result of an unusable record."""
        try:
            doc = as_document(record, self.published, self.lang)
        except Exception as exc:  # a malformed record must not stop the run
            return DocumentResult(self._unique("doc-invalid"), "", None, error=f"unreadable record: {exc}")
        if not isinstance(doc.text, str):
            doc_id = self._unique(doc.id or "doc-invalid")
            return DocumentResult(doc_id, doc.source, None, error=f"no text (got {type(doc.text).__name__})")
        return checked_published(dataclasses.replace(doc, id=self._unique(doc.id or document_id(doc.text))))

    def collect(self, result: DocumentResult) -> DocumentResult:
        """Keep what reconciliation needs from a processed document."""
        if result.dates is not None:
            self.store.add(result.event_mentions)
        return result

    def add(self, record: object) -> DocumentResult:
        admitted = self.admit(record)
        if isinstance(admitted, DocumentResult):
            return admitted
        return self.collect(process(admitted, self.actors))

    def finish_parts(self) -> Iterator[tuple[list[Event], list[Finding]]]:
        """Events and their findings, one store part at a time. Events hold their members: a caller
        streaming millions of reports consumes each part and lets it go (the CLI does)."""
        name_of = actors.gazetteer(self.actors).name_of
        try:
            for part in self.store.parts():
                yield reconcile.reconcile(part, name_of)
        finally:
            self.store.close()

    def finish(self) -> tuple[list[Event], list[Finding]]:
        """Every event (sorted by date) and their findings, all in memory."""
        events: list[Event] = []
        findings: list[Finding] = []
        for found_events, found in self.finish_parts():
            events += found_events
            findings += found
        events.sort(key=lambda e: (e.date or dt.date.max, e.id))
        return events, findings


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
        self.mentions = [m for d in documents if d.dates for m in d.dates.mentions]
        self.event_mentions = [em for d in documents for em in d.event_mentions]
        self.events = events
        self.findings = sorted(findings, key=_finding_order)
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

    def __repr__(self) -> str:
        return (
            f"Audit({len(self.documents)} documents, {len(self.mentions)} mentions, "
            f"{len(self.events)} events, {len(self.findings)} findings, {len(self.errors)} errors)"
        )


SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}  # error, warning, info


def _finding_order(f: Finding) -> tuple:
    first = f.spans[0] if f.spans else None
    return (SEVERITY_RANK[f.severity], f.doc_ids, first.start if first else -1, f.kind, f.id)


def audit(
    documents: Iterable[object],
    *,
    published: object = None,
    lang: str | None = None,
    actors: str | None = None,
) -> Audit:
    """Audit a corpus: every document's dates, the events they report, and what does not add up.

    `documents` yields str, Document, mappings or objects with `text` and optional `id`, `published`,
    `source`, `lang`, `event` (a caller's grouping key that overrides automatic grouping).
    `published` is the default reference date; `actors` an extra gazetteer CSV.
    """
    auditor = Auditor(published=published, lang=lang, actors=actors)
    results = []
    doc_findings: list[Finding] = []
    for record in documents:
        result = auditor.add(record)
        results.append(result)
        if result.dates is not None:
            doc_findings.extend(result.dates.findings)
    events, event_findings = auditor.finish()
    linked = FindingLinks(doc_findings)
    for event in events:
        linked.add(event)
    return Audit(results, events, linked.findings() + event_findings, actors)


class FindingLinks:
    """Which event each document finding belongs to: the event holding the mention it flags (its
    first span that some event holds; the smallest event id when two events share that mention)."""

    def __init__(self, doc_findings: list[Finding]):
        self.doc_findings = doc_findings
        self.wanted = {frames.span_key(s.doc_id, s.start, s.end) for f in doc_findings for s in f.spans}
        self.events_at: dict[str, str] = {}  # span key -> smallest event id holding it

    def add(self, event: Event) -> None:
        for m in event.members:
            if m.mention is not None:
                key = frames.span_key(m.doc_id, m.mention.start, m.mention.end)
                if key in self.wanted and event.id < self.events_at.get(key, "\uffff"):
                    self.events_at[key] = event.id

    def findings(self) -> list[Finding]:
        """The document findings with their event ids filled in (once every event was added)."""
        out = []
        for f in self.doc_findings:
            keys = (frames.span_key(s.doc_id, s.start, s.end) for s in f.spans)
            held = next((self.events_at[k] for k in keys if k in self.events_at), None)
            out.append(dataclasses.replace(f, event_id=held) if held else f)
        return out
