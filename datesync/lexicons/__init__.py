"""Language and calendar data, loaded once per process from the TOML/CSV files beside this module."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from typing import Any

from datesync.errors import LexiconError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


@cache
def load(name: str) -> dict[str, Any]:
    """Parse `<name>.toml` from this package; cached, so every caller shares one copy."""
    path = resources.files(__name__).joinpath(f"{name}.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"no lexicon named {name!r} in datesync/lexicons") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"datesync/lexicons/{name}.toml: {exc}") from None


def read_text(filename: str) -> str:
    """Raw text of a bundled data file (the actors gazetteer is CSV, not TOML)."""
    return resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
