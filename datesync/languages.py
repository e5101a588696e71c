"""The language registry (lexicons/languages.toml): what differs by language, as data.

Every loop over languages and every language rule in the pipeline reads this registry, so adding a
language is a section here and one in each lexicon, never code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from datesync import lexicons
from datesync.model import Calendar


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str
    script: str
    direction: str
    letters: str
    letter_weight: int
    min_share: float
    common_words: frozenset[str]
    digits: str
    default: bool
    numeral_calendar: Calendar | None  # None: a bare year numeral stays ambiguous
    month_first: str  # always, with_year, never
    weekday_after_date: bool
    verb_final: bool
    both_numeric_orders: bool
    unqualified_office_country: str


@cache
def registry() -> dict[str, Language]:
    """Every language, in the order of languages.toml (which breaks ties when guessing)."""
    out = {}
    for code, row in lexicons.load("languages").items():
        calendar = row["numeral_calendar"]
        out[code] = Language(
            code=code,
            name=row["name"],
            script=row["script"],
            direction=row["direction"],
            letters=row["letters"],
            letter_weight=int(row["letter_weight"]),
            min_share=float(row["min_share"]),
            common_words=frozenset(row["common_words"]),
            digits=row["digits"],
            default=bool(row["default"]),
            numeral_calendar=Calendar(calendar) if calendar else None,
            month_first=row["month_first"],
            weekday_after_date=bool(row["weekday_after_date"]),
            verb_final=bool(row["verb_final"]),
            both_numeric_orders=bool(row["both_numeric_orders"]),
            unqualified_office_country=row["unqualified_office_country"],
        )
    return out


def codes() -> tuple[str, ...]:
    return tuple(registry())


def words(table: dict, key: str | None = None) -> list[str]:
    """The words of a lexicon table sectioned by language, every language's in registry order
    (`table[lang]`, or `table[lang][key]`); a language a table lacks adds nothing."""
    out: list[str] = []
    for code in registry():
        section = table.get(code, [] if key is None else {})
        out += section if key is None else section.get(key, [])
    return out


def get(code: str) -> Language:
    """The language `code`; an unknown code reads with the default language's rules."""
    languages = registry()
    return languages.get(code) or next(lang for lang in languages.values() if lang.default)


def guess(text: str, sample: int = 20000) -> str:
    """The language of `text` from letter counts in its first `sample` characters (cheap, not a
    classifier): the language whose letters weigh most, provided they reach its `min_share`;
    failing letters, native digits; failing both, the default language."""
    head = text[:sample]
    languages = registry().values()
    best, best_score = "", 0
    for lang in languages:
        if not lang.letters:
            continue
        count = sum(head.count(ch) for ch in lang.letters)
        score = count * lang.letter_weight
        if score > best_score and count >= lang.min_share * len(head):
            best, best_score = lang.code, score
    if best and registry()[best].min_share > 0:
        return _by_common_words(head, registry()[best])
    if best:
        return best
    for lang in languages:
        if lang.digits and any(ch in head for ch in lang.digits):
            counts = {
                other.code: sum(head.count(ch) for ch in other.digits) for other in languages if other.digits
            }
            return max(counts, key=lambda code: counts[code])  # ties: registry order
    return next(lang.code for lang in languages if lang.default)


WORD = re.compile(r"[^\W\d_]+")


def _by_common_words(head: str, chosen: Language) -> str:
    """A language told by a few rare letters (İbrahim Kalın in an English report) yields to one of
    its script whose common words the text uses more."""
    counts = Counter(WORD.findall(head.lower()))

    def hits(lang: Language) -> int:
        return sum(counts[w] for w in lang.common_words)

    rivals = [lang for lang in registry().values() if lang.script == chosen.script and lang is not chosen]
    best = max(rivals, key=hits, default=None)
    return best.code if best is not None and hits(best) > hits(chosen) else chosen.code
