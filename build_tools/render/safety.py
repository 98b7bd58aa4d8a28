"""What every view does with untrusted draft text: which links and HTML tags it may keep.

Drafts come from many organisations, so a link's scheme and a raw HTML tag are checked here
once, for the site, the DOCX and the PDF alike.
"""

from __future__ import annotations

import html
import re

_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# Inline tags that are harmless and common in standards text (sub/superscripts).
SAFE_INLINE_TAGS = frozenset({"sub", "sup", "br", "abbr", "kbd", "em", "strong", "code", "small"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\s*(/?)>")


def is_unsafe_url(href: str) -> bool:
    """True for a script or data URL, however it is spelled (entities, blanks, case)."""
    compact = re.sub(r"[\s\x00-\x1f]", "", html.unescape(href)).lower()
    return compact.startswith(_UNSAFE_SCHEMES)


def safe_tag(text: str) -> tuple[str, bool] | None:
    """(name, closing) for an attribute-free allowlisted tag such as ``<sub>`` or ``</sub>``;
    None for anything else, which a view shows as text and never interprets."""
    m = _TAG.fullmatch(text.strip())
    if m is None or m.group(2).lower() not in SAFE_INLINE_TAGS:
        return None
    return m.group(2).lower(), bool(m.group(1))


def is_comment(text: str) -> bool:
    return text.lstrip().startswith("<!--")
