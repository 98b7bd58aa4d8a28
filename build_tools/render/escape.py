"""Turning untrusted draft text into Markdown that Python-Markdown (MkDocs) renders safely.

``render.inline.inline`` does the shared work (labels of cross-references, raw HTML escaped,
``javascript:`` links dropped). The site's renderer is Python-Markdown with ``attr_list`` and
``md_in_html``, which read more syntax than CommonMark does, so this module closes what is left:

- ``{ onerror="…" }`` after an image or emphasis is an attribute list: braces are escaped;
- a reference definition on a continuation line (``[1]: javascript:…``) is a link target in
  Python-Markdown although not in CommonMark: its bracket is escaped;
- ``!!!`` at a line start would open an admonition;
- code spans are kept verbatim (escapes inside them would show), and ``{#req-…}`` pins become
  anchors so that ``[](#req-…)`` lands on the sentence.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from build_tools.model import Draft
from build_tools.render.inline import inline

# Python-Markdown's code span rule (BACKTICK_RE), so we protect exactly what it will see.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
_REQ_PIN = re.compile(r"\s*\{#(req-[\w.\-]+)\}")
_REF_DEF_LINE = re.compile(r"^(\s{0,3})(\[[^\]\n]*\]:)", re.M)
_ADMONITION_LINE = re.compile(r"^(\s*)(!!!|\?\?\?)", re.M)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]*>|[^)\s]*)(?P<title>\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<href>[^)\s]+)(?P<rest>[^)]*)\)")
# Python-Markdown's backslash-escapable characters (ESCAPED_CHARS, plus "|" from tables).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_PLACEHOLDER = "\x1a{}\x1a"
_PLACEHOLDER_RE = re.compile("\x1a(\\d+)\x1a")


def text(value: object) -> str:
    """A plain string (front-matter value, requirement text) as literal Markdown text."""
    escaped = html.escape(" ".join(str(value).split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def attr(value: object) -> str:
    """A plain string for an HTML attribute value or element content in our own tags."""
    return html.escape(str(value), quote=True)


_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.S)


def front_matter(title: str, hide: tuple[str, ...] = ()) -> str:
    """The YAML front-matter of a generated page. MkDocs' templates print the title without
    escaping (in <title>, the navigation and the header), so it is HTML-escaped here.
    ``hide`` lists Material sidebars to hide ("toc", "navigation") on wide pages."""
    lines = [f"title: {json.dumps(html.escape(title, quote=False))}"]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    return "---\n" + "\n".join(lines) + "\n---\n"


def _neutralise(md: str) -> str:
    # Escape pairs are consumed first so an author's "\{" stays one escaped brace.
    md = _BRACE_OR_ESCAPE.sub(lambda m: m.group(0) if len(m.group(0)) == 2 else "\\" + m.group(0), md)
    md = _REF_DEF_LINE.sub(lambda m: m.group(1) + "\\" + m.group(2), md)
    return _ADMONITION_LINE.sub(lambda m: m.group(1) + "\\" + m.group(2), md)


def source(
    src: str,
    draft: Draft,
    link_for: Callable[[str], str] | None = None,
    *,
    link_prefix: str = "",
    image_ok: Callable[[str], bool] | None = None,
) -> str:
    """Draft Markdown (a block's ``source``) -> Markdown safe for the site.

    ``link_for`` maps an anchor of ``draft`` to an href (default ``#id``). ``link_prefix`` is
    prepended to other relative links (``other-draft.md#x``, images) when the text is shown on
    a page in another folder than the draft's own page. An image for which ``image_ok(src)``
    is false (not published) is replaced by its alt text; without ``image_ok`` only images
    on other hosts are (every reader would fetch them, and the CSP blocks them anyway).
    """
    saved: list[str] = []

    def keep(fragment: str) -> str:
        saved.append(fragment)
        return _PLACEHOLDER.format(len(saved) - 1)

    work = _CODE_SPAN.sub(lambda m: keep(m.group(0)), src)
    work = _REQ_PIN.sub(
        lambda m: keep(f'<span class="req-anchor" id="{attr(m.group(1))}"></span>'), work)
    work = _IMAGE.sub(lambda m: _image(m, image_ok), work)
    if link_prefix:
        work = _MD_LINK.sub(lambda m: _rebase(m, link_prefix), work)
    work = inline(work, draft, link_for)
    work = _neutralise(work)
    return _PLACEHOLDER_RE.sub(lambda m: saved[int(m.group(1))], work)


def _image(match: re.Match[str], image_ok: Callable[[str], bool] | None) -> str:
    src = match.group("src").strip("<>")
    external = bool(re.match(r"^[a-zA-Z][\w+.\-]*:|^//", src))
    if external or (image_ok is not None and not image_ok(src)):
        return match.group("alt")
    return match.group(0)


def _rebase(match: re.Match[str], prefix: str) -> str:
    href = match.group("href")
    if href.startswith(("#", "/")) or re.match(r"^[a-zA-Z][\w+.\-]*:", href):
        return match.group(0)
    return f"[{match.group('text')}]({prefix}{href}{match.group('rest')})"


def one_line(md: str) -> str:
    """Markdown squeezed onto one line, for table cells and headings."""
    return " ".join(md.split())


def table_cell(md: str) -> str:
    """A cell of a pipe table: one line, pipes escaped (markdown-it dropped their backslash)."""
    return re.sub(r"(?<!\\)\|", r"\\|", one_line(md))
