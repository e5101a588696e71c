"""Real news with hand-checked gold (../shared/realnews, read only when present): the figures the
project is judged by. The set's own scorer does the counting, so these are its numbers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import datesync

REALNEWS = Path(__file__).resolve().parents[3] / "shared" / "realnews"
pytestmark = pytest.mark.skipif(not (REALNEWS / "score.py").exists(), reason="../shared/realnews is absent")


@pytest.fixture(scope="module")
def score():
    spec = importlib.util.spec_from_file_location("realnews_score", REALNEWS / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_dates_found_and_valued_and_no_wrong_value_looks_certain(score):
    found = valued = with_value = false = gold = 0
    wrong = []
    for doc in score._load_corpus():
        mentions = doc["gold"].get("mentions", [])
        day = [m for m in mentions if m.get("granularity", "day") == "day"]
        other = [m for m in mentions if m.get("granularity", "day") != "day"]
        predicted = datesync.extract(doc["text"], published=doc["published"])
        hits, right, n_valued, fp, _ = score.match_doc(doc["text"], day, predicted, ignore=other)
        found, valued, with_value, false, gold = (
            found + hits,
            valued + right,
            with_value + n_valued,
            false + fp,
            gold + len(day),
        )
        for m in day:
            accept = set(m.get("accept") or ([m["value"]] if m.get("value") else []))
            given = {
                p.iso.isoformat() for p in predicted if p.start < m["end"] and m["start"] < p.end and p.iso
            }
            if accept and given and not given & accept:
                wrong.append((doc["id"], m["text"], sorted(given)))
    precision, recall = found / (found + false), found / gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.97
    assert valued / with_value >= 0.94  # 75 of 79 when written; the rest unresolved, with alternatives
    assert wrong == []  # a mention without the right value is left unresolved, never given a wrong one


def test_every_inconsistent_report_flagged_and_no_false_error(score, capsys):
    recall = score.score_audit(datesync)  # 0 when any consistent report gets an error
    printed = capsys.readouterr().out
    assert recall == 1.0, printed
