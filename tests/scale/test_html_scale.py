"""The HTML report grows with the reports, not faster: 1,000 generated reports must stay within the
bound that keeps 10,000 under 20 MB (2,000 bytes a report), and be written in seconds."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from datesync import html, inputs, pipeline

GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


@pytest.mark.slow
def test_html_of_1000_generated_reports_is_small_and_quick(tmp_path):
    corpus = tmp_path / "g.jsonl"
    command = [sys.executable, str(GENERATE), "--count", "1000", "--seed", "7", "--output", str(corpus)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    reading = inputs.Reading(lambda error: None)
    documents = inputs.read([str(corpus)], inputs.Columns(), reading)
    result = pipeline.Auditor().report(documents, keep_excerpts=True)
    assert result.documents == 1000 and len(result.excerpts) > 900
    out = io.StringIO()
    start = time.perf_counter()
    html.write(out, result)
    seconds = time.perf_counter() - start
    size = len(out.getvalue().encode("utf-8"))
    assert size < 2_000 * result.documents, size
    assert seconds < 5, seconds  # about 0.4 s here; 10,000 reports take 3-5 s
    assert out.getvalue().count('<section class="event"') >= len(result.events)
