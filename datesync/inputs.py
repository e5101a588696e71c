"""Reading documents from paths: text files, folders, CSV, JSONL, Parquet, or "-" for stdin.

Everything streams: folders file by file, CSV and JSONL row by row, Parquet batch by batch, so memory
does not grow with the input. A bad file, row or line becomes a Problem (a one-line message naming
the file and line) and the run goes on. Input files are only ever opened for reading.

Tables as scrapers and spreadsheets write them: the delimiter (, ; tab |) is read off the file unless
given; UTF-16 is decoded by its BOM (or its NUL bytes) whatever the suffix; a text file that clearly is
a table with the text column (Excel's "Unicode text" export) is read as one; several text columns are
joined, in the order given, with a blank line between (offsets then refer to the joined text).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from datesync.errors import InputError

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
SNIFF = 65536  # bytes read to choose an encoding
BATCH = 2048  # Parquet rows per batch
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # one cell may hold a long article (50 MB and more)


@dataclass(frozen=True, slots=True)
class Columns:
    """Which input columns hold each document field (overridable on the command line), and the
    delimiter of a CSV table (None: read off the file)."""

    text: str | tuple[str, ...] = "text"  # several: joined in this order (title first), blank line between
    id: str = "id"
    published: str = "published"
    source: str = "source"
    lang: str = "lang"
    event: str = "event"
    timezone: str = "timezone"
    delimiter: str | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.text,) if isinstance(self.text, str) else tuple(self.text)

    def names(self) -> list[str]:
        """Every column a document field may come from."""
        return [*self.texts, self.id, self.published, self.source, self.lang, self.event, self.timezone]

    def missing_text(self, names: list[str] | dict) -> list[str]:
        return [name for name in self.texts if name not in names]

    def pick(self, row: dict, where: str) -> dict:
        """The document fields of a table row; `where` (file:line) names the row in messages."""
        doc = {name: row.get(getattr(self, name)) for name in DOCUMENT_FIELDS if name != "text"}
        doc["text"] = joined([row.get(name) for name in self.texts])
        if not doc["id"]:
            doc["id"] = where
        doc["where"] = where
        return doc


DOCUMENT_FIELDS = ("text", "id", "published", "source", "lang", "event", "timezone")
TEXT_JOINER = "\n\n"


def joined(values: list) -> object:
    """One text from the text columns: the non-blank strings in order, a blank line between; one
    column's value as it is (a non-string is the caller's to report)."""
    if len(values) == 1:
        return values[0]
    parts = [v for v in values if isinstance(v, str) and v.strip()]
    if parts:
        return TEXT_JOINER.join(parts)
    return next((v for v in values if v is not None and not isinstance(v, str)), None)


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


def utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le or -be for UTF-16 saved without a BOM, else None: the high bytes of its characters
    take a few values (0 for ASCII, 6 for Arabic script) and include NULs; the low bytes are never NUL."""
    sample = head[:4096]
    if len(sample) < 16 or sample.count(0) < len(sample) // 40:  # no NULs: not UTF-16 (the usual case)
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        common = sum(count for _, count in Counter(high).most_common(3))
        nuls = high.count(0) >= 0.05 * len(high) and low.count(0) <= 0.01 * len(low)
        if nuls and common >= 0.9 * len(high):
            text = sample.decode(codec, errors="replace")
            controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r")
            return codec if controls <= len(text) // 10 else None  # binary, not text
    return None


def sniff(head: bytes, complete: bool) -> tuple[str, str]:
    """The encoding of bytes starting with `head`, and what to say when it is not plain UTF-8.

    `complete` is False when `head` is only the start of a file (a character cut at its end is fine).
    """
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec, ""
    utf16 = utf16_without_bom(head)
    if utf16:
        return utf16, f"UTF-16 without a BOM; decoded as {utf16}"
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
    if (
        not data.startswith(tuple(bom for bom, _ in BOMS))
        and looks_binary(data[:SNIFF])
        and not utf16_without_bom(data[:SNIFF])
    ):
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
    table = _table_in_text(data[:SNIFF], len(data) <= SNIFF, columns)
    if table is not None:
        delimiter, header = table
        missing = columns.missing_text(header)
        if not missing:
            del data
            yield from _csv_file(path, reading, columns, delimiter)
            return
        kind = f"{DELIMITER_NAMES[delimiter]}-separated table (columns: {_shown(header)})"
        reading.problem(
            f"looks like a {kind} without a '{missing[0]}' column; read as one text "
            "(name its text column with --text-column to read it as a table)",
            str(path),
        )
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


DELIMITERS = ",;\t|"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def _shown(header: list[str]) -> str:
    return ", ".join(header[:8]) + (" ..." if len(header) > 8 else "")


def _header(head: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(head), delimiter=delimiter), [])
    except csv.Error:
        return []


SNIFF_CHARS = 8192  # csv.Sniffer's regexes backtrack: a longer sample can take seconds


def _guesses(head: str, default: str) -> list[str]:
    """Delimiters to try, most likely first: csv.Sniffer's guess on whole lines, then the default."""
    order = [default, *DELIMITERS]
    sample = head[:SNIFF_CHARS]
    try:
        order.insert(0, csv.Sniffer().sniff(sample[: sample.rfind("\n") + 1] or sample, DELIMITERS).delimiter)
    except csv.Error:
        pass
    return list(dict.fromkeys(order))


def choose_delimiter(head: str, columns: Columns, default: str = ",") -> str:
    """The given delimiter, else the likeliest one whose header row holds the text column(s); one
    other than the default must split the header (a one-column table stays as it always was)."""
    if columns.delimiter:
        return columns.delimiter
    guesses = _guesses(head, default)
    for delimiter in guesses:
        header = _header(head, delimiter)
        if not columns.missing_text(header) and (delimiter == default or len(header) > 1):
            return delimiter
    return guesses[0]


def _table_in_text(head_bytes: bytes, complete: bool, columns: Columns) -> tuple[str, list[str]] | None:
    """(delimiter, header) when the start of a text file clearly is a table: a header row of short,
    distinct names and at least two rows of as many fields, no blank lines. A news report is not."""
    encoding, _ = sniff(head_bytes, complete)
    head = head_bytes.decode(encoding, errors="replace").lstrip("\ufeff")
    lines = head.split("\n", 3)[:3]
    delimited = any(d in lines[0] for d in DELIMITERS)
    if len(lines) < 3 or not delimited or not all(line.strip() for line in lines):
        return None  # the usual text file, told at a glance
    for delimiter in [d for d in _guesses(head, "\t") if d in lines[0]]:
        if columns.delimiter and delimiter != columns.delimiter:
            continue
        header, *body = _rows(head, delimiter, complete)
        names_ok = (
            len(header) >= 2
            and len(set(header)) == len(header)
            and all(name.strip() and len(name) <= 40 and len(name.split()) <= 3 for name in header)
        )
        enough = len(body) >= (1 if not columns.missing_text(header) else 2)
        if names_ok and enough and all(len(row) == len(header) for row in body):
            return delimiter, header
    return None


def _rows(head: str, delimiter: str, complete: bool) -> list[list[str]]:
    """The rows of the start of a table; without the last, which may be cut, unless it is whole."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(head), delimiter=delimiter)
    try:
        rows.extend(reader)
    except csv.Error:  # a quoted cell cut at the end of the sample
        complete = False
    return rows if complete or len(rows) < 2 else rows[:-1]


def _csv_file(path: Path, reading: Reading, columns: Columns, delimiter: str | None = None) -> Iterator[dict]:
    stream = _open_text(path, reading)
    if stream is None:
        return
    with stream:
        if delimiter is None:
            head = stream.read(SNIFF)
            stream.seek(0)
            delimiter = choose_delimiter(head, columns, "\t" if path.suffix.lower() == ".tsv" else ",")
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
        missing = columns.missing_text(header)
        if missing:
            hint = "name it with --text-column"
            if not columns.delimiter:
                hint += " (and the delimiter with --delimiter)"
            reading.problem(f"no '{missing[0]}' column (columns: {_shown(header)}); {hint}", str(path), 1)
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
        if len(columns.missing_text(record)) == len(columns.texts):
            reading.problem(f"no '{columns.texts[0]}' field", where, number)
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
    missing = columns.missing_text(schema.names)
    if missing:
        reading.problem(f"no '{missing[0]}' column (columns: {', '.join(schema.names[:8])})", str(path))
        return
    for name in columns.texts:
        text_type = schema.field(name).type
        if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type)):
            reading.problem(f"column '{name}' has type {text_type}, expected string", str(path))
            return
    present = list(dict.fromkeys(c for c in columns.names() if c in schema.names))
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
