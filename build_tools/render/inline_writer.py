"""The inline walk shared by the DOCX (pandoc Markdown) and PDF (Typst) writers.

``InlineWriter`` is a ``layout.Layout`` that turns the model's ``Inline`` nodes into a
writer's markup: what an element means is decided here (a cross-reference shows its label
when it has no text, an unsafe link keeps only its text, an HTML tag is markup only when it
is one of the allowlisted attribute-free tags, a footnote reference gets the text of its own
label's definition), and how it looks is the writer's ``w_*`` methods. Nothing here reads
Markdown: a code span is a CODE node, so ``[](#x)`` typed inside one stays literal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import unquote

from build_tools.inline_parse import plain_of
from build_tools.model import (
    CODE,
    EMPH,
    FOOTNOTE_REF,
    HARDBREAK,
    HTML,
    IMAGE,
    LINK,
    PIN,
    SOFTBREAK,
    STRIKE,
    STRONG,
    TEXT,
    XREF,
    Draft,
    Footnote,
    Inline,
)
from build_tools.render.layout import Layout
from build_tools.render.safety import is_comment, is_unsafe_url, safe_tag

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def image_key(src: str) -> str:
    """Figures keep the path as typed, markdown-it percent-encodes it; both map to one key."""
    return unquote(src.strip().strip("<>"))


def soft_break(before: str, after: str) -> str:
    """A line break inside a paragraph: nothing between two CJK characters, else a space."""
    if before and after and _CJK.match(before[-1]) and _CJK.match(after[0]):
        return ""
    return " "


def has_text(node: Inline) -> bool:
    return bool(plain_of(node.children).strip())


class InlineWriter(Layout):
    """Layout plus the inline walk; subclasses say how each inline element is written."""

    def __init__(self, draft: Draft, images: Mapping[str, str]) -> None:
        super().__init__(draft)
        self.images = images
        self.tags: list[str] = []  # allowlisted HTML tags open around the current text
        self.in_footnote = False

    # -- the walk
    def inline(self, nodes: list[Inline]) -> str:
        return self.run(nodes)

    def run(self, nodes: list[Inline]) -> str:
        out: list[str] = []
        base = len(self.tags)  # tags opened in this run are closed in it: output stays nested
        i = 0
        n = len(nodes)
        while i < n:
            node = nodes[i]
            kind = node.kind
            if kind == TEXT:
                j = i
                while j + 1 < n and nodes[j + 1].kind == TEXT:
                    j += 1
                out.append(self.w_text("".join(x.text for x in nodes[i:j + 1])))
                i = j + 1
                continue
            if kind == SOFTBREAK:
                out.append(soft_break(plain_of(nodes[i - 1:i])[-1:], plain_of(nodes[i + 1:i + 2])[:1]))
            elif kind == HARDBREAK:
                out.append(self.w_hardbreak())
            elif kind in (EMPH, STRONG, STRIKE):
                out.append(self.w_style(kind, self.run(node.children)))
            elif kind == CODE:
                out.append(self.w_code(node.text))
            elif kind == LINK:
                inner = self.run(node.children)
                out.append(inner if is_unsafe_url(node.target) else self.w_link(node.target, inner))
            elif kind == XREF:
                out.append(self.xref(node))
            elif kind == IMAGE:
                out.append(self.w_image(node.text, self.images.get(image_key(node.target))))
            elif kind == FOOTNOTE_REF:
                out.append(self.footnote_ref(node))
            elif kind == HTML:
                out.append(self.html(node.text, base))
            elif kind == PIN:
                out.append(self.w_pin(node.target))
            i += 1  # attrs are markup, never text
        while len(self.tags) > base:
            out.append(self.w_tag(self.tags.pop(), True))
        return "".join(out)

    def xref(self, node: Inline) -> str:
        """``[](#tab-x)`` shows "Table 1"; a cross-draft reference shows its text, or its
        target as typed, and is no link (the other draft is not in this document)."""
        if "#" in node.target:
            return self.run(node.children) if has_text(node) else self.w_text(node.target)
        shown = self.run(node.children) if has_text(node) else \
            self.w_text(node.label or node.target)
        return self.w_xref(node.target, shown)

    def html(self, text: str, base: int) -> str:
        if is_comment(text):
            return ""
        tag = safe_tag(text)
        if tag is None:
            return self.w_text(text)  # shown as typed, as the site shows it
        name, closing = tag
        if name == "br":
            return self.w_hardbreak()
        if not closing:
            self.tags.append(name)
            return self.w_tag(name, False)
        if name not in self.tags[base:]:
            return ""  # a closing tag without its opening tag in this run
        out = []
        while self.tags and len(self.tags) > base:
            top = self.tags.pop()
            out.append(self.w_tag(top, True))
            if top == name:
                break
        return "".join(out)

    def footnote_ref(self, node: Inline) -> str:
        if self.in_footnote:
            return ""  # a footnote inside a footnote: neither pandoc nor Typst nests them
        if not node.target:  # an inline footnote ^[…]: its text as typed, literal
            body = self.draft.text[node.start + 2:node.end - 1]
            return self.w_inline_footnote(self.w_text(" ".join(body.split())))
        footnote = self.draft.footnotes.get(node.target)
        return self.w_footnote(footnote) if footnote is not None else ""

    def footnote_paragraphs(self, footnote: Footnote) -> list[str]:
        self.in_footnote = True
        try:
            return [self.inline(nodes) for nodes in self.footnote_text(footnote)]
        finally:
            self.in_footnote = False

    # -- what a writer says for each inline element
    def w_text(self, text: str) -> str:
        raise NotImplementedError

    def w_hardbreak(self) -> str:
        raise NotImplementedError

    def w_style(self, kind: str, inner: str) -> str:
        raise NotImplementedError

    def w_code(self, text: str) -> str:
        raise NotImplementedError

    def w_link(self, href: str, inner: str) -> str:
        raise NotImplementedError

    def w_xref(self, anchor: str, shown: str) -> str:
        raise NotImplementedError

    def w_image(self, alt: str, path: str | None) -> str:
        raise NotImplementedError

    def w_tag(self, name: str, closing: bool) -> str:
        raise NotImplementedError

    def w_footnote(self, footnote: Footnote) -> str:
        raise NotImplementedError

    def w_inline_footnote(self, body: str) -> str:
        raise NotImplementedError

    def w_pin(self, anchor: str) -> str:
        return ""
