"""A Content-Security-Policy for the built site, added to every HTML page after the build, and
the policy a figure is served with.

No theme override is allowed, so the policy goes in a ``<meta>`` tag written into each page.
mkdocs-material runs a few small inline scripts of its own (``__md_scope`` etc.); they are
allowed by their SHA-256 hash, page by page, so ``script-src`` needs no 'unsafe-inline'.
Only Material's own scripts are hashed: they must lie outside the page content (the
``<article>``) and start like one of the scripts in Material's templates. Anything else (were
a draft ever to get a script into a page) stays blocked, and is counted so it can be reported.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
# For a figure opened on its own: no script, no fetch, a sandbox (an SVG is a document of the
# site's origin when it is not shown through <img>). The cleaned SVG is the first wall; this
# is the second, sent by `clause serve` and by hosts that read HEADERS_FILE.
FIGURE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
HEADERS_FILE = "_headers"  # Netlify, Cloudflare Pages and others read it from the site root


def headers_file() -> str:
    """The site root's ``_headers``: every SVG with FIGURE_POLICY, nothing sniffed."""
    return ("# Response headers for hosts that read this file (see README, \"Security of the "
            "published site\").\n"
            f"/*.svg\n  Content-Security-Policy: {FIGURE_POLICY}\n"
            "/*\n  X-Content-Type-Options: nosniff\n")


_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_MARK = 'http-equiv="Content-Security-Policy"'
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")
# How the inline scripts of mkdocs-material 9 templates (partials/javascripts/*.html) begin.
MATERIAL_SCRIPTS = (
    "__md_scope=new URL(",
    "var palette=__md_get(",
    "var target=document.getElementById(location.hash",
    "var tabs=__md_get(",
    "var consent=__md_get(",
    'var el=document.querySelector("[data-md-component=announce]")',
    'var el=document.querySelector("[data-md-component=outdated]")',
)


def _inline_scripts(page: str) -> list[tuple[str, bool]]:
    """(body, allowed) for each executable inline script."""
    start = page.find("<article")
    end = page.rfind("</article>")
    out: list[tuple[str, bool]] = []
    for match in _SCRIPT.finditer(page):
        attrs = match.group("attrs").lower()
        if re.search(r"\ssrc\s*=", attrs) or any(t in attrs for t in _DATA_TYPES):
            continue
        body = match.group("body")
        in_content = start != -1 and end != -1 and start <= match.start() < end
        out.append((body, not in_content and body.lstrip().startswith(MATERIAL_SCRIPTS)))
    return out


def _hashes(page: str) -> list[str]:
    out: list[str] = []
    for body, allowed in _inline_scripts(page):
        if not allowed:
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        token = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if token not in out:
            out.append(token)
    return out


def blocked_scripts(page: str) -> int:
    return sum(1 for _, allowed in _inline_scripts(page) if not allowed)


def policy_for(page: str) -> str:
    hashes = _hashes(page)
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def add_csp(page: str) -> str:
    if _MARK in page:
        return page
    head = _HEAD.search(page)
    if head is None:
        return page
    # After <meta charset>, which must stay in the first 1024 bytes; before any script.
    charset = _CHARSET.search(page, head.end())
    at = charset.end() if charset and charset.start() - head.end() < 200 else head.end()
    meta = f'\n    <meta {_MARK} content="{policy_for(page)}">'
    return page[:at] + meta + page[at:]


def apply(site_dir: Path) -> list[str]:
    """Add the policy to every HTML file under ``site_dir``; returns the pages holding inline
    scripts the policy blocks (none, unless Material changed its templates)."""
    blocked: list[str] = []
    for path in site_dir.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        new = add_csp(page)
        if new != page:
            path.write_text(new, encoding="utf-8")
        if blocked_scripts(page):
            blocked.append(path.relative_to(site_dir).as_posix())
    return blocked
