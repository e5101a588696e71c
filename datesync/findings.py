"""Finding kinds (one registry: the enum below and lexicons/findings.toml) and finding records.

Each kind's policy (severity, whether a mention carrying it is doubtful, whether its suggested date
counts in the vote and how much) is data in findings.toml, so the stages ask the registry instead
of listing codes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from datesync import lexicons
from datesync.model import Finding, Mention, Severity, Span, StrEnum


class FindingKind(StrEnum):
    HIJRI_OFFSET = "hijri_offset"
    WEEKDAY_MISMATCH = "weekday_mismatch"
    HIJRI_MONTH_LENGTH = "hijri_month_length"
    INVALID_DATE = "invalid_date"
    DATE_CONFLICT = "date_conflict"
    CALENDAR_CONFUSION = "calendar_confusion"
    DUAL_DATE_MISMATCH = "dual_date_mismatch"
    RELATIVE_CONFLICT = "relative_conflict"
    PUBLISHED_BEFORE_EVENT = "published_before_event"
    UNDATED_EVENT = "undated_event"
    INTERNAL_CONFLICT = "internal_conflict"
    STALE_HEADER = "stale_header"
    NIGHT_BOUNDARY = "night_boundary"
    SPLIT_EVENT = "split_event"
    AMBIGUOUS_DATE = "ambiguous_date"


@dataclass(frozen=True, slots=True)
class Policy:
    kind: FindingKind
    severity: Severity
    title: str
    doubtful: bool
    offers_readings: bool
    trusted_suggestion: bool
    explains_event_date: bool
    suggestion_weight: float
    suggestion_evidence: str
    names_two_renderings: bool


@cache
def registry() -> dict[FindingKind, Policy]:
    """Every finding kind's policy, in the order of findings.toml."""
    out = {}
    for code, row in lexicons.load("findings").items():
        kind = FindingKind(code)
        out[kind] = Policy(
            kind,
            Severity(row["severity"]),
            row["title"],
            bool(row.get("doubtful")),
            bool(row.get("offers_readings")),
            bool(row.get("trusted_suggestion")),
            bool(row.get("explains_event_date")),
            float(row.get("suggestion_weight", 0.0)),
            row.get("suggestion_evidence", ""),
            bool(row.get("names_two_renderings")),
        )
    return out


def policy(kind: str) -> Policy:
    return registry()[FindingKind(kind)]


def any_with(problems: Iterable[str], field: str) -> bool:
    """One of `problems` has the policy `field` set (doubtful, offers_readings ...)."""
    return any(getattr(registry()[FindingKind(code)], field) for code in problems)


def suggestion_policy(problems: Iterable[str]) -> Policy | None:
    """The first kind (registry order) among `problems` whose suggested date is evidence."""
    present = set(problems)
    return next((p for k, p in registry().items() if k in present and p.suggestion_weight), None)


def severity(kind: str) -> Severity:
    return policy(kind).severity


def finding_id(kind: str, spans: Iterable[Span]) -> str:
    """Depends only on the kind and the spans involved, so other documents never change it."""
    key = "\x1f".join([kind, *sorted(f"{s.doc_id}\x1e{s.start}\x1e{s.end}" for s in spans)])
    return "F" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def span_of(mention: Mention) -> Span:
    return Span(mention.doc_id, mention.start, mention.end, mention.text)


def make_finding(
    kind: FindingKind,
    mentions: Iterable[Mention],
    message: str,
    suggested: dt.date | None = None,
    event_id: str = "",
    extra_spans: Iterable[Span] = (),
) -> Finding:
    spans = tuple(dict.fromkeys([*(span_of(m) for m in mentions), *extra_spans]))
    doc_ids = tuple(dict.fromkeys(s.doc_id for s in spans))
    code = FindingKind(kind)
    return Finding(
        finding_id(code, spans), code.value, severity(code), doc_ids, spans, message, suggested, event_id
    )


def marked(mentions: list[Mention], findings: Iterable[Finding]) -> list[Mention]:
    """Add the codes of document-level findings to the mentions they involve."""
    codes: dict[tuple[int, int], list[str]] = {}
    for finding in findings:
        for span in finding.spans:
            codes.setdefault((span.start, span.end), []).append(finding.kind)
    if not codes:
        return mentions
    return [
        dataclasses.replace(m, problems=tuple(dict.fromkeys([*m.problems, *codes[(m.start, m.end)]])))
        if (m.start, m.end) in codes
        else m
        for m in mentions
    ]
