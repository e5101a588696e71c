"""Unicode quirks of Persian and Arabic news text, for matching only.

The text datesync returns is never changed. Letter and digit variants (ي/ی, ك/ک, ة/ه, أ/ا, ۲/٢/2)
are absorbed by the character classes that `word_units` builds into the patterns, so the common case
needs no copy of the text at all. Only marks that sit inside words (harakat, tatweel, bidi controls)
and legacy presentation forms are removed by `prepare`, which keeps a map back to original offsets.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from datesync import lexicons

SEPARATOR = None
"""Marks a place in a word where the writer may put a space or ZWNJ, or nothing (سه‌شنبه)."""
OPTIONAL_DOT = "optional-dot"
"""Marks the dot that ends an abbreviation (Nov.): part of the word when written, never required."""

SPACES = (
    " \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200c"
)
"""What may stand between the words of one date or name: every kind of space, and ZWNJ."""
SEPARATORS = SPACES + ".-"
"""What may stand inside a lexicon word (ه.ش, Amir-Abdollahian) or be left out (سه‌شنبه, سهشنبه)."""
LATIN_LETTERS = range(0x41, 0x250)  # Basic Latin to Latin Extended-B
_COMBINING = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")  # marks and tatweel


def _ranges_class(ranges: list[list[str]]) -> str:
    return "".join(f"\\u{a.lower()}-\\u{b.lower()}" if a != b else f"\\u{a.lower()}" for a, b in ranges)


@cache
def _tables() -> tuple[dict[int, str | None], dict[str, str], re.Pattern[str]]:
    data = lexicons.load("folding")
    key_table: dict[int, str | None] = {}
    members: dict[str, str] = {}
    for canonical, variants in data["fold"].items():
        members[canonical] = "".join(dict.fromkeys(canonical + variants))
        for variant in variants:
            key_table[ord(variant)] = canonical
    for code in LATIN_LETTERS:  # letter case, for accented Latin letters too (Çarşamba, ÇARŞAMBA)
        upper, lower = chr(code), chr(code).lower()
        if len(lower) == 1 and lower != upper:
            key_table[code] = lower
            members[lower] = "".join(dict.fromkeys(members.get(lower, lower) + upper))
    ignorable = _ranges_class(data["ignorable"]["ranges"])
    compatible = _ranges_class(data["ignorable"]["compatibility_ranges"])
    special = re.compile(f"[{ignorable}{compatible}]" * 2 + "*")  # a class first: the engine skips to it in C
    for ch in SEPARATORS:
        key_table[ord(ch)] = None
    for start, end in data["ignorable"]["ranges"]:
        for code in range(int(start, 16), int(end, 16) + 1):
            key_table[code] = None
    return key_table, members, special


@lru_cache(maxsize=1 << 16)
def fold(surface: str) -> str:
    """The lookup key of a surface form: letters and digits folded, marks and separators dropped.

    Cached: the same few hundred words (names, triggers, months) recur in every document.
    """
    key_table, _, special = _tables()
    if special.search(surface):
        surface = unicodedata.normalize("NFKC", surface)
    return surface.translate(key_table).lower()


@cache
@cache
def _letter_folding() -> tuple[re.Pattern[str], dict[str, str]]:
    """The letter and digit variants `fold_letters` changes, one character for one (no deletions),
    as one class, so that a scan skips the unchanged characters in C (str.translate looks every
    character up in a dict, four times slower on a report), and what each becomes."""
    table = {
        chr(code): ch
        for code, ch in _tables()[0].items()
        if ch is not None and len(ch) == 1 and chr(code) != ch
    }
    return re.compile("[" + "".join(map(re.escape, sorted(table))) + "]"), table


def fold_letters(text: str) -> str:
    """`text` with letters and digits folded as `fold` does, but every character kept in place (the
    result has the same length, so offsets carry over). For prepared text: marks already removed."""
    variants, table = _letter_folding()
    folded = variants.sub(lambda variant: table[variant[0]], text)
    lowered = folded.lower()
    return lowered if len(lowered) == len(text) else "".join(ch.lower()[:1] or ch for ch in folded)


def char_class(canonical: str) -> str:
    """A regex fragment matching every character that folds to `canonical`."""
    variants = _tables()[1].get(canonical, canonical)
    if len(variants) == 1:
        return re.escape(variants)
    return "[" + "".join(re.escape(v) for v in variants) + "]"


def literal_variants(unit: str) -> str:
    """Every character that folds to `unit`, as a string (ی -> یيى)."""
    return _tables()[1].get(unit, unit)


def word_units(entry: str) -> tuple[str | None, ...]:
    """A lexicon entry as folded characters, with SEPARATOR where a space, ZWNJ or dot may go."""
    units: list[str | None] = []
    stripped = entry.strip(SEPARATORS)
    for ch in stripped:
        if ch in SEPARATORS:
            if units and units[-1] is not SEPARATOR:
                units.append(SEPARATOR)
            continue
        if ch == "#":  # a number in digits (counted relatives: منذ 3 أيام)
            units.append("#")
            continue
        units.extend(fold(ch))
    if entry.rstrip().endswith(".") and units:
        units.append(OPTIONAL_DOT)
    return tuple(units)


def digit_class() -> str:
    """Latin, Persian and Arabic-Indic digits; int() reads any mix of them."""
    return "[" + "".join(_tables()[1][str(d)] for d in range(10)) + "]"


@dataclass(frozen=True, slots=True)
class Prepared:
    """Text ready for matching, with the way back to offsets in the original."""

    original: str
    text: str
    _norm: array | None = None  # start of each unchanged stretch in `text`
    _orig: array | None = None  # ... and where that stretch starts in `original`

    def start(self, index: int) -> int:
        """Original offset of the character at `index` of the prepared text."""
        if self._norm is None:
            return index
        j = bisect_right(self._norm, index) - 1
        return self._orig[j] + (index - self._norm[j])

    def end(self, index: int) -> int:
        """Original offset just after the character before `index`, with its trailing harakat."""
        if self._norm is None or index == 0:
            return index
        after = self.start(index - 1) + 1
        tail = _COMBINING.match(self.original, after)
        return tail.end() if tail else after


def prepare(text: str) -> Prepared:
    """Remove in-word marks and replace presentation forms; a no-copy pass when there are none."""
    special = _tables()[2]
    first = special.search(text)
    if first is None:
        return Prepared(text, text)
    pieces: list[str] = []
    norm, orig = array("q", [0]), array("q", [0])
    pos = produced = 0
    for match in special.finditer(text, first.start()):
        a, b = match.span()
        pieces.append(text[pos:a])
        replacement = "".join(_replacement(ch) for ch in match.group())
        pieces.append(replacement)
        produced += (a - pos) + len(replacement)
        norm.append(produced)
        orig.append(b)
        pos = b
    pieces.append(text[pos:])
    return Prepared(text, "".join(pieces), norm, orig)


def _replacement(ch: str) -> str:
    if 0xFB50 <= ord(ch) <= 0xFEFC:
        return unicodedata.normalize("NFKC", ch)
    return ""


SENTENCE_END = re.compile(r"[.!?؟؛](?![0-9۰-۹٠-٩])|\n")
"""Where a sentence ends (a dot before a digit is a decimal point)."""

WINDOW = 1 << 20  # long texts are prepared and scanned in windows of about this many characters


def windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, Prepared]]:
    """The text as prepared windows cut at line breaks, each with its offset in the text.

    Memory for marks removal and tokens then stays bounded by the window, not by the text.
    """
    pos = 0
    while True:
        end = min(len(text), pos + size)
        if end < len(text):
            cut = text.rfind("\n", pos + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", pos + size // 2, end)
            end = cut + 1 if cut != -1 else end
        yield pos, prepare(text if pos == 0 and end == len(text) else text[pos:end])
        if end >= len(text):
            return
        pos = end
