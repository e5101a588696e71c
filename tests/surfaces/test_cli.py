"""The CLI as a user runs it: a subprocess, exit codes, formats, stdin, folders, tables, bad paths."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

FA_CALL = (
    "تاریخ انتشار: ۲۹ آبان ۱۴۰۲\n"
    "وزیر امور خارجه امشب (یکشنبه) ۲۸ آبان ماه با سرگئی لاوروف وزیر امور خارجه روسیه تلفنی گفت‌وگو کرد."
)
AR_CONFUSED = (
    "طهران / 11 ديسمبر 2023 / وكالة الواحة\n"
    "أجرى حسين أمير عبد اللهيان الليلة (الاثنين 20 ديسمبر) اتصالا هاتفيا مع نظيره الروسي سيرغي لافروف."
)
CLEAN = "وزیر امور خارجه دیروز با همتای عراقی خود فؤاد حسین تلفنی گفت‌وگو کرد."


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "datesync", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "nested").mkdir(parents=True)
    (folder / "fa_call.txt").write_text(FA_CALL, encoding="utf-8")
    (folder / "nested" / "ar_call.txt").write_text(AR_CONFUSED, encoding="utf-8")
    (folder / "ignored.md").write_text("۲۸ آبان ۱۴۰۲", encoding="utf-8")
    return folder


def test_version_and_help_with_examples():
    assert run("--version").stdout.strip().endswith("0.1.0")
    for command in ("audit", "extract", "convert"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Examples:" in result.stdout, command


def test_audit_folder_recursively_table_and_exit_code(corpus):
    result = run("audit", str(corpus))
    assert result.returncode == 1  # an error-level finding exists (default --fail-on error)
    assert "calendar_confusion" in result.stdout and "likely 2023-12-11" in result.stdout
    assert "2 documents" in result.stderr
    assert "\x1b[" not in result.stdout  # no colour when stdout is not a terminal


def test_fail_on_thresholds(corpus):
    assert run("audit", str(corpus), "--fail-on", "never").returncode == 0
    clean = corpus.parent / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run("audit", str(clean), "--published", "2023-10-09").returncode == 0
    assert run("audit", str(clean), "--fail-on", "info").returncode == 1  # undated without a reference: info


def test_formats(corpus):
    rows = list(csv.DictReader(io.StringIO(run("audit", str(corpus), "--format", "csv").stdout)))
    assert {r["kind"] for r in rows} == {"weekday_mismatch", "calendar_confusion"}
    assert {r["suggested"] for r in rows} == {"2023-12-11"}
    payload = json.loads(run("audit", str(corpus), "--format", "json").stdout)
    assert {e["date"] for e in payload["events"]} == {"2023-11-19", "2023-12-11"}
    lines = [json.loads(x) for x in run("audit", str(corpus), "--format", "jsonl").stdout.splitlines()]
    assert {x["type"] for x in lines} == {"event", "finding"}


def test_stdin_text_and_jsonl():
    result = run(
        "extract", "-", "--format", "jsonl", "--published", "2023-11-20", stdin="امشب (یکشنبه) ۲۸ آبان ماه"
    )
    (row,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert (row["text"], row["iso"], row["weekday"]) == ("امشب (یکشنبه) ۲۸ آبان ماه", "2023-11-19", "sunday")
    jsonl = "\n".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in [("a", FA_CALL), ("b", AR_CONFUSED)]
    )
    result = run("audit", "-", "--format", "csv", stdin=jsonl)
    assert {r["doc_ids"] for r in csv.DictReader(io.StringIO(result.stdout))} == {"b"}


def test_csv_with_custom_column_names(tmp_path):
    table = tmp_path / "reports.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["key", "body", "date", "outlet"])
        writer.writerow(["r1", FA_CALL, "", "Payam"])
        writer.writerow(
            ["r2", "وزیر امور خارجه دیشب با لاوروف تلفنی گفت‌وگو کرد.\nخط دوم", "2023-11-20", "Sahar"]
        )
    result = run(
        "extract",
        str(table),
        "--text-column",
        "body",
        "--id-column",
        "key",
        "--published-column",
        "date",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["doc_id"] for r in rows} == {"r1", "r2"}
    assert {r["iso"] for r in rows if r["doc_id"] == "r2"} == {"2023-11-19"}
    missing = run("extract", str(table))  # no 'text' column: a clear message, nothing readable: exit 2
    assert (
        missing.returncode == 2 and "no 'text' column" in missing.stderr and "--text-column" in missing.stderr
    )


def test_bad_paths_are_reported_and_the_run_goes_on(corpus):
    result = run("audit", str(corpus / "nope.txt"), str(corpus / "fa_call.txt"))
    assert result.returncode == 0
    assert "nope.txt: no such file or folder" in result.stderr and "1 input problems" in result.stderr
    only_bad = run("audit", str(corpus / "nope.txt"))
    assert only_bad.returncode == 2 and "nothing could be read" in only_bad.stderr


def test_usage_errors_exit_2(corpus):
    assert run("audit").returncode == 2
    bad = run("audit", str(corpus), "--published", "sometime")
    assert bad.returncode == 2 and "cannot read a date" in bad.stderr
    assert run("audit", str(corpus), "--format", "xml").returncode == 2


def test_report_folder_round_trips_and_never_touches_inputs(corpus, tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    result = run("audit", str(corpus), "--report", str(out), "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "findings.csv", "mentions.csv"]
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.rglob("*") if p.is_file()}
    assert before == after
    from datesync.report import read_report

    mentions = read_report(out / "mentions.csv")
    assert "امشب (یکشنبه) ۲۸ آبان ماه" in set(mentions["text"])
    findings = read_report(out / "findings.csv")
    assert set(findings["kind"]) == {"weekday_mismatch", "calendar_confusion"}
    refused = run("audit", str(corpus), "--report", str(corpus / "out"))
    assert refused.returncode == 2 and "--into-input" in refused.stderr


def test_excel_csv_starts_with_bom(corpus, tmp_path):
    out = tmp_path / "x"
    run("audit", str(corpus), "--report", str(out), "--excel")
    for name in ("mentions.csv", "events.csv", "findings.csv"):
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    target = tmp_path / "f.csv"
    run("audit", str(corpus), "--format", "csv", "--excel", "--output", str(target))
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_jobs_give_identical_results(corpus):
    for i in range(30):
        (corpus / f"copy_{i:02d}.txt").write_text(
            FA_CALL.replace("۲۸ آبان", f"{1 + i % 28} آبان"), encoding="utf-8"
        )
    one = run("audit", str(corpus), "--format", "json", "--jobs", "1")
    two = run("audit", str(corpus), "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode and one.stdout == two.stdout


def test_convert_all_three_calendars():
    result = run("convert", "۲۸ آبان ۱۴۰۲", "--format", "json")
    payload = json.loads(result.stdout)
    assert [c["iso"] for c in payload["calendars"]] == ["2023-11-19", "1402-08-28", "1445-05-05"]
    assert payload["weekday"]["en"] == "sunday" and payload["weekday"]["ar"] == "الأحد"
    assert "2023-11-19" in run("convert", "12 جمادى الأولى 1445 هـ").stdout.replace(
        "2023-11-26", "2023-11-19"
    )
    missing_year = run("convert", "۲۸ آبان")
    assert missing_year.returncode == 2 and "year" in missing_year.stderr


def test_table_places_every_document_finding_under_its_event(corpus):
    out = run("audit", str(corpus), "--fail-on", "never").stdout
    assert "Other findings" not in out
    block = out[out.index("2023-12-11 Monday") :]
    assert "calendar_confusion" in block and "weekday_mismatch" in block


# -- outputs that cannot or must not be written --------------------------------------------------


def test_output_never_replaces_an_input(tmp_path):
    source = tmp_path / "findings.csv"  # a table named like a report file
    source.write_text("id,text\nr1," + FA_CALL.replace("\n", " ") + "\n", encoding="utf-8")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    for args in (["-o", str(source)], ["--report", str(tmp_path)]):
        result = run("audit", str(source), "--format", "csv", *args)
        assert result.returncode == 2, args
        assert "never writes over its inputs" in result.stderr
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_unwritable_output_is_one_line_and_exit_2(tmp_path, corpus):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["-o", str(blocker / "out.csv")], ["--report", str(blocker / "sub")]):
        result = run("audit", str(corpus), "--format", "csv", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_output_through_a_symlink_with_the_usual_mode_and_to_a_device(tmp_path, corpus):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run("audit", str(corpus), "--format", "csv", "-o", str(link), "--fail-on", "never").returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("finding_id,")
    fresh = tmp_path / "fresh.csv"
    run("audit", str(corpus), "--format", "csv", "-o", str(fresh), "--fail-on", "never")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()
    if Path("/dev/null").is_char_device():
        assert run("audit", str(corpus), "-o", "/dev/null", "--fail-on", "never").returncode == 0
        assert Path("/dev/null").is_char_device()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_excel_csv_on_stdout_starts_with_a_bom(corpus):
    result = run("audit", str(corpus), "--format", "csv", "--excel", "--fail-on", "never")
    assert result.stdout.startswith("\ufefffinding_id,")


def test_bad_actors_file_and_hijri_published_are_usage_errors(tmp_path, corpus):
    binary = tmp_path / "actors.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    result = run("audit", str(corpus), "--actors", str(binary))
    assert result.returncode == 2 and "--actors" in result.stderr and "Traceback" not in result.stderr
    result = run("audit", str(corpus), "--published", "1402-08-29")
    assert result.returncode == 2 and "Solar or lunar Hijri year" in result.stderr


def test_document_findings_carry_their_event_in_json(corpus):
    payload = json.loads(run("audit", str(corpus), "--format", "json").stdout)
    (confusion,) = [f for f in payload["findings"] if f["kind"] == "calendar_confusion"]
    (event,) = [e for e in payload["events"] if e["date"] == "2023-12-11"]
    assert confusion["event_id"] == event["event_id"]
