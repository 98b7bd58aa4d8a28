"""Links between generated pages, as MkDocs wants them: relative paths to the .md files."""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def relative(target: str, from_page: str) -> str:
    """The href from page ``from_page`` to file ``target`` (both docs-relative, posix)."""
    start = posixpath.dirname(from_page) or "."
    return quote(posixpath.relpath(target, start), safe="/._-~")
