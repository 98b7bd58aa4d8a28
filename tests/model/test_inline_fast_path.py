"""Our markdown-it configuration (build_tools/markdown.py) takes shortcuts, and each is only
allowed if it changes nothing: for every input, every field of every token must be what
markdown-it's own configuration gives.

The shortcuts: content without markup skips the inline parser (a token marked plain stands
for the children ``plain_children`` gives, and content whose only markup is links to anchors
and code spans gets the children ``simple_children`` gives); "normalize" and "text_join" run
only where they have work; a block rule is tried only on a line whose first character it can
start with (and "lheading" and "table" only when their next lines allow it); block tokens are
made field by field; table rows are split by ``str.split`` when nothing is escaped. Checked on
generated text drawn from an alphabet rich in the characters that matter (markup, spaces and
tabs at line breaks, CJK, entities, block markers), and on every file of the real corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from build_tools.markdown import (
    _ESCAPED_SPLIT,
    _NORMALIZE_LINK,
    MARKDOWN,
    _BlockState,
    _normalize_link,
    _split_cells,
    plain_children,
)


def _reference() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    md.use(footnote_plugin)
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


REFERENCE = _reference()


def _shape(tokens: list) -> list[tuple]:
    out = []
    for tok in tokens:
        children = _shape(tok.children) if tok.children else []
        out.append((tok.type, tok.tag, tok.nesting, tok.content, tok.markup, tok.map,
                    dict(tok.attrs), children, tok.level, tok.block, tok.hidden, tok.info,
                    dict(tok.meta)))
    return out


def _ours(text: str) -> list:
    """Our parse, with each plain token given the children the fast path stands for (the
    builder reads its content directly and never asks for them)."""
    tokens = MARKDOWN.parse(text)
    for tok in tokens:
        if tok.type == "inline" and tok.meta.get("plain"):
            assert tok.children == []
            tok.children = plain_children(tok.content)
            del tok.meta["plain"]
    return tokens


def _same(text: str) -> None:
    assert _shape(_ours(text)) == _shape(REFERENCE.parse(text))


ALPHABET = st.sampled_from(
    list("ab shall 5 mm") + ["\n", "\n\n", " \n", "  \n", "\n ", "\t", "\\", "`", "*", "_", "~",
                             "[", "]", "(", ")", "!", "<", ">", "&amp;", "^", "#", "|", "{#x}",
                             "- ", "1. ", "> ", "应", "。", "：", "\u3000", "\x00", "\r\n",
                             "\r", "```", "~~~", "---", "***", "+ ", "2) ", "    ", "<div>",
                             "[x]: /u", "[^a]: ", "==", "[](#a)", "[t u](#b-c)", "](#",
                             "(#x)", "[a](other.md#y)", "](//h)", "[ ](#z)", "`x`", "` y `",
                             "``", "` `", "`a_b*c[d]`"])


@settings(max_examples=600, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_fast_path_gives_the_parser_tokens(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("text", [
    "One line of prose that shall be read.",
    "A paragraph\nwrapped over\nthree lines.",
    "Trailing space \nsoft break",
    "Two trailing spaces  \nmake a hard break",
    "Indented\n   continuation",
    "# Heading {#anchor}",
    "| a | b |\n|---|---|\n| 5 mm | x \\| y |",
    "- item one\n- item two\n  continued",
    "应符合GB/T 35273的规定。\n第二行",
    "Text[^1]\n\n[^1]: The footnote.",
    "The snake_case name, TLS_AES_128_GCM and a__b are text",
    "Setext title\nover two lines\n===\n\nAnother\n---\n\n- item\nlazy\n---",
    "See [](#tab-a) and [the model](#fig-b), as in [](other.md#term-c) (see [x](#d)).",
    "| [](#a) | [b](#c) |\n|---|---|\n| [ ](#d) | e [f](#g-h.i) |",
    "Set `timeout=20ms`, ` padded `, `  ` and `a``b` as in [](#x) and `c`.",
    "`a`` and ``b` and `[x](#y)` then `",
    "Not a table\n- but a list\n\n| a |\n|:-|\n| b |",
    "_emphasis_ and x_ y and 应_x and a_b_ are not all text",
    "ISO/IEC 2382:2015, *Information technology — Vocabulary*",
    "*a*", "x *b c* y.", "*信息技术*。", "a*b*", "*a*b", "*a *b*", "*a* *b*", "**a**", "* a*",
    "*a*\nb", "(*a*)", "*a*:", "*1*—", "*a_b*", "*a*_", "x\t*a*", "*é*ü", "*a!*", "*a*!",
])
def test_fast_path_on_typical_blocks(text: str) -> None:
    _same(text)


def test_fast_path_on_the_real_corpus(corpus: Path) -> None:
    files = sorted((corpus / "md-drafts").rglob("*.md")) + sorted((corpus / "md-specs-xr").rglob("*.md"))
    assert files
    for path in files:
        _same(path.read_text(encoding="utf-8", errors="replace"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["|", "\\", "\\|", "a", " ", "`", "应", "||"]), max_size=30)
       .map("".join))
def test_row_split_is_markdown_its(row: str) -> None:
    """The table rows are split as markdown-it's escapedSplit splits them."""
    assert _split_cells(row) == _ESCAPED_SPLIT(row)
    assert _ESCAPED_SPLIT is not _split_cells


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["#", "tab-x", "/", "//", ".", "..", "md", "a", "Z", "0", "~", "_",
                                 "-", ":", "http:", "%", "%20", " ", "?", "&", "é", "应", "@",
                                 "mailto:", "(", "'", "\\"]), max_size=12).map("".join))
def test_link_targets_are_normalised_as_markdown_it_does(url: str) -> None:
    assert _normalize_link(url) == _NORMALIZE_LINK(url)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\t", "\n", "  ", "\t ", " \n", "\n\n", "\u3000", "应"]),
                max_size=16).map("".join))
def test_block_state_line_markers_are_markdown_its(text: str) -> None:
    from markdown_it.rules_block import StateBlock

    theirs, ours = StateBlock(text, MARKDOWN, {}, []), _BlockState(text, MARKDOWN, {}, [])
    for name in ("bMarks", "eMarks", "tShift", "sCount", "bsCount", "lineMax", "src", "level",
                 "blkIndent", "parentType", "_code_enabled"):
        assert getattr(ours, name) == getattr(theirs, name), name
