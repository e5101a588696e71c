"""Chromium driven by Playwright, from the system's browser (Debian's chromium: `executable_path`),
since Playwright's own browser download is not used. Every test here is skipped, with the reason,
when Playwright or a Chromium is missing; CI installs both (.ci/run)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """$DATESYNC_CHROMIUM, else the first Chromium on PATH."""
    given = os.environ.get("DATESYNC_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set DATESYNC_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        # Playwright gives the browser a fresh, empty profile of its own (its --user-data-dir)
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield browser
        browser.close()


class Page:
    """A page opened from disk, with everything it said on the console and every request it made."""

    def __init__(self, browser, path: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.set_default_timeout(15_000)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("#f-count:not(:empty)")  # the script ran

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def open_page(browser):
    pages: list[Page] = []

    def opened(path: Path) -> Page:
        pages.append(Page(browser, path))
        return pages[-1]

    yield opened
    for page in pages:
        page.page.close()
