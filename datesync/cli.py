"""Command line: `datesync audit`, `extract`, `convert`. A thin layer over datesync.api.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error (nothing readable).
Data goes to stdout (or --output), progress and diagnostics to stderr; colour only on a terminal
(rich honours NO_COLOR).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import signal
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click

from datesync import __version__, api, calendars, frames, inputs, languages, report
from datesync.errors import DatesyncError, InputError
from datesync.model import Calendar, Severity

SEVERITY_ORDER = [s.value for s in Severity]  # error, warning, info
FAIL_ON = ["error", "warning", "info", "never"]
BATCH = 64  # documents per task sent to a worker process
REPORT_FILES = MENTIONS_CSV, EVENTS_CSV, FINDINGS_CSV = ("mentions.csv", "events.csv", "findings.csv")
PROGRESS_BYTES = 5_000_000  # show a progress bar for inputs larger than this (on a terminal)


# -- shared options --------------------------------------------------------------------------------


def input_options(command: Callable) -> Callable:
    options = [
        click.argument("paths", nargs=-1, type=str),
        click.option(
            "--published", metavar="DATE", help="Reference date for documents that state none (ISO)."
        ),
        click.option(
            "--lang", type=click.Choice(languages.codes()), help="Language of every document (else guessed)."
        ),
        click.option(
            "--text-column", default="text", show_default=True, help="CSV/JSONL/Parquet text column."
        ),
        click.option("--id-column", default="id", show_default=True),
        click.option("--published-column", default="published", show_default=True),
        click.option("--source-column", default="source", show_default=True),
        click.option("--lang-column", default="lang", show_default=True),
        click.option("--event-column", default="event", show_default=True),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1, 256),
            default=1,
            show_default=True,
            help="Worker processes.",
        ),
        click.option("--quiet", "-q", is_flag=True, help="No summary, problems or progress on stderr."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def output_options(command: Callable) -> Callable:
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "csv", "json", "jsonl"]),
            default="table",
            show_default=True,
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, writable=True),
            help="Write to FILE (atomically) instead of stdout.",
        ),
        click.option("--excel", is_flag=True, help="CSV as UTF-8 with BOM, so Excel shows Persian/Arabic."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _columns(kw: dict) -> inputs.Columns:
    return inputs.Columns(
        kw["text_column"],
        kw["id_column"],
        kw["published_column"],
        kw["source_column"],
        kw["lang_column"],
        kw["event_column"],
    )


class OutputError(click.ClickException):
    """An output that cannot be written: a usage problem, exit 2."""

    exit_code = 2


def _check_outputs(paths: list[str], output: str | None, report_dir: str | None) -> None:
    """Never write over an input: --output or a --report file may not be one of the input files."""
    inputs_given = {Path(p).resolve() for p in paths if p != "-" and Path(p).is_file()}
    targets = [Path(output)] if output else []
    if report_dir:
        targets += [Path(report_dir) / name for name in REPORT_FILES]
    for target in targets:
        if target.resolve() in inputs_given:
            raise click.UsageError(f"{target} is one of the inputs; datesync never writes over its inputs")


def _check_actors(actors: str | None) -> None:
    from datesync.actors import gazetteer

    _check_option(actors, gazetteer, "--actors")


def _check_published(value: str | None) -> None:
    from datesync.reference import parse_published

    _check_option(value, parse_published, "--published")


def _check_option(value: str | None, read: Callable[[str], object], hint: str) -> None:
    """Read an option's value up front, so a bad one is a usage error before any work (exit 2)."""
    if value is None:
        return
    try:
        read(value)
    except (DatesyncError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint=hint) from None


class _Run:
    """Reading state shared by the commands: problems to stderr, counts for the summary."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.err = _console(stderr=True)
        self.reading = inputs.Reading(self.problem)

    def problem(self, error: InputError) -> None:
        if not self.quiet:
            self.err.print(f"[yellow]input:[/] {error}", markup=True, highlight=False, soft_wrap=True)


def _console(stderr: bool = False, file: IO[str] | None = None):
    from rich.console import Console

    console = Console(stderr=stderr, file=file, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console.width = 200
    return console


def _parallel(fn: Callable, items: Iterable, jobs: int) -> Iterator:
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
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the parent (which stops them) and die on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _apply(fn: Callable, batch: list) -> list:
    return [fn(item) for item in batch]


def _progress(run: _Run, paths: list[str]):
    """A byte progress bar on a terminal for large inputs, else a no-op."""
    total = None if run.quiet or not run.err.is_terminal else inputs.size_of(paths)
    if not total or total < PROGRESS_BYTES:
        return None
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=run.err,
        transient=True,
    )
    progress.start()
    progress.add_task("reading", total=total)
    return progress


def _on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # unwinds, so atomic writers remove their temp files


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # reports are atomic: the old one stays, no partial file is left
            click.echo("interrupted: no report or --output file was written or changed", err=True)
            raise click.exceptions.Exit(130) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="datesync")
def main() -> None:
    """Find, resolve and reconcile dates in Persian, Arabic and English news reports.

    \b
    Examples:
      datesync audit data/samples
      datesync extract --text "امشب (یکشنبه) ۲۸ آبان ماه" --published 2023-11-20
      datesync convert "۲۸ آبان ۱۴۰۲"
    """
    signal.signal(signal.SIGTERM, _on_sigterm)


# -- audit -----------------------------------------------------------------------------------------


@main.command()
@input_options
@output_options
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False),
    help="Also write mentions.csv, events.csv and findings.csv into DIR.",
)
@click.option("--into-input", is_flag=True, help="Allow --report inside an input folder.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity exists.",
)
@click.option(
    "--actors",
    type=click.Path(exists=True, dir_okay=False),
    help="Extra actors CSV (columns id,name,country,role,start,end,fa,ar,en).",
)
def audit(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    excel: bool,
    report_dir: str | None,
    into_input: bool,
    fail_on: str,
    actors: str | None,
    **kw: Any,
) -> None:
    """Audit the dates of reports: group reports of the same event, flag what does not add up.

    PATHS are text files (one report each), folders (every *.txt inside), CSV, JSONL or Parquet
    files with a text column (and optional id, published, source, lang, event), or - for stdin.

    \b
    Examples:
      datesync audit data/samples
      datesync audit reports.csv --text-column body --published 2023-11-20 --format csv
      datesync audit archive.jsonl --report out/ --excel --jobs 4 --fail-on warning
    """
    paths_list = _require_paths(paths)
    _check_published(kw["published"])
    _check_actors(actors)
    _check_outputs(paths_list, output, report_dir)
    if report_dir and not into_input:
        _refuse_input_folder(report_dir, paths_list)
    run = _Run(kw["quiet"])
    auditor = api.Auditor(published=kw["published"], lang=kw["lang"], actors=actors)
    doc_findings: list = []
    counts: Counter[str] = Counter()
    with _writing(report_dir):
        mention_rows = _MentionSink(report_dir, excel)
    progress = _progress(run, paths_list)
    try:
        records = inputs.read(paths_list, _columns(kw), run.reading)
        admitted = _admitted(auditor, records, run, progress)
        for result in _parallel(functools.partial(api.process, actors_file=actors), admitted, kw["jobs"]):
            auditor.collect(result)
            counts["documents"] += 1
            if result.error:
                run.reading.problem(result.error, result.id)
            if result.dates is not None:
                counts["mentions"] += len(result.dates.mentions)
                mention_rows.write(result.dates.mentions)
                doc_findings.extend(result.dates.findings)
        events, all_findings = _reconciled(auditor, doc_findings, _names(actors))
        findings = sorted(all_findings, key=api._finding_order)
        mention_rows.close()
    except BaseException:
        mention_rows.abort()
        raise
    finally:
        if progress:
            progress.stop()
    if counts["documents"] == 0:
        run.err.print("[red]error:[/] nothing could be read from the inputs given", markup=True)
        sys.exit(2)
    names = _names(actors)
    if report_dir:
        with _writing(report_dir):
            _write_reports(report_dir, mention_rows, events, findings, excel)
    _emit(fmt, output, excel, lambda out: _audit_output(fmt, out, events, findings, names))
    if not kw["quiet"]:
        _summary(run, counts, events, findings)
    sys.exit(_exit_code(findings, fail_on))


def _require_paths(paths: tuple[str, ...]) -> list[str]:
    if not paths:
        raise click.UsageError("give at least one PATH (a file, a folder, or - for stdin)")
    return list(paths)


def _refuse_input_folder(report_dir: str, paths: list[str]) -> None:
    target = Path(report_dir).resolve()
    for raw in paths:
        if raw == "-":
            continue
        folder = Path(raw).resolve()
        if folder.is_dir() and (target == folder or folder in target.parents):
            raise click.UsageError(
                f"--report {report_dir} is inside the input folder {raw}; "
                "choose another folder or pass --into-input"
            )


def _admitted(auditor: api.Auditor, records: Iterable[dict], run: _Run, progress=None) -> Iterator:
    for record in records:
        doc = auditor.admit(record)
        where = record.get("where") or ""  # file:line of a table row
        if isinstance(doc, api.DocumentResult):  # no text: report it and go on
            named = f" (id {doc.id!r})" if where and where != doc.id else ""
            run.reading.problem(doc.error + named, where or doc.id)
            continue
        given = api._clean(record.get("id"))
        if given and doc.id != given:
            run.reading.problem(f"id {given!r} given before; this record is {doc.id!r}", where or given)
        if progress is not None:
            progress.advance(progress.task_ids[0], len(doc.text.encode("utf-8", "replace")))
        yield doc


class _MentionSink:
    """Streams mention rows into mentions.csv (when --report is on) as documents are processed."""

    def __init__(self, folder: str | None, excel: bool):
        self.context = report.atomic_open(Path(folder) / MENTIONS_CSV, excel=excel) if folder else None
        self.handle = self.context.__enter__() if self.context else None
        self.table = report.CsvTable(self.handle, frames.MENTION_COLUMNS) if self.handle else None

    def write(self, mentions: Iterable) -> None:
        if self.table:
            for m in mentions:
                self.table.write(frames.mention_row(m))

    def close(self) -> None:
        if self.context:
            self.context.__exit__(None, None, None)
            self.context = None

    def abort(self) -> None:
        if self.context:
            self.context.__exit__(RuntimeError, RuntimeError("aborted"), None)
            self.context = None


SHOWN_MEMBERS = 12  # reports listed by name under an event in the table


@dataclass
class _EventDigest:
    """What the outputs need of an event, without its members' records (millions at scale)."""

    row: dict[str, Any]  # frames.event_row
    members: list[tuple[str, str]]  # the first SHOWN_MEMBERS (doc id, role)
    count: int


def _reconciled(auditor: api.Auditor, doc_findings: list, names) -> tuple[list[_EventDigest], list]:
    """Events as digests (sorted by date), and every finding (document findings with their event ids)."""
    linked = api.FindingLinks(doc_findings)
    digests, event_findings = [], []
    for events, found in auditor.finish_parts():
        for e in events:
            members = [(m.doc_id, m.role) for m in e.members[:SHOWN_MEMBERS]]
            digests.append(_EventDigest(frames.event_row(e, names), members, len(e.members)))
            linked.add(e)
        event_findings.extend(found)
    digests.sort(key=lambda d: (d.row["date"] or dt.date.max, d.row["event_id"]))
    return digests, linked.findings() + event_findings


def _write_reports(folder: str, sink: _MentionSink, events, findings, excel: bool) -> dict[str, int]:
    return {
        MENTIONS_CSV: sink.table.rows if sink.table else 0,
        EVENTS_CSV: report.write_csv(
            Path(folder) / EVENTS_CSV, (d.row for d in events), frames.EVENT_COLUMNS, excel=excel
        ),
        FINDINGS_CSV: report.write_csv(
            Path(folder) / FINDINGS_CSV,
            (frames.finding_row(f) for f in findings),
            frames.FINDING_COLUMNS,
            excel=excel,
        ),
    }


@functools.cache
def _names(actors_file: str | None) -> Callable[[str], str]:
    from datesync.actors import gazetteer

    return gazetteer(actors_file).name_of


@contextlib.contextmanager
def _writing(target: str | None) -> Iterator[None]:
    """An output that cannot be written ends the run with one line and exit 2, not a traceback."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        where = exc.filename or target or "standard output"
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}") from None


def _emit(fmt: str, output: str | None, excel: bool, write: Callable[[IO[str]], None]) -> None:
    bom = excel and fmt == "csv"
    with _writing(output):
        if output:
            with report.atomic_open(output, excel=bom) as handle:
                write(handle)
        else:
            if bom:
                sys.stdout.write(report.BOM)
            write(sys.stdout)
            sys.stdout.flush()


def _audit_output(fmt: str, out: IO[str], events, findings, names) -> None:
    if fmt == "table":
        _audit_table(out, events, findings, names)
    elif fmt == "csv":  # one table: the findings (--report writes all three)
        report.write_records(out, fmt, map(frames.finding_row, findings), frames.FINDING_COLUMNS)
    elif fmt == "jsonl":
        report.write_records(out, fmt, (d.row for d in events), {}, "event")
        report.write_records(out, fmt, map(frames.finding_row, findings), {}, "finding")
    else:
        payload = {
            "events": [report.json_record(d.row) for d in events],
            "findings": [report.json_record(frames.finding_row(f)) for f in findings],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")


STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
ROLE_LABEL = {
    "main": "",
    "back_reference": " (recalled as an earlier contact)",
    "related": " (also reported)",
}
MARK = {"error": "✗", "warning": "!", "info": "i"}


def _audit_table(out: IO[str], events: list[_EventDigest], findings, names) -> None:
    """A readable report grouped by event; findings not tied to an event come last."""
    console = _console(file=out)
    by_event: dict[str, list] = {}
    loose = []
    for f in findings:
        (by_event.setdefault(f.event_id, []) if f.event_id else loose).append(f)
    for digest in events:
        row = digest.row
        people = " – ".join(row["participants"].split(frames.LIST_SEPARATOR))
        console.print(f"[bold]{row['kind'].replace('_', ' ')}[/] · {people}", markup=True)
        if row["date"]:
            console.print(
                f"  date      {row['date'].isoformat()} {row['weekday']} · Jalali {row['date_jalali']} · "
                f"Hijri {row['date_hijri'] or '-'}",
                markup=False,
            )
        else:
            console.print("  date      [dim]none given[/]", markup=True)
        reports = ", ".join(f"{doc}{ROLE_LABEL[role]}" for doc, role in digest.members)
        if digest.count > len(digest.members):
            reports += f" and {digest.count - len(digest.members)} more"
        console.print(f"  reports   {reports}", markup=False)
        if row["date"]:
            console.print(f"  why       {row['explanation']}", markup=False)
        for f in by_event.get(row["event_id"], []):
            _finding_line(console, f)
        console.print()
    if loose:
        console.print("[bold]Other findings[/]", markup=True)
        for f in loose:
            _finding_line(console, f)


def _finding_line(console, f) -> None:
    sev = f.severity.value
    suggested = f"  → likely {f.suggested.isoformat()}" if f.suggested else ""
    console.print(
        f"  [{STYLE[sev]}]{MARK[sev]} {sev:<7} {f.kind}[/]  {', '.join(f.doc_ids)}: ", markup=True, end=""
    )
    console.print(f"{f.message}{suggested}", markup=False)


def _summary(run: _Run, counts: Counter, events, findings) -> None:
    by = Counter(f.severity.value for f in findings)
    parts = [
        f"{counts['documents']} documents",
        f"{counts['mentions']} date mentions",
        f"{len(events)} events",
        "findings: " + ", ".join(f"{by.get(s, 0)} {s}" for s in SEVERITY_ORDER),
    ]
    if run.reading.problems:
        parts.append(f"{run.reading.problems} input problems")
    run.err.print("; ".join(parts), markup=False)


def _exit_code(findings, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITY_ORDER.index(fail_on)
    return 1 if any(SEVERITY_ORDER.index(f.severity.value) <= threshold for f in findings) else 0


# -- extract ---------------------------------------------------------------------------------------


@main.command()
@input_options
@output_options
@click.option("--text", "inline", help="Read this text instead of PATHS.")
def extract(
    paths: tuple[str, ...], fmt: str, output: str | None, excel: bool, inline: str | None, **kw: Any
) -> None:
    """List every date mention with its ISO date.

    \b
    Examples:
      datesync extract data/samples
      datesync extract --text "الليلة (الاثنين 20 ديسمبر)" --published 2023-12-11
      cat report.txt | datesync extract - --format jsonl
    """
    _check_published(kw["published"])
    _check_outputs(list(paths), output, None)
    run = _Run(kw["quiet"])
    if inline is not None:
        if paths:
            raise click.UsageError("give --text or PATHs, not both")
        records: Iterable[dict] = [{"text": inline, "id": "text"}]
    else:
        records = inputs.read(_require_paths(paths), _columns(kw), run.reading)
    auditor = api.Auditor(published=kw["published"], lang=kw["lang"])
    results = _parallel(_analyze_doc, _admitted(auditor, records, run), kw["jobs"])
    count = {"documents": 0}

    def mentions() -> Iterator:
        for doc_id, dates, error in results:
            count["documents"] += 1
            if error:
                run.reading.problem(error, doc_id)
            if dates is None:
                continue
            if not dates.mentions and not kw["quiet"]:
                run.err.print(f"{doc_id}: no date found", markup=False)
            yield from dates.mentions

    _emit(fmt, output, excel, lambda out: _mentions_output(fmt, out, mentions()))
    if count["documents"] == 0:
        run.err.print("[red]error:[/] nothing could be read from the inputs given", markup=True)
        sys.exit(2)


def _analyze_doc(doc) -> tuple[str, Any, str]:
    try:
        return (doc.id, *api.analyze_document(doc))
    except Exception as exc:  # one bad document must not stop the run
        return doc.id, None, f"not processed: {type(exc).__name__}: {exc}"


def _mentions_output(fmt: str, out: IO[str], mentions: Iterable) -> None:
    if fmt != "table":
        report.write_records(out, fmt, map(frames.mention_row, mentions), frames.MENTION_COLUMNS)
    else:
        from rich.table import Table

        table = Table("document", "text", "calendar", "kind", "iso", "resolution", "problems", "note")
        for m in mentions:
            table.add_row(
                m.doc_id,
                m.text,
                m.calendar.value,
                m.kind.value,
                m.iso.isoformat() if m.iso else "",
                m.resolution.value,
                " ".join(m.problems),
                m.note,
            )
        _console(file=out).print(table)


# -- convert ---------------------------------------------------------------------------------------


@main.command()
@click.argument("date")
@click.option("--published", metavar="DATE", help="Reference date, to supply a missing year.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def convert(date: str, published: str | None, fmt: str) -> None:
    """One date in all three calendars, with its weekday in every language datesync reads.

    \b
    Examples:
      datesync convert "۲۸ آبان ۱۴۰۲"
      datesync convert 2023-11-19
      datesync convert "12 جمادى الأولى 1445 هـ"
    """
    _check_published(published)
    day, why = api.single_date(date, published=published)
    if day is None:
        raise click.UsageError(f"{date!r}: {why}")
    rows = calendars.renderings(day)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows["calendars"]:
        click.echo(f"{row['calendar']:<12} {row['iso'] or '-':<11} {row['written'] or ''}")
    click.echo(f"{'weekday':<12} {' · '.join(rows['weekday'].values())}")


if __name__ == "__main__":  # pragma: no cover
    main()
