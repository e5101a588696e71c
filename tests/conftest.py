"""Shared fixtures: the real articles in ../shared/seeds when present (tests skip cleanly without)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
CALENDAR = SHARED / "calendar"


def seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is not present")
    return matches[0].read_text(encoding="utf-8")


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS
