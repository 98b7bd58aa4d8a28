"""Hostile draft text: whatever Python-Markdown makes of it, nothing runs in a reader's browser."""

from __future__ import annotations

import html
import re

import pytest
from site_helpers import to_html

from build_tools.parse import parse_text
from build_tools.render.site import render_page

HEAD = """---
id: X 1
title: Test
language: en
stage: WD
iteration: 1
date: 2026-01-01
committee: C
editors: [{name: A}]
---

# Scope {#scope}

"""

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](<javascript:alert(1)>)",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "text [a][r]\n[r]: javascript:alert(1)",
    "![x](x.png){ onerror=alert(1) }",
    "*x*{: onclick=alert(1) }",
    "[x](#scope){ onclick=alert(1) }",
    "x \\{ onclick=alert(1) \\}",
    "<!-- x --><iframe src=//evil.example></iframe>",
    "`code`<style>body{display:none}</style>",
    "<div markdown=\"1\">*x*</div>",
    "!!! danger \"x\"\n    <script>alert(1)</script>",
    "<https://example.org/> <javascript:alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert(payload: str) -> None:
    page = to_html(render_page(parse_text(HEAD + payload + "\n", "x.md")))
    body = page[page.index('id="scope"'):]
    tags = re.findall(r"<([a-zA-Z][\w-]*)([^>]*)>", body)
    for name, attrs in tags:
        assert name.lower() not in {"script", "iframe", "style", "object", "embed", "svg"}, name
        assert not re.search(r"\son\w+\s*=", attrs), attrs
        for value in re.findall(r"(?:href|src)\s*=\s*\"([^\"]*)\"", attrs):
            compact = re.sub(r"\s", "", html.unescape(value)).lower()
            assert not compact.startswith(("javascript:", "data:", "vbscript:")), value
