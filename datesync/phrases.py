"""Known phrases (names, office words, triggers) found by looking words up, longest phrase first.

The gazetteer holds thousands of names in five languages; as one regex alternation they take
seconds to compile in every process. A phrase is its letter runs, folded and joined (`key`); the
text is folded once, cut into words, and at each word the longest run of following words whose
joined key is known is taken. Words may be joined or spaced differently from the entry ("Amir
Abdollahian", "AmirAbdollahian"); an Arabic article or proclitic written onto the first word
(المكالمة, ولافروف) stays outside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import compress

from datesync.normalize import SEPARATORS, fold, fold_letters, windows

WORD = re.compile(r"[^\W\d_]+")  # a run of letters
GAP = SEPARATORS + "'’"  # what may stand between the words of one phrase (at most MAX_GAP of them)
MAX_GAP = 3
MEMO_LIMIT = 500_000  # words remembered before the memo starts over
CLITICS = (
    ("وال", "ال"),
    ("فال", "ال"),
    ("بال", "ال"),
    ("لل", "ال"),
    ("و", ""),
    ("ف", ""),
    ("ب", ""),
    ("ل", ""),
)
"""Arabic proclitics written onto a word, and what is left of the word without them (للأمم: الأمم;
والمكالمة: المكالمة; ولافروف: لافروف): a phrase is also found after them, when the word as written is
not one. The article itself is part of a phrase («المكالمة الهاتفية» is listed as such): «اللقاء»
often names another, earlier meeting."""


def words_of(entry: str) -> list[str]:
    return [fold(w) for w in WORD.findall(entry)]


def key(entry: str) -> str:
    """The lookup key of a phrase: its letter runs, folded, joined."""
    return "".join(words_of(entry))


class PhraseIndex:
    def __init__(self, entries: Iterable[str]):
        self.keys: set[str] = set()
        self.firsts: dict[str, int] = {}  # a phrase's first word(s) joined -> words that may follow, +1
        self.starters: dict[str, bool] = {}  # memo: whether a word of the text may begin a phrase
        for entry in entries:
            words = words_of(entry)
            if not words:
                continue
            self.keys.add("".join(words))
            for j in range(1, len(words) + 1):
                first = "".join(words[:j])
                self.firsts[first] = max(self.firsts.get(first, 0), len(words) - j + 1)

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, key) of every known phrase in `text`, in original offsets, left to right.
        Only words that may begin a phrase are tried (a memo: news reuses its words)."""
        for offset, prepared in windows(text):
            folded = fold_letters(prepared.text)
            runs = list(WORD.finditer(folded))
            words = [run.group() for run in runs]
            if not self.starters.keys() >= set(words):
                if len(self.starters) > MEMO_LIMIT:
                    self.starters.clear()
                for word in set(words).difference(self.starters):
                    self.starters[word] = self._may_start(word)
            may = list(map(self.starters.__getitem__, words))
            spans = [run.span() for run in runs]
            after = 0  # the first word not inside the last phrase found
            for i in compress(range(len(words)), may):
                if i < after:
                    continue
                hit = self._longest(folded, spans, i)
                if hit is not None:
                    start, last, phrase = hit
                    yield offset + prepared.start(start), offset + prepared.end(spans[last][1]), phrase
                    after = last + 1

    def _may_start(self, word: str) -> bool:
        return word in self.firsts or any(stem in self.firsts for stem in _stems(word))

    def _longest(self, folded: str, spans: list[tuple[int, int]], i: int) -> tuple[int, int, str] | None:
        start, end = spans[i]
        word = folded[start:end]
        if word not in self.firsts:
            stem = next((s for s in _stems(word) if s in self.firsts), None)
            if stem is None:
                return None
            start += len(word) - len(stem) if word.endswith(stem) else 1  # للأمم: from the article's lam
            word = stem
        best = (i, word) if word in self.keys and _ends_word(folded, end) else None
        joined = word
        for j in range(i + 1, min(len(spans), i + self.firsts[word])):
            gap = folded[spans[j - 1][1] : spans[j][0]]
            if len(gap) > MAX_GAP or gap.strip(GAP):
                break
            joined += folded[spans[j][0] : spans[j][1]]
            if joined in self.keys and _ends_word(folded, spans[j][1]):
                best = (j, joined)
        return None if best is None else (start, best[0], best[1])


def _stems(word: str) -> Iterator[str]:
    """The word without an Arabic proclitic (see CLITICS), longest clitic first."""
    if word[0] not in _CLITIC_LETTERS:
        return
    for clitic, rest in CLITICS:
        if word.startswith(clitic) and len(word) > len(clitic) + 1:
            yield rest + word[len(clitic) :]


_CLITIC_LETTERS = frozenset(c[0] for c, _ in CLITICS)


def _ends_word(folded: str, end: int) -> bool:
    """Not followed by a ZWNJ and more letters: رایزنی‌ها is another word than رایزنی."""
    return not (folded[end : end + 1] == "\u200c" and WORD.match(folded, end + 1))
