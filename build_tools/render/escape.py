"""Plain strings we place on a generated page: as Markdown text, as HTML, as YAML.

Draft content itself is written from the model's inline nodes by ``render.site_inline``; this
module is for the strings around it (front-matter values, requirement texts, labels).
"""

from __future__ import annotations

import html
import json
import re

from build_tools.render.site_inline import literal


def text(value: object) -> str:
    """A plain string (front-matter value, requirement text) as literal Markdown text."""
    return literal(" ".join(str(value).split()))


def attr(value: object) -> str:
    """A plain string for an HTML attribute value or element content in our own tags."""
    return html.escape(str(value), quote=True)


def front_matter(title: str, hide: tuple[str, ...] = ()) -> str:
    """The YAML front-matter of a generated page. MkDocs' templates print the title without
    escaping (in <title>, the navigation and the header), so it is HTML-escaped here.
    ``hide`` lists Material sidebars to hide ("toc", "navigation") on wide pages."""
    lines = [f"title: {json.dumps(html.escape(title, quote=False))}"]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def one_line(md: str) -> str:
    """Markdown squeezed onto one line, for table cells and headings."""
    return " ".join(md.split())


def table_cell(md: str) -> str:
    """A cell of a pipe table: one line, pipes escaped (markdown-it dropped their backslash)."""
    return re.sub(r"(?<!\\)\|", r"\\|", one_line(md))
