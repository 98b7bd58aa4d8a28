"""Inline Markdown shared by every view: cross-reference labels, attribute stripping, safety.

The site and the pandoc input both start from a block's ``source``; this module turns it into
Markdown that a renderer can take as is: ``[](#id)`` gets the target's label, ``{#…}``
attributes are removed, raw HTML is escaped and ``javascript:`` links are dropped, because
draft text is untrusted input from many organisations.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from build_tools.model import Draft

_XREF_RE = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<href>[^)\s]*)(?P<title>\s+\"[^\"]*\")?\)")
_TRAILING_ATTRS = re.compile(r"\s*\{(?:[#.][\w:.\-]+|[\w-]+=\S+)(?:\s+(?:[#.][\w:.\-]+|[\w-]+=\S+))*\}\s*$")
_INLINE_HTML = re.compile(r"<(/?[A-Za-z][^<>]*)>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# Inline tags that are harmless and common in standards text (sub/superscripts).
SAFE_INLINE_TAGS = {"sub", "sup", "br", "abbr", "kbd", "em", "strong", "code", "small"}


def strip_attrs(text: str) -> str:
    return _TRAILING_ATTRS.sub("", text)


def is_unsafe_url(href: str) -> bool:
    compact = re.sub(r"[\s\x00-\x1f]", "", html.unescape(href)).lower()
    return compact.startswith(_UNSAFE_SCHEMES)


_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)


def escape_html(text: str) -> str:
    """Escape raw inline HTML except a small allowlist of attribute-free formatting tags.

    Code spans are left alone: what is inside them is shown literally anyway.
    """
    spans: list[str] = []

    def keep(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE_SPAN.sub(keep, text)
    text = _COMMENT.sub("", text)

    def repl(match: re.Match[str]) -> str:
        inner = match.group(1)
        name = inner.lstrip("/").split()[0].rstrip("/").lower() if inner.strip("/") else ""
        if name in SAFE_INLINE_TAGS and " " not in inner.strip().rstrip("/"):
            return f"<{inner.strip()}>"
        return html.escape(match.group(0), quote=False)

    text = _INLINE_HTML.sub(repl, text)
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], text)


def resolve_links(
    source: str,
    draft: Draft,
    link_for: Callable[[str], str] | None = None,
) -> str:
    """Fill empty cross-references with labels and rewrite anchors with ``link_for``.

    ``link_for(id)`` returns the href to use for an anchor (default ``#id``). Links to unknown
    anchors keep their text and lose the link; unsafe schemes are dropped.
    """

    def repl(match: re.Match[str]) -> str:
        if match.start() > 0 and source[match.start() - 1] == "!":
            return match.group(0)  # an image: handled by the block renderer
        text = match.group("text")
        href = match.group("href")
        if is_unsafe_url(href):
            return text
        if href.startswith("#"):
            target = draft.targets.get(href[1:])
            label = target.label if target else href[1:]
            shown = text if text.strip() else label
            if target is None:
                return shown
            dest = link_for(href[1:]) if link_for else href
            return f"[{shown}]({dest})"
        return match.group(0)

    return _XREF_RE.sub(repl, source)


def inline(source: str, draft: Draft, link_for: Callable[[str], str] | None = None) -> str:
    """The full treatment: attributes stripped, HTML made safe, cross-references resolved."""
    return resolve_links(escape_html(strip_attrs(source)), draft, link_for)
