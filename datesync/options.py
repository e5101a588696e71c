"""The options the commands share, and checks that read an option's value before any work, so a
bad one is a usage error (exit 2) naming the option."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import click

from datesync import inputs, languages, report
from datesync.errors import DatesyncError


def input_options(command: Callable) -> Callable:
    """What to read and how: paths, reference date and zone, language, table columns, workers."""
    options = [
        click.argument("paths", nargs=-1, type=str),
        click.option(
            "--published", metavar="DATE", help="Reference date for documents that state none (ISO)."
        ),
        click.option(
            "--timezone", metavar="ZONE", help="IANA zone a published moment is read in (e.g. Asia/Tehran)."
        ),
        click.option(
            "--lang", type=click.Choice(languages.codes()), help="Language of every document (else guessed)."
        ),
        click.option(
            "--text-column",
            multiple=True,
            default=["text"],
            show_default=True,
            help="CSV/JSONL/Parquet text column; repeat to join several in order (--text-column title "
            "--text-column body), a blank line between.",
        ),
        click.option(
            "--delimiter",
            callback=delimiter_option,
            help="CSV delimiter (',' ';' tab '|'; else read off the file).",
        ),
        click.option("--id-column", default="id", show_default=True),
        click.option("--published-column", default="published", show_default=True),
        click.option("--source-column", default="source", show_default=True),
        click.option("--lang-column", default="lang", show_default=True),
        click.option("--event-column", default="event", show_default=True),
        click.option("--timezone-column", default="timezone", show_default=True),
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


def output_options(formats: Iterable[str]) -> Callable[[Callable], Callable]:
    """How to write: a format of the command's renderer registry, a file, CSV for Excel."""

    def decorate(command: Callable) -> Callable:
        options = [
            click.option(
                "--format", "fmt", type=click.Choice(list(formats)), default="table", show_default=True
            ),
            click.option(
                "--output",
                "-o",
                type=click.Path(dir_okay=False, writable=True),
                help="Write to FILE (atomically) instead of stdout.",
            ),
            click.option(
                "--excel", is_flag=True, help="CSV as UTF-8 with BOM, so Excel shows Persian/Arabic."
            ),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def columns(kw: dict) -> inputs.Columns:
    """The table columns the options name."""
    return inputs.Columns(
        tuple(kw["text_column"]),
        kw["id_column"],
        kw["published_column"],
        kw["source_column"],
        kw["lang_column"],
        kw["event_column"],
        kw["timezone_column"],
        kw["delimiter"],
    )


DELIMITER_WORDS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def delimiter_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """One character; `tab` or a typed backslash-t for the tab."""
    if value is None:
        return None
    value = DELIMITER_WORDS.get(value.lower(), value)
    if len(value) != 1 or value in '\r\n"':
        raise click.BadParameter("give one character, such as ';' or tab", ctx, param)
    return value


def check_outputs(
    paths: list[str], output: str | None, report_dir: str | None, html: str | None = None
) -> None:
    """Never write over an input: --output, --html or a --report file may not be one of the input files."""
    inputs_given = {Path(p).resolve() for p in paths if p != "-" and Path(p).is_file()}
    targets = [Path(target) for target in (output, html) if target]
    if report_dir:
        targets += [Path(report_dir) / name for name in report.REPORT_FILES]
    for target in targets:
        if target.resolve() in inputs_given:
            raise click.UsageError(f"{target} is one of the inputs; datesync never writes over its inputs")


def check_actors(actors: str | None) -> None:
    from datesync.actors import gazetteer

    check_option(actors, gazetteer, "--actors")


def check_published(value: str | None) -> None:
    from datesync.published import parse_published

    check_option(value, parse_published, "--published")


def check_timezone(value: str | None) -> None:
    from datesync.published import time_zone

    check_option(value, time_zone, "--timezone")


def check_option(value: str | None, read: Callable[[str], object], hint: str) -> None:
    """Read an option's value up front, so a bad one is a usage error before any work (exit 2)."""
    if value is None:
        return
    try:
        read(value)
    except (DatesyncError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint=hint) from None
