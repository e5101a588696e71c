"""Command line: `datesync audit`, `extract`, `convert`. Each command reads its options, makes one
library call (datesync.pipeline, datesync.analysis) and hands the result to a renderer
(datesync.report's registry).

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error (nothing readable).
Data goes to stdout (or --output), progress and diagnostics to stderr; colour only on a terminal
(rich honours NO_COLOR).
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import click

from datesync import __version__, calendars, inputs, options, pipeline, report
from datesync.analysis import single_date
from datesync.errors import InputError
from datesync.model import Severity

SEVERITY_ORDER = [s.value for s in Severity]  # error, warning, info
FAIL_ON = [*SEVERITY_ORDER, "never"]
PROGRESS_BYTES = 5_000_000  # show a progress bar for inputs larger than this (on a terminal)


class OutputError(click.ClickException):
    """An output that cannot be written: a usage problem, exit 2."""

    exit_code = 2


class _Run:
    """Reading state shared by the commands: problems to stderr, counts for the summary."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.err = report.console(stderr=True)
        self.reading = inputs.Reading(self.problem)

    def problem(self, error: InputError) -> None:
        if not self.quiet:
            self.err.print(f"[yellow]input:[/] {error}", markup=True, highlight=False, soft_wrap=True)


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
@options.input_options
@options.output_options(report.AUDIT_RENDERERS)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False),
    help="Also write mentions.csv, events.csv and findings.csv into DIR.",
)
@click.option("--into-input", is_flag=True, help="Allow --report inside an input folder.")
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write the HTML report (one self-contained page) to FILE.",
)
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
    help="Extra actors CSV (the columns of datesync/lexicons/actors.csv).",
)
def audit(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    excel: bool,
    report_dir: str | None,
    into_input: bool,
    html_file: str | None,
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
      datesync audit data/samples --html report.html
    """
    paths_list = _require_paths(paths)
    options.check_published(kw["published"])
    options.check_timezone(kw["timezone"])
    options.check_actors(actors)
    options.check_outputs(paths_list, output, report_dir, html_file)
    if report_dir and not into_input:
        _refuse_input_folder(report_dir, paths_list)
    run = _Run(kw["quiet"])
    auditor = pipeline.Auditor(
        published=kw["published"], lang=kw["lang"], actors=actors, timezone=kw["timezone"]
    )
    progress = _progress(run, paths_list)
    with _writing(report_dir):
        mentions_file = report.MentionsFile(report_dir, excel)
    try:
        with mentions_file:
            result = auditor.report(
                inputs.read(paths_list, options.columns(kw), run.reading),
                kw["jobs"],
                on_problem=run.reading.problem,
                on_admit=lambda doc: _advance(progress, doc),
                on_result=lambda done: mentions_file.write(done.dates.mentions if done.dates else ()),
                keep_excerpts=fmt == "html" or html_file is not None,  # the reports' words, for the page
            )
    finally:
        if progress:
            progress.stop()
    if result.documents == 0:
        run.err.print("[red]error:[/] nothing could be read from the inputs given", markup=True)
        sys.exit(2)
    if report_dir:
        with _writing(report_dir):
            report.write_report_folder(report_dir, result, excel)
    if html_file:
        _emit("html", html_file, False, lambda out: report.AUDIT_RENDERERS["html"](out, result))
    _emit(fmt, output, excel, lambda out: report.AUDIT_RENDERERS[fmt](out, result))
    if not kw["quiet"]:
        _summary(run, result)
    sys.exit(_exit_code(result.findings, fail_on))


def _advance(progress, doc) -> None:
    if progress is not None:
        progress.advance(progress.task_ids[0], len(doc.text.encode("utf-8", "replace")))


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
                f"--report {report_dir} is inside the input folder {raw}; choose another folder or pass --into-input"
            )


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


def _summary(run: _Run, result: report.AuditReport) -> None:
    by = Counter(f.severity.value for f in result.findings)
    parts = [
        f"{result.documents} documents",
        f"{result.mentions} date mentions",
        f"{len(result.events)} events",
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
@options.input_options
@options.output_options(report.MENTION_RENDERERS)
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
    options.check_published(kw["published"])
    options.check_timezone(kw["timezone"])
    options.check_outputs(list(paths), output, None)
    run = _Run(kw["quiet"])
    if inline is not None:
        if paths:
            raise click.UsageError("give --text or PATHs, not both")
        records: Iterable[dict] = [{"text": inline, "id": "text"}]
    else:
        records = inputs.read(_require_paths(paths), options.columns(kw), run.reading)
    auditor = pipeline.Auditor(published=kw["published"], lang=kw["lang"], timezone=kw["timezone"])
    documents = auditor.admitted(records, run.reading.problem)
    results = pipeline.parallel(pipeline.dates_only, documents, kw["jobs"])
    count = {"documents": 0}

    def mentions() -> Iterator:
        for result in results:
            count["documents"] += 1
            if result.error:
                run.reading.problem(result.error, result.id)
            if result.dates is None:
                continue
            if not result.dates.mentions and not kw["quiet"]:
                run.err.print(f"{result.id}: no date found", markup=False)
            yield from result.dates.mentions

    _emit(fmt, output, excel, lambda out: report.MENTION_RENDERERS[fmt](out, mentions()))
    if count["documents"] == 0:
        run.err.print("[red]error:[/] nothing could be read from the inputs given", markup=True)
        sys.exit(2)


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
    options.check_published(published)
    day, why = single_date(date, published=published)
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
