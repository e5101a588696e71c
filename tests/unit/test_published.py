"""Publication dates as scrapers give them, and the local day a moment falls on (datesync.published)."""

from __future__ import annotations

import datetime as dt

import pytest

from datesync import extract
from datesync.errors import InvalidDate
from datesync.published import parse_published

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("value", "zone", "day", "time"),
    [
        ("1402/08/28 - 23:30", None, "2023-11-19", dt.time(23, 30)),
        ("۱۴۰۲/۰۸/۲۸ ۲۳:۳۰", None, "2023-11-19", dt.time(23, 30)),
        ("2023/11/20", None, "2023-11-20", None),
        ("19/11/2023", None, "2023-11-19", None),
        ("Sun, 19 Nov 2023 21:30:00 GMT", None, "2023-11-19", dt.time(21, 30)),
        ("Sun, 19 Nov 2023 21:30:00 GMT", "Asia/Tehran", "2023-11-20", dt.time(1, 0)),
        ("2023-11-19T21:30:00+00:00", "Asia/Tehran", "2023-11-20", dt.time(1, 0)),
        ("2023-11-19T21:30:00Z", "Asia/Tehran", "2023-11-20", dt.time(1, 0)),
        ("2023-11-19T23:30:00+03:30", None, "2023-11-19", dt.time(23, 30)),  # the writer's own clock
        ("2023-11-19T23:30:00+03:30", "UTC", "2023-11-19", dt.time(20, 0)),
        ("19 Nov 2023 20:00 GMT", "Asia/Tehran", "2023-11-19", dt.time(23, 30)),
        ("۲۹ آبان ۱۴۰۲", None, "2023-11-20", None),
    ],
)
def test_scraper_formats_and_local_days(value, zone, day, time):
    assert parse_published(value, zone) == (D(day), time)


def test_ambiguous_and_unreadable_publication_dates_are_refused_with_a_reason():
    with pytest.raises(InvalidDate, match="2023-10-11 or 2023-11-10"):
        parse_published("10/11/2023")
    with pytest.raises(InvalidDate, match="Solar or lunar Hijri year"):
        parse_published("1402-08-29")
    with pytest.raises(InvalidDate, match="not an IANA time zone"):
        parse_published("2023-11-19T21:30:00Z", "Mars/Olympus")


def test_the_zone_comes_from_the_dateline_city_or_the_source_when_not_given():
    text = "TEHRAN, Nov. 19 (IRNA) - The two ministers spoke by phone today."
    (_, today) = extract(text, published="2023-11-19T21:30:00Z")
    assert today.iso == D("2023-11-20")  # 01:00 on the 20th in Tehran
    (today,) = extract("The two ministers spoke by phone today.", published="2023-11-19T21:30:00Z")
    assert today.iso == D("2023-11-19")  # no zone known: the timestamp's own clock
    (today,) = extract(
        "The two ministers spoke by phone today.", published="2023-11-19T21:30:00Z", timezone="Asia/Tehran"
    )
    assert today.iso == D("2023-11-20")
