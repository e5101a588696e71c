"""Fuzzing the excerpts and the HTML report: pieces keep the document's offsets, every mark lies in
its piece, and whatever the reports say (hostile markup and bidi controls mixed in), the page has
only the elements and attributes the template writes."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datesync import audit
from tests.property.strategies import any_text, published
from tests.property.test_fuzz import EXAMPLES

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "</textarea>",
        '" onmouseover="x',
        "'><img src=x>",
        "\u202e",
        "\u2067",
        "</p>",
    ]
)
texts = st.lists(st.tuples(any_text, HOSTILE), min_size=1, max_size=4).map(
    lambda parts: [text[: len(text) // 2] + bad + text[len(text) // 2 :] for text, bad in parts]
)
TAGS = {
    "svg",
    "line",
    "text",
    "a",
    "circle",
    "mark",
    "p",
    "blockquote",
    "article",
    "section",
    "bdi",
    "b",
    "i",
}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.body: list[tuple[str, list[str]]] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside = True
        elif self.inside:
            self.body.append((tag, [name for name, _ in attrs]))

    def handle_endtag(self, tag):
        if tag == "main":
            self.inside = False


@settings(max_examples=max(EXAMPLES // 10, 10), deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, published)
def test_excerpts_keep_offsets_and_the_page_keeps_its_shape(docs_texts, ref):
    docs = [
        {"id": f"d{i}<b>", "text": t, "published": ref, "source": t[:12]} for i, t in enumerate(docs_texts)
    ]
    result = audit(docs)
    by_id = {d["id"]: d["text"] for d in docs}
    for doc_id, excerpt in result.excerpts.items():
        for piece in excerpt.pieces:
            assert by_id[doc_id][piece.start : piece.end] == piece.text
            assert all(piece.start <= m.start < m.end <= piece.end for m in piece.marks)
    page = result.to_html()
    assert not any(c in page for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    parser = Elements()
    parser.feed(page)
    for tag, attrs in parser.body:
        assert tag in TAGS | {"h2", "h3", "div", "span", "ul", "li"}, tag
        assert not [a for a in attrs if a.startswith("on")]
