"""Inline nodes of the model -> Markdown for Python-Markdown (MkDocs), safe by construction.

Draft text is untrusted and Python-Markdown reads more syntax than CommonMark (attribute lists
``{ … }``, reference definitions on any line, ``!!!`` admonitions). Nothing here re-reads the
author's Markdown: every TEXT node is written with all of Python-Markdown's special characters
escaped, so what the model took as text stays text; markup is written only for the elements
the model found, and only for safe targets.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

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
    Inline,
)
from build_tools.render.safety import is_comment, is_unsafe_url, safe_tag

# Python-Markdown's backslash-escapable characters (ESCAPED_CHARS, plus "|" from tables).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_SCHEME = re.compile(r"^[a-zA-Z][\w+.\-]*:|^//")
# Characters that would end or split a Markdown link destination.
_HREF_UNSAFE = {"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E", '"': "%22",
                "\\": "%5C", "\n": "%0A", "|": "%7C"}


def literal(value: str) -> str:
    """Text shown as typed: HTML-escaped, every Markdown special character backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def code_span(content: str) -> str:
    """A code span whose fence is longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def href(value: str) -> str:
    return "".join(_HREF_UNSAFE.get(ch, ch) for ch in value)


def is_external(src: str) -> bool:
    return bool(_SCHEME.match(src.strip()))


@dataclass
class InlineContext:
    """Where the text is shown. ``link_for(anchor)`` is the href of an anchor of ``draft``;
    ``link_prefix`` goes before other relative links when the page is in another folder than
    the draft's; ``other_draft("x.md")`` is that draft's model, for cross-draft labels.
    ``id_prefix`` goes before every id and footnote label written, so that two drafts can
    share a page (the side-by-side page of a bilingual pair)."""

    draft: Draft
    link_for: Callable[[str], str] = lambda anchor: f"#{anchor}"
    link_prefix: str = ""
    id_prefix: str = ""
    image_ok: Callable[[str], bool] | None = None
    other_draft: Callable[[str], Draft | None] = lambda path: None

    @property
    def zh(self) -> bool:
        return self.draft.language == "zh"


def emit(nodes: list[Inline], ctx: InlineContext, newline: str = "\n") -> str:
    """Markdown for ``nodes``. ``newline`` is what a soft line break becomes: a new line (with
    the indentation of a list item) in a paragraph, a blank or nothing where one line is due."""
    return _Emitter(ctx, newline).run(nodes)


def one_line(nodes: list[Inline], ctx: InlineContext) -> str:
    """For headings, table cells, captions and footnotes: Chinese lines join without a space."""
    return emit(nodes, ctx, "" if ctx.zh else " ").strip()


class _Emitter:
    def __init__(self, ctx: InlineContext, newline: str) -> None:
        self.ctx = ctx
        self.newline = newline
        self.open_tags: list[str] = []
        self.allowed: set[int] = set()  # ids of html nodes written as tags

    def run(self, nodes: list[Inline]) -> str:
        self._pair_tags(nodes)
        return self.nodes(nodes)

    def _pair_tags(self, nodes: list[Inline]) -> None:
        """An allowlisted tag is written as a tag only with its partner: a stray ``</sub>`` or
        an unclosed ``<sup>`` is shown as text, so it cannot reach past the phrase."""
        stack: list[tuple[str, Inline]] = []
        for node in (n for top in nodes for n in top.walk()):
            if node.kind != HTML:
                continue
            tag = safe_tag(node.text)
            if tag is None:
                continue
            name, closing = tag
            if name == "br":
                self.allowed.add(id(node))
            elif not closing:
                stack.append((name, node))
            elif stack and stack[-1][0] == name:
                self.allowed.add(id(stack.pop()[1]))
                self.allowed.add(id(node))

    def nodes(self, nodes: list[Inline]) -> str:
        return "".join(self.node(n) for n in nodes)

    def node(self, node: Inline) -> str:
        kind = node.kind
        if kind == TEXT:
            return literal(node.text)
        if kind == EMPH:
            return self._wrap("*", node)
        if kind == STRONG:
            return self._wrap("**", node)
        if kind == STRIKE:
            # Python-Markdown has no strikethrough syntax; <del> is what markdown-it writes.
            inner = self.nodes(node.children)
            return f"<del>{inner}</del>" if inner.strip() else inner
        if kind == CODE:
            return code_span(node.text)
        if kind == LINK:
            return self._link(node)
        if kind == XREF:
            return self._xref(node)
        if kind == IMAGE:
            return self._image(node)
        if kind == FOOTNOTE_REF:
            if node.target not in self.ctx.draft.footnotes:
                return ""
            return f"[^{self.ctx.id_prefix}{node.target}]"
        if kind == PIN:
            ident = html.escape(self.ctx.id_prefix + node.target, quote=True)
            return f'<span class="req-anchor" id="{ident}"></span>'
        if kind == SOFTBREAK:
            return self.newline
        if kind == HARDBREAK:
            return "  " + self.newline if "\n" in self.newline else " "
        if kind == HTML:
            if is_comment(node.text):
                return ""
            if id(node) in self.allowed:
                name, closing = safe_tag(node.text) or ("", False)
                return f"<{'/' if closing else ''}{name}>"
            return literal(node.text)
        return ""  # attrs: markup, never text

    def _wrap(self, mark: str, node: Inline) -> str:
        inner = self.nodes(node.children)
        if not inner.strip():
            return inner
        # Python-Markdown needs the delimiters against the text; blanks go outside them.
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        return f"{lead}{mark}{inner.strip()}{mark}{trail}"

    def _rebase(self, target: str) -> str:
        return rebase(self.ctx.link_prefix, target)

    def _link(self, node: Inline) -> str:
        text = self.nodes(node.children)
        if is_unsafe_url(node.target):
            return text
        if not text.strip():
            text = literal(node.target)
        return f"[{text}]({href(self._rebase(node.target))})"

    def _xref(self, node: Inline) -> str:
        text = self.nodes(node.children) if plain_of(node.children).strip() else ""
        if "#" in node.target:
            return self._cross_draft(node, text)
        target = self.ctx.draft.targets.get(node.target)
        shown = text or literal(node.label or (target.label if target else node.target))
        if target is None:
            return shown
        return f"[{shown}]({href(self.ctx.link_for(node.target))})"

    def _cross_draft(self, node: Inline, text: str) -> str:
        """``[](other-draft.md#id)``: filled with "MVS 0002, 5.2" from the other draft's model."""
        path, _, anchor = node.target.partition("#")
        if is_unsafe_url(path):
            return text
        if not text:
            other = self.ctx.other_draft(path)
            label = other.label_of(anchor) if other is not None else None
            text = literal(f"{other.id}, {label}" if other is not None and label
                           else node.target)
        return f"[{text}]({href(self._rebase(path))}#{href(anchor)})"

    def _image(self, node: Inline) -> str:
        """An image in running text. One on another host is shown as its alt text (every
        reader would fetch it, and the CSP blocks it anyway); so is one not published."""
        src = node.target
        ok = self.ctx.image_ok
        if is_external(src) or is_unsafe_url(src) or (ok is not None and not ok(src)):
            return literal(node.text)
        return f"![{literal(node.text)}]({href(self._rebase(src))})"


def rebase(prefix: str, target: str) -> str:
    """A relative link of a draft as seen from a page ``prefix`` away from the draft's folder
    ("../zh/" and "../en/a.md#x" give "../en/a.md#x"); fragments, absolute and external
    links stay as they are."""
    if not prefix or target.startswith(("#", "/")) or is_external(target):
        return target
    cut = min((i for i in (target.find("#"), target.find("?")) if i >= 0), default=len(target))
    path = posixpath.normpath(prefix + target[:cut])
    return path + ("/" if target[:cut].endswith("/") else "") + target[cut:]


def figure_src(src: str) -> str:
    """A figure's path as typed, as a URL (spaces and non-ASCII percent-encoded)."""
    return quote(src, safe="/._-~")
