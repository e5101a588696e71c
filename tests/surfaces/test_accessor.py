"""The pandas accessor on real frames: typed columns, the source index kept, the input untouched."""

from __future__ import annotations

import pandas as pd
import pytest

import datesync.pandas  # noqa: F401  (registers .datesync)

FA = "وزیر امور خارجه امشب (یکشنبه) ۲۸ آبان ماه با سرگئی لاوروف تلفنی گفت‌وگو کرد."
AR = "أجرى أمير عبد اللهيان الليلة (الاثنين 20 ديسمبر) اتصالا هاتفيا مع نظيره الروسي سيرغي لافروف."
EN = "Amir-Abdollahian spoke by phone with Sergei Lavrov on Sunday, November 19, 2023."


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "body": [FA, AR, None, "no dates here", EN],
            "pub": ["2023-11-20", "2023-12-11", None, None, "2023-11-20"],
            "outlet": ["Payam", "Al-Waha", "x", "y", "Gulf Wire"],
        },
        index=pd.Index([101, 102, 103, 104, 105], name="row"),
    )


def test_extract_long_frame_with_dtypes_and_index(frame):
    before = frame.copy(deep=True)
    out = frame.datesync.extract(text="body", published="pub")
    pd.testing.assert_frame_equal(frame, before)  # never mutates the caller's frame
    assert list(out.index) == [101, 102, 105] and out.index.name == "row"
    assert str(out["iso"].dtype) == "datetime64[s]"
    assert str(out["year"].dtype) == "Int64" and str(out["start"].dtype) == "Int64"
    assert isinstance(out["calendar"].dtype, pd.CategoricalDtype)
    assert out["text"].dtype == "string"
    assert out.loc[101, "iso"] == pd.Timestamp("2023-11-19")
    assert out.loc[102, "problems"] == "weekday_mismatch;calendar_confusion"
    assert out.loc[102, "suggested"] == pd.Timestamp("2023-12-11")
    assert out.loc[105, "iso"] == pd.Timestamp("2023-11-19")
    assert set(out["doc_id"]) == {"101", "102", "105"}


def test_extract_published_may_be_one_value(frame):
    out = frame.datesync.extract(text="body", published="2023-11-20")
    assert out.loc[101, "iso"] == pd.Timestamp("2023-11-19")


def test_missing_column_is_a_key_error_naming_it(frame):
    with pytest.raises(KeyError, match="'text'"):
        frame.datesync.extract()
    with pytest.raises(KeyError, match="'nope'"):
        frame.datesync.audit(text="body", source="nope")
    with pytest.raises(KeyError, match=r"'pub_dat'.* neither a column"):  # a typo, not a date
        frame.datesync.extract(text="body", published="pub_dat")


def test_audit_frames(frame):
    before = frame.copy(deep=True)
    result = frame.datesync.audit(text="body", published="pub", source="outlet")
    pd.testing.assert_frame_equal(frame, before)
    events = result.events
    assert set(events["date"].dropna()) == {pd.Timestamp("2023-11-19"), pd.Timestamp("2023-12-11")}
    call = events[events["date"] == pd.Timestamp("2023-11-19")].iloc[0]
    assert call["reports"] == 2 and call["sources"] == "Gulf Wire;Payam"
    assert call["date_jalali"] == "1402-08-28"
    assert set(result.findings["kind"]) >= {"weekday_mismatch", "calendar_confusion"}
    assert str(result.findings["suggested"].dtype) == "datetime64[s]"
    assert list(result.mentions.columns)[:3] == ["doc_id", "start", "end"]


def test_series_to_iso():
    s = pd.Series(
        [
            "۲۹ آبان ۱۴۰۲",
            "2023-11-20",
            "12 جمادى الأولى 1445 هـ",
            "hello",
            None,
            "۲۹ آبان ۱۴۰۲ - 2023 November 20",
            "۲۸ آبان ۱۴۰۲ و ۲۹ آبان ۱۴۰۲",
        ],
        name="when",
        index=list("abcdefg"),
    )
    out = s.datesync.to_iso()
    assert out.dtype == "datetime64[s]" and out.name == "when" and list(out.index) == list("abcdefg")
    assert list(out) == [
        pd.Timestamp("2023-11-20"),
        pd.Timestamp("2023-11-20"),
        pd.Timestamp("2023-11-26"),
        pd.NaT,
        pd.NaT,
        pd.Timestamp("2023-11-20"),
        pd.NaT,
    ]


def test_empty_frame_keeps_the_schema():
    out = pd.DataFrame({"text": pd.Series([], dtype=object)}).datesync.extract()
    assert len(out) == 0 and str(out["iso"].dtype) == "datetime64[s]"


def test_series_to_iso_resolves_relative_words_from_published():
    s = pd.Series(["امروز", "دیروز", "اليوم", "yesterday", "Monday", "۲۸ آبان و امروز", "۲۸ آبان ۱۴۰۲"])
    out = s.datesync.to_iso(published="2023-11-20")  # a Monday
    assert list(out) == [
        pd.Timestamp("2023-11-20"),
        pd.Timestamp("2023-11-19"),
        pd.Timestamp("2023-11-20"),
        pd.Timestamp("2023-11-19"),
        pd.Timestamp("2023-11-20"),
        pd.NaT,  # two days named: not one date
        pd.Timestamp("2023-11-19"),
    ]
    assert out.isna().sum() == 1
    assert s.datesync.to_iso().isna().sum() == 6  # without a reference only the full date resolves
    per_row = pd.Series(["2023-11-20", "2023-12-11"], index=[0, 1])
    out = s.iloc[:2].datesync.to_iso(published=per_row)  # one reference per row, aligned by index
    assert list(out) == [pd.Timestamp("2023-11-20"), pd.Timestamp("2023-12-10")]
