"""Excerpts: the sentences of a report around its events and flagged dates, within a budget, with
the document's own offsets (so mention offsets still address them)."""

from __future__ import annotations

from pathlib import Path

import pytest

import datesync
from datesync import excerpts, pipeline
from datesync.inputs import Columns, Reading, read

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def samples_audit():
    reading = Reading(lambda error: (_ for _ in ()).throw(AssertionError(str(error))))
    return datesync.audit(read([str(SAMPLES)], Columns(), reading))


def test_samples_excerpts_keep_document_offsets_and_direction():
    result = samples_audit()
    texts = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")}
    assert set(result.excerpts) == set(texts)
    for doc_id, excerpt in result.excerpts.items():
        assert excerpt.direction == ("ltr" if doc_id.startswith("en_") else "rtl")
        assert sum(len(p.text) for p in excerpt.pieces) <= excerpts.EXCERPT_CHARS + 60
        for piece in excerpt.pieces:
            assert texts[doc_id][piece.start : piece.end] == piece.text
            assert all(piece.start <= m.start < m.end <= piece.end for m in piece.marks)


@pytest.mark.parametrize("budget", [40, 120, 500])
def test_excerpt_fits_its_budget_and_keeps_the_event_sentence(budget):
    text = (
        "Published: 12 December 2023\n\n"
        + "Filler words here. " * 30
        + ("Amir-Abdollahian spoke by phone with Sergei Lavrov on Monday, December 11, 2023, about Gaza.")
        + " More filler follows here." * 30
    )
    result = datesync.audit([{"id": "a", "text": text}])
    (event,) = result.events
    doc = datesync.Document(text=text, id="a")
    processed = pipeline.process(doc)
    found = processed.event_mentions
    excerpt = excerpts.excerpt_of(doc, processed.dates, found, limit=budget)
    trigger = found[0].trigger
    assert any(p.start <= trigger.start and trigger.end <= p.end for p in excerpt.pieces)
    assert sum(len(p.text) for p in excerpt.pieces) <= max(budget, excerpts.MIN_PIECE) + 40
    assert excerpt.skipped_after and excerpt.pieces[0].skipped
    assert all(text[p.start : p.end] == p.text for p in excerpt.pieces)
    assert event.date.isoformat() == "2023-12-11"


def test_excerpts_only_when_asked_and_each_piece_names_its_events():
    text = (
        "وزیر امور خارجه امروز دوشنبه ۲۰ آذر ۱۴۰۲ با سرگئی لاوروف تلفنی گفت‌وگو کرد. "
        "امیرعبداللهیان روز شنبه ۱۵ مهر نیز در تماس تلفنی با هاکان فیدان رایزنی کرده بود."
    )
    doc = datesync.Document(text=text, id="fa", published="2023-12-11")
    assert pipeline.process(doc).excerpt is None
    result = pipeline.excerpted(doc)
    excerpt = result.excerpt
    assert (excerpt.direction, excerpt.lang, excerpt.published.isoformat()) == ("rtl", "fa", "2023-12-11")
    told = {index for piece in excerpt.pieces for index in piece.events}
    assert told == {em.index for em in result.event_mentions} and len(told) == 2
    assert datesync.audit([doc], excerpts=False).excerpts == {}
