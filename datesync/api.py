"""The public calls. The only module that composes the stages:
text -> prepare -> find -> reference -> resolve -> checks (-> attribute -> reconcile for audit)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from datesync import checks
from datesync.find import Raw, find
from datesync.model import DocumentDates, Mention, Reference, Role
from datesync.normalize import Prepared, guess_lang, prepare
from datesync.reference import locate
from datesync.resolve import Context, Resolver

WINDOW = 1 << 20  # long texts are scanned in windows of about this many characters
NOON = dt.time(12, 0)


def _find_all(text: str, lang: str) -> list[Raw]:
    """find() over windows cut at line breaks, so a 100 MB text never holds all its tokens at once."""
    if len(text) <= WINDOW:
        return find(text, lang)
    out: list[Raw] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + WINDOW)
        if end < len(text):
            cut = text.rfind("\n", pos + WINDOW // 2, end)
            if cut == -1:
                cut = text.rfind(" ", pos + WINDOW // 2, end)
            end = cut + 1 if cut != -1 else end
        out.extend(find(text, lang, pos, end))
        pos = end
    return out


def _writer_today(raws: list[Raw], resolver: Resolver) -> dt.date | None:
    """The day the text itself calls today: امشب (یکشنبه) ۲۸ آبان says today is 28 Aban."""
    ctx = resolver.ctx
    for raw in raws:
        if raw.relative is None or raw.day is None:
            continue
        mention = resolver(raw)
        if mention.iso is None:
            continue
        today = mention.iso - dt.timedelta(days=raw.relative)
        if ctx.reference is None or 0 <= (ctx.reference - today).days <= ctx.lag:
            return today
    return None


def analyze(
    text: str, *, published: object = None, lang: str | None = None, doc_id: str = ""
) -> DocumentDates:
    """Every date mention in `text`, the reference date used, and the document's own findings."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    prepared: Prepared = prepare(text)
    lang = lang or guess_lang(text)
    raws = _find_all(prepared.text, lang)
    found = locate(prepared.text, raws, published)
    reference = found.date
    if reference is None and found.publication:  # the document's own header or dateline
        header = Resolver(prepared, Context(None, None, 0, lang, doc_id))(raws[found.publication[0]])
        reference = header.iso
    lag = 1 if found.time is None or found.time < NOON else 0
    base = Context(reference, reference, lag, lang, doc_id)
    anchor = _writer_today(raws, Resolver(prepared, base)) or reference
    resolver = Resolver(prepared, dataclasses.replace(base, anchor=anchor))
    publication = set(found.publication)
    mentions = [
        resolver(raw, Role.PUBLICATION if i in publication else Role.BODY) for i, raw in enumerate(raws)
    ]
    dual = checks.dual_renderings(text, mentions)
    mentions = _with_problems(mentions, dual)
    header_mention = mentions[found.publication[0]] if found.publication else None
    return DocumentDates(
        mentions=tuple(mentions),
        reference=Reference(reference, found.source, found.time, header_mention),
        findings=tuple(sorted([*resolver.findings, *dual], key=lambda f: (f.spans[0].start, f.kind))),
        lang=lang,
    )


def _with_problems(mentions: list[Mention], findings: list) -> list[Mention]:
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


def extract(text: str, *, published: object = None, lang: str | None = None) -> list[Mention]:
    """Every date expression in `text`, in order, with offsets into the original text.

    `published` (date, datetime or ISO string) supplies missing years and anchors "tonight"; without
    it datesync uses the text's own publication header or dateline, and says so in `analyze()`.
    """
    return list(analyze(text, published=published, lang=lang).mentions)
