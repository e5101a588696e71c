"""The candidate finder is exact: the tokenizer's matches are those of the lexicon pattern run at
every position, on text that mixes letters, digits, marks, ZWNJ and presentation forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datesync import candidates
from datesync.normalize import prepare
from datesync.scan import lexicon

SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA = Path(__file__).resolve().parents[2] / "data" / "samples"


def both(text: str) -> tuple[list, list]:
    lex = lexicon()
    fast = [(m.span(), m.groupdict()) for m in candidates.matches(lex.pattern, lex.starts, text)]
    reference = [(m.span(), m.groupdict()) for m in lex.pattern.finditer(text)]
    return fast, reference


# pieces a report is made of, and the characters that trip tokenizers
PIECES = [
    "یکشنبه",
    "سه‌شنبه",
    "سهشنبه",
    "آبان",
    "آبانماه",
    "ماه",
    "۲۸",
    "1402/08/29",
    "٢٦",
    "تشرين الاول",
    "/اكتوبر",
    "الاثنين",
    "والاثنين",
    "فاليوم",
    "المقبل",
    "قبل يومين",
    "منذ 3 أيام",
    "دو روز پیش",
    "امشب",
    "Aban",
    "Monday",
    "the day before yesterday",
    "two days ago",
    "May",
    "Nov.",
    "ه.ش",
    "هـ",
    "م",
    "كانون 2",
    "Ocak",
    "Mayıs",
    "İstanbul",
    "ﻻ",
    "ﺍﻟﻴﻮﻡ",
    "َ",
    "ّ",
    "\u200c",
    "\u200f",
    "\u00a0",
    "\u3000",
    "«",
    "»",
    "(",
    ")",
    ".",
    ",",
    "،",
    "-",
    "—",
    "\n",
    " ",
    "  ",
    "x",
    "در",
    "the",
    "a",
    "28",
    "2023",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40))
def test_same_matches_as_the_pattern_everywhere(pieces):
    text = "".join(pieces)
    fast, reference = both(text)
    assert fast == reference


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(["", " ", "\u200c", ".", "۱"]))
def test_same_matches_with_pieces_glued(pieces, glue):
    text = glue.join(pieces)
    fast, reference = both(prepare(text).text)
    assert fast == reference


def test_words_glued_to_digits_and_proclitics_are_found():
    fast, reference = both("28آبان و۲۹آبان‌ماه والاثنين")
    assert fast == reference
    assert [span for span, _ in fast] == [(0, 2), (2, 6), (8, 10), (10, 18), (19, 27)]  # و is in the match
    assert fast[-1][1]["word"] == "الاثنين"


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))] if folder.is_dir() else []


@pytest.mark.parametrize("folder", [DATA, SHARED / "seeds", SHARED / "realnews"], ids=lambda p: p.name)
def test_same_matches_on_corpora(folder):
    texts = _texts(folder)
    if not texts:
        pytest.skip(f"{folder} is not present")
    for text in texts:
        text = prepare(text).text
        fast, reference = both(text)
        assert fast == reference


def test_a_chunk_is_classified_once():
    starts = lexicon().starts
    word = "ژرفاندیشی۱۲۳۴"
    starts.known.discard(word)
    assert list(starts.positions(f"{word} {word}")) == [9, 23]  # the digits; no letter run starts an entry
    assert word in starts.known
    assert starts.hits[word] == (9,)
