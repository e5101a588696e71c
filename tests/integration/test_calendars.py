"""Calendar arithmetic against ground truth, never against values datesync computes itself.

Solar Hijri: ../shared/calendar/nowruz.csv is the official table of year starts (skipped without it),
plus published facts that always run. Lunar Hijri: Umm al-Qura as implemented by hijridate, with
anchors known independently (Saudi-announced Ramadan, Eid and New Year dates). The round trips walk
every day of the covered ranges; they take well under a second each.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datesync import InvalidDate, OutOfRange, calendars, extract
from datesync.model import Calendar, Resolution
from tests.conftest import CALENDAR

D = dt.date
ONE_DAY = dt.timedelta(days=1)

# Umm al-Qura as implemented by hijridate: 1 Muharram 1343 .. 30 Dhu al-Hijjah 1500.
HIJRI_FIRST_DAY = D(1924, 8, 1)
HIJRI_LAST_DAY = D(2077, 11, 16)
# hijridate's Umm al-Qura data (the historical printed calendars) has a few months of 28 or 31 days,
# all before 1365 AH; datesync follows the reference, so these are expected, not errors.
HIJRIDATE_IRREGULAR_MONTHS = {
    (1343, 9): 28,
    (1345, 5): 31,
    (1345, 8): 28,
    (1348, 11): 31,
    (1348, 12): 28,
    (1349, 10): 28,
    (1349, 11): 31,
    (1364, 8): 28,
}


# --------------------------------------------------------------------------- the official table


def _nowruz_rows() -> dict[int, tuple[dt.date, bool]]:
    path = CALENDAR / "nowruz.csv"
    if not path.is_file():
        pytest.skip("../shared/calendar/nowruz.csv is not present")
    with path.open(encoding="utf-8", newline="") as f:
        rows = {
            int(r["sh_year"]): (D.fromisoformat(r["gregorian_of_1_farvardin"]), r["leap"] == "true")
            for r in csv.DictReader(f)
        }
    assert set(rows) == set(range(1200, 1601)), "nowruz.csv should cover 1200-1600 exactly"
    return rows


@pytest.fixture(scope="module")
def nowruz_table() -> dict[int, tuple[dt.date, bool]]:
    return _nowruz_rows()


@pytest.fixture(params=[(1300, 1500), (1200, 1600)], ids=["1300-1500", "1200-1600"])
def table_years(request, nowruz_table) -> list[int]:
    first, last = request.param
    return [y for y in sorted(nowruz_table) if first <= y <= last]


def test_table_is_self_consistent(nowruz_table):
    """Sanity check of the ground truth itself: leap == 366 days to the next 1 Farvardin."""
    for year in range(1200, 1600):
        length = (nowruz_table[year + 1][0] - nowruz_table[year][0]).days
        assert length == (366 if nowruz_table[year][1] else 365), year


def test_first_of_farvardin_matches_table(nowruz_table, table_years):
    wrong = {
        y: (calendars.jalali_to_gregorian(y, 1, 1), nowruz_table[y][0])
        for y in table_years
        if calendars.jalali_to_gregorian(y, 1, 1) != nowruz_table[y][0]
    }
    assert wrong == {}


def test_leap_years_match_table(nowruz_table, table_years):
    wrong = {y: nowruz_table[y][1] for y in table_years if calendars.jalali_is_leap(y) != nowruz_table[y][1]}
    assert wrong == {}


def test_30_esfand_exists_exactly_in_leap_years(nowruz_table, table_years):
    for year in table_years:
        start, leap = nowruz_table[year]
        if leap:
            # The day before the next year's 1 Farvardin (1601 is not in the table: 1600 is common).
            assert year + 1 in nowruz_table
            assert calendars.jalali_to_gregorian(year, 12, 30) == nowruz_table[year + 1][0] - ONE_DAY, year
        else:
            with pytest.raises(InvalidDate):
                calendars.jalali_to_gregorian(year, 12, 30)
            # and the real last day, 29 Esfand, is the day before the next Nowruz
            last_day = start + dt.timedelta(days=364)
            assert calendars.jalali_to_gregorian(year, 12, 29) == last_day, year


def test_gregorian_of_nowruz_is_first_of_farvardin(nowruz_table, table_years):
    wrong = {
        y: calendars.gregorian_to_jalali(nowruz_table[y][0])
        for y in table_years
        if calendars.gregorian_to_jalali(nowruz_table[y][0]) != (y, 1, 1)
    }
    assert wrong == {}
    # and the day before is the last day of the previous year (29 or 30 Esfand from the table)
    for y in table_years:
        if y - 1 in nowruz_table:
            expected_last = 30 if nowruz_table[y - 1][1] else 29
            assert calendars.gregorian_to_jalali(nowruz_table[y][0] - ONE_DAY) == (y - 1, 12, expected_last)


def test_first_of_january_from_table(nowruz_table):
    """1 January is 10, 11 or 12 Dey: 286 days after a 21 March Nowruz is 11 Dey (no Feb 29 between)."""
    seen = set()
    for year in range(1200, 1601):
        start = nowruz_table[year][0]
        expected_day = 11 + (21 - start.day)  # Nowruz on 20/21/22 March -> 12/11/10 Dey
        assert calendars.gregorian_to_jalali(D(start.year + 1, 1, 1)) == (year, 10, expected_day), year
        assert calendars.jalali_to_gregorian(year, 10, expected_day) == D(start.year + 1, 1, 1), year
        seen.add(expected_day)
    assert seen == {10, 11, 12}


def test_where_jdatetime_is_wrong_datesync_follows_the_table(nowruz_table):
    """jdatetime's 33-year cycle makes 1502 leap and starts 1503 on 2124-03-21; the table says
    1502 is common and 1503 starts on 2124-03-20 (and is itself leap)."""
    jdatetime = pytest.importorskip("jdatetime")
    assert jdatetime.date(1502, 1, 1).isleap() is True  # documents the library's error
    assert jdatetime.date(1503, 1, 1).togregorian() == D(2124, 3, 21)

    assert nowruz_table[1502] == (D(2123, 3, 21), False)
    assert nowruz_table[1503] == (D(2124, 3, 20), True)
    assert calendars.jalali_is_leap(1502) is False
    assert calendars.jalali_is_leap(1503) is True
    assert calendars.jalali_to_gregorian(1502, 1, 1) == D(2123, 3, 21)
    assert calendars.jalali_to_gregorian(1503, 1, 1) == D(2124, 3, 20)
    assert calendars.jalali_to_gregorian(1502, 12, 29) == D(2124, 3, 19)
    with pytest.raises(InvalidDate):
        calendars.jalali_to_gregorian(1502, 12, 30)
    assert calendars.jalali_to_gregorian(1503, 12, 30) == D(2125, 3, 20)
    assert calendars.jalali_to_gregorian(1504, 1, 1) == D(2125, 3, 21)
    assert calendars.gregorian_to_jalali(D(2124, 3, 20)) == (1503, 1, 1)
    assert calendars.gregorian_to_jalali(D(2125, 3, 20)) == (1503, 12, 30)


# --------------------------------------------------------------------------- facts that always run


def test_1403_is_leap_and_1404_starts_on_21_march_2025():
    assert calendars.jalali_is_leap(1403)
    assert calendars.jalali_to_gregorian(1403, 1, 1) == D(2024, 3, 20)
    assert calendars.jalali_to_gregorian(1403, 12, 30) == D(2025, 3, 20)
    assert calendars.jalali_to_gregorian(1404, 1, 1) == D(2025, 3, 21)
    assert calendars.gregorian_to_jalali(D(2025, 3, 20)) == (1403, 12, 30)
    assert calendars.gregorian_to_jalali(D(2025, 3, 21)) == (1404, 1, 1)


def test_five_year_gap_between_1403_and_1408():
    assert [calendars.jalali_is_leap(y) for y in range(1403, 1409)] == [
        True,
        False,
        False,
        False,
        False,
        True,
    ]
    with pytest.raises(InvalidDate):
        calendars.jalali_to_gregorian(1407, 12, 30)
    assert calendars.jalali_to_gregorian(1407, 12, 29) == D(2029, 3, 19)
    assert calendars.jalali_to_gregorian(1408, 1, 1) == D(2029, 3, 20)
    assert calendars.jalali_to_gregorian(1408, 12, 30) == D(2030, 3, 20)


@pytest.mark.parametrize("year", [1399, 1402, 1403, 1404, 1407, 1408])
def test_month_lengths(year):
    expected = [31] * 6 + [30] * 5 + [30 if year in (1399, 1403, 1408) else 29]
    assert [calendars.jalali_month_length(year, m) for m in range(1, 13)] == expected
    assert [calendars.month_length(Calendar.JALALI, year, m) for m in range(1, 13)] == expected
    for month, length in enumerate(expected, start=1):
        calendars.jalali_to_gregorian(year, month, length)  # the last day exists
        with pytest.raises(InvalidDate):
            calendars.jalali_to_gregorian(year, month, length + 1)


def test_31_mehr_is_rejected_not_rolled_over():
    with pytest.raises(InvalidDate, match="Mehr"):
        calendars.jalali_to_gregorian(1402, 7, 31)
    assert calendars.jalali_to_gregorian(1402, 7, 30) == D(2023, 10, 22)
    assert calendars.jalali_to_gregorian(1402, 8, 1) == D(2023, 10, 23)
    assert calendars.jalali_to_gregorian(1402, 6, 31) == D(2023, 9, 22)


@pytest.mark.parametrize(
    ("gregorian", "jalali"),
    [
        (D(2020, 1, 1), (1398, 10, 11)),
        (D(2023, 1, 1), (1401, 10, 11)),
        (D(2024, 1, 1), (1402, 10, 11)),
        (D(2025, 1, 1), (1403, 10, 12)),  # Nowruz 1403 fell on 20 March
        (D(2029, 1, 1), (1407, 10, 12)),  # Nowruz 1407 falls on 20 March 2028
        (D(1824, 1, 1), (1202, 10, 10)),  # Nowruz 1202 fell on 22 March 1823
        (D(2220, 1, 1), (1598, 10, 10)),  # Nowruz 1598 falls on 22 March 2219
    ],
)
def test_first_of_january_in_dey(gregorian, jalali):
    assert calendars.gregorian_to_jalali(gregorian) == jalali
    assert calendars.jalali_to_gregorian(*jalali) == gregorian


def test_other_well_known_solar_hijri_dates():
    assert calendars.jalali_to_gregorian(1357, 11, 22) == D(1979, 2, 11)  # 22 Bahman 1357
    assert calendars.jalali_to_gregorian(1400, 1, 1) == D(2021, 3, 21)
    assert calendars.gregorian_to_jalali(D(2000, 1, 1)) == (1378, 10, 11)


@pytest.mark.parametrize("year", [1199, 1601])
def test_out_of_range_solar_hijri_years(year):
    with pytest.raises(OutOfRange, match="1200-1600") as info:
        calendars.jalali_to_gregorian(year, 1, 1)
    assert str(year) in str(info.value)
    with pytest.raises(OutOfRange):
        calendars.to_gregorian(Calendar.JALALI, year, 6, 15)
    assert calendars.jalali_years() == (1200, 1600)


# --------------------------------------------------------------------------- lunar Hijri


def test_hijri_range_ends():
    assert calendars.hijri_to_gregorian(1343, 1, 1) == HIJRI_FIRST_DAY
    assert calendars.hijri_to_gregorian(1500, 12, 30) == HIJRI_LAST_DAY
    assert calendars.gregorian_to_hijri(HIJRI_FIRST_DAY) == (1343, 1, 1)
    assert calendars.gregorian_to_hijri(HIJRI_LAST_DAY) == (1500, 12, 30)


@pytest.mark.parametrize("year", [1342, 1501])
def test_hijri_out_of_range_years(year):
    with pytest.raises(OutOfRange, match="1343-1500") as info:
        calendars.hijri_to_gregorian(year, 1, 1)
    assert "Umm al-Qura" in str(info.value) and str(year) in str(info.value)
    with pytest.raises(OutOfRange):
        calendars.to_gregorian(Calendar.HIJRI, year, 6, 1)
    with pytest.raises(OutOfRange):
        calendars.hijri_month_length(year, 1)


@pytest.mark.parametrize(
    "date", [HIJRI_FIRST_DAY - ONE_DAY, HIJRI_LAST_DAY + ONE_DAY, D(1900, 1, 1), D(2100, 1, 1)]
)
def test_gregorian_to_hijri_out_of_range(date):
    with pytest.raises(OutOfRange, match="1924-08-01") as info:
        calendars.gregorian_to_hijri(date)
    assert date.isoformat() in str(info.value)
    with pytest.raises(OutOfRange):
        calendars.from_gregorian(Calendar.HIJRI, date)


def test_29_day_month_muharram_1445():
    # 1 Muharram 1445 = 19 July 2023 (Islamic New Year in Saudi Arabia); the month had 29 days.
    assert calendars.hijri_to_gregorian(1445, 1, 1) == D(2023, 7, 19)
    assert calendars.hijri_month_length(1445, 1) == 29
    assert calendars.hijri_to_gregorian(1445, 1, 29) == D(2023, 8, 16)
    assert calendars.hijri_to_gregorian(1445, 2, 1) == D(2023, 8, 17)
    with pytest.raises(InvalidDate, match="Muharram 1445"):
        calendars.hijri_to_gregorian(1445, 1, 30)
    assert calendars.gregorian_to_hijri(D(2023, 8, 16)) == (1445, 1, 29)
    assert calendars.gregorian_to_hijri(D(2023, 8, 17)) == (1445, 2, 1)


def test_30_day_months_ramadan_and_dhu_al_hijjah_1445():
    # 1 Ramadan 1445 = 11 March 2024 and Eid al-Fitr (1 Shawwal) = 10 April 2024: Ramadan had 30 days.
    assert calendars.hijri_month_length(1445, 9) == 30
    assert calendars.hijri_to_gregorian(1445, 9, 30) == D(2024, 4, 9)
    # Eid al-Adha (10 Dhu al-Hijjah 1445) = 16 June 2024, New Year 1446 = 7 July 2024: 30 days.
    assert calendars.hijri_month_length(1445, 12) == 30
    assert calendars.hijri_to_gregorian(1445, 12, 30) == D(2024, 7, 6)
    assert calendars.gregorian_to_hijri(D(2024, 7, 6)) == (1445, 12, 30)
    with pytest.raises(InvalidDate):
        calendars.hijri_to_gregorian(1445, 12, 31)
    # and a Shawwal of 29 days: Umm al-Qura has no 30 Shawwal 1445
    assert calendars.hijri_month_length(1445, 10) == 29
    with pytest.raises(InvalidDate):
        calendars.hijri_to_gregorian(1445, 10, 30)


@pytest.mark.parametrize(
    ("hijri", "gregorian"),
    [
        ((1445, 9, 1), D(2024, 3, 11)),  # 1 Ramadan 1445
        ((1445, 10, 1), D(2024, 4, 10)),  # Eid al-Fitr 1445
        ((1445, 12, 10), D(2024, 6, 16)),  # Eid al-Adha 1445
        ((1446, 1, 1), D(2024, 7, 7)),  # Islamic New Year 1446
        ((1445, 1, 1), D(2023, 7, 19)),  # Islamic New Year 1445
        ((1444, 10, 1), D(2023, 4, 21)),  # Eid al-Fitr 1444
    ],
)
def test_hijri_anchors(hijri, gregorian):
    assert calendars.hijri_to_gregorian(*hijri) == gregorian
    assert calendars.to_gregorian(Calendar.HIJRI, *hijri) == gregorian
    assert calendars.gregorian_to_hijri(gregorian) == hijri
    assert calendars.from_gregorian(Calendar.HIJRI, gregorian) == hijri


def test_hijri_invalid_month():
    for month in (0, 13):
        with pytest.raises(InvalidDate):
            calendars.hijri_to_gregorian(1445, month, 1)


def test_public_api_leaves_out_of_range_hijri_unresolved():
    mention = extract("1 محرم 1342 هـ")[0]
    assert mention.calendar == Calendar.HIJRI
    assert (mention.year, mention.month, mention.day) == (1342, 1, 1)
    assert mention.iso is None
    assert mention.resolution == Resolution.UNRESOLVED
    assert mention.resolution == "unresolved"
    assert "Umm al-Qura" in mention.note
    assert "1343" in mention.note and "1500" in mention.note


def test_public_api_resolves_first_day_of_hijri_range():
    mention = extract("1 محرم 1343 هـ")[0]
    assert mention.iso == HIJRI_FIRST_DAY
    assert mention.resolution == "explicit"


# --------------------------------------------------------------------------- exhaustive round trips


def _days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def _successor(ymd, length):
    """The next date in a calendar given the current month's length (12 months a year)."""
    year, month, day = ymd
    if day < length:
        return year, month, day + 1
    if month < 12:
        return year, month + 1, 1
    return year + 1, 1, 1


@pytest.mark.parametrize(("first_year", "last_year"), [(1300, 1500), (1200, 1600)])
def test_every_solar_hijri_day_round_trips(first_year, last_year):
    first = calendars.jalali_to_gregorian(first_year, 1, 1)
    last = calendars.jalali_to_gregorian(last_year + 1, 1, 1) - ONE_DAY if last_year < 1600 else None
    if last is None:  # 1600 is common in the official table
        last = calendars.jalali_to_gregorian(1600, 12, 29)
    assert calendars.gregorian_to_jalali(first) == (first_year, 1, 1)
    previous = None
    count = 0
    for date in _days(first, last):
        ymd = calendars.gregorian_to_jalali(date)
        if previous is not None:
            assert ymd == _successor(previous, calendars.jalali_month_length(*previous[:2])), date
        assert 1 <= ymd[2] <= calendars.month_length(Calendar.JALALI, *ymd[:2]), date
        assert calendars.jalali_to_gregorian(*ymd) == date, (date, ymd)
        previous = ymd
        count += 1
    assert previous[0] == last_year and previous[1] == 12
    # Every year has 365 or 366 days, so the day count is bounded by the year count.
    years = last_year - first_year + 1
    assert 365 * years <= count <= 366 * years


def test_every_hijri_day_round_trips():
    previous = None
    count = 0
    for date in _days(HIJRI_FIRST_DAY, HIJRI_LAST_DAY):
        ymd = calendars.gregorian_to_hijri(date)
        if previous is None:
            assert ymd == (1343, 1, 1)
        else:
            assert ymd == _successor(previous, calendars.hijri_month_length(*previous[:2])), date
        assert 1 <= ymd[2] <= calendars.month_length(Calendar.HIJRI, *ymd[:2]), date
        assert calendars.hijri_to_gregorian(*ymd) == date, (date, ymd)
        previous = ymd
        count += 1
    assert previous == (1500, 12, 30)
    odd = {
        (y, m): calendars.hijri_month_length(y, m)
        for y in range(1343, 1501)
        for m in range(1, 13)
        if calendars.hijri_month_length(y, m) not in (29, 30)
    }
    assert odd == HIJRIDATE_IRREGULAR_MONTHS
    # 158 lunar years of 354 or 355 days
    assert 354 * 158 <= count <= 355 * 158


def test_every_day_jalali_and_hijri_agree_through_gregorian():
    for date in _days(HIJRI_FIRST_DAY, HIJRI_LAST_DAY):
        via_hijri = calendars.to_gregorian(Calendar.HIJRI, *calendars.gregorian_to_hijri(date))
        via_jalali = calendars.to_gregorian(Calendar.JALALI, *calendars.gregorian_to_jalali(date))
        assert via_hijri == via_jalali == date, date


# --------------------------------------------------------------------------- property test

common_days = st.dates(min_value=HIJRI_FIRST_DAY, max_value=HIJRI_LAST_DAY)


@settings(max_examples=500, deadline=None)
@given(date=common_days)
def test_random_days_round_trip_in_both_calendars(date):
    for cal in (Calendar.JALALI, Calendar.HIJRI):
        year, month, day = calendars.from_gregorian(cal, date)
        assert 1 <= month <= 12
        assert 1 <= day <= calendars.month_length(cal, year, month)
        assert calendars.to_gregorian(cal, year, month, day) == date
    jy, jm, jd = calendars.gregorian_to_jalali(date)
    hy, hm, hd = calendars.gregorian_to_hijri(date)
    assert calendars.to_gregorian(Calendar.HIJRI, hy, hm, hd) == calendars.to_gregorian(
        Calendar.JALALI, jy, jm, jd
    )


@settings(max_examples=500, deadline=None)
@given(
    cal=st.sampled_from([Calendar.JALALI, Calendar.HIJRI]),
    date=common_days,
    day=st.integers(min_value=1, max_value=32),
)
def test_random_day_of_month_is_valid_iff_within_month_length(cal, date, day):
    year, month, _ = calendars.from_gregorian(cal, date)
    length = calendars.month_length(cal, year, month)
    if day <= length:
        converted = calendars.to_gregorian(cal, year, month, day)
        assert calendars.from_gregorian(cal, converted) == (year, month, day)
        assert converted - calendars.to_gregorian(cal, year, month, 1) == dt.timedelta(days=day - 1)
    else:
        with pytest.raises(InvalidDate):
            calendars.to_gregorian(cal, year, month, day)


@pytest.mark.parametrize("day", [dt.date(2222, 3, 21), dt.date(1821, 3, 20), dt.date(1500, 1, 1)])
def test_gregorian_to_jalali_outside_verified_years_raises(day):
    with pytest.raises(OutOfRange, match="1200-1600"):
        calendars.gregorian_to_jalali(day)
