"""The site written from the model's inline nodes: regressions of the Markdown re-parsers."""

from __future__ import annotations

import csv
import io
import re

from site_helpers import DRAFTS, text_of, to_html

from build_tools.parse import parse_text
from build_tools.render.plain import plain_text
from build_tools.render.site import render_page
from build_tools.site import glossary
from build_tools.site.redline import redline, redline_html

HEAD = """---
id: X 1
title: Test
language: {lang}
stage: WD
iteration: 1
date: 2026-01-01
committee: C
editors: [{{name: A}}]
---

"""
WIDGETS = (DRAFTS / "widgets.md").read_text(encoding="utf-8")


def _html(body: str, lang: str = "en") -> str:
    return to_html(render_page(parse_text(HEAD.format(lang=lang) + body, "drafts/x.md")))


def _footnote(html: str, label: str) -> str:
    return text_of(re.search(rf'<li id="fn:{label}">(.*?)</li>', html, re.S).group(1))


def test_footnote_text_belongs_to_its_label() -> None:
    html = _html("# Scope {#scope}\n\nFirst[^b] and second[^a].\n\n"
                 "[^a]: Text of A.\n[^b]: Text of B.\n")
    assert "Text of A." in _footnote(html, "a") and "Text of B." not in _footnote(html, "a")
    assert "Text of B." in _footnote(html, "b")
    # Numbered in reference order, like the DOCX: [^b] is footnote 1.
    assert re.search(r'href="#fn:b"[^>]*>1<', html) and re.search(r'href="#fn:a"[^>]*>2<', html)


def test_plain_text_has_no_footnote_markers() -> None:
    text = (WIDGETS.replace("small device that performs one [function](#term-function)",
                            "small device[^d] that performs one [function](#term-function)")
            + "\n[^d]: A footnote.\n")
    d = parse_text(text, "drafts/widgets.md")
    [term] = [t for t in d.terms if t.number == "3.1"]
    assert plain_text(term.definition, "en") == "small device that performs one function"
    concepts = glossary.collect([(d, "drafts/widgets.md")])
    rows = list(csv.DictReader(io.StringIO(glossary.glossary_csv(concepts).decode("utf-8-sig"))))
    widget = next(r for r in rows if r["term"] == "widget")
    assert widget["definition"] == "small device that performs one function"
    assert b"[^d]" not in glossary.tbx(concepts)


def test_plain_text_of_a_chinese_paragraph_joins_lines_without_a_space() -> None:
    d = parse_text(HEAD.format(lang="zh") + "# 范围\n\n本文件规定了\n小部件。\n", "x.md")
    assert plain_text(d.clauses[0].blocks[0], "zh") == "本文件规定了小部件。"


def test_redline_of_a_changed_table_cell_is_a_word_change_in_its_row() -> None:
    new = WIDGETS.replace("| large | 2 cm |", "| large | 3 cm |")
    path = "drafts/widgets.md"
    html = redline_html(redline(parse_text(WIDGETS, path), parse_text(new, path), "v1", "v2"))
    body = html[html.index('<div class="redline'):]
    assert "|" not in body  # no pipe syntax, neither "| a | b |" nor between cells
    row = next(line for line in body.split("<br>") if "large" in line)
    assert "<del>2 </del><ins>3 </ins>cm" in row or "<del>2</del><ins>3</ins>" in row


def test_cross_reference_inside_a_code_span_is_shown_as_typed() -> None:
    html = _html("# Scope {#scope}\n\nWrite `[](#tab-x)` to cite [](#tab-x).\n\n"
                 "Table: Sizes {#tab-x}\n\n| a |\n|---|\n| 1 |\n")
    scope = html[html.index('id="scope"'):html.index('class="clause-table"')]
    assert "<code>[](#tab-x)</code>" in scope
    assert scope.count('href="#tab-x"') == 1 and '<a href="#tab-x">Table 1</a>' in scope


def test_annex_without_obligation_class_reads_informative() -> None:
    html = _html("# Scope\n\nText.\n\n# Tests {#annex-t .annex}\n\nText.\n")
    heading = re.search(r'<h2 class="annex-heading" id="annex-t">(.*?)</h2>', html).group(1)
    assert text_of(heading) == "Annex A (informative) Tests"


def test_inline_markup_python_markdown_lacks_is_written_as_html() -> None:
    html = _html("# Scope\n\nOld ~~text~~ here,\\\nnext line; a [link](javascript:alert(1)).\n")
    assert "<del>text</del>" in html and "~~" not in html
    assert "here,<br />" in html and "\\" not in text_of(html[html.index("Old"):])
    assert "a link." in text_of(html) and "javascript" not in html


def test_nested_list_keeps_its_own_kind_and_quotes_keep_their_paragraphs() -> None:
    html = _html("# Scope\n\n1. first\n   - inner\n2. second\n\n> one\n>\n> two\n")
    assert re.search(r"<ol>\s*<li>first\s*<ul>\s*<li>inner</li>", html)
    assert re.search(r"<blockquote>\s*<p>one</p>\s*<p>two</p>", html)
