"""Tables as scrapers and spreadsheets write them: ; or tab delimiters, UTF-16 whatever the suffix,
a table saved as .txt, several text columns joined (title first)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from datesync import extract, inputs

FA = (
    "تاریخ انتشار: ۲۹ آبان ۱۴۰۲\n"
    "وزیر امور خارجه امشب (یکشنبه) ۲۸ آبان ماه با سرگئی لاوروف، وزیر امور خارجه روسیه؛ تلفنی گفت‌وگو کرد."
)
AR = "أجرى وزير الخارجية الإيراني يوم الاثنين 11 ديسمبر 2023 اتصالا هاتفيا مع نظيره الروسي، سيرغي لافروف; وقال."
NO_BOM = "UTF-16 without a BOM; decoded as utf-16-le"
HEADER = ["id", "title", "body", "published"]
ROWS = [["r1", "رایزنی تلفنی", FA, "2023-11-20"], ["r2", "", AR, ""], ["r3", "Title, only", "", ""]]


def table(delimiter: str, header: list[str] = HEADER, rows: list[list[str]] = ROWS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def read(path: Path, **columns) -> tuple[list[dict], list[str]]:
    problems: list[str] = []
    reading = inputs.Reading(lambda e: problems.append(str(e)))
    return list(inputs.read([str(path)], inputs.Columns(**columns), reading)), problems


def run(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "datesync", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding"),
    [
        ("semicolon.csv", ";", "utf-8"),
        ("tab.csv", "\t", "utf-8"),
        ("pipe.csv", "|", "utf-8-sig"),
        ("comma.csv", ",", "utf-8"),
        ("excel.tsv", "\t", "utf-16"),
        ("excel.csv", ";", "utf-16"),
        ("nobom.csv", "\t", "utf-16-le"),
    ],
)
def test_delimiter_and_utf16_are_read_off_the_file(tmp_path, name, delimiter, encoding):
    path = tmp_path / name
    path.write_bytes(table(delimiter).encode(encoding))
    docs, problems = read(path, text="body")
    assert [d["id"] for d in docs] == ["r1", "r2", "r3"]
    assert docs[0]["text"] == FA and docs[1]["text"] == AR and docs[0]["published"] == "2023-11-20"
    assert problems == ([] if encoding != "utf-16-le" else [f"{path}: {NO_BOM}"])


def test_delimiter_option_overrides_the_guess(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(table(";", ["id", "text"], [["a", FA], ["b", AR]]), encoding="utf-8")
    docs, problems = read(path, delimiter=";")
    assert [d["text"] for d in docs] == [FA, AR] and not problems
    docs, problems = read(path, delimiter="|")  # wrong on purpose: the header is one column "id;text"
    assert docs == [] and "no 'text' column (columns: id;text)" in problems[0]
    result = run("extract", str(path), "--delimiter", "tab", "--format", "csv")
    assert result.returncode == 2 and "no 'text' column" in result.stderr  # nothing readable
    result = run("extract", str(path), "--delimiter", ";;")
    assert result.returncode == 2 and "one character" in result.stderr


def test_one_column_table_keeps_commas_in_its_text(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("text\n" + "\n".join(f'"{t}"' for t in (FA, AR)) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert [d["text"] for d in docs] == [FA, AR] and not problems


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8"])
def test_a_table_saved_as_txt_is_read_as_a_table(tmp_path, encoding):
    path = tmp_path / "export.txt"  # Excel's "Unicode text": UTF-16, tab-separated
    rows = [["a", FA, "2023-11-20"], ["b", AR, ""]]
    path.write_bytes(table("\t", ["id", "text", "published"], rows).encode(encoding))
    docs, problems = read(path)
    assert [(d["id"], d["text"]) for d in docs] == [("a", FA), ("b", AR)]
    assert problems == ([] if encoding != "utf-16-le" else [f"{path}: {NO_BOM}"])


def test_a_table_as_txt_without_the_text_column_is_said_and_read_as_text(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(table("\t").encode("utf-16"))
    docs, problems = read(path)
    assert len(docs) == 1 and docs[0]["id"] == "export.txt"
    assert problems == [
        f"{path}: looks like a tab-separated table (columns: id, title, body, published) without a 'text' "
        "column; read as one text (name its text column with --text-column to read it as a table)"
    ]
    docs, problems = read(path, text=("title", "body"))
    assert [d["id"] for d in docs] == ["r1", "r2", "r3"] and not problems


def test_news_reports_are_not_mistaken_for_tables():
    samples = sorted((Path(__file__).resolve().parents[2] / "data" / "samples").glob("*.txt"))
    for sample in samples:
        docs, problems = read(sample)
        assert len(docs) == 1 and docs[0]["id"] == sample.name and not problems
    english = "Iran, Russia discuss Gaza\nThe ministers, who spoke, agreed.\nThey said, again, more.\n"
    assert inputs._table_in_text(english.encode(), True, inputs.Columns()) is None


def test_text_columns_are_joined_title_first_with_offsets_into_the_joined_text(tmp_path):
    path = tmp_path / "scraped.csv"
    path.write_text(table(";"), encoding="utf-8")
    docs, problems = read(path, text=("title", "body"))
    assert not problems
    assert [d["text"] for d in docs] == ["رایزنی تلفنی\n\n" + FA, AR, "Title, only"]  # blanks skipped
    result = run("extract", str(path), "--text-column", "title", "--text-column", "body", "--format=json")
    rows = json.loads(result.stdout)
    joined = {d["id"]: d["text"] for d in docs}
    assert {r["doc_id"] for r in rows} == {"r1", "r2"}
    for row in rows:
        assert joined[row["doc_id"]][row["start"] : row["end"]] == row["text"]
    assert any(r["text"] == "امشب (یکشنبه) ۲۸ آبان ماه" and r["iso"] == "2023-11-19" for r in rows)


def test_a_missing_text_column_is_named(tmp_path):
    path = tmp_path / "scraped.csv"
    path.write_text(table(";"), encoding="utf-8")
    docs, problems = read(path, text=("headline", "body"))
    assert docs == [] and problems == [
        f"{path}:1: no 'headline' column (columns: id, title, body, published); name it with --text-column "
        "(and the delimiter with --delimiter)"
    ]


def test_text_columns_joined_in_jsonl_and_parquet(tmp_path):
    records = [{"id": "j1", "title": "عنوان", "body": FA}, {"id": "j2", "body": AR}, {"id": "j3", "x": "y"}]
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    docs, problems = read(jsonl, text=("title", "body"))
    assert [d["text"] for d in docs] == ["عنوان\n\n" + FA, AR]
    assert problems == [f"{jsonl}:3: no 'title' field"]
    pd = pytest.importorskip("pandas")
    parquet = tmp_path / "r.parquet"
    pd.DataFrame(records[:2]).to_parquet(parquet)
    docs, problems = read(parquet, text=("title", "body"))
    assert [d["text"] for d in docs] == ["عنوان\n\n" + FA, AR] and not problems
    dates = [m.iso for m in extract(docs[0]["text"]) if m.iso]
    assert dates and dates[0].isoformat() == "2023-11-20"
