"""The HTML report of data/samples, opened from disk in Chromium: no console errors, no network, one
block per event and one row per finding, a finding click scrolls to its span and marks it, filters
hide the others, Persian and Arabic words right-to-left, hostile report text inert."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.surfaces.test_html import HOSTILE

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> tuple[Path, dict]:
    """The samples' report as `datesync audit --html` writes it, and the same audit as JSON."""
    page = tmp_path_factory.mktemp("report") / "report.html"
    command = [sys.executable, "-m", "datesync", "audit", str(SAMPLES), "--html", str(page), "--format=json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr  # the samples hold errors on purpose
    return page, json.loads(result.stdout)


@pytest.fixture
def report(samples, open_page):
    page = open_page(samples[0])
    yield page
    assert page.errors == []  # nothing went wrong on the console, whatever the test did
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests


def test_one_block_per_event_and_one_row_per_finding(report, samples):
    _, audit = samples
    page = report.page
    events, findings = len(audit["events"]), len(audit["findings"])
    assert page.locator("section.event:not(#other)").count() == events > 5
    assert page.locator("tr.finding").count() == findings > 5
    ids = page.eval_on_selector_all("section.event", "els => els.map(e => e.id)")
    assert {f"ev-{e['event_id']}" for e in audit["events"]} <= set(ids)
    dated = [e for e in audit["events"] if e["date"]]  # one mark per report of every dated event
    assert page.locator("svg.timeline circle").count() == sum(e["reports"] for e in dated)
    assert page.locator("svg.timeline a.tl-event").count() == len(dated)
    assert (
        page.locator("#f-count").inner_text()
        == f"{events} of {events} events · {findings} of {findings} findings"
    )


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }",
    )


def test_a_finding_click_scrolls_to_its_span_and_marks_it(report, samples):
    page = report.page
    for finding in samples[1]["findings"]:
        target = f'#ev-{finding["event_id"]} mark[data-f~="{finding["finding_id"]}"]'
        page.evaluate("window.scrollTo(0, 0)")
        assert not in_view(page, target)  # far below the findings table
        page.click(f'tr.finding[data-id="{finding["finding_id"]}"]')
        page.wait_for_function("sel => document.querySelector(sel).classList.contains('marked')", arg=target)
        assert in_view(page, target)
        marked = page.eval_on_selector_all("mark.marked", "els => els.map(e => e.textContent)")
        assert marked and all(any(text in s["text"] for s in finding["spans"]) for text in marked)
        flagged = page.locator(f'mark[data-f~="{finding["finding_id"]}"]').count()
        assert page.locator("mark.marked").count() == flagged  # the previous finding's marks are gone


def test_the_marked_text_is_the_span_the_finding_names(report, samples):
    page = report.page
    for finding in (f for f in samples[1]["findings"] if len(f["spans"]) == 1):
        page.click(f'tr.finding[data-id="{finding["finding_id"]}"]')
        marked = page.eval_on_selector_all(
            f"#ev-{finding['event_id']} mark.marked", "els => els.map(e => e.textContent).join('')"
        )
        assert marked == finding["spans"][0]["text"]  # "October 9", «الليلة (الاثنين 20 ديسمبر)» ...


def test_filters_hide_the_others(report, samples):
    page = report.page
    findings = samples[1]["findings"]
    page.select_option("#f-severity", "error")
    visible = page.locator("tr.finding:visible")
    errors = sum(f["severity"] == "error" for f in findings)
    assert visible.count() == errors > 0
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.severity)")) == {"error"}
    assert page.locator("tr.finding[hidden]").count() == len(findings) - errors > 0
    events_with_errors = {f["event_id"] for f in findings if f["severity"] == "error"}
    assert page.locator("section.event:visible").count() == len(events_with_errors)
    page.select_option("#f-severity", "")
    kind = findings[-1]["kind"]
    page.select_option("#f-kind", kind)
    assert page.locator("tr.finding:visible").count() == sum(f["kind"] == kind for f in findings)
    page.select_option("#f-kind", "")
    page.select_option("#f-lang", "en")
    assert set(
        page.locator("section.event:visible article.rep:visible").evaluate_all(
            "reps => reps.map(r => r.dataset.lang)"
        )
    ) == {"en"}
    page.select_option("#f-lang", "")
    source = findings[0]["doc_ids"][0]  # a file's source is its name
    page.select_option("#f-source", source)
    assert page.locator("tr.finding:visible").count() == sum(source in f["doc_ids"] for f in findings)
    page.select_option("#f-source", "")
    events = samples[1]["events"]
    name = events[0]["participants"][-1]
    page.fill("#f-search", name.lower())
    with_name = sum(name in e["participants"] for e in events)
    page.wait_for_function(
        "n => document.querySelectorAll('section.event:not([hidden])').length === n", arg=with_name
    )
    assert all(name in text for text in page.locator("section.event:visible h3").all_inner_texts())
    page.fill("#f-search", "")
    page.wait_for_function(
        "n => document.querySelectorAll('section.event:not([hidden])').length === n", arg=len(events)
    )


def test_persian_and_arabic_excerpts_render_right_to_left(report):
    page = report.page
    directions = page.eval_on_selector_all(
        "blockquote.ex",
        "els => els.map(e => [e.lang, getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi])",
    )
    assert {lang for lang, d, _ in directions if d == "rtl"} == {"fa", "ar"}
    assert {lang for lang, d, _ in directions if d == "ltr"} == {"en"}
    assert {bidi for _, _, bidi in directions} == {"isolate"}
    # the words start at the right edge: the first line of a Persian paragraph hugs its right side
    gaps = page.eval_on_selector_all(
        "blockquote.ex[lang=fa] p:not(.cut)",  # (a cut paragraph starts with …)
        "ps => ps.map(p => { const r = document.createRange(); r.selectNodeContents(p);"
        " const line = r.getClientRects()[0]; return p.getBoundingClientRect().right - line.right; })",
    )
    assert gaps and max(gaps) < 4
    font = page.eval_on_selector("blockquote.ex[lang=ar]", "e => getComputedStyle(e).fontFamily")
    assert "Noto Naskh Arabic" in font


def test_hovering_a_date_shows_it_in_three_calendars(report):
    page = report.page
    mark = page.locator('mark.d[data-d="2023-11-19"]').first
    mark.hover()
    assert mark.get_attribute("title").startswith("Sunday 2023-11-19 · 28 Aban 1402; 5 Jumada al-Ula 1445")
    said = page.locator("article.rep .meta b[data-d]").first
    said.hover()
    assert " · " in said.get_attribute("title")


def test_hostile_texts_stay_inert(tmp_path, open_page):
    import datesync

    path = tmp_path / "hostile.html"
    path.write_text(datesync.audit(HOSTILE).to_html(), encoding="utf-8")
    report = open_page(path)
    page = report.page
    for row in range(page.locator("tr.finding").count()):
        page.locator("tr.finding").nth(row).click()
    page.locator("article.rep").first.hover()
    page.mouse.move(5, 5)
    assert report.dialogs == [] and report.errors == []
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img, textarea, iframe, object, embed").count() == 0
    assert page.evaluate("document.scripts.length") == 2
    body = page.inner_text("body")
    shown = (
        "<script>alert(2)</script>",
        "</textarea><img src=x onerror=alert(3)>",
        '" onmouseover=alert(5) x="',
    )
    assert all(text in body for text in shown)
    assert "⟨RLO⟩" in body and "\u202e" not in body
    assert all(url.startswith(("file:", "data:", "about:")) for url in report.requests)


def test_screenshot(report, tmp_path):
    shot = tmp_path / "report.png"
    report.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
