"""Draft pages: numbering, term layout, captions, Chinese labels, cross-references, safety."""

from __future__ import annotations

import re
from pathlib import Path

from site_helpers import draft, text_of, to_html

from build_tools.i18n import boilerplate
from build_tools.parse import parse_text
from build_tools.render import notices
from build_tools.render.site import PageContext, render_page


def test_headings_are_numbered_with_stable_ids() -> None:
    md = render_page(draft("widgets.md"))
    assert '## 1 Scope { id="scope" }' in md
    assert '### 4.1 General { id="sec-general" }' in md
    assert '## Foreword { id="foreword" }' in md
    html = to_html(md)
    assert re.search(r'<h2 id="sec-requirements">4 Requirements', html)
    assert re.search(r'<h3 id="sec-shape">4\.2 Shape', html)


def test_annex_heading_has_letter_and_obligation() -> None:
    html = to_html(render_page(draft("widgets.md")))
    heading = re.search(r'<h2 class="annex-heading" id="annex-tests">(.*?)</h2>', html).group(1)
    assert text_of(heading) == "Annex A (informative) Test methods"


def test_term_entry_layout() -> None:
    html = to_html(render_page(draft("widgets.md")))
    entry = html[html.index('id="term-widget"'):html.index('id="term-function"')]
    order = ['class="term-number">3.1<', 'class="term-preferred">widget<', ">gadget<",
             "DEPRECATED: doohickey", 'class="term-definition">small device',
             "EXAMPLE</span> A blue widget", "Note 1 to entry:</span> Widgets are small",
             "[SOURCE: ISO 1234:2020, 3.1"]
    positions = [entry.index(part) for part in order]
    assert positions == sorted(positions)
    # Cross-references inside the definition link to the other entry on the same page.
    assert '<a href="#term-function">function</a>' in entry


def test_table_caption_above_and_figure_caption_below() -> None:
    html = to_html(render_page(draft("widgets.md")))
    table = html[html.index('id="tab-sizes"'):]
    assert table.index("Table 1 — Widget sizes") < table.index("<table>")
    figure = html[html.index('id="fig-shape"'):]
    assert figure.index('<img alt="Shape of a widget" src="figures/shape.svg"') < \
        figure.index("<figcaption>Figure 1 — Shape of a widget</figcaption>")


def test_cross_references_are_filled_with_labels() -> None:
    html = to_html(render_page(draft("widgets.md")))
    scope = html[html.index('id="scope"'):html.index('id="normative-references"')]
    assert '<a href="#sec-general">4.1</a>' in scope
    assert '<a href="#tab-sizes">Table 1</a>' in scope
    assert '<a href="#fig-shape">Figure 1</a>' in scope
    assert '<a href="#annex-tests">Annex A</a>' in scope


def test_chinese_labels_and_lang() -> None:
    md = render_page(draft("widgets-zh.md"))
    html = to_html(md)
    assert '<div class="clause-draft" lang="zh-CN">' in html
    assert "表1\u3000小部件尺寸" in html
    assert "<figcaption>图1\u3000小部件形状</figcaption>" in html
    annex = re.search(r'<h2 class="annex-heading" id="annex-zh">(.*?)</h2>', html).group(1)
    assert text_of(annex) == "附录A（资料性）试验方法"
    assert '<span class="term-en" lang="en">widget</span>' in html
    assert 'class="clause-label">注：</span>' in html
    assert '<a href="#tab-zh">表1</a>' in html
    assert "征求意见稿" in html  # GB name of stage 30
    assert boilerplate.WARNING_GB in html


def test_header_block() -> None:
    html = to_html(render_page(draft("widgets.md"),
                               PageContext(downloads=[("PDF", "widgets.pdf")])))
    header = html[:html.index('class="draft-warning"')]
    assert "MVS 9001" in header and "Widgets — Vocabulary and requirements" in header
    assert 'lang="zh-CN">小部件 词汇和要求' in header
    assert "Committee Draft 2 (30.20)" in header
    assert "2026-11-01" in header and "Test WG 9" in header
    assert "Ada Editor (Example Org)" in header
    assert "ada@example.org" not in html  # addresses stay off the public site
    assert '<a href="widgets.pdf">PDF</a>' in header


def test_stage_warnings() -> None:
    assert notices.draft_warning("CD", "iso") == boilerplate.WARNING_CD
    assert notices.draft_warning("20.20", "iso") == boilerplate.WARNING_CD
    assert notices.draft_warning("DIS", "iso") == boilerplate.WARNING_DIS
    assert notices.draft_warning("FDIS", "iso") == boilerplate.WARNING_DIS
    assert notices.draft_warning("CD", "gb") == boilerplate.WARNING_GB
    assert notices.draft_warning("IS", "iso") is None


def test_draft_html_is_escaped() -> None:
    d = draft("injection.md")
    published = {"figures/evil.svg"}
    html = to_html(render_page(d, PageContext(image_ok=lambda s: s in published)))
    body = html[html.index('class="clause-draft"'):]
    assert "<script" not in body
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in body
    assert not re.search(r"<[^>]+\son\w+\s*=", body), "an event handler attribute got through"
    assert "javascript:" not in re.sub(r"&lt;.*?&gt;", "", body).replace(
        "[evil]: javascript:", "")  # only shown as text, never as a link
    assert 'href="javascript' not in body
    assert "nowhere.png" not in body  # unpublished image: alt text only
    assert "<code>&lt;b onclick=&quot;x&quot;&gt;</code>" in body or \
        '<code>&lt;b onclick="x"&gt;</code>' in body
    assert "etc/passwd" not in re.sub(r"\[image not available: [^\]]*\]", "", body)


def test_title_is_escaped_in_front_matter() -> None:
    md = render_page(draft("injection.md"))
    front = md.split("---\n")[1]
    assert "<script>" not in front and "&lt;script&gt;" in front


def test_cross_draft_reference_gets_the_other_drafts_label() -> None:
    other = draft("widgets.md")
    text = (DRAFT_HEAD + "# Scope {#scope}\n\nSee [](widgets.md#tab-sizes) and "
            "[](widgets.md#nope).\n")
    d = parse_text(text, "drafts/x.md")
    ctx = PageContext(other_draft=lambda href: other if href == "widgets.md" else None)
    html = to_html(render_page(d, ctx))
    assert '<a href="widgets.md#tab-sizes">MVS 9001, Table 1</a>' in html


def test_footnotes_and_code_blocks() -> None:
    text = (DRAFT_HEAD + "# Scope {#scope}\n\nText with a note[^a].\n\n"
            "```\n<b>code</b>\n\nsecond\n```\n\n[^a]: The footnote.\n")
    html = to_html(render_page(parse_text(text, "x.md")))
    assert 'href="#fn:a"' in html and "The footnote." in html
    assert "&lt;b&gt;code&lt;/b&gt;\n\nsecond" in html


DRAFT_HEAD = """---
id: X 1
title: Test
language: en
stage: WD
iteration: 1
date: 2026-01-01
committee: C
editors: [{name: A}]
---

"""


def test_references_carry_their_anchors() -> None:
    text = WIDGETS_TEXT.replace("This document specifies widgets.",
                                "This document specifies widgets (see [](#ref-iso-5678)).")
    html = to_html(render_page(parse_text(text, "drafts/widgets.md")))
    assert '<p class="reference" id="ref-iso-1234">ISO 1234:2020' in html
    assert 'id="ref-iso-5678"><span class="ref-number">[1]</span> ISO 5678' in html
    assert '<a href="#ref-iso-5678">[1]</a>' in html


WIDGETS_TEXT = (Path(__file__).parent / "drafts" / "widgets.md").read_text(encoding="utf-8")
