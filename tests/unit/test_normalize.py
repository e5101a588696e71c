"""Offsets survive every normalization: marks removed, presentation forms replaced, windows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from datesync import normalize
from datesync.languages import guess as guess_lang
from datesync.normalize import fold, prepare, windows


def test_no_marks_means_no_copy():
    text = "۲۸ آبان ۱۴۰۲"
    assert prepare(text).text is text


def test_removed_marks_map_back_to_original_offsets():
    text = "دیروز\u200f ۲۸ آ\u0640بَان"
    p = prepare(text)
    assert p.text == "دیروز ۲۸ آبان"
    start = p.text.index("۲۸")
    assert text[p.start(start) : p.end(len(p.text))] == "۲۸ آ\u0640بَان"


def test_presentation_forms_become_letters():
    text = "ﺁﺑﺎﻥ"  # legacy PDF glyphs for آبان
    p = prepare(text)
    assert fold(p.text) == fold("آبان")
    assert (p.start(0), p.end(len(p.text))) == (0, len(text))


def test_windows_cover_the_text_exactly_and_cut_at_line_breaks():
    text = ("خط اول\n" * 1000) + "آخر"
    pieces = list(windows(text, size=500))
    assert len(pieces) > 1
    assert "".join(p.original for _, p in pieces) == text
    assert all(text[offset : offset + len(p.original)] == p.original for offset, p in pieces)
    assert all(p.original.endswith("\n") for _, p in pieces[:-1])


def test_fold_joins_variants():
    assert fold("كانون الأول") == fold("کانون الاول") == fold("كانون‌الأول")
    assert fold("November") == fold("NOVEMBER") == "november"
    assert fold("۱٤0۲") == "1402"


def test_guess_lang():
    assert guess_lang("وزیر امور خارجه گفت") == "fa"
    assert guess_lang("قال وزير الخارجية") == "ar"
    assert guess_lang("The minister said") == "en"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("يكىةۀأإآٱ٠١٢۳۴5ABCİIıßǅΣﻻﺍ\u200cی ک‌ ") | st.characters(), max_size=40)
)
def test_fold_letters_is_the_letter_table_applied_in_place(text):
    """fold_letters (a class scan with substitutions) equals str.translate with the letter table,
    lowercased, and keeps every offset."""
    table = {c: ch for c, ch in normalize._tables()[0].items() if ch is not None and len(ch) == 1}
    translated = text.translate(table)
    expected = translated.lower()
    if len(expected) != len(text):
        expected = "".join(ch.lower()[:1] or ch for ch in translated)
    assert normalize.fold_letters(text) == expected
    assert len(expected) == len(text)
