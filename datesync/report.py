"""Writing results: CSV, JSON and JSONL, always atomically (a temp file beside the target, then rename).

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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from datesync import frames

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
