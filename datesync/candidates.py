"""Where the lexicon pattern can match, found without trying it at every word of the text.

The tokenizer's pattern (`scan.lexicon().pattern`) is exact, but trying it costs a walk of its
trie wherever a word starts: some 300 times a report, and almost every word starts no lexicon
entry. A word match can only begin where a run of letters begins (the pattern's lookbehind), and
only if the run's letters, folded one for one, are an entry's letters up to a place where the entry
lets a non-letter follow (a separator, an optional dot, a digit slot, its end), or an entry with a
month word glued on (آبانماه); or the same after a proclitic و/ف. Reports reuse the same words,
so each whitespace-separated chunk of text is classified once (a memo); the pattern then runs at
the runs that can start an entry and at every run of digits. The matches are those of
`pattern.finditer` (tests/unit/test_candidates.py compares them on mixed and hostile text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress

from datesync.normalize import OPTIONAL_DOT, digit_class, literal_variants, word_units

PROCLITICS = "وف"  # Arabic و/ف written onto the next word, part of the match (scan builds on it)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_IS_LETTER = re.compile(r"[^\W\d_]")
MEMO_LIMIT = 200_000  # chunks remembered before the memo starts over
MEMO_LONGEST = 64  # longer chunks (a hostile run with no space) are classified, not remembered


def _letter_unit(unit: object) -> bool:
    """A unit that only ever matches letters: the pattern's lookbehind sees it as part of a run."""
    if not isinstance(unit, str) or unit in (OPTIONAL_DOT, "#"):
        return False
    return all(_IS_LETTER.fullmatch(ch) for ch in literal_variants(unit))


@dataclass
class Starts:
    """The letter sequences a run may spell for the pattern to match there, and the memo."""

    prefixes: frozenset[str]  # an entry's letters up to a place where a non-letter may follow
    glued: frozenset[str]  # an entry's letters with a month word written onto them
    folding: dict[int, str]  # each letter variant to the letter the pattern's class is named by
    known: set[str] = field(default_factory=set)  # chunks classified (the memo)
    hits: dict[str, tuple[int, ...]] = field(default_factory=dict)  # ... those with candidates

    @classmethod
    def of(cls, entries: list[str], month_words_after: list[str]) -> Starts:
        prefixes, whole = set(), set()
        for entry in entries:
            units = word_units(entry)
            if not _letter_unit(units[0]):
                raise ValueError(f"lexicon entry {entry!r} starts with a non-letter: no candidate finds it")
            letters = ""
            for unit in units:
                if _letter_unit(unit):
                    letters += unit  # type: ignore[operator]
                elif letters:
                    prefixes.add(letters)
            prefixes.add(letters)
            whole.add(letters)
        after = {"".join(u for u in word_units(w) if _letter_unit(u)) for w in month_words_after}  # type: ignore[misc]
        folding = {
            ord(variant): unit
            for unit in {u for entry in entries for u in word_units(entry) if _letter_unit(u)}
            for variant in literal_variants(unit)  # type: ignore[arg-type]
        }
        return cls(frozenset(prefixes), frozenset(w + a for w in whole for a in after), folding)

    def _may_start(self, run: str) -> bool:
        key = run.translate(self.folding)
        return key in self.prefixes or key in self.glued

    def classify(self, chunk: str) -> tuple[int, ...]:
        """Offsets in `chunk` where the pattern may match: its digit runs, and the letter runs where a
        lexicon word may begin. Remembered: the same chunks recur from report to report."""
        words = (
            m.start()
            for m in _LETTER_RUN.finditer(chunk)
            if self._may_start(m.group())
            or (m.group()[0] in PROCLITICS and len(m.group()) > 1 and self._may_start(m.group()[1:]))
        )
        offsets = tuple(sorted([*words, *(m.start() for m in _DIGIT_RUN.finditer(chunk))]))
        if len(chunk) <= MEMO_LONGEST:
            if len(self.known) >= MEMO_LIMIT:
                self.known.clear()
                self.hits.clear()
            self.known.add(chunk)
            if offsets:
                self.hits[chunk] = offsets
        return offsets

    def positions(self, text: str) -> Iterator[int]:
        """Every offset where the pattern may match, in order. The text is cut at its spaces and
        newlines and C does the per-chunk work (split, set test, lookups); Python touches only the
        chunks that hold a candidate. Other blanks (a tab, a no-break space) stay inside a chunk,
        where `classify` sees them as the non-letters they are."""
        chunks = text.replace("\n", " ").split(" ")  # same length: offsets hold
        found = list(map(self.hits.get, chunks))
        if not self.known.issuperset(chunks):
            for chunk in set(chunks).difference(self.known):
                offsets = self.classify(chunk)
                at = 0
                while offsets:  # each place the new chunk stands
                    try:
                        at = chunks.index(chunk, at) + 1
                    except ValueError:
                        break
                    found[at - 1] = offsets
        at = previous = 0
        for i in compress(range(len(chunks)), found):
            at += sum(map(len, chunks[previous:i])) + i - previous  # the chunks between, and their spaces
            previous = i
            for offset in found[i]:  # type: ignore[union-attr]
                yield at + offset


_DIGIT_RUN = re.compile(digit_class() + "+")


def matches(pattern: re.Pattern[str], starts: Starts, text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only where `starts` says it may match."""
    cursor = 0
    match = pattern.match
    for position in starts.positions(text):
        if position >= cursor:
            found = match(text, position)
            if found is not None:
                yield found
                cursor = found.end()
