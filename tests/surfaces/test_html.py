"""The HTML report as a string: one block per event and one row per finding, every flagged span in an
excerpt, hostile report text inert, atomic and refused over an input, shown in Jupyter in a frame."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import datesync
from datesync import html
from datesync.inputs import Columns, Reading, read

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE = [
    {
        "id": "<script>alert('id')</script>",
        "source": '" onmouseover="alert(1)',
        "published": "2023-12-11",
        "text": "<script>alert(2)</script> أجرى وزير الخارجية الإيراني يوم الخميس 11 ديسمبر 2023 "
        "اتصالا هاتفيا مع نظيره الروسي سيرغي لافروف </textarea><img src=x onerror=alert(3)>.",
    },
    {
        "id": "x</textarea><svg onload=alert(4)>",
        "source": "src'><b>bold</b>",
        "published": "2023-12-12",
        "text": 'وزیر امور خارجه \u202eدوشنبه\u202c امروز دوشنبه ۲۰ آذر ۱۴۰۲ " onmouseover=alert(5) x=" '
        "با سرگئی لاوروف \u2067تلفنی\u2069 گفت‌وگو کرد.",
    },
    {
        "id": "https://news.example/a:b?c=1&d=2",
        "source": "\u202eRLO source",
        "published": "2023-12-11",
        "text": "Amir-Abdollahian spoke by phone with Sergei Lavrov on Tuesday, December 12, 2023 "
        "</script><script>alert(6)</script> \u202d{{ 7*7 }}.",
    },
]


class Tags(HTMLParser):
    """Every element and attribute the page has, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


def samples_audit():
    reading = Reading(lambda error: (_ for _ in ()).throw(AssertionError(str(error))))
    return datesync.audit(read([str(SAMPLES)], Columns(), reading))


def test_samples_page_has_a_block_per_event_and_a_row_per_finding():
    result = samples_audit()
    page = result.to_html()
    tags = parse(page).tags
    blocks = [a for t, a in tags if t == "section" and "event" in a.get("class", "").split()]
    rows = [a for t, a in tags if t == "tr" and "finding" in a.get("class", "").split()]
    assert len([b for b in blocks if b["id"] != "other"]) == len(result.events) > 5
    assert len(rows) == len(result.findings) > 5
    assert {b["id"] for b in blocks} >= {"ev-" + e.id for e in result.events}
    flagged = {f for _, a in tags for f in a.get("data-f", "").split()}
    assert flagged == {f.id for f in result.findings}  # every finding's words are in some excerpt
    assert not [r for r in rows if "absent" in r["class"]]
    summary = json.loads(next(s for s in parse(page).scripts if s.lstrip().startswith("{")))
    counts = (len(list(SAMPLES.glob("*.txt"))), len(result.events), len(result.findings))
    assert (summary["documents"], summary["events"], summary["findings"]) == counts


def test_persian_and_arabic_excerpts_are_right_to_left():
    page = samples_audit().to_html()
    rtl = re.findall(r'<blockquote class="ex" dir="(\w+)" lang="(\w+)"', page)
    assert {lang for d, lang in rtl if d == "rtl"} == {"fa", "ar"}
    assert {lang for d, lang in rtl if d == "ltr"} == {"en"}


def test_hostile_texts_stay_text():
    page = datesync.audit(HOSTILE).to_html()
    parsed = parse(page)
    names = {t for t, _ in parsed.tags}
    assert names <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "div",
        "b",
        "p",
        "i",
        "section",
        "span",
        "svg",
        "line",
        "text",
        "a",
        "circle",
        "label",
        "select",
        "option",
        "input",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "bdi",
        "main",
        "article",
        "blockquote",
        "mark",
        "ul",
        "li",
        "footer",
        "script",
    }  # no img, no textarea, no svg onload: nothing the reports wrote became an element
    assert not [(t, k) for t, a in parsed.tags for k in a if k.startswith("on")]  # no event handler
    scripts = [a for t, a in parsed.tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "datesync-data"}, {}]
    assert not any(c in page for c in CONTROLS)  # bidi controls shown as tokens, never as controls
    assert "⟨RLO⟩" in page and "⟨RLI⟩" in page
    for shown in (  # the reports' words are all there, as text
        "&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;",
        "&lt;script&gt;alert(2)&lt;/script&gt;",
        "&lt;/textarea&gt;&lt;img src=x onerror=alert(3)&gt;",
        "x&lt;/textarea&gt;&lt;svg onload=alert(4)&gt;",
        "&#34; onmouseover=alert(5) x=&#34;",
        "&lt;/script&gt;&lt;script&gt;alert(6)&lt;/script&gt;",
        "{{ 7*7 }}",  # report text is never a template
    ):
        assert shown in page, shown
    rows = [a for t, a in parsed.tags if t == "tr" and "finding" in a.get("class", "")]
    assert len(rows) == 3 and not [r for r in rows if "absent" in r["class"]]  # flagged hostile words shown
    data = next(s for s in parsed.scripts if s.lstrip().startswith("{"))
    assert "</" not in data
    for _, attrs in parsed.tags:
        for name in ("data-langs", "data-sources", "data-severities", "data-kinds"):
            if name in attrs:
                assert isinstance(json.loads(attrs[name]), list)  # whole JSON: no attribute broken out of
    sources = {s for _, a in parsed.tags if "data-sources" in a for s in json.loads(a["data-sources"])}
    assert '" onmouseover="alert(1)' in sources and "src'><b>bold</b>" in sources


def test_content_security_policy_allows_only_the_page_script():
    page = samples_audit().to_html()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1]
    script = parse(page).scripts[-1]
    import base64
    import hashlib

    assert base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() in policy


def test_audit_without_excerpts_still_renders_and_jupyter_gets_a_frame():
    result = datesync.audit(HOSTILE, excerpts=False)
    page = result.to_html()
    assert "were not kept" in page and page.count('<section class="event"') == len(result.events)
    framed = result._repr_html_()
    assert framed.startswith("<iframe srcdoc=") and "<script" not in framed  # escaped into the attribute
    assert 'sandbox="allow-scripts"' in framed


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "datesync", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_cli_html_file_and_format(tmp_path):
    target = tmp_path / "out" / "report.html"
    result = run("audit", str(SAMPLES), "--html", str(target), "--format", "json", "-q")
    assert result.returncode == 1  # the samples hold errors on purpose
    payload = json.loads(result.stdout)
    page = target.read_text(encoding="utf-8")
    assert page.count('<section class="event"') == len(payload["events"])
    assert page.count('<tr class="finding') == len(payload["findings"])
    assert not list(target.parent.glob(".*part"))  # written atomically, no temp file left
    stdout = run("audit", str(SAMPLES), "--format", "html", "-q").stdout
    assert stdout.startswith("<!DOCTYPE html>")
    assert stdout.count('<tr class="finding') == len(payload["findings"])
    assert "html" in run("audit", "--help").stdout


def test_cli_html_never_replaces_an_input(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(HOSTILE[2]["text"], encoding="utf-8")
    result = run("audit", str(report), "--html", str(report))
    assert result.returncode == 2 and "never writes over its inputs" in result.stderr
    assert report.read_text(encoding="utf-8") == HOSTILE[2]["text"]


def test_html_module_escapes_bidi_controls_in_attributes_and_text():
    assert html.inert("a\u202eb") == "a⟨RLO⟩b"
    assert html.inert(None) == ""
    assert str(html.quoted("«\u202eX» & <b>")) == "«<bdi>⟨RLO⟩X</bdi>» &amp; &lt;b&gt;"
