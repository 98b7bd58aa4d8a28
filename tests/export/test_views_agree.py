"""One draft rendered to the site page, the DOCX and the PDF: the three say the same thing.

The site is read as the HTML Python-Markdown makes of the page with mkdocs.yml's extensions
(what MkDocs would serve, without building a site); the DOCX with python-docx and its
footnotes part; the PDF with pypdf.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from docx import Document
from docx.oxml.ns import qn
from export_helpers import make_repo, write
from lxml import etree
from pypdf import PdfReader

from build_tools.export import export_drafts
from build_tools.export.cover import cover_of
from build_tools.export.typst_source import to_typst
from build_tools.parse import parse_file, parse_text
from build_tools.render.pandoc import to_pandoc
from build_tools.render.site import render_page

DRAFT = """---
id: MVS 9100
title:
  en: Metaverse — Views agree
language: en
stage: WD
iteration: 1
date: 2026-12-01
committee: MIIT Metaverse Standardization Working Group, WG 9 Testing
---

# Scope {#scope}

This document specifies session state, cited in the order b then a[^b] and again[^a].
The parameters are in [](#tab-x); the literal `[](#tab-x)` stays as typed.

[^a]: Footnote A text, defined first.

[^b]: Footnote B text, defined second.

# Terms and definitions {#terms}

For the purposes of this document, the following terms and definitions apply.

## session {#term-session}

admitted: sitting
symbol: SES-1
deprecated: meeting

period of interaction of a user with a virtual world

EXAMPLE A visit of one hour.

Note 1 to entry: A session can be interrupted.

[SOURCE: ISO/IEC 2382:2015, 2121319, modified]

# Requirements {#requirements}

The platform shall keep the state listed in [](#tab-x):

1. first step
   1. first sub-step
   2. second sub-step
2. second step

Table: Session parameters {#tab-x}

| Parameter | Value |
|---|---|
| timeout | 20 ms |

# Session examples {.annex #annex-examples}

A session example.
"""

TERM_ENTRY = ["2.1", "session", "sitting", "DEPRECATED: meeting", "SES-1",
              "period of interaction of a user with a virtual world",
              "EXAMPLE A visit of one hour.", "Note 1 to entry: A session can be interrupted.",
              "[SOURCE: ISO/IEC 2382:2015, 2121319, modified]"]
FOOTNOTES = ["Footnote B text, defined second.", "Footnote A text, defined first."]  # as cited
MKDOCS_EXTENSIONS = ["attr_list", "md_in_html", "tables", "footnotes", "admonition", "toc"]


class _Text(HTMLParser):
    """The text a reader sees: inline elements run on, block elements are set apart."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th", "dt", "dd", "br"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.handle_starttag(tag, None)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def flat(text: str) -> str:
    return " ".join(text.split())


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


class Views:
    def __init__(self, site: str, site_notes: list[str], docx: str, docx_notes: list[str],
                 pdf: str) -> None:
        self.site, self.site_notes = site, site_notes
        self.docx, self.docx_notes = docx, docx_notes
        self.pdf = pdf

    def all(self) -> dict[str, str]:
        return {"site": self.site, "docx": self.docx, "pdf": self.pdf}


def site_view(path: Path) -> tuple[str, list[str]]:
    page = render_page(parse_file(path))
    html = markdown.markdown(page.split("---\n", 2)[2], extensions=MKDOCS_EXTENSIONS)
    body, _, notes = html.partition('<div class="footnote">')
    parser = _Text()
    parser.feed(body)
    text = {m.group(1): flat(re.sub(r"<[^>]+>|&#160;|&#8617;", " ", m.group(2)))
            for m in re.finditer(r'<li id="fn:([^"]+)">(.*?)</li>', notes, re.S)}
    cited = re.findall(r'id="fnref\d*:([^"]+)"', body)
    return flat("".join(parser.parts)), [text[label] for label in dict.fromkeys(cited)]


def docx_view(path: Path) -> tuple[str, list[str]]:
    doc = Document(str(path))
    text = flat(" ".join(p.text for p in doc.paragraphs))
    with zipfile.ZipFile(path) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    by_id = {n.get(qn("w:id")): flat("".join(n.itertext())) for n in notes.iter(qn("w:footnote"))}
    cited = [r.get(qn("w:id")) for r in doc.element.body.iter(qn("w:footnoteReference"))]
    return text, [by_id[i] for i in cited]


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> Views:
    tmp = tmp_path_factory.mktemp("agree")
    path = write(make_repo(tmp / "repo"), "mvs-9100.md", DRAFT)
    outputs = export_drafts([path], tmp / "out")[0].outputs
    pdf = flat("\n".join(p.extract_text() for p in PdfReader(outputs["pdf"]).pages))
    return Views(*site_view(path), *docx_view(outputs["docx"]), pdf)


def test_term_entry_in_the_same_order(views: Views) -> None:
    for name, text in views.all().items():
        assert in_order(text, TERM_ENTRY), name


def test_annex_without_a_class_reads_informative(views: Views) -> None:
    for name, text in views.all().items():
        assert "Annex A (informative) Session examples" in text, name


def test_each_footnote_has_the_text_of_its_label(views: Views) -> None:
    assert views.site_notes == FOOTNOTES
    assert views.docx_notes == FOOTNOTES
    body = views.pdf.partition("Footnote B")[0]
    assert "cited in the order b then a1 and again2." in body
    assert in_order(views.pdf, FOOTNOTES)


def test_cross_references_have_the_model_labels(views: Views) -> None:
    for name, text in views.all().items():
        assert "The parameters are in Table 1;" in text, name
        assert "the state listed in Table 1:" in text, name
        assert "Table 1 — Session parameters" in text, name


def test_code_span_stays_literal(views: Views) -> None:
    for name, text in views.all().items():
        assert "the literal [](#tab-x) stays as typed" in text, name


def test_nested_ordered_list_is_numbered_at_each_level(tmp_path: Path) -> None:
    path = write(make_repo(tmp_path / "repo"), "mvs-9100.md", DRAFT)
    docx = export_drafts([path], tmp_path / "out", ("docx",))[0].outputs["docx"]
    doc = Document(str(docx))
    levels = {}
    for p in doc.paragraphs:
        num = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num is not None:
            levels[p.text] = int(num.find(qn("w:ilvl")).get(qn("w:val")))
    assert levels == {"first step": 0, "first sub-step": 1, "second sub-step": 1,
                      "second step": 0}
    page = {"margin-left-mm": 25, "line-number-font": "DejaVu Sans Mono"}
    draft = parse_file(path)
    typst = to_typst(draft, cover_of(draft), {}, None, page).text
    assert "#enum([first step #enum([first sub-step], [second sub-step])], [second step])" in typst


def test_writers_keep_links_and_tags_safe() -> None:
    """A cross-draft reference is text; a data: link keeps its text only; an allowlisted tag
    is markup, any other tag (or one with attributes) is shown as typed, and a closing tag
    without its opening one is dropped, as a browser drops it on the site."""
    draft = parse_text(DRAFT.replace(
        "A session example.",
        "See [](other-draft.md#sec-x), [the other](other-draft.md#sec-y), "
        "[x](data:image/png;base64,AAAA), H<sub>2</sub>O, <span onclick=\"x\">s</span> "
        "and <sub class=\"a\">c</sub>."))
    pandoc = to_pandoc(draft)
    line = next(p for p in pandoc.split("\n\n") if p.startswith("See"))
    assert line == ("See other\\-draft\\.md\\#sec\\-x\\, the other\\, x\\, H~2~O\\, "
                    "\\<span onclick\\=\\\"x\\\"\\>s\\<\\/span\\> and "
                    "\\<sub class\\=\\\"a\\\"\\>c\\.")
    page = {"margin-left-mm": 25, "line-number-font": "DejaVu Sans Mono"}
    typst = to_typst(draft, cover_of(draft), {}, None, page).text
    line = next(p for p in typst.split("\n\n") if p.startswith("See")).strip()
    assert line == ("See other-draft.md\\#sec-x, the other, x, H#sub[2];O, "
                    "\\<span onclick=\\\"x\\\"\\>s\\</span\\> and \\<sub class=\\\"a\\\"\\>c.")
