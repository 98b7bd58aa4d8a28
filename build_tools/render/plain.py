"""Draft Markdown as plain text, the way a reader sees it (for redlines, CSV, TBX, search).

Cross-references are filled with their labels first; markup is removed by markdown-it, the
same parser the model is built with, so nothing here has Markdown rules of its own.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from build_tools.model import Draft
from build_tools.render.inline import resolve_links, strip_attrs

_INLINE = MarkdownIt("commonmark").enable("strikethrough")


def plain(source: str, draft: Draft) -> str:
    filled = resolve_links(strip_attrs(source), draft)
    out: list[str] = []
    for token in _INLINE.parseInline(filled):
        for child in token.children or []:
            # Raw HTML is shown as text on the site (it is escaped), so it is text here too.
            if child.type in ("text", "code_inline", "html_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append("\n")
            elif child.type == "image":
                out.append(child.content)
    text = "".join(out)
    if draft.language == "zh":
        # Chinese lines join without a space (a space would show in the middle of a word).
        return re.sub(r"\s*\n\s*", "", text).strip()
    return " ".join(text.split())
