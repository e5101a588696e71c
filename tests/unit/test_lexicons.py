"""The shape of every data file: a malformed lexicon fails here, not deep inside a run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from itertools import pairwise

import pytest

from datesync import languages, lexicons
from datesync.actors import gazetteer, parse_actors
from datesync.errors import LexiconError
from datesync.findings import FindingKind, registry
from datesync.model import Severity
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


@pytest.mark.parametrize("lang", languages.codes())
def test_seven_weekdays_per_language(lang):
    table = lexicons.load("weekdays")[lang]
    assert len(table["names"]) == 7 and all(day and spellings_ok(day) for day in table["names"])


def test_ordinals_cover_days_1_to_31_and_relative_words_have_offsets():
    assert len(lexicons.load("ordinals")["fa"]["days"]) == 31
    for word in lexicons.load("relative")["word"]:
        assert isinstance(word["offset"], int) and -3 <= word["offset"] <= 2 and spellings_ok(word["names"])


def test_finding_kinds_are_one_registry_both_ways():
    """The enum and findings.toml list the same kinds; every kind has a severity and a title."""
    table = lexicons.load("findings")
    assert set(table) == {kind.value for kind in FindingKind}
    for kind, policy in registry().items():
        assert policy.severity in Severity and policy.title, kind
        assert (policy.suggestion_weight > 0) == bool(policy.suggestion_evidence), kind
    known = {
        "severity",
        "title",
        "doubtful",
        "offers_readings",
        "trusted_suggestion",
        "explains_event_date",
        "suggestion_weight",
        "suggestion_evidence",
        "names_two_renderings",
    }
    assert all(set(row) <= known for row in table.values())


def test_actors_file_rows():
    rows = parse_actors(lexicons.read_text("actors.csv"), "actors.csv")
    assert len(rows) >= 30
    for term, variants in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", term.id), term.id
        assert re.fullmatch(r"[A-Z]{2}|UN|EU|OIC|GCC|LAS|IAEA", term.country), term
        assert term.start is not None and (term.end is None or term.start < term.end), term
        assert any(variants.values()), term.id


def test_every_role_phrase_has_a_holder_and_no_name_is_two_people():
    gaz = gazetteer()
    offices = {(o.country, o.role) for o in gaz.offices.values() if not o.unqualified}
    assert offices <= set(gaz.by_office), offices - set(gaz.by_office)
    homes = {lang.unqualified_office_country for lang in languages.registry().values()} - {""}
    for office in (o for o in gaz.offices.values() if o.unqualified):  # the bare office, at home
        assert all((home, office.role) in gaz.by_office for home in homes), office
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


SECTIONED = {  # lexicon -> where its per-language sections are
    "weekdays": lambda d: d,
    "parts_of_day": lambda d: d,
    "ordinals": lambda d: d,
    "eras": lambda d: d,
    "context": lambda d: d,
    "relative": lambda d: d["not_dates"],
    "relative own_text_only": lambda d: d["own_text_only"],
    "triggers phone_call": lambda d: d["phone_call"],
    "triggers meeting": lambda d: d["meeting"],
    "triggers contact": lambda d: d["contact"],
    "triggers ignore": lambda d: d["ignore"],
    "triggers tense": lambda d: d["tense"],
}


@pytest.mark.parametrize("where", sorted(SECTIONED))
@pytest.mark.parametrize("lang", languages.codes())
def test_every_language_of_the_registry_is_in_every_lexicon(lang, where):
    """Adding a language means a section in every lexicon: a missing one fails here, by name."""
    table = SECTIONED[where](lexicons.load(where.split()[0]))
    assert lang in table, f"{where}: no section for {lang!r}"
    assert set(table) <= set(languages.codes()), f"{where}: a section for a language not in the registry"


@pytest.mark.parametrize("lang", languages.codes())
def test_every_language_has_months_weekdays_and_relative_words(lang):
    families = [f for f in lexicons.load("months")["family"] if f["lang"] == lang]
    assert any(f["calendar"] == "gregorian" for f in families), lang
    assert any(w["lang"] == lang for w in lexicons.load("relative")["word"]), lang
    assert all(len(lexicons.load("triggers")[kind][lang]) for kind in ("phone_call", "meeting", "contact"))
    actors_header = lexicons.read_text("actors.csv").splitlines()[0].split(",")
    assert lang in actors_header, f"actors.csv has no {lang} column"


def test_registry_fields():
    for lang in languages.registry().values():
        assert lang.script in ("arabic", "latin") and lang.direction in ("rtl", "ltr"), lang
        assert (lang.script == "arabic") == (lang.direction == "rtl"), lang
    assert sum(lang.default for lang in languages.registry().values()) == 1


def test_every_bundled_actor_row_names_its_source():
    rows = list(csv.DictReader(io.StringIO(lexicons.read_text("actors.csv"))))
    assert len(rows) >= 500
    for row in rows:
        assert re.fullmatch(r"https?://\S+", row["source"]), row["id"]


def test_single_holder_offices_never_have_two_holders_on_one_day():
    """Deputies are many at once; every other office has one holder a day (the handover rule)."""
    by_office: dict[tuple[str, str], list] = {}
    for term, _ in parse_actors(lexicons.read_text("actors.csv"), "actors.csv"):
        if term.role != "deputy_foreign_minister":
            by_office.setdefault((term.country, term.role), []).append(term)
    for office, terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for before, after in pairwise(terms):
            assert before.end is not None and before.end < after.start, (office, before.id, after.id)


def test_no_spelling_names_two_people():
    owner: dict[str, str] = {}
    for term, variants in parse_actors(lexicons.read_text("actors.csv"), "actors.csv"):
        for spelling in (term.name, *(v for vs in variants.values() for v in vs)):
            assert owner.setdefault(fold(spelling), term.id) == term.id, (
                spelling,
                owner[fold(spelling)],
                term.id,
            )
