"""Who is who: the actors gazetteer (lexicons/actors.csv, extendable by users) and role phrases.

A name in any script maps to one actor id; a role phrase (همتای روس, نظيره العراقي) maps to the
person who held that office on the event's date, preferring someone the same report names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from datesync import languages, lexicons
from datesync.errors import LexiconError
from datesync.phrases import PhraseIndex
from datesync.phrases import key as phrase_key

COLUMNS = ("id", "name", "country", "role", "start", "end")
"""Required columns; then one column of spellings per language of the registry (any may be left
out of a user's file) and an optional `source` (required of the bundled file: a test checks it)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One person in one office for one period (a person may have several)."""

    id: str
    name: str
    country: str
    role: str
    start: dt.date | None
    end: dt.date | None

    def covers(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class Office:
    """What a role phrase names: an office, and whether it is the unqualified home-country form."""

    country: str
    role: str
    unqualified: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    terms: tuple[Term, ...]
    names: dict[str, str]  # folded name variant -> actor id
    offices: dict[str, Office]  # folded role phrase -> office
    spellings: tuple[str, ...]  # every name and role phrase as written, for building the pattern
    by_office: dict[tuple[str, str], tuple[Term, ...]]  # (country, role) -> its holders
    names_by_id: dict[str, str]  # actor id -> canonical name (the last row for an id wins)
    horizon: dt.date  # the last day the gazetteer speaks for (see _horizon)
    tenures: dict[str, tuple[dt.date, dt.date]]  # actor id -> first day in a listed office, last day
    countries_of: dict[str, frozenset[str]]  # actor id -> the countries (or bodies) they served

    def tenure(self, actor_id: str) -> tuple[dt.date, dt.date] | None:
        """From the first day the person held a listed office to the last (or the horizon)."""
        return self.tenures.get(actor_id)

    def name_of(self, actor_id: str) -> str:
        """The canonical name; for an office nobody could be named for ("IR:foreign_minister"), the
        office itself. A user's file may rename a bundled actor: its row comes later and wins."""
        name = self.names_by_id.get(actor_id)
        if name is not None:
            return name
        country, _, role = actor_id.partition(":")
        return f"{role.replace('_', ' ')} of {country}" if role else actor_id

    def holder(
        self,
        office: Office,
        date: dt.date | None,
        named: Iterable[str] = (),
        span: tuple[dt.date, dt.date] | None = None,
    ) -> str:
        """The actor in `office`: one the report names, else the one in office on `date`, else (no
        date) the one who held it over the whole `span` the report allows (Lavrov throughout).

        Without any of these, a placeholder such as "RU:foreign_minister" that only matches itself.
        """
        holders = self.by_office.get((office.country, office.role), ())
        named = set(named)
        for term in holders:
            if term.id in named and (date is None or term.covers(date)):
                return term.id
        if date is not None:
            current = [t.id for t in holders if t.covers(date)]
            if len(set(current)) == 1:
                return current[0]
        elif span is not None:
            throughout = [t.id for t in holders if t.covers(span[0]) and t.covers(min(span[1], self.horizon))]
            if len(set(throughout)) == 1:
                return throughout[0]
        return f"{office.country}:{office.role}"


def _horizon(terms: tuple[Term, ...]) -> dt.date:
    """A year after the latest recorded start or end: an open-ended term is known to run only until then."""
    days = [d for t in terms for d in (t.start, t.end) if d is not None]
    return max(days) + dt.timedelta(days=365)


def _tenures(terms: tuple[Term, ...], horizon: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    out: dict[str, tuple[dt.date, dt.date]] = {}
    for t in terms:
        start, end = t.start or dt.date.min, t.end or horizon
        lo, hi = out.get(t.id, (start, end))
        out[t.id] = (min(lo, start), max(hi, end))
    return out


def _date(value: str, where: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise LexiconError(f"{where}: not an ISO date: {value!r}") from None


def parse_actors(text: str, origin: str) -> list[tuple[Term, dict[str, list[str]]]]:
    """Rows of an actors CSV (columns: id,name,country,role,start,end, a column per language, source;
    spellings split on |)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        expected = ",".join((*COLUMNS, *languages.codes(), "source"))
        raise LexiconError(f"{origin}: missing column(s) {', '.join(missing)}; expected {expected}")
    rows = []
    for line, row in enumerate(reader, 2):
        where = f"{origin}:{line}"
        if not (row.get("id") or "").strip():
            raise LexiconError(f"{where}: empty id")
        term = Term(
            row["id"].strip(),
            row["name"].strip(),
            row["country"].strip().upper(),
            row["role"].strip(),
            _date(row["start"] or "", where),
            _date(row["end"] or "", where),
        )
        variants = {
            lang: [v.strip() for v in (row.get(lang) or "").split("|") if v.strip()]
            for lang in languages.codes()
        }
        rows.append((term, variants))
    return rows


def _named_offices() -> list[tuple[str, Office]]:
    """The phrases of roles.toml: one country's own offices (رهبر معظم انقلاب) and the bare ones."""
    out = []
    for phrase in lexicons.load("roles")["phrase"]:
        office = Office(phrase["country"], phrase["role"], bool(phrase.get("unqualified")))
        out += [(spelling, office) for spelling in languages.words(phrase)]
    return out


@dataclass(frozen=True, slots=True)
class OfficeWords:
    """offices.toml read as a small grammar over countries.csv: an office phrase is a head before a
    country's name or adjective (وزير الخارجية + الروسي, Foreign Minister of + Russia) or a tail after
    one (Russian + Foreign Minister, Russia + 's foreign minister). Each phrase key maps to what it
    can be; events.py joins adjacent pieces."""

    heads: dict[str, tuple[tuple[str, str, str], ...]]  # key -> (role, slot "name"/"adj", scope)
    tails: dict[str, tuple[tuple[str, str, str], ...]]
    countries: dict[str, tuple[tuple[str, str], ...]]  # key -> (code, slot)
    spellings: tuple[str, ...]


@cache
def office_words() -> OfficeWords:
    heads: dict[str, list] = {}
    tails: dict[str, list] = {}
    spellings: dict[str, None] = {}
    for office in lexicons.load("offices")["office"]:
        for template in languages.words(office):
            slot = "name" if "{name}" in template else "adj"
            before, _, after = template.partition("{" + slot + "}")
            side, piece = (heads, before) if before.strip() else (tails, after)
            side.setdefault(phrase_key(piece), []).append((office["role"], slot, office["for"]))
            spellings[piece.strip()] = None
    countries: dict[str, list] = {}
    for row in _country_rows():
        for slot, column in (("name", "names"), ("adj", "adjectives")):
            for form in filter(None, row[column].split("|")):
                countries.setdefault(phrase_key(form), []).append((row["code"], slot))
                spellings[form] = None

    def frozen(table: dict[str, list]) -> dict[str, tuple]:
        return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}

    return OfficeWords(frozen(heads), frozen(tails), frozen(countries), tuple(spellings))


def _country_rows() -> list[dict[str, str]]:
    lines = [line for line in lexicons.read_text("countries.csv").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def is_state(code: str) -> bool:
    return len(code) == 2


@cache
def name_index(extra: str | None = None) -> PhraseIndex:
    """The gazetteer's names and role phrases as a phrase index (hits are keys of `names` or
    `offices`): for dating a text by who held office."""
    return PhraseIndex(gazetteer(extra).spellings)


@cache
def gazetteer(extra: str | None = None) -> Gazetteer:
    """The bundled gazetteer, plus the rows of a user's CSV file when `extra` names one."""
    rows = parse_actors(lexicons.read_text("actors.csv"), "datesync/lexicons/actors.csv")
    if extra:
        path = Path(extra)
        try:
            rows += parse_actors(path.read_text(encoding="utf-8-sig"), str(path))
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read actors file: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{path}: actors file is not UTF-8 text (byte {exc.start})") from None
    names: dict[str, str] = {}
    spellings: dict[str, None] = {}
    for term, variants in rows:
        for spelling in (term.name, *(v for lang in languages.codes() for v in variants[lang])):
            names.setdefault(phrase_key(spelling), term.id)
            spellings[spelling] = None
    offices: dict[str, Office] = {}
    for spelling, office in _named_offices():
        offices.setdefault(phrase_key(spelling), office)
        spellings[spelling] = None
    spellings.update(dict.fromkeys(office_words().spellings))
    terms = tuple(t for t, _ in rows)
    by_office: dict[tuple[str, str], list[Term]] = {}
    for term in terms:
        by_office.setdefault((term.country, term.role), []).append(term)
    names_by_id = {term.id: term.name for term in terms}
    horizon = _horizon(terms)
    countries_of: dict[str, set[str]] = {}
    for term in terms:
        countries_of.setdefault(term.id, set()).add(term.country)
    return Gazetteer(
        terms,
        names,
        offices,
        tuple(spellings),
        {k: tuple(v) for k, v in by_office.items()},
        names_by_id,
        horizon,
        _tenures(terms, horizon),
        {k: frozenset(v) for k, v in countries_of.items()},
    )
