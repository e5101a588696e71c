"""The shape of every data file: a malformed lexicon fails here, not deep inside a run."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from datesync import lexicons
from datesync.actors import gazetteer, parse_actors
from datesync.errors import LexiconError
from datesync.normalize import fold


def spellings_ok(names):
    return all(isinstance(n, str) and n.strip() == n and n for n in names)


@pytest.mark.parametrize("family", lexicons.load("months")["family"], ids=lambda f: f["name"])
def test_month_families_have_twelve_named_months(family):
    assert family["calendar"] in ("jalali", "gregorian", "hijri")
    assert len(family["months"]) == 12
    assert all(month and spellings_ok(month) for month in family["months"])
    names = {n for m in family["months"] for n in m}
    assert set(family.get("needs_year", ())) <= names
    assert all(set(words) <= names for words in family.get("needs_year_in", {}).values())


def test_no_spelling_names_two_different_months_of_one_calendar():
    seen: dict[tuple[str, str], int] = {}
    for family in lexicons.load("months")["family"]:
        for number, month in enumerate(family["months"], 1):
            for name in month:
                key = (family["calendar"], fold(name))
                assert seen.setdefault(key, number) == number, name


def test_azar_and_adhar_stay_apart():
    folded: dict[tuple[str, int], set[str]] = {}
    for family in lexicons.load("months")["family"]:
        for number, month in enumerate(family["months"], 1):
            folded.setdefault((family["calendar"], number), set()).update(fold(n) for n in month)
    assert fold("آذر") in folded[("jalali", 9)] and fold("آذار") in folded[("gregorian", 3)]
    assert fold("آذر") != fold("آذار")


@pytest.mark.parametrize("lang", ["fa", "ar", "en"])
def test_seven_weekdays_per_language(lang):
    table = lexicons.load("weekdays")[lang]
    assert len(table["names"]) == 7 and all(day and spellings_ok(day) for day in table["names"])


def test_ordinals_cover_days_1_to_31_and_relative_words_have_offsets():
    assert len(lexicons.load("ordinals")["fa"]["days"]) == 31
    for word in lexicons.load("relative")["word"]:
        assert isinstance(word["offset"], int) and -3 <= word["offset"] <= 2 and spellings_ok(word["names"])


def test_finding_kinds_have_a_severity_and_title():
    kinds = lexicons.load("findings")
    assert {
        "date_conflict",
        "weekday_mismatch",
        "dual_date_mismatch",
        "invalid_date",
        "calendar_confusion",
        "relative_conflict",
        "published_before_event",
        "undated_event",
        "hijri_offset",
    } <= set(kinds)
    assert all(k["severity"] in ("error", "warning", "info") and k["title"] for k in kinds.values())


def test_actors_file_rows():
    rows = parse_actors(lexicons.read_text("actors.csv"), "actors.csv")
    assert len(rows) >= 30
    for term, variants in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", term.id), term.id
        assert re.fullmatch(r"[A-Z]{2}", term.country), term
        assert term.start is not None and (term.end is None or term.start < term.end), term
        assert any(variants.values()), term.id


def test_every_role_phrase_has_a_holder_and_no_name_is_two_people():
    gaz = gazetteer()
    offices = {(o.country, o.role) for o in gaz.offices.values()}
    assert offices <= set(gaz.by_office), offices - set(gaz.by_office)
    assert (
        gaz.holder(next(o for o in gaz.offices.values() if o.country == "RU"), dt.date(2023, 11, 19))
        == "lavrov"
    )


def test_user_actor_file_with_missing_columns_is_a_clear_error(tmp_path):
    bad = tmp_path / "mine.csv"
    bad.write_text("id,name\nx,X\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="missing column"):
        gazetteer(str(bad))
    with pytest.raises(LexiconError, match="not an ISO date"):
        parse_actors("id,name,country,role,start,end,fa,ar,en\nx,X,IR,president,soon,,,,X\n", "mine.csv")
