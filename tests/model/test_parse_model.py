"""The Draft model itself, table-driven: numbering, labels, spans, citations, pins, footnotes.

Positions are what an editor shows: 1-based line and column, columns counted in characters,
front-matter included. Every span case below is a whole file; ``HEAD`` is five lines of
front-matter, so the body starts on line 6.
"""

from __future__ import annotations

import pytest

from build_tools.model import CODE, FOOTNOTE_REF, IMAGE, XREF, Block, Draft, ListBlock
from build_tools.parse import parse_bytes, parse_text

HEAD = "---\nid: T 1\ntitle: T\nlanguage: en\n---\n"
HEAD_ZH = "---\nid: T 1\ntitle: T\nlanguage: zh\n---\n"


def blocks(draft: Draft) -> list[Block]:
    return [*draft.preamble, *draft.blocks()]


def block_with(draft: Draft, word: str) -> Block:
    found = [b for b in blocks(draft) if word in b.text]
    assert found, f"{word!r} is in no block: {[(b.kind, b.text) for b in blocks(draft)]}"
    return found[0]


def position_of(draft: Draft, word: str) -> tuple[str, tuple[int, int]]:
    block = block_with(draft, word)
    return block.kind, block.position(block.text.index(word))


# --------------------------------------------------------------------------- numbering

EN_STRUCTURE = HEAD + """# Foreword

Text.

# Introduction

## Background

Text.

# Scope

Text.

# Normative references

Text.

# Terms and definitions

## widget

small device

### nano widget

smaller device

## gadget

other device

# Requirements {#sec-req}

## General

### Detail

Table: Values {#tab-v}

| a |
|---|
| b |

![Flow](f.svg){#fig-f}

# Tests

Text.

# Extras {#ann-a .annex .normative}

## Sub

Table: In annex {#tab-a}

| a |
|---|
| b |

![Annex figure](g.svg){#fig-a}

# More {.annex}

Text.
"""


@pytest.fixture(scope="module")
def en_draft() -> Draft:
    return parse_text(EN_STRUCTURE)


@pytest.mark.parametrize(("title", "number", "label", "kind"), [
    ("Foreword", "", "Foreword", "foreword"),
    ("Introduction", "0", "Introduction", "introduction"),
    ("Background", "0.1", "0.1", "clause"),
    ("Scope", "1", "Clause 1", "scope"),
    ("Normative references", "2", "Clause 2", "normative-references"),
    ("Terms and definitions", "3", "Clause 3", "terms"),
    ("Requirements", "4", "Clause 4", "clause"),
    ("General", "4.1", "4.1", "clause"),
    ("Detail", "4.1.1", "4.1.1", "clause"),
    ("Tests", "5", "Clause 5", "clause"),
    ("Extras", "A", "Annex A", "annex"),
    ("Sub", "A.1", "A.1", "clause"),
    ("More", "B", "Annex B", "annex"),
])
def test_clause_numbers_and_labels(en_draft: Draft, title: str, number: str, label: str,
                                   kind: str) -> None:
    clause = next(c for c in en_draft.walk() if c.title == title)
    assert (clause.number, clause.label, clause.kind) == (number, label, kind)


def test_annex_obligation_defaults_to_informative(en_draft: Draft) -> None:
    stated = next(c for c in en_draft.walk() if c.title == "Extras")
    unstated = next(c for c in en_draft.walk() if c.title == "More")
    assert (stated.obligation, stated.obligation_stated) == ("normative", True)
    assert (unstated.obligation, unstated.obligation_stated) == ("informative", False)
    assert unstated.informative and not stated.informative


@pytest.mark.parametrize(("preferred", "number"), [
    ("widget", "3.1"), ("nano widget", "3.1.1"), ("gadget", "3.2"),
])
def test_term_numbers(en_draft: Draft, preferred: str, number: str) -> None:
    term = next(t for t in en_draft.terms if t.preferred == preferred)
    assert term.number == number


def test_subterm_belongs_to_its_entry(en_draft: Draft) -> None:
    widget = next(t for t in en_draft.terms if t.preferred == "widget")
    assert [s.preferred for s in widget.subterms] == ["nano widget"]
    assert widget.subterms[0].definition is not None
    assert widget.subterms[0].definition.text == "smaller device"


@pytest.mark.parametrize(("anchor", "label"), [
    ("tab-v", "Table 1"), ("tab-a", "Table A.1"), ("fig-f", "Figure 1"), ("fig-a", "Figure A.1"),
    ("sec-req", "Clause 4"), ("ann-a", "Annex A"),
])
def test_labels_of_targets(en_draft: Draft, anchor: str, label: str) -> None:
    assert en_draft.label_of(anchor) == label


ZH_STRUCTURE = HEAD_ZH + """# 前言

文。

# 范围

本文件。

# 规范性引用文件

下列文件。

# 术语和定义

## 化身

定义。

# 要求 {#sec-r}

表：数值 {#tab-v}

| a |
|---|
| b |

![流程](f.svg){#fig-f}

见[](#tab-v)、[](#fig-f)、[](#sec-r)、[](#ann-a)和[](#fig-a)。

# 附录 {#ann-a .annex .normative}

表：附表 {#tab-a}

| a |
|---|
| b |

![图题](g.svg){#fig-a}
"""


@pytest.mark.parametrize(("anchor", "label"), [
    ("sec-r", "第4章"), ("ann-a", "附录A"), ("tab-v", "表1"), ("tab-a", "表A.1"),
    ("fig-f", "图1"), ("fig-a", "图A.1"),
])
def test_zh_labels(anchor: str, label: str) -> None:
    assert parse_text(ZH_STRUCTURE).label_of(anchor) == label


def test_zh_term_number() -> None:
    assert [t.number for t in parse_text(ZH_STRUCTURE).terms] == ["3.1"]


@pytest.mark.parametrize(("source", "text"), [
    (EN_STRUCTURE.replace("Text.\n\n# Extras", "See [](#tab-v), [](#fig-a) and [](#ann-a).\n\n"
                          "# Extras"), "See Table 1, Figure A.1 and Annex A."),
    (EN_STRUCTURE.replace("Text.\n\n# Extras", "Under [](#sec-req), not [the table](#tab-v).\n\n"
                          "# Extras"), "Under Clause 4, not the table."),
    (ZH_STRUCTURE, "见表1、图1、第4章、附录A和图A.1。"),
])
def test_xref_labels_fill_the_plain_text(source: str, text: str) -> None:
    draft = parse_text(source)
    assert text in [b.text for b in blocks(draft)]


def test_xref_inside_a_code_span_is_not_resolved() -> None:
    draft = parse_text(EN_STRUCTURE.replace("Text.\n\n# Extras", "Write `[](#tab-v)` there.\n\n"
                                            "# Extras"))
    block = block_with(draft, "Write")
    assert block.text == "Write [](#tab-v) there."
    assert block.prose == "Write " + "\x00" * len("[](#tab-v)") + " there."
    assert not [n for n in block.phrase.walk() if n.kind == XREF]


# --------------------------------------------------------------------------- spans

TABLE = "# Scope\n\n| a \\| hdrword | b |\n|---|---|\n| c \\| bodyword | d \\| lastword |\n"
NESTED = "# Scope\n\n- top item\n  - second level\n    - third deepword\n      wrapword\n"
TERMS = ("# Terms and definitions\n\n## widget\n\nsmall defword device\n\n"
         "EXAMPLE An exampleword here.\n\nNote 1 to entry: The entryword is here.\n")

SPANS = [
    # name, file text, word, block kind, (line, column)
    ("paragraph", HEAD + "# Scope\n\nThe quick brown fox.\n", "brown", "paragraph", (8, 11)),
    ("soft-wrapped second line", HEAD + "# Scope\n\nFirst line here\nsecond wrapped target.\n",
     "target", "paragraph", (9, 16)),
    ("table header cell after \\|", HEAD + TABLE, "hdrword", "table", (8, 8)),
    ("table body cell after \\|", HEAD + TABLE, "bodyword", "table", (10, 8)),
    ("second body cell after \\|", HEAD + TABLE, "lastword", "table", (10, 24)),
    ("list item depth 2", HEAD + NESTED, "second", "list", (9, 5)),
    ("list item depth 3", HEAD + NESTED, "deepword", "list", (10, 13)),
    ("wrapped list item depth 3", HEAD + NESTED, "wrapword", "list", (11, 7)),
    ("note", HEAD + "# Scope\n\nNOTE 1 This is a noteword.\n", "noteword", "note", (8, 18)),
    ("note to entry", HEAD + TERMS, "entryword", "term-note", (14, 22)),
    ("example in a term entry", HEAD + TERMS, "exampleword", "example", (12, 12)),
    ("example", HEAD + "# Scope\n\nEXAMPLE The exword here.\n", "exword", "example", (8, 13)),
    ("footnote", HEAD + "# Scope\n\nText[^a].\n\n[^a]: The footword text.\n", "footword",
     "footnote", (10, 11)),
    ("footnote continued", HEAD + "# Scope\n\nText[^a].\n\n[^a]: The first\n    footword.\n",
     "footword", "footnote", (11, 5)),
    ("term definition", HEAD + TERMS, "defword", "definition", (10, 7)),
    ("blockquote", HEAD + "# Scope\n\n> quoted here\n> second qword\n", "qword", "quote",
     (9, 10)),
    ("after **bold**", HEAD + "# Scope\n\nThe **bold** afterbold word.\n", "afterbold",
     "paragraph", (8, 14)),
    ("inside **bold**", HEAD + "# Scope\n\nThe **bold inbold** word.\n", "inbold", "paragraph",
     (8, 12)),
    ("link text", HEAD + "# Scope\n\nSee [linkword text](https://example.org) after.\n",
     "linkword", "paragraph", (8, 6)),
    ("after a link", HEAD + "# Scope\n\nSee [text](https://example.org \"t\") afterlink.\n",
     "afterlink", "paragraph", (8, 37)),
    ("after &amp;", HEAD + "# Scope\n\nTom &amp; entword.\n", "entword", "paragraph", (8, 11)),
    ("after a numeric entity", HEAD + "# Scope\n\nA &#x4e2d; numword.\n", "numword",
     "paragraph", (8, 12)),
    ("after a backslash escape", HEAD + "# Scope\n\nA \\*star\\* escword.\n", "escword",
     "paragraph", (8, 12)),
    ("after a code span", HEAD + "# Scope\n\nSet `x=1` codeafter now.\n", "codeafter",
     "paragraph", (8, 11)),
    ("inside a code span", HEAD + "# Scope\n\nSet `x=1` codeafter now.\n", "x=1",
     "paragraph", (8, 6)),
    ("after a double-backtick code span", HEAD + "# Scope\n\nSet `` a`b `` dblafter.\n",
     "dblafter", "paragraph", (8, 15)),
    ("after a filled-in cross-reference", HEAD + "# Scope {#sec-s}\n\nSee [](#sec-s) xafter.\n",
     "xafter", "paragraph", (8, 16)),
    ("after a footnote reference", HEAD + "# Scope\n\nText[^a] fnafter.\n\n[^a]: X.\n",
     "fnafter", "paragraph", (8, 10)),
    ("after a hard break", HEAD + "# Scope\n\nline one\\\nhbword two.\n", "hbword",
     "paragraph", (9, 1)),
    ("CJK paragraph", HEAD_ZH + "# 范围\n\n本文件规定了中文目标词的要求。\n", "目标", "paragraph",
     (8, 9)),
    ("CJK table cell", HEAD_ZH + "# 范围\n\n| 项目 | 要求 |\n|---|---|\n| 长度 | 必须为5mm左右 |\n",
     "5mm", "table", (10, 11)),
    ("CJK list item", HEAD_ZH + "# 范围\n\n- 第一项\n  - 第二层的嵌套词\n", "嵌套", "list", (9, 9)),
    ("front-matter counted", "---\nid: T 1\ntitle: T\nlanguage: en\nkeywords:\n  - a\n  - b\n"
     "---\n\n# Scope\n\nText fmword.\n", "fmword", "paragraph", (12, 6)),
]


@pytest.mark.parametrize(("name", "source", "word", "kind", "where"), SPANS,
                         ids=[case[0] for case in SPANS])
def test_position_of_a_word(name: str, source: str, word: str, kind: str,
                            where: tuple[int, int]) -> None:
    draft = parse_text(source)
    assert position_of(draft, word) == (kind, where)
    # The map and the file agree: the file holds the word at that line and column.
    line, col = where
    assert source.split("\n")[line - 1][col - 1:].startswith(word)


def test_list_items_know_their_depth() -> None:
    block = block_with(parse_text(HEAD + NESTED), "deepword")
    assert isinstance(block, ListBlock)
    assert [(i.depth, i.text) for i in block.items] == [
        (1, "top item"), (2, "second level"), (3, "third deepword\nwrapword")]


def test_quotation_is_not_prose() -> None:
    block = block_with(parse_text(HEAD + "# Scope\n\n> The device shall stop.\n"), "stop")
    assert block.kind == "quote" and not block.is_prose and block.prose == ""


def test_heading_title_nodes_and_position() -> None:
    source = HEAD + "# Scope of **the** headword {#sec-s}\n"
    draft = parse_text(source)
    phrase = draft.clauses[0].title_phrase
    assert phrase is not None and phrase.text == "Scope of the headword"
    assert phrase.map.line_col(phrase.text.index("headword")) == (6, 20)
    spans = [(n.kind, source[n.start:n.end].strip()) for n in phrase.nodes]
    assert spans == [("text", "Scope of"), ("strong", "**the**"), ("text", "headword"),
                     ("attrs", "{#sec-s}")]


@pytest.mark.parametrize(("name", "data", "word", "where"), [
    ("CRLF", (HEAD + "# Scope\n\nLine one\nsecond crword.\n").replace("\n", "\r\n").encode(),
     "crword", (9, 8)),
    ("UTF-8 BOM, no front-matter", b"\xef\xbb\xbfbomfirst word\n", "bomfirst", (1, 1)),
    ("UTF-8 BOM, second word", b"\xef\xbb\xbfbomfirst word\n", "word", (1, 10)),
    ("UTF-8 BOM and front-matter", b"\xef\xbb\xbf" + (HEAD + "# Scope\n\n中 cjkbom\n").encode(), "cjkbom", (8, 3)),
])
def test_positions_from_bytes(name: str, data: bytes, word: str, where: tuple[int, int]) -> None:
    draft = parse_bytes(data, "draft.md")
    assert not draft.fatal
    assert position_of(draft, word)[1] == where


def test_bom_file_reads_its_front_matter() -> None:
    draft = parse_bytes(b"\xef\xbb\xbf" + HEAD.encode() + b"# Scope\n\nText.\n", "draft.md")
    assert draft.meta.get("id") == "T 1" and draft.has_front_matter


# --------------------------------------------------------------------------- inline spans

INLINE = (HEAD + "# Scope\n\nTable: Values {#tab-x}\n\n| a |\n|---|\n| b |\n\n"
          "See [](#tab-x), `co de`, ![alt text](f.svg \"t\") and note[^n] end.\n\n[^n]: Foot.\n")


@pytest.mark.parametrize(("kind", "markup", "span"), [
    (XREF, "[](#tab-x)", (14, 5, 14, 15)),
    (CODE, "`co de`", (14, 17, 14, 24)),
    (IMAGE, "![alt text](f.svg \"t\")", (14, 26, 14, 48)),
    (FOOTNOTE_REF, "[^n]", (14, 57, 14, 61)),
])
def test_inline_node_spans(kind: str, markup: str, span: tuple[int, int, int, int]) -> None:
    draft = parse_text(INLINE)
    block = block_with(draft, "See")
    node = next(n for n in block.phrase.walk() if n.kind == kind)
    assert INLINE[node.start:node.end] == markup
    got = draft.span(node.start, node.end)
    assert (got.line, got.column, got.end_line, got.end_column) == span


def test_inline_node_targets_and_text() -> None:
    draft = parse_text(INLINE)
    block = block_with(draft, "See")
    assert block.text == "See Table 1, co de, alt text and note end."
    by_kind = {n.kind: n for n in block.phrase.walk()}
    assert (by_kind[XREF].target, by_kind[XREF].label) == ("tab-x", "Table 1")
    assert (by_kind[IMAGE].target, by_kind[IMAGE].text) == ("f.svg", "alt text")
    assert by_kind[FOOTNOTE_REF].target == "n"
    assert by_kind[CODE].text == "co de"


# --------------------------------------------------------------------------- citations


@pytest.mark.parametrize(("text", "idents", "keys"), [
    ("It follows RFC 9110, RFC-9110 and IETF RFC 9110.",
     ["RFC 9110", "RFC-9110", "IETF RFC 9110"], {"RFC9110"}),
    ("Dates follow ISO 8601-1:2019 and ISO 8601-1.", ["ISO 8601-1:2019", "ISO 8601-1"],
     {"ISO8601-1"}),
])
def test_one_key_per_document(text: str, idents: list[str], keys: set[str]) -> None:
    draft = parse_text(HEAD + "# Scope\n\n" + text + "\n")
    assert [c.ident for c in draft.citations] == idents
    assert {c.key for c in draft.citations} == keys


def test_identifier_next_to_chinese_is_a_citation() -> None:
    draft = parse_text(HEAD_ZH + "# 范围\n\n本文件应符合GB/T 35273的规定。\n")
    assert [(c.ident, c.key, c.line, c.column) for c in draft.citations] == [
        ("GB/T 35273", "GB/T35273", 8, 7)]


def test_identifier_in_a_code_span_is_not_a_citation() -> None:
    draft = parse_text(HEAD + "# Scope\n\nThe file `RFC 9110.txt` and RFC 9111.\n")
    assert [c.ident for c in draft.citations] == ["RFC 9111"]


# --------------------------------------------------------------------------- pins


def test_pin_is_not_text_and_names_its_sentence() -> None:
    draft = parse_text(HEAD + "# Requirements\n\nThe device shall blink. {#req-blink}\n\n"
                       "The lamp shall glow. It shall also beep. {#req-beep}\n")
    assert all("{#" not in b.text for b in blocks(draft))
    assert [(r.id, r.text, r.pinned) for r in draft.requirements] == [
        ("req-blink", "The device shall blink.", True),
        ("R-1-2", "The lamp shall glow.", False),
        ("req-beep", "It shall also beep.", True),
    ]
    assert draft.targets["req-beep"].kind == "requirement"


def test_pinned_list_item_is_its_own_sentence() -> None:
    draft = parse_text(HEAD + "# Requirements\n\n- the device shall blink. {#req-one}\n"
                       "- the lamp shall glow.\n")
    assert [(r.id, r.text, r.line) for r in draft.requirements] == [
        ("req-one", "the device shall blink.", 8), ("R-1-2", "the lamp shall glow.", 9)]


def test_list_items_that_continue_a_sentence_stay_one_requirement() -> None:
    draft = parse_text(HEAD + "# Requirements\n\n- The device shall:\n  - blink;\n  - beep.\n")
    assert [r.text for r in draft.requirements] == ["The device shall: blink; beep."]


def test_zh_pin() -> None:
    draft = parse_text(HEAD_ZH + "# 要求\n\n设备应闪烁。灯应亮。{#req-x}\n")
    assert [(r.id, r.text) for r in draft.requirements] == [("R-1-1", "设备应闪烁。"),
                                                           ("req-x", "灯应亮。")]


# --------------------------------------------------------------------------- footnotes


def test_footnotes_numbered_in_reference_order() -> None:
    source = (HEAD + "# Scope\n\nCites[^b] then[^a] end.\n\n[^a]: Text of a.\n\n"
              "[^b]: Text of **b**.\n")
    draft = parse_text(source)
    assert {k: (f.number, [b.text for b in f.blocks]) for k, f in draft.footnotes.items()} == {
        "b": (1, ["Text of b."]), "a": (2, ["Text of a."])}
    assert block_with(draft, "Cites").text == "Cites then end."
    assert position_of(draft, "of b")[1] == (12, 12)
