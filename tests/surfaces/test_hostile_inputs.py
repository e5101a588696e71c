"""Messy and hostile inputs: one clear line per problem naming the file (and line), a count in the
summary, the run goes on; exit 2 only when nothing could be read; reports atomic; inputs untouched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from datesync import extract, inputs, report

FA = "وزیر امور خارجه امشب (یکشنبه) ۲۸ آبان ماه با سرگئی لاوروف تلفنی گفت‌وگو کرد."
AR = "أجرى وزير الخارجية الإيراني يوم الاثنين 11 ديسمبر 2023 اتصالا هاتفيا مع نظيره الروسي."


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "datesync", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


def read_all(*paths: Path) -> tuple[list[dict], list[str]]:
    problems: list[str] = []
    reading = inputs.Reading(lambda e: problems.append(str(e)))
    docs = list(inputs.read([str(p) for p in paths], inputs.Columns(), reading))
    assert reading.problems == len(problems)
    return docs, problems


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("bom.txt", b"\xef\xbb\xbf" + FA.encode(), None),
        ("utf16.txt", FA.encode("utf-16"), None),
        ("cp1256.txt", AR.encode("cp1256"), "decoded as cp1256"),
        ("broken.txt", FA.encode()[:41] + b"\xff\xfe\xfa" + FA.encode()[41:], "invalid UTF-8 at byte 41"),
    ],
)
def test_encodings_are_decoded_and_said(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    docs, problems = read_all(path)
    assert len(docs) == 1 and not docs[0]["text"].startswith("\ufeff")
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0] and name in problems[0]
    assert [m.iso for m in extract(docs[0]["text"], published="2023-11-20") if m.iso]  # dates still found


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t", "empty file"),
        ("binary.txt", bytes(range(256)) * 50, "binary file"),
    ],
)
def test_empty_and_binary_files_are_skipped(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    docs, problems = read_all(path)
    assert docs == [] and len(problems) == 1 and problem in problems[0] and name in problems[0]


def test_symlink_loops_are_reported_not_followed_forever(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(FA, encoding="utf-8")
    (folder / "again").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    docs, problems = read_all(folder)
    assert [d["id"] for d in docs] == ["a.txt"]
    assert any("symlink loop" in p and "again" in p for p in problems)
    assert any("symlink loop" in p and "self.txt" in p for p in problems)


def test_unreadable_folder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "a.txt").write_text(FA, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == bad:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)
    docs, problems = read_all(bad, good)
    assert [d["id"] for d in docs] == ["a.txt"]
    assert problems == [f"{bad}: cannot read: Permission denied"]


def test_csv_ragged_rows_embedded_newlines_and_a_50mb_cell(tmp_path):
    path = tmp_path / "table.csv"
    huge = ("نص طويل بلا تواريخ. " * 2_600_000)[:50_000_000]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,text,source\n")
        handle.write(f'r1,"{FA}\nسطر دوم",Payam\n')
        handle.write("r2,short row\n")
        handle.write(f'r3,"{AR}",Al-Waha,extra,fields\n')
        handle.write(f'r4,"{huge}",Big\n')
    docs, problems = read_all(path)
    assert [d["id"] for d in docs] == ["r1", "r2", "r3", "r4"]
    assert "\n" in docs[0]["text"] and len(docs[3]["text"]) == 50_000_000
    # line numbers are physical lines: r1's embedded newline pushes r2 to line 4
    assert problems == [
        f"{path}:4: row has 2 fields, header has 3",
        f"{path}:5: row has 5 fields, header has 3",
    ]


def test_jsonl_broken_line_and_non_object(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": FA}, ensure_ascii=False),
                '{"id": "b", "text": ',
                "[1, 2]",
                json.dumps({"id": "c"}),
                json.dumps({"id": "d", "text": AR}),
            ]
        ),
        encoding="utf-8",
    )
    docs, problems = read_all(path)
    assert [d["id"] for d in docs] == ["a", "d"]
    assert [p.split(": ")[0] for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert (
        "broken JSON line" in problems[0]
        and "expected a JSON object" in problems[1]
        and "no 'text'" in problems[2]
    )


def test_parquet_wrong_types_and_good_file(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    wrong, good = tmp_path / "wrong.parquet", tmp_path / "good.parquet"
    pq.write_table(pa.table({"id": ["x"], "text": [12345]}), wrong)
    pq.write_table(
        pa.table({"id": ["g1", "g2"], "text": [FA, None], "published": ["2023-11-20", None]}), good
    )
    corrupt = tmp_path / "corrupt.parquet"
    corrupt.write_bytes(b"PAR1 this is not parquet")
    docs, problems = read_all(wrong, corrupt, good)
    assert [d["id"] for d in docs] == ["g1", "g2"] and docs[1]["text"] is None
    assert "column 'text' has type int64, expected string" in problems[0]
    assert "corrupt.parquet" in problems[1] and "not a readable Parquet file" in problems[1]


def test_cli_keeps_going_counts_problems_and_exits_2_only_when_nothing_read(tmp_path):
    (tmp_path / "good.txt").write_text(FA, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "notes.jsonl").write_text('{"text": ' + "\n", encoding="utf-8")
    result = run("audit", str(tmp_path), str(tmp_path / "notes.jsonl"), "--fail-on", "never")
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("input:")]
    assert len(lines) == 3 and "3 input problems" in result.stderr and "1 documents" in result.stderr
    nothing = run("audit", str(tmp_path / "empty.txt"), str(tmp_path / "bin.txt"))
    assert nothing.returncode == 2 and "nothing could be read" in nothing.stderr


@pytest.mark.parametrize(
    "text",
    [
        "7" * 200_000,
        "۱۲آبان۱۴۰۲" * 20_000,
        "آبانمهرتیردی" * 20_000,
        "\u200f" * 100_000 + "۲۸ آبان" + "\u200c" * 100_000,
        "😀۲۸ آبان 🎉\x00" * 10_000,
        "1/2/" * 50_000,
        "یکشنبه (شنبه) " * 10_000,
        "\u202b" + "ـ" * 100_000 + "۲۸ آبَان ۱۴۰۲" + "\u064e" * 50_000,
        "\x00" * 100_000,
    ],
    ids=[
        "digits",
        "dates-no-spaces",
        "months-no-spaces",
        "bidi-zwnj",
        "emoji-nulls",
        "slashes",
        "weekdays",
        "tatweel-harakat",
        "nulls",
    ],
)
def test_pathological_text_does_not_break_extract(text):
    found = extract(text, published="2023-11-20")
    assert all(text[m.start : m.end] == m.text for m in found)


def _big_corpus(tmp_path: Path) -> Path:
    """40,000 short reports: a run long enough to interrupt."""
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(40_000):
            handle.write(json.dumps({"id": f"d{i}", "text": FA if i % 2 else AR}, ensure_ascii=False) + "\n")
    return corpus


def test_interrupted_audit_leaves_the_old_report_files(tmp_path):
    """A signal while the audit runs: non-zero exit, the old files untouched, nothing else left."""
    corpus = _big_corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("mentions.csv", "events.csv", "findings.csv"):
        (out / name).write_text("old\n", encoding="utf-8")
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen(
            [sys.executable, "-m", "datesync", "audit", str(corpus), "--report", str(out), "--quiet"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(2)  # past start-up, well before 40,000 reports are done
        assert proc.poll() is None, "the audit ended before it could be interrupted"
        proc.send_signal(sig)
        proc.wait(timeout=60)
        assert proc.returncode != 0
        assert sorted(p.name for p in out.iterdir()) == ["events.csv", "findings.csv", "mentions.csv"]
        assert all(
            (out / n).read_text(encoding="utf-8") == "old\n"
            for n in ("mentions.csv", "events.csv", "findings.csv")
        )


def test_report_file_interrupted_mid_write_keeps_the_old_one_and_no_partial(tmp_path):
    target = tmp_path / "mentions.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with report.atomic_open(target) as handle:
            handle.write("new rows\n" * 1000)
            assert list(tmp_path.glob(".mentions.csv.*.part")), "rows go to a temporary file first"
            raise KeyboardInterrupt
    assert [p.name for p in tmp_path.iterdir()] == ["mentions.csv"]
    assert target.read_text(encoding="utf-8") == "old\n"


def test_csv_turning_to_another_encoding_after_the_sniffed_bytes_is_reported(tmp_path):
    path = tmp_path / "late.csv"
    ascii_rows = "".join(f"r{i},plain text number {i}\n" for i in range(4000)).encode()
    path.write_bytes(b"id,text\n" + ascii_rows + b"r-late," + AR.encode("cp1256") + b"\n")
    docs, problems = read_all(path)
    assert len(docs) == 4001
    assert problems == [f"{path}:4002: undecodable bytes replaced from here on"]


def test_jsonl_with_a_bom_on_stdin_keeps_its_records():
    data = "\ufeff" + json.dumps({"id": "x1", "text": FA}, ensure_ascii=False) + "\n"
    result = run("extract", "-", "--format", "jsonl", "--published", "2023-11-20", stdin=data)
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"x1"}


def test_jsonl_too_deep_or_with_a_huge_number_is_a_broken_line(tmp_path):
    path = tmp_path / "r.jsonl"
    deep = '{"id": "deep", "text": "x", "source": ' + "[" * 100_000 + "]" * 100_000 + "}"
    huge = '{"id": "huge", "text": "x", "published": ' + "9" * 5000 + "}"
    good = json.dumps({"id": "ok", "text": FA}, ensure_ascii=False)
    path.write_text("\n".join([deep, huge, good]) + "\n", encoding="utf-8")
    docs, problems = read_all(path)
    assert [d["id"] for d in docs] == ["ok"]
    assert [p.split(": ")[0] for p in problems] == [f"{path}:1", f"{path}:2"]
    assert all("broken JSON line" in p for p in problems)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1256"])
def test_jsonl_in_utf16_or_windows_1256_is_decoded(tmp_path, encoding):
    lines = [json.dumps({"id": f"r{i}", "text": AR}, ensure_ascii=False) for i in range(3)]
    path = tmp_path / "r.jsonl"
    path.write_bytes("\n".join(lines).encode(encoding))
    docs, problems = read_all(path)
    assert [(d["id"], d["text"]) for d in docs] == [(f"r{i}", AR) for i in range(3)]
    assert problems == ([] if encoding == "utf-16" else [f"{path}: {problems[0].split(': ', 1)[1]}"])
    assert encoding == "utf-16" or "decoded as cp1256" in problems[0]


def test_utf16_jsonl_on_stdin_keeps_its_records():
    data = "\n".join(json.dumps({"id": f"s{i}", "text": FA}, ensure_ascii=False) for i in range(3))
    result = subprocess.run(
        [sys.executable, "-m", "datesync", "extract", "-", "--format", "jsonl", "--published", "2023-11-20"],
        input=data.encode("utf-16"),
        capture_output=True,
        timeout=120,
    )
    ids = {json.loads(line)["doc_id"] for line in result.stdout.decode("utf-8").splitlines()}
    assert ids == {"s0", "s1", "s2"}


def test_closed_stdin_is_said_not_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "datesync", "audit", "-"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),  # the child starts with no stdin at all
    )
    assert result.returncode == 2
    assert "standard input is closed" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_ctrl_c_with_workers_stops_them_all_and_exits_130(tmp_path):
    corpus = _big_corpus(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "datesync", "audit", str(corpus), "--jobs", "2", "--report", str(out), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline, workers = time.time() + 60, []
    while len(workers) < 2 and time.time() < deadline:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the workers never started"
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    time.sleep(0.5)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []
    assert not out.exists() or not list(out.glob("*.part"))


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path):
    (tmp_path / "good.txt").write_text(FA, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    docs, problems = read_all(tmp_path)
    assert [d["id"] for d in docs] == ["good.txt"]
    assert problems == [f"{tmp_path / 'pipe.txt'}: not a regular file (a pipe or device?), skipped"]


def test_one_file_given_twice_is_read_once_and_repeated_ids_are_said(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(FA, encoding="utf-8")
    docs, problems = read_all(path, tmp_path / "." / "r.txt")
    assert len(docs) == 1 and problems == [f"{tmp_path / '.' / 'r.txt'}: given more than once; read once"]
    table = tmp_path / "t.jsonl"
    table.write_text("\n".join(json.dumps({"id": "same", "text": t}) for t in (FA, AR)), encoding="utf-8")
    result = run("audit", str(table), "--fail-on", "never", "--format", "json")
    assert "id 'same' given before; this record is 'same#2'" in result.stderr


def test_a_table_row_without_text_is_named_by_file_and_line(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_text(
        '{"id": "num", "text": 5}\n' + json.dumps({"id": "ok", "text": FA}) + "\n", encoding="utf-8"
    )
    result = run("audit", str(path), "--fail-on", "never")
    assert "input: w.jsonl:1: no text (got int) (id 'num')" in result.stderr
