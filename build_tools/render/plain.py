"""The plain text of the model, the way a reader sees it (for redlines, CSV, TBX, search).

The model already holds it (``Phrase.text``, ``Block.text``: labels of cross-references filled
in, markup and footnote markers gone); this joins its lines as the language wants. Raw HTML
other than the allowlisted tags is shown on the site as text, so it is text here too.
"""

from __future__ import annotations

import re

from build_tools.inline_parse import plain_of
from build_tools.model import CONTAINERS, HTML, Block, Inline, Phrase
from build_tools.render.safety import is_comment, safe_tag

_LINE_BREAK = re.compile(r"\s*\n\s*")


def plain_text(value: Phrase | Block | list[Inline] | None, lang: str) -> str:
    """One line of text. Chinese lines join without a space (a space would show in the middle
    of a word); other languages have their blanks collapsed."""
    if value is None:
        return ""
    if isinstance(value, list):
        text = _text(value)
    elif isinstance(value, Phrase):
        text = _text(value.nodes) if _shows_html(value) else value.text
    elif any(_shows_html(p) for p in value.phrases):
        text = "\n".join(_text(p.nodes) for p in value.phrases)
    else:
        text = value.text
    if lang == "zh":
        return _LINE_BREAK.sub("", text).strip()
    return " ".join(text.split())


def _shown_as_text(node: Inline) -> bool:
    return node.kind == HTML and not is_comment(node.text) and safe_tag(node.text) is None


def _shows_html(phrase: Phrase) -> bool:
    return any(_shown_as_text(n) for n in phrase.walk())


def _text(nodes: list[Inline]) -> str:
    """``plain_of``, with the HTML a reader sees as text kept."""
    out: list[str] = []
    run: list[Inline] = []
    for node in nodes:
        if _shown_as_text(node) or (node.kind in CONTAINERS and
                                    any(_shown_as_text(n) for n in node.walk())):
            out.append(plain_of(run))
            run = []
            out.append(node.text if node.kind == HTML else _container(node))
        else:
            run.append(node)
    out.append(plain_of(run))
    return "".join(out)


def _container(node: Inline) -> str:
    text = _text(node.children)
    return text if text.strip() else plain_of([node])
