"""Reading documents from paths: text files, folders, CSV, JSONL, Parquet, or "-" for stdin.

Everything streams: folders file by file, CSV and JSONL row by row, Parquet batch by batch, so memory
does not grow with the input. A bad file, row or line becomes a Problem (a one-line message naming
the file and line) and the run goes on. Input files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from datesync.errors import InputError

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
SNIFF = 65536  # bytes read to choose an encoding
BATCH = 2048  # Parquet rows per batch
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # one cell may hold a long article (50 MB and more)


@dataclass(frozen=True, slots=True)
class Columns:
    """Which input columns hold each document field (overridable on the command line)."""

    text: str = "text"
    id: str = "id"
    published: str = "published"
    source: str = "source"
    lang: str = "lang"
    event: str = "event"
    timezone: str = "timezone"

    def pick(self, row: dict, where: str) -> dict:
        """The document fields of a table row; `where` (file:line) names the row in messages."""
        doc = {f.name: row.get(getattr(self, f.name)) for f in fields(self)}
        if not doc["id"]:
            doc["id"] = where
        doc["where"] = where
        return doc


@dataclass
class Reading:
    """The problem count for the run summary; each problem goes to `on_problem` as it happens."""

    on_problem: Callable[[InputError], None]
    problems: int = 0

    def problem(self, message: str, path: str, line: int | None = None) -> None:
        self.problems += 1
        self.on_problem(InputError(message, path, line))


def looks_binary(sample: bytes) -> bool:
    """NUL and other control bytes make up much of it (a stray NUL in real text does not count)."""
    if not sample:
        return False
    controls = sum(sample.count(bytes([c])) for c in (*range(0, 9), 11, 12, *range(14, 32)))
    return sample.count(0) > len(sample) // 100 or controls > len(sample) // 10


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def sniff(head: bytes, complete: bool) -> tuple[str, str]:
    """The encoding of bytes starting with `head`, and what to say when it is not plain UTF-8.

    `complete` is False when `head` is only the start of a file (a character cut at its end is fine).
    """
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec, ""
    try:
        head.decode("utf-8")
        return "utf-8", ""
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(head) - 4:
            return "utf-8", ""
        bad_at = exc.start
    from charset_normalizer import from_bytes

    guess = from_bytes(head[: SNIFF * 4]).best()
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        return guess.encoding, f"not UTF-8 (invalid byte at {bad_at}); decoded as {guess.encoding}"
    return "utf-8", f"invalid UTF-8 at byte {bad_at}; undecodable bytes replaced"


def decode(data: bytes, path: str, reading: Reading) -> str | None:
    """Text from bytes: BOMs first, then UTF-8, then a detected legacy encoding (said aloud)."""
    if not data.strip():
        reading.problem("empty file, skipped", path)
        return None
    if not data.startswith(tuple(bom for bom, _ in BOMS)) and looks_binary(data[:SNIFF]):
        reading.problem("binary file (control bytes), skipped", path)
        return None
    encoding, problem = sniff(data, complete=True)
    if problem:
        reading.problem(problem, path)
        return data.decode(encoding, errors="replace")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:  # a BOM promised an encoding the bytes do not keep
        reading.problem(f"invalid {encoding} at byte {exc.start}; undecodable bytes replaced", path)
        return data.decode(encoding, errors="replace")


def _text_file(path: Path, reading: Reading, columns: Columns) -> Iterator[dict]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reading.problem(_os_message(exc), str(path))
        return
    text = decode(data, str(path), reading)
    del data  # the bytes are not needed while the text is processed
    if text is not None:
        yield {"text": text, "id": path.name, "published": None, "source": None, "lang": None, "event": None}


def _os_message(exc: OSError) -> str:
    if exc.errno == 40:  # ELOOP
        return "symlink loop, skipped"
    return f"cannot read: {exc.strerror or exc}"


def _open_text(path: Path, reading: Reading) -> io.TextIOBase | None:
    """A streaming text reader for a table file, its encoding chosen from the first bytes."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        reading.problem(_os_message(exc), str(path))
        return None
    head = raw.read(SNIFF)
    raw.seek(0)
    encoding, problem = sniff(head, complete=len(head) < SNIFF)
    if problem:
        reading.problem(problem, str(path))
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")


def _csv_file(path: Path, reading: Reading, columns: Columns) -> Iterator[dict]:
    stream = _open_text(path, reading)
    if stream is None:
        return
    with stream:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.reader(stream, delimiter=delimiter, strict=True)  # an unclosed quote is said
        try:
            header = next(reader)
        except StopIteration:
            reading.problem("empty file, skipped", str(path))
            return
        except csv.Error as exc:
            reading.problem(f"not a readable CSV header: {exc}", str(path), 1)
            return
        replaced = False  # a table may turn to another encoding after the bytes sniffed
        if columns.text not in header:
            shown = ", ".join(header[:8]) + (" ..." if len(header) > 8 else "")
            reading.problem(
                f"no '{columns.text}' column (columns: {shown}); name it with --text-column", str(path), 1
            )
            return
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                hint = " (a quote opened earlier and never closed?)" if "end of data" in str(exc) else ""
                reading.problem(f"unreadable row: {exc}{hint}", str(path), reader.line_num)
                continue
            if not row:
                continue
            if len(row) != len(header):
                reading.problem(
                    f"row has {len(row)} fields, header has {len(header)}", str(path), reader.line_num
                )
                if len(row) < len(header):
                    row = row + [""] * (len(header) - len(row))
            if not replaced and any("\ufffd" in cell for cell in row):
                replaced = True
                reading.problem("undecodable bytes replaced from here on", str(path), reader.line_num)
            record = dict(zip(header, row, strict=False))
            yield columns.pick(record, f"{path.name}:{reader.line_num}")


def _jsonl_file(path: Path, reading: Reading, columns: Columns) -> Iterator[dict]:
    stream = _open_text(path, reading)  # UTF-16 and legacy encodings too, like CSV
    if stream is None:
        return
    with stream:
        yield from _jsonl_lines(stream, str(path), path.name, reading, columns)


def _jsonl_lines(stream, where: str, name: str, reading: Reading, columns: Columns) -> Iterator[dict]:
    """Records from a text stream of JSON lines; a line that is not one is reported and skipped."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:  # broken, too deep, or a number too long
            reading.problem(f"broken JSON line: {type(exc).__name__}: {str(exc)[:200]}", where, number)
            continue
        if not isinstance(record, dict):
            reading.problem(f"expected a JSON object, got {type(record).__name__}", where, number)
            continue
        if columns.text not in record:
            reading.problem(f"no '{columns.text}' field", where, number)
            continue
        yield columns.pick(record, f"{name}:{number}")


def _parquet_file(path: Path, reading: Reading, columns: Columns) -> Iterator[dict]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
    except OSError as exc:
        reading.problem(f"not a readable Parquet file: {exc}", str(path))
        return
    except Exception as exc:  # pyarrow raises its own error types for corrupt files
        reading.problem(f"not a readable Parquet file: {exc}", str(path))
        return
    schema = parquet.schema_arrow
    if columns.text not in schema.names:
        reading.problem(f"no '{columns.text}' column (columns: {', '.join(schema.names[:8])})", str(path))
        return
    text_type = schema.field(columns.text).type
    if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type)):
        reading.problem(f"column '{columns.text}' has type {text_type}, expected string", str(path))
        return
    wanted = [getattr(columns, f.name) for f in fields(columns)]
    present = [c for c in wanted if c in schema.names]
    row_number = 0
    batches = parquet.iter_batches(batch_size=BATCH, columns=present)
    while True:
        try:
            batch = next(batches, None)
        except Exception as exc:  # a corrupt data page: the rows before it were read
            reading.problem(f"unreadable Parquet data after row {row_number}: {exc}", str(path))
            return
        if batch is None:
            return
        for record in batch.to_pylist():
            row_number += 1
            yield columns.pick(record, f"{path.name}:{row_number}")


READERS = {"csv": _csv_file, "jsonl": _jsonl_file, "parquet": _parquet_file}


def _walk(folder: Path, reading: Reading) -> Iterator[Path]:
    """*.txt files under `folder`, sorted, following symlinked folders once (no loops)."""
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            info = current.stat()
        except OSError as exc:
            reading.problem(_os_message(exc), str(current))
            continue
        if (info.st_dev, info.st_ino) in seen:
            reading.problem("symlink loop (folder already read), skipped", str(current))
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            reading.problem(_os_message(exc), str(current))
            continue
        folders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                reading.problem(_os_message(exc), str(path))
                continue
            if is_dir:
                folders.append(path)
            elif entry.name.lower().endswith(".txt"):
                try:
                    regular = entry.is_file()  # follows a symlink: to /dev/zero or a FIFO it is not
                except OSError:
                    regular = False
                if regular:
                    yield path
                else:
                    reading.problem("not a regular file (a pipe or device?), skipped", str(path))
        stack.extend(reversed(folders))


def read(paths: list[str], columns: Columns, reading: Reading, stdin=None) -> Iterator[dict]:
    """Document records (text, id, published, source, lang, event) from every path, in order."""
    seen: set[Path] = set()
    for raw in paths:
        if raw != "-":
            resolved = Path(raw).resolve()
            if resolved in seen:
                reading.problem("given more than once; read once", raw)
                continue
            seen.add(resolved)
        if raw == "-":
            stream = stdin or (sys.stdin.buffer if sys.stdin is not None else None)
            if stream is None:
                reading.problem("standard input is closed", "<stdin>")
                continue
            yield from _stdin(stream, reading, columns)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path, reading):
                yield from _text_file(file, reading, columns)
            continue
        if not path.exists() and not path.is_symlink():
            reading.problem("no such file or folder", raw)
            continue
        reader = READERS.get(TABLE_SUFFIXES.get(path.suffix.lower(), ""), _text_file)
        yield from reader(path, reading, columns)


def _stdin(stream, reading: Reading, columns: Columns) -> Iterator[dict]:
    """JSONL when the first non-blank character is "{" (in any encoding), else one text document."""
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(io.BytesIO(stream.read()))
    head = stream.peek(SNIFF)[:SNIFF]
    encoding, problem = sniff(head, complete=False)
    if head.decode(encoding, "replace").lstrip("\ufeff \t\r\n")[:1] == "{":
        if problem:
            reading.problem(problem, "<stdin>")
        text_stream = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        yield from _jsonl_lines(text_stream, "<stdin>", "stdin", reading, columns)
        return
    data = stream.read()
    text = decode(data, "<stdin>", reading)
    if text is not None:
        yield {"text": text, "id": "stdin", "published": None, "source": None, "lang": None, "event": None}


def size_of(paths: list[str]) -> int | None:
    """Total bytes of the inputs when knowable cheaply (for a progress bar), else None."""
    quiet = Reading(lambda _error: None)
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        try:
            files = list(_walk(path, quiet)) if path.is_dir() else [path]
            total += sum(f.stat().st_size for f in files)
        except OSError:
            return None
    return total


__all__ = ["Columns", "InputError", "Reading", "decode", "read", "size_of"]
