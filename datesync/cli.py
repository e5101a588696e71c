"""Command line: `datesync extract`. A thin layer over datesync.api; no date logic here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from datesync import __version__, api
from datesync.errors import DatesyncError


def _texts(paths: tuple[str, ...]):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                yield file.name, file.read_text(encoding="utf-8")
        else:
            yield path.name, path.read_text(encoding="utf-8")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="datesync")
def main() -> None:
    """Find, resolve and reconcile dates in Persian, Arabic and English news reports."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--published", help="Reference date for documents without a publication header (ISO).")
def extract(paths: tuple[str, ...], published: str | None) -> None:
    """List every date mention in text files or folders of .txt files.

    Example: datesync extract data/samples
    """
    from rich.console import Console
    from rich.table import Table

    table = Table("document", "text", "calendar", "kind", "iso", "resolution", "problems")
    try:
        for doc_id, text in _texts(paths):
            for m in api.analyze(text, published=published, doc_id=doc_id).mentions:
                table.add_row(
                    doc_id,
                    m.text,
                    str(m.calendar),
                    str(m.kind),
                    str(m.iso or ""),
                    str(m.resolution),
                    " ".join(m.problems),
                )
    except DatesyncError as exc:
        raise click.ClickException(str(exc)) from None
    Console().print(table)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
