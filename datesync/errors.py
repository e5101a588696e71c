"""Exceptions. Each names the bad value and pickles intact, because errors cross process boundaries."""

from __future__ import annotations


class DatesyncError(Exception):
    """Base class: catch this to catch anything datesync raises on purpose."""


class InvalidDate(DatesyncError, ValueError):
    """A date that does not exist in its calendar (31 Mehr, 30 Esfand of a common year)."""


class OutOfRange(DatesyncError, ValueError):
    """A date outside the range a calendar table covers (Umm al-Qura ends at 1500 AH)."""


class LexiconError(DatesyncError):
    """A data file under datesync/lexicons (or a user's actor file) is malformed."""


class InputError(DatesyncError):
    """An input could not be read. Carries where, so a run can report it and go on."""

    def __init__(self, message: str, path: str = "", line: int | None = None):
        super().__init__(message, path, line)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line is not None else "")
        return f"{where}: {self.message}" if where else self.message
