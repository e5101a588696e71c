"""Writing results: the renderers (a registry: table, csv, json, jsonl, html) and atomic files.

Files are always written atomically (a temp file beside the target, then rename).

An interrupted run leaves the old file or the new one, never half of one. CSV uses the column tables
of datesync.frames, ISO dates with ASCII digits, the surface text verbatim, lists joined with ";",
and text cells that start with = + - @ prefixed with ' so spreadsheets do not run them as formulas.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from datesync import frames
from datesync.model import Finding, Mention

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


@contextlib.contextmanager
def atomic_open(path: str | Path, *, excel: bool = False) -> Iterator[IO[str]]:
    """A text file that appears at `path` only when the block completes.

    A symlink is written through (its target is replaced); a device or pipe (/dev/null, a FIFO) is
    written directly, since it cannot be replaced. The file gets the mode a plain open() would give.
    """
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        with open(target, "w", encoding="utf-8", newline="") as handle:
            if excel:
                handle.write(BOM)
            yield handle
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        os.chmod(temp, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if excel:
                handle.write(BOM)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def _mode_for(target: Path) -> int:
    """The existing file's mode, else 0666 less the umask (mkstemp's 0600 would hide reports)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def cell(value: Any, spec: Any) -> Any:
    """One CSV cell: ISO dates, empty for missing, formula-looking text made inert."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if spec == "string" and isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class CsvTable:
    """A CSV writer for one of the frames' column tables, fed row dicts as they come."""

    def __init__(self, handle: IO[str], columns: dict[str, Any]):
        self.columns = columns
        self.writer = csv.writer(handle, lineterminator="\n")
        self.writer.writerow(list(columns))
        self.rows = 0

    def write(self, row: dict[str, Any]) -> None:
        self.writer.writerow([cell(row[name], spec) for name, spec in self.columns.items()])
        self.rows += 1


def write_csv(
    path: str | Path, rows: Iterable[dict[str, Any]], columns: dict[str, Any], *, excel: bool = False
) -> int:
    with atomic_open(path, excel=excel) as handle:
        table = CsvTable(handle, columns)
        for row in rows:
            table.write(row)
        return table.rows


def json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_record(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json_value(v) for k, v in row.items()}


def json_line(row: dict[str, Any]) -> str:
    return json.dumps(json_record(row), ensure_ascii=False)


def write_records(
    out: IO[str], fmt: str, rows: Iterable[dict[str, Any]], columns: dict[str, Any], record_type: str = ""
) -> None:
    """Rows as csv (with header), jsonl (one object a line, tagged with `type` if given) or json."""
    if fmt == "csv":
        table = CsvTable(out, columns)
        for row in rows:
            table.write(row)
    elif fmt == "jsonl":
        for row in rows:
            out.write(json_line({"type": record_type, **row} if record_type else row) + "\n")
    elif fmt == "json":
        json.dump([json_record(row) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")


REPORT_COLUMNS = {
    "mentions": frames.MENTION_COLUMNS,
    "events": frames.EVENT_COLUMNS,
    "findings": frames.FINDING_COLUMNS,
}


def read_report(path: str | Path, kind: str | None = None):
    """A report CSV back as a typed DataFrame (kind: mentions, events or findings; from the name)."""
    import pandas as pd

    path = Path(path)
    kind = kind or path.stem
    if kind not in REPORT_COLUMNS:
        raise ValueError(f"unknown report kind {kind!r}; expected one of {', '.join(REPORT_COLUMNS)}")
    columns = REPORT_COLUMNS[kind]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise KeyError(f"{path}: missing column(s) {', '.join(missing)}")
    rows = []
    for record in raw.to_dict("records"):
        row = {}
        for name, spec in columns.items():
            value = record[name]
            if value == "":
                row[name] = None
            elif spec == "int":
                row[name] = int(value)
            elif spec == "date":
                row[name] = dt.date.fromisoformat(value)
            elif spec == "string" and value.startswith("'") and value[1:].startswith(FORMULA_START):
                row[name] = value[1:]
            else:
                row[name] = value
        rows.append(row)
    return frames.frame(rows, columns)


# -- renderers -----------------------------------------------------------------------------------


@dataclass
class AuditReport:
    """What every audit renderer is given: the events (as digests), the findings, the counts and,
    for renderers that show the reports' own words, their excerpts."""

    events: list  # pipeline.EventDigest, sorted by date
    findings: list[Finding]  # in finding order
    documents: int = 0
    mentions: int = 0
    excerpts: dict[str, Any] = field(default_factory=dict)  # doc id -> pipeline.Excerpt


AuditRenderer = Callable[[IO[str], AuditReport], None]
MentionRenderer = Callable[[IO[str], Iterable[Mention]], None]
AUDIT_RENDERERS: dict[str, AuditRenderer] = {}
MENTION_RENDERERS: dict[str, MentionRenderer] = {}


def audit_renderer(name: str) -> Callable[[AuditRenderer], AuditRenderer]:
    """Register `fn(out, report)` as the audit output format `name` (the CLI's --format choices)."""

    def register(fn: AuditRenderer) -> AuditRenderer:
        AUDIT_RENDERERS[name] = fn
        return fn

    return register


def mention_renderer(name: str) -> Callable[[MentionRenderer], MentionRenderer]:
    """Register `fn(out, mentions)` as the mention list output format `name`."""

    def register(fn: MentionRenderer) -> MentionRenderer:
        MENTION_RENDERERS[name] = fn
        return fn

    return register


@audit_renderer("csv")
def audit_csv(out: IO[str], report: AuditReport) -> None:
    """One table: the findings (`--report DIR` writes all three)."""
    write_records(out, "csv", map(frames.finding_row, report.findings), frames.FINDING_COLUMNS)


@audit_renderer("jsonl")
def audit_jsonl(out: IO[str], report: AuditReport) -> None:
    write_records(out, "jsonl", (d.record() for d in report.events), {}, "event")
    write_records(out, "jsonl", map(frames.finding_record, report.findings), {}, "finding")


@audit_renderer("json")
def audit_json(out: IO[str], report: AuditReport) -> None:
    """Events and findings with lists as arrays and spans as {doc_id, start, end, text} objects."""
    payload = {
        "events": [json_record(d.record()) for d in report.events],
        "findings": [json_record(frames.finding_record(f)) for f in report.findings],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


@audit_renderer("html")
def audit_html(out: IO[str], report: AuditReport) -> None:
    """One self-contained page: timeline, events with the reports' own words, findings (datesync.html)."""
    from datesync import html

    html.write(out, report)


def console(file: IO[str] | None = None, stderr: bool = False):
    """A rich console: colour only on a terminal (NO_COLOR honoured), wide lines when piped."""
    from rich.console import Console

    out = Console(stderr=stderr, file=file, highlight=False, soft_wrap=True)
    if not out.is_terminal:
        out.width = 200
    return out


STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
MARK = {"error": "✗", "warning": "!", "info": "i"}
ROLE_LABEL = {
    "main": "",
    "back_reference": " (recalled as an earlier contact)",
    "related": " (also reported)",
}


@audit_renderer("table")
def audit_table(out: IO[str], report: AuditReport) -> None:
    """A readable report grouped by event; findings not tied to an event come last."""
    con = console(file=out)
    by_event: dict[str, list] = {}
    loose = []
    for f in report.findings:
        (by_event.setdefault(f.event_id, []) if f.event_id else loose).append(f)
    for digest in report.events:
        row = digest.row
        people = " – ".join(row["participants"].split(frames.LIST_SEPARATOR))
        con.print(f"[bold]{row['contact'].replace('_', ' ')}[/] · {people}", markup=True)
        if row["date"]:
            con.print(
                f"  date      {row['date'].isoformat()} {row['weekday']} · Jalali {row['date_jalali']} · "
                f"Hijri {row['date_hijri'] or '-'}",
                markup=False,
            )
        else:
            con.print("  date      [dim]none given[/]", markup=True)
        reports = ", ".join(f"{doc}{ROLE_LABEL[role]}" for doc, role in digest.members)
        if digest.count > len(digest.members):
            reports += f" and {digest.count - len(digest.members)} more"
        con.print(f"  reports   {reports}", markup=False)
        if row["date"]:
            con.print(f"  why       {row['explanation']}", markup=False)
        for f in by_event.get(row["event_id"], []):
            _finding_line(con, f)
        con.print()
    if loose:
        con.print("[bold]Other findings[/]", markup=True)
        for f in loose:
            _finding_line(con, f)


def _finding_line(con, f: Finding) -> None:
    sev = f.severity.value
    suggested = f"  → likely {f.suggested.isoformat()}" if f.suggested else ""
    con.print(
        f"  [{STYLE[sev]}]{MARK[sev]} {sev:<7} {f.kind}[/]  {', '.join(f.doc_ids)}: ", markup=True, end=""
    )
    con.print(f"{f.message}{suggested}", markup=False)


@mention_renderer("table")
def mentions_table(out: IO[str], mentions: Iterable[Mention]) -> None:
    from rich.table import Table

    table = Table("document", "text", "calendar", "form", "iso", "resolution", "problems", "note")
    for m in mentions:
        iso = m.iso.isoformat() if m.iso else ""
        table.add_row(
            m.doc_id,
            m.text,
            m.calendar.value,
            m.form.value,
            iso,
            m.resolution.value,
            " ".join(m.problems),
            m.note,
        )
    console(file=out).print(table)


def _mention_records(fmt: str) -> MentionRenderer:
    as_row = frames.mention_row if fmt == "csv" else frames.mention_record  # JSON keeps lists as arrays

    def render(out: IO[str], mentions: Iterable[Mention]) -> None:
        write_records(out, fmt, map(as_row, mentions), frames.MENTION_COLUMNS)

    return render


for _fmt in ("csv", "json", "jsonl"):
    mention_renderer(_fmt)(_mention_records(_fmt))


# -- the --report folder ---------------------------------------------------------------------------

REPORT_FILES = MENTIONS_CSV, EVENTS_CSV, FINDINGS_CSV = ("mentions.csv", "events.csv", "findings.csv")


class MentionsFile:
    """mentions.csv of a report folder, written row by row as documents are processed and put in
    place atomically at the end (or not at all when the run fails). A no-op without a folder."""

    def __init__(self, folder: str | Path | None, excel: bool = False):
        self.context = atomic_open(Path(folder) / MENTIONS_CSV, excel=excel) if folder else None
        self.handle = self.context.__enter__() if self.context else None
        self.table = CsvTable(self.handle, frames.MENTION_COLUMNS) if self.handle else None

    def write(self, mentions: Iterable[Mention]) -> None:
        if self.table:
            for m in mentions:
                self.table.write(frames.mention_row(m))

    def __enter__(self) -> MentionsFile:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self.context:
            self.context.__exit__(kind, error, trace)
            self.context = None


def write_report_folder(folder: str | Path, report: AuditReport, excel: bool = False) -> None:
    """events.csv and findings.csv beside the streamed mentions.csv."""
    write_csv(Path(folder) / EVENTS_CSV, (d.row for d in report.events), frames.EVENT_COLUMNS, excel=excel)
    write_csv(
        Path(folder) / FINDINGS_CSV,
        map(frames.finding_row, report.findings),
        frames.FINDING_COLUMNS,
        excel=excel,
    )
