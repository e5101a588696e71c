"""The audit pipeline, one for every surface: admit -> process (on N workers or not) -> collect ->
reconcile -> link document findings to events -> digests.

`datesync.audit`, the CLI and `datesync.dask` run these same stages; only where the work happens
differs (in process, in worker processes, on Dask partitions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from datesync import actors, events, excerpts, frames, reconcile, store
from datesync import published as publication
from datesync.analysis import analyze
from datesync.errors import DatesyncError
from datesync.findings import marked
from datesync.model import Document, DocumentDates, Event, EventMention, Finding, Severity, frozen_record
from datesync.report import AuditReport

BATCH = 64  # documents per task sent to a worker process
SHOWN_MEMBERS = 12  # reports a digest names (the rest are counted)
Problem = Callable[[str, str], None]  # (message, where) of a record or document that went wrong


# -- one document ------------------------------------------------------------------------------------


@frozen_record
class DocumentResult:
    """What one document contributes to an audit (or the error that stopped it)."""

    id: str
    source: str
    dates: DocumentDates | None
    event_mentions: tuple[EventMention, ...] = ()
    error: str = ""
    excerpt: excerpts.Excerpt | None = None  # kept only when asked for (the HTML report)


def document_id(text: str) -> str:
    """An id from the text itself, so adding documents never renumbers the others."""
    return "doc-" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()


def missing_to_none(value: object) -> object:
    """None for every way a table says "no value" (NaN, NaT, NA, blank)."""
    if value is None or (isinstance(value, float) and value != value):  # NaN from pandas
        return None
    if type(value).__name__ in ("NaTType", "NAType") or (isinstance(value, str) and not value.strip()):
        return None
    return value


def clean(value: object) -> str:
    value = missing_to_none(value)
    return "" if value is None else str(value).strip()


def as_document(
    record: object,
    default_published: object = None,
    default_lang: str | None = None,
    default_timezone: str | None = None,
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
            id=clean(get("id")),
            published=missing_to_none(get("published")),
            source=clean(get("source")),
            lang=clean(get("lang")) or None,
            event=clean(get("event")),
            timezone=clean(get("timezone")) or None,
        )
    if doc.published is None and default_published is not None:
        doc = dataclasses.replace(doc, published=default_published)
    if doc.lang is None and default_lang:
        doc = dataclasses.replace(doc, lang=default_lang)
    if doc.timezone is None and default_timezone:
        doc = dataclasses.replace(doc, timezone=default_timezone)
    return doc


def checked_published(doc: Document) -> Document:
    """The document with `published` parsed once, or dropped (and said in `note`) when unreadable."""
    if doc.published is None:
        return doc
    try:
        moment = publication.read(doc.published)
        if doc.timezone:
            publication.time_zone(doc.timezone)
    except (DatesyncError, TypeError) as exc:
        return dataclasses.replace(doc, published=None, timezone=None, note=f"{exc}; read without it")
    return dataclasses.replace(doc, published=moment)


def analyze_document(doc: Document) -> tuple[DocumentDates, str]:
    """A document's dates; an unreadable `published` is reported and the text read without it."""
    doc = checked_published(doc)
    dates = analyze(
        doc.text,
        published=doc.published,
        lang=doc.lang,
        doc_id=doc.id,
        timezone=doc.timezone,
        source=doc.source,
    )
    return dates, doc.note


def failure(exc: Exception) -> str:
    """The one message for a document that could not be processed."""
    return f"not processed: {type(exc).__name__}: {exc}"


def dates_only(doc: Document) -> DocumentResult:
    """A document's dates without its events (what `extract` needs), in a worker or not."""
    try:
        dates, error = analyze_document(doc)
    except Exception as exc:  # one bad document must not stop the run
        return DocumentResult(doc.id, doc.source or doc.id, None, error=failure(exc))
    return DocumentResult(doc.id, doc.source or doc.id, dates, (), error)


def process(doc: Document, actors_file: str | None = None) -> DocumentResult:
    """One document's dates and event mentions. Pure, so it can run in a worker process; whatever
    goes wrong with one document becomes that document's error, never the end of a run."""
    try:
        dates, error = analyze_document(doc)
        found, own = events.event_mentions(doc.text, dates, doc.id, doc.source, doc.event, actors_file)
        if own:  # the report contradicts itself about its main event
            all_own = sorted([*dates.findings, *own], key=lambda f: (f.spans[0].start, f.kind))
            dates = dataclasses.replace(
                dates, mentions=tuple(marked(list(dates.mentions), own)), findings=tuple(all_own)
            )
    except Exception as exc:  # one bad document must not stop a run of millions
        return DocumentResult(doc.id, doc.source or doc.id, None, error=failure(exc))
    return DocumentResult(doc.id, doc.source or doc.id, dates, tuple(found), error)


def excerpted(doc: Document, actors_file: str | None = None) -> DocumentResult:
    """`process`, keeping the document's excerpt too (its words around its events, for the HTML
    report): made here, where the text is, so only the excerpt travels back from a worker."""
    result = process(doc, actors_file)
    if result.dates is None:
        return result
    return dataclasses.replace(result, excerpt=excerpts.excerpt_of(doc, result.dates, result.event_mentions))


# -- many documents, on N workers or not -------------------------------------------------------------


def parallel(fn: Callable, items: Iterable, jobs: int) -> Iterator:
    """fn over items in order; with jobs > 1 in worker processes, a bounded number in flight."""
    if jobs == 1:
        yield from map(fn, items)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_signals)
    try:
        pending: deque = deque()
        batch: list = []
        for item in items:
            batch.append(item)
            if len(batch) == BATCH:
                pending.append(pool.submit(_apply, fn, batch))
                batch = []
                if len(pending) >= jobs * 4:
                    yield from pending.popleft().result()
        if batch:
            pending.append(pool.submit(_apply, fn, batch))
        while pending:
            yield from pending.popleft().result()
    except BaseException:  # Ctrl-C, SIGTERM, an error: stop the workers now, leave none behind
        for process_ in list(getattr(pool, "_processes", {}).values()):
            process_.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the parent (which stops them) and die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _apply(fn: Callable, batch: list) -> list:
    return [fn(item) for item in batch]


# -- orders, links and digests ----------------------------------------------------------------------

SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}  # error, warning, info


def finding_order(f: Finding) -> tuple:
    """Errors first, then by document and place in it."""
    first = f.spans[0] if f.spans else None
    return (SEVERITY_RANK[f.severity], f.doc_ids, first.start if first else -1, f.kind, f.id)


def event_order(date: dt.date | None, event_id: str) -> tuple:
    """By date (undated last), then id."""
    return (date or dt.date.max, event_id)


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


@dataclass
class EventDigest:
    """What the outputs need of an event, without its members' records (millions at scale)."""

    row: dict[str, Any]  # frames.event_row
    members: list[tuple[str, str]]  # the first SHOWN_MEMBERS (doc id, role)
    count: int
    lists: dict[str, list[str]] = field(default_factory=dict)  # frames.event_lists: the row's lists unjoined
    shown: list[Shown] = field(default_factory=list)  # more on each shown member, for the HTML report
    agreement: str = ""  # a character a member, every member: AGREES, DIFFERS or NO_DATE

    AGREES, DIFFERS, NO_DATE = "=", "x", "-"

    @classmethod
    def of(cls, event: Event, names: Callable[[str], str]) -> EventDigest:
        members = [(m.doc_id, m.role) for m in event.members[:SHOWN_MEMBERS]]
        lists = frames.event_lists(event, names)
        own = [None if m.mention is None or m.inherited else m.mention.iso for m in event.members]
        agreement = "".join(
            cls.NO_DATE if day is None else cls.AGREES if day == event.date else cls.DIFFERS for day in own
        )
        shown = [Shown(m.index, day) for m, day in zip(event.members[:SHOWN_MEMBERS], own, strict=False)]
        row = frames.event_row(event, names, lists)
        return cls(row, members, len(event.members), lists, shown, agreement)

    def record(self) -> dict[str, Any]:
        """The event in the JSON shape: the row's fields with its lists as arrays."""
        return {**self.row, **self.lists}


class Shown(NamedTuple):
    """A member of an event as the HTML report shows it: which of its document's event mentions it
    is (its excerpt's pieces say which they hold) and the date it gives itself, if any."""

    index: int
    said: dt.date | None


# -- the pipeline ---------------------------------------------------------------------------------


class UniqueIds:
    """An id given twice becomes id#2, id#3 ...; remembers hashes only (millions of documents)."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.repeats: dict[str, int] = {}

    def __call__(self, doc_id: str) -> str:
        key = hash(doc_id)
        if key not in self.seen:
            self.seen.add(key)
            return doc_id
        count = self.repeats[doc_id] = self.repeats.get(doc_id, 1) + 1
        return self(f"{doc_id}#{count}")


class Auditor:
    """Admits and collects documents one at a time, keeping only what reconciliation needs, then
    groups the event mentions kept into events, one store part at a time."""

    def __init__(
        self,
        *,
        published: object = None,
        lang: str | None = None,
        actors: str | None = None,
        spill_after: int = store.SPILL_AFTER,
        timezone: str | None = None,
    ):
        self.published, self.lang, self.actors, self.timezone = published, lang, actors, timezone
        self.store = store.EventStore(spill_after)
        self._unique = UniqueIds()
        self.doc_findings: list[Finding] = []
        self.excerpts: dict[str, excerpts.Excerpt] = {}  # by document id, when a run keeps them

    def admit(self, record: object) -> Document | DocumentResult:
        """The record as a Document with a unique id, or the error result of an unusable record."""
        try:
            doc = as_document(record, self.published, self.lang, self.timezone)
        except Exception as exc:  # a malformed record must not stop the run
            return DocumentResult(self._unique("doc-invalid"), "", None, error=f"unreadable record: {exc}")
        if not isinstance(doc.text, str):
            doc_id = self._unique(doc.id or "doc-invalid")
            return DocumentResult(doc_id, doc.source, None, error=f"no text (got {type(doc.text).__name__})")
        return checked_published(dataclasses.replace(doc, id=self._unique(doc.id or document_id(doc.text))))

    def admitted(
        self, records: Iterable[object], on_problem: Problem = lambda message, where: None
    ) -> Iterator[Document]:
        """Each usable record as a Document; an unusable one, or an id given before, is said
        through `on_problem(message, where)` (where: the record's file:line, else its id)."""
        for record in records:
            doc = self.admit(record)
            where = (record.get("where") if isinstance(record, Mapping) else "") or ""
            if isinstance(doc, DocumentResult):  # no text: say so and go on
                named = f" (id {doc.id!r})" if where and where != doc.id else ""
                on_problem(doc.error + named, where or doc.id)
                continue
            given = clean(record.get("id")) if isinstance(record, Mapping) else ""
            if given and doc.id != given:
                on_problem(f"id {given!r} given before; this record is {doc.id!r}", where or given)
            yield doc

    def collect(self, result: DocumentResult) -> DocumentResult:
        """Keep what reconciliation needs from a processed document."""
        if result.dates is not None:
            self.store.add(result.event_mentions)
            self.doc_findings.extend(result.dates.findings)
        if result.excerpt is not None:
            self.excerpts[result.id] = result.excerpt
        return result

    def run(
        self, documents: Iterable[Document], jobs: int = 1, keep_excerpts: bool = False
    ) -> Iterator[DocumentResult]:
        """Process admitted documents (on `jobs` worker processes when > 1), collecting each (and its
        excerpt, for the HTML report, with `keep_excerpts`)."""
        work = partial(excerpted if keep_excerpts else process, actors_file=self.actors)
        for result in parallel(work, documents, jobs):
            yield self.collect(result)

    def add(self, record: object) -> DocumentResult:
        admitted = self.admit(record)
        if isinstance(admitted, DocumentResult):
            return admitted
        return self.collect(process(admitted, self.actors))

    def finish_parts(self) -> Iterator[tuple[list[Event], list[Finding]]]:
        """Events and their findings, one store part at a time. Events hold their members: a caller
        streaming millions of reports consumes each part and lets it go."""
        name_of = actors.gazetteer(self.actors).name_of
        try:
            for part in self.store.parts():
                yield reconcile.reconcile(part, name_of)
        finally:
            self.store.close()

    def report(
        self,
        records: Iterable[object],
        jobs: int = 1,
        on_problem: Problem = lambda message, where: None,
        on_admit: Callable[[Document], None] = lambda doc: None,
        on_result: Callable[[DocumentResult], None] = lambda result: None,
        keep_excerpts: bool = False,
    ) -> AuditReport:
        """The whole pipeline over `records`, streaming: each document's result goes to
        `on_result` as it comes (then only its event mentions are kept), and the events come back
        as digests, so memory grows with the events, not with the text read."""
        documents = mentions = 0

        def admitted() -> Iterator[Document]:
            for doc in self.admitted(records, on_problem):
                on_admit(doc)
                yield doc

        for result in self.run(admitted(), jobs, keep_excerpts):
            documents += 1
            if result.error:
                on_problem(result.error, result.id)
            if result.dates is not None:
                mentions += len(result.dates.mentions)
            on_result(result)
        names = actors.gazetteer(self.actors).name_of
        digests, findings = self.finish(keep=lambda event: EventDigest.of(event, names))
        return AuditReport(digests, findings, documents, mentions, self.excerpts)

    def finish(self, keep: Callable[[Event], Any] = lambda e: e) -> tuple[list, list[Finding]]:
        """Every event as `keep(event)` (the event itself, or a digest), sorted by date, and every
        finding, the documents' own linked to their events, in finding order."""
        linked = FindingLinks(self.doc_findings)
        kept: list[tuple[tuple, Any]] = []
        event_findings: list[Finding] = []
        for found_events, found in self.finish_parts():
            for event in found_events:
                linked.add(event)
                kept.append((event_order(event.date, event.id), keep(event)))
            event_findings += found
        kept.sort(key=lambda pair: pair[0])
        return [k for _, k in kept], sorted(linked.findings() + event_findings, key=finding_order)
