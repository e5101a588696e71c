"""The audit as one self-contained HTML page: a summary, a timeline, each event with its reports' own
words (dates highlighted at their mention offsets), and the findings, filterable and clickable.

Made from a Jinja2 template (datesync/templates/) with autoescaping on; CSS and script are inline and
the timeline is SVG (datesync.timeline), so the page needs no network and opens from disk. Document text is
only ever escaped text: data for the script is JSON in <script type="application/json"> (Jinja's
`tojson` escapes <, >, & and '), the script reads text with textContent, and bidi control characters
are shown as visible tokens (⟨RLO⟩) so a report cannot reorder what a reader sees.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html as _html
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from datesync import __version__, calendars, languages
from datesync.excerpts import Excerpt, Piece
from datesync.model import Finding, Severity
from datesync.report import AuditReport

FULL_REPORTS = 6  # reports of an event shown with their words (and every flagged one); the rest are named
MORE_IDS = 200  # doc ids listed for an event's reports beyond those shown in full
SEVERITY_RANK = {s.value: rank for rank, s in enumerate(Severity)}  # error first
ROLE_LABEL = {"main": "", "back_reference": "recalled as an earlier contact", "related": "also reported"}
BLANK_LINES = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROL_NAMES = dict(
    zip(
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        "LRE RLE PDF LRO RLO LRI RLI FSI PDI".split(),
        strict=True,
    )
)


def inert(value: Any) -> Any:
    """What the template prints: None as nothing; bidi controls as visible tokens (text or markup)."""
    if value is None:
        return ""
    if isinstance(value, str) and not value.isascii() and CONTROLS.search(value):
        shown = CONTROLS.sub(lambda m: f"⟨{CONTROL_NAMES[m.group()]}⟩", value)
        return Markup(shown) if isinstance(value, Markup) else shown
    return value


# -- the view: what the template shows ------------------------------------------------------------


@dataclass
class Segment:
    text: str
    kind: str = ""  # "d" date, "t" trigger, "dt" both
    day: str = ""  # a date mention's ISO date (the script shows its three calendars on hover)
    note: str = ""
    flags: str = ""  # finding ids whose spans cover it, space-separated
    severity: str = ""  # the worst of those


@dataclass
class Report:
    """One report in an event block: who wrote it, when, what it says, and its words."""

    doc_id: str
    role: str
    status: str  # agrees, differs, flagged, nodate
    said: dt.date | None
    excerpt: Excerpt | None
    pieces: list[tuple[bool, Markup]] = field(default_factory=list)  # (words left out before, the words)
    cut_after: bool = False  # words left out after the last piece


@dataclass
class EventView:
    id: str
    anchor: str
    row: dict[str, Any]
    lists: dict[str, list[str]]
    calendars: list[dict[str, Any]]
    reports: list[Report]
    more: list[str]
    more_count: int
    findings: list[Finding]
    marks: list[str]  # one status a report, every report (the timeline's marks)


def status_of(agreement: str, worst: str | None) -> str:
    """A report's colour in an event: red when its date differs or an error names it, amber for a
    warning, grey when it gives no date of its own, green when it agrees."""
    if agreement == "x" or worst == "error":
        return "differs"
    if worst == "warning":
        return "flagged"
    return "nodate" if agreement == "-" else "agrees"


@dataclass
class Flag:
    """A stretch of a document a finding flags."""

    start: int
    end: int
    finding: str
    severity: str
    event: str


def segments(piece: Piece, flags: list[Flag]) -> list[Segment]:
    """The piece cut at every mark and flagged span, each stretch with what covers it."""
    lo, hi = piece.start, piece.end
    spans = [(m.start, m.end) for m in piece.marks] + [(f.start, f.end) for f in flags]
    cuts = sorted({lo, hi, *(max(lo, min(hi, x)) for span in spans for x in span)})
    out = []
    for a, b in pairwise(cuts):
        seg = Segment(BLANK_LINES.sub("\n", piece.text[a - lo : b - lo]))  # shown: a blank line is a break
        dates = [m for m in piece.marks if m.start <= a and b <= m.end and m.kind == "date"]
        trigger = any(m.start <= a and b <= m.end and m.kind == "trigger" for m in piece.marks)
        seg.kind = ("d" if dates else "") + ("t" if trigger else "")
        if dates:
            seg.day = dates[0].iso.isoformat() if dates[0].iso else ""
            seg.note = dates[0].note
        covering = [(f.finding, f.severity) for f in flags if f.start <= a and b <= f.end]
        if covering:
            seg.flags = " ".join(dict.fromkeys(fid for fid, _ in covering))
            seg.severity = min((sev for _, sev in covering), key=SEVERITY_RANK.__getitem__)
        out.append(seg)
    return out


def words(segs: list[Segment]) -> Markup:
    """A piece as markup: its text escaped (bidi controls made visible), marks as <mark> with what
    the script needs (data-d: the date, data-n: how it resolved, data-f: the findings flagging it)."""
    out = []
    for s in segs:
        text = escape(inert(s.text))
        if not (s.kind or s.flags):
            out.append(text)
            continue
        attrs = f' class="{" ".join([*s.kind, s.severity]).strip()}"'
        if "d" in s.kind:
            attrs += f' data-d="{escape(s.day)}"' + (f' data-n="{escape(s.note)}"' if s.note else "")
        if s.flags:
            attrs += f' data-f="{escape(s.flags)}"'
        out.append(f"<mark{attrs}>{text}</mark>")
    return Markup("".join(out))


class View:
    """The report's content arranged for the template."""

    def __init__(self, report: AuditReport):
        self.report = report
        self.flags: dict[str, list[Flag]] = defaultdict(list)  # doc id -> its flagged spans
        self.worst: dict[tuple[str, str], str] = {}  # (event id, doc id) -> worst severity naming it
        self.shown: set[str] = set()  # ids of findings whose span some excerpt shows
        self.days: set[str] = set()  # the dates of the date marks shown
        by_event: dict[str, list[Finding]] = defaultdict(list)
        for f in report.findings:
            by_event[f.event_id].append(f)
            for s in f.spans:
                self.flags[s.doc_id].append(Flag(s.start, s.end, f.id, f.severity.value, f.event_id))
            for doc in f.doc_ids:
                known = self.worst.get((f.event_id, doc))
                if known is None or SEVERITY_RANK[f.severity.value] < SEVERITY_RANK[known]:
                    self.worst[f.event_id, doc] = f.severity.value
        self.events = [self.event(d, by_event.pop(d.row["event_id"], [])) for d in report.events]
        self.loose = [f for found in by_event.values() for f in found]  # no event (or none shown)
        for f in self.loose:
            for flag in (x for d in f.doc_ids for x in self.flags.get(d, []) if x.finding == f.id):
                flag.event = ""  # shown in the block of reports outside any event
        self.other = [self.member("", doc) for doc in dict.fromkeys(d for f in self.loose for d in f.doc_ids)]

    def event(self, digest: Any, findings: list[Finding]) -> EventView:
        row, event_id = digest.row, digest.row["event_id"]
        reports: dict[str, Report] = {}
        listed: dict[str, str] = {}  # reports named only (beyond FULL_REPORTS) -> their status
        details = digest.shown or [None] * len(digest.members)
        agreement = digest.agreement or "-" * len(details)
        for (doc, role), shown, mark in zip(digest.members, details, agreement, strict=False):
            if doc in reports or doc in listed:
                continue
            if len(reports) < FULL_REPORTS or (event_id, doc) in self.worst:  # a flagged one always
                reports[doc] = self.member(event_id, doc, role, shown, mark)
            else:
                listed[doc] = status_of(mark, None)
        beyond = len(digest.members)  # members the digest does not name come after these
        for doc in (d for f in findings for d in f.doc_ids):
            if doc not in reports and doc not in listed:  # flagged, but past the digest's members
                reports[doc] = self.member(event_id, doc)
                beyond += 1
        lists = digest.lists or {k: row[k].split(";") for k in ("participants", "sources", "doc_ids")}
        rest = [d for d in lists["doc_ids"] if d not in reports]
        marks = [r.status for r in reports.values()] + list(listed.values())  # one a report
        marks += [status_of(c, None) for c in digest.agreement[beyond:]]
        return EventView(
            event_id,
            "ev-" + event_id,
            row,
            lists,
            renderings(row["date"]) if row["date"] else [],
            list(reports.values()),
            rest[:MORE_IDS],
            len(rest),
            findings,
            marks,
        )

    def member(self, event_id: str, doc: str, role: str = "", shown: Any = None, mark: str = "-") -> Report:
        """A report as one block shows it: its pieces that tell of this event or hold a span this
        event's findings flag (all its pieces when none does)."""
        excerpt = self.report.excerpts.get(doc)
        status = status_of(mark, self.worst.get((event_id, doc)))
        report = Report(doc, ROLE_LABEL.get(role, role), status, shown.said if shown else None, excerpt)
        if excerpt is None:
            return report
        flags = self.flags.get(doc, [])
        pieces = excerpt.pieces

        def ours(piece: Piece) -> bool:
            told = shown is not None and shown.index in piece.events
            flagged = (f for f in flags if f.event == event_id)
            return told or any(f.start < piece.end and f.end > piece.start for f in flagged)

        chosen = [k for k, piece in enumerate(pieces) if ours(piece)] or list(range(len(pieces)))
        for position, k in enumerate(chosen):
            piece = pieces[k]
            inside = [f for f in flags if f.start < piece.end and f.end > piece.start]
            left_out = piece.skipped or (k > 0 and (position == 0 or chosen[position - 1] != k - 1))
            segs = segments(piece, inside)
            self.days.update(s.day for s in segs if s.day)
            report.pieces.append((left_out, words(segs)))
            self.shown.update(f.finding for f in inside)
        report.cut_after = excerpt.skipped_after or chosen[-1] != len(pieces) - 1
        return report

    def facets(self) -> dict[str, list[str]]:
        """The values the filters offer."""
        excerpts = self.report.excerpts.values()
        return {
            "severity": [s.value for s in Severity],
            "kind": sorted({f.kind for f in self.report.findings}),
            "lang": sorted({e.lang for e in excerpts}),
            "source": sorted({e.source for e in excerpts}),
        }


@cache
def renderings(date: dt.date) -> list[dict[str, Any]]:
    """The date in the three calendars, each as its own writers write it and in Latin letters."""
    rows = calendars.renderings(date)["calendars"]
    latin = [calendars.describe(date), *calendars.labels(date).split("; ")]
    return [{**row, "latin": name} for row, name in zip(rows, latin, strict=False)]


@cache
def day_label(iso: str) -> str:
    date = dt.date.fromisoformat(iso)
    return f"{calendars.describe(date)} · {calendars.labels(date)}"


QUOTED = re.compile("«([^«»]*)»")


def quoted(text: str) -> Markup:
    """An English sentence quoting a report («…»): each quotation isolated, so right-to-left words
    inside it cannot reorder the sentence around them."""
    return Markup(QUOTED.sub(r"«<bdi>\1</bdi>»", str(escape(inert(text)))))


def finding_attrs(f: Finding, excerpts: dict[str, Excerpt]) -> dict[str, Any]:
    """What the filters read off a finding row."""
    found = [excerpts[d] for d in f.doc_ids if d in excerpts]
    return {
        "langs": sorted({e.lang for e in found}),
        "sources": sorted({e.source for e in found}) or list(f.doc_ids),
    }


def event_attrs(event: EventView) -> dict[str, Any]:
    excerpts = [r.excerpt for r in event.reports if r.excerpt is not None]
    return {
        "langs": sorted({e.lang for e in excerpts}),
        "sources": sorted(set(event.lists.get("sources", [])) | {e.source for e in excerpts}),
        "severities": sorted({f.severity.value for f in event.findings}),
        "kinds": sorted({f.kind for f in event.findings}),
    }


# -- rendering ------------------------------------------------------------------------------------


@cache
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("datesync", "templates"),
        autoescape=True,
        finalize=inert,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["day_label"] = day_label
    env.filters["quoted"] = quoted
    names = {code: language.name for code, language in languages.registry().items()}
    env.filters["language"] = lambda code: names.get(code, code)
    return env


def generate(report: AuditReport) -> Iterator[str]:
    """The page in pieces (for writing a large report as it is made)."""
    from datesync import timeline

    view = View(report)
    by_severity = Counter(f.severity.value for f in report.findings)
    reports = [r for e in view.events for r in e.reports] + view.other
    days = sorted(view.days | {r.said.isoformat() for r in reports if r.said})
    data = {
        "documents": report.documents,
        "mentions": report.mentions,
        "events": len(view.events),
        "findings": len(report.findings),
        "days": {day: day_label(day) for day in days},  # a date mark's three calendars, on hover
    }
    script = script_text()
    template = environment().get_template("audit.html.j2")
    return template.generate(
        report=report,
        view=view,
        version=__version__,
        script=Markup(script),
        script_hash="sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode(),
        event_ids={e.id for e in view.events},
        other_attrs=event_attrs(EventView("", "other", {}, {}, [], view.other, [], 0, view.loose, [])),
        by_severity=by_severity,
        severities=[s.value for s in Severity],
        timeline=timeline.svg(view.events),
        facets=view.facets(),
        data=data,
        finding_attrs=lambda f: finding_attrs(f, report.excerpts),
        event_attrs=event_attrs,
        excerpts_kept=bool(report.excerpts),
    )


@cache
def script_text() -> str:
    """The page's script, inline; the page's Content-Security-Policy allows this script alone."""
    from importlib.resources import files

    return files("datesync").joinpath("templates", "audit.js").read_text(encoding="utf-8")


def render(report: AuditReport) -> str:
    return "".join(generate(report))


def write(out, report: AuditReport) -> None:
    for chunk in generate(report):
        out.write(chunk)


def framed(page: str, height: int = 720) -> str:
    """The page in an iframe of its own (Jupyter): its styles and script cannot touch the notebook's."""
    return (
        f'<iframe srcdoc="{_html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{height}px;border:1px solid #ccc" title="datesync audit"></iframe>'
    )
