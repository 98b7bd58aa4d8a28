"""What every view does with untrusted draft text: which links and HTML tags it may keep.

Drafts come from many organisations, so a link's scheme and a raw HTML tag are checked here
once, for the site, the DOCX and the PDF alike. Both are allowlists read the way a browser
reads them: a URL's scheme as the WHATWG URL parser finds it, a tag through a real HTML
tokenizer (``<sub\\nonclick=…>`` is a ``sub`` with an attribute, so it is refused). What is
kept is written anew by the view (``<sub>``), never copied from the source.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Schemes a link may have; a link without one is relative (a page, a figure, an anchor).
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp", "urn"})
# Inline tags that are harmless and common in standards text (sub/superscripts).
SAFE_INLINE_TAGS = frozenset({"sub", "sup", "br", "abbr", "kbd", "em", "strong", "code", "small"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def url_scheme(href: str) -> str | None:
    """The scheme a browser reads in ``href`` (lower case), or None for a relative URL. As the
    URL parser does: character references resolved (the value sits in an HTML attribute),
    C0 controls and spaces stripped at both ends, tabs and newlines removed everywhere."""
    value = html.unescape(href).strip(_C0_OR_SPACE)
    value = re.sub(r"[\t\n\r]", "", value)
    match = _SCHEME.match(value)
    return match.group(1).lower() if match else None


def is_unsafe_url(href: str) -> bool:
    """True unless the URL is relative or its scheme is on the allowlist (javascript:, data:,
    vbscript:, file: and any other scheme are refused, however they are spelled)."""
    scheme = url_scheme(href)
    return scheme is not None and scheme not in SAFE_SCHEMES


class _Tokens(HTMLParser):
    """Python's HTML tokenizer, recording what ``text`` is made of."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[tuple[str, str, bool]] = []  # (kind, tag, has attributes)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, bool(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, bool(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag, False))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("other", "", False))

    def handle_data(self, data: str) -> None:
        self.tokens.append(("other", "", False))

    handle_comment = handle_decl = handle_pi = handle_entityref = handle_charref = handle_data


def safe_tag(text: str) -> tuple[str, bool] | None:
    """(name, closing) when ``text`` is one allowlisted tag without attributes (``<sub>``,
    ``</sub>``, ``<br/>``); None for anything else, which a view shows as text and never
    interprets."""
    parser = _Tokens()
    parser.feed(text.strip())
    parser.close()
    if len(parser.tokens) != 1:
        return None
    kind, name, has_attributes = parser.tokens[0]
    if kind == "other" or has_attributes or name not in SAFE_INLINE_TAGS:
        return None
    return name, kind == "end"


def is_comment(text: str) -> bool:
    return text.lstrip().startswith("<!--")
