"""Finding records: stable ids, severities from lexicons/findings.toml, spans from mentions."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from functools import cache

from datesync import lexicons
from datesync.model import Finding, Mention, Severity, Span


@cache
def kinds() -> dict[str, dict[str, str]]:
    """Every finding kind with its severity and title (lexicons/findings.toml)."""
    return lexicons.load("findings")


def severity(kind: str) -> Severity:
    return Severity(kinds()[kind]["severity"])


def finding_id(kind: str, spans: Iterable[Span]) -> str:
    """Depends only on the kind and the spans involved, so other documents never change it."""
    key = "\x1f".join([kind, *sorted(f"{s.doc_id}\x1e{s.start}\x1e{s.end}" for s in spans)])
    return "F" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def span_of(mention: Mention) -> Span:
    return Span(mention.doc_id, mention.start, mention.end, mention.text)


def make_finding(
    kind: str,
    mentions: Iterable[Mention],
    message: str,
    suggested: dt.date | None = None,
    event_id: str = "",
    extra_spans: Iterable[Span] = (),
) -> Finding:
    spans = tuple(dict.fromkeys([*(span_of(m) for m in mentions), *extra_spans]))
    doc_ids = tuple(dict.fromkeys(s.doc_id for s in spans))
    return Finding(
        finding_id(kind, spans), kind, severity(kind), doc_ids, spans, message, suggested, event_id
    )
