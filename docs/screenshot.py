#!/usr/bin/env python3
"""Make docs/report.png and docs/report-event.png: the HTML report of data/samples as Chromium
shows it (the README's pictures): the top of the page, and the event block a finding click leads to.

    python docs/screenshot.py [--chromium /usr/bin/chromium] [--output docs/report.png]

Needs playwright (the test extra) and a Chromium (Debian: apt-get install chromium fonts-noto-core).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "report.html"
        command = [sys.executable, "-m", "datesync", "audit", str(ROOT / "data" / "samples")]
        subprocess.run([*command, "--format=html", "-o", str(page_file), "-q", "--fail-on=never"], check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1500})
            page.goto(page_file.as_uri())
            page.wait_for_selector("#f-count:not(:empty)")
            page.screenshot(path=str(args.output))
            page.click("tr.finding[data-kind=calendar_confusion]")  # scrolls to its span and marks it
            event = args.output.with_name(args.output.stem + "-event.png")
            page.locator("section.event:has(mark.marked)").screenshot(path=str(event))
            browser.close()
    print(f"wrote {args.output} and {event}")


if __name__ == "__main__":
    main()
