"""Images stay inside the repository, SVGs lose their scripts, the CSP allows Material only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from site_helpers import DRAFTS

from build_tools.parse import parse_file
from build_tools.render.figure_content import FigureError, clean_svg
from build_tools.site import csp, images


def test_images_outside_the_repository_are_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(DRAFTS, repo / "drafts")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG secret")
    (repo / "drafts" / "figures" / "link.png").symlink_to(tmp_path / "secret.png")
    text = (repo / "drafts" / "injection.md").read_text(encoding="utf-8")
    text += "\n![Linked](figures/link.png)\n\n![Up](../../secret.png)\n\n![Web](https://example.org/x.png)\n"
    (repo / "drafts" / "injection.md").write_text(text, encoding="utf-8")
    d = parse_file(repo / "drafts" / "injection.md")
    copies, warnings = images.draft_images(d, repo)
    assert [c.rel for c in copies] == ["drafts/figures/evil.svg"]
    joined = "\n".join(warnings)
    for src in ("etc/passwd", "figures/link.png", "../../secret.png", "https://example.org/x.png"):
        assert src in joined


def test_svg_is_cleaned() -> None:
    cleaned = clean_svg((DRAFTS / "figures" / "evil.svg").read_bytes())
    text = cleaned.decode("utf-8")
    assert "script" not in text and "onload" not in text and "javascript" not in text
    assert "foreignObject" not in text and "<rect" in text


def test_svg_with_entities_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    with pytest.raises(FigureError, match="DOCTYPE"):
        clean_svg(bomb)


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>__md_scope=new URL(".",location)</script></head><body>
<article class="md-content__inner">{content}</article>
<script>var target=document.getElementById(location.hash.slice(1))</script>
<script id="__config" type="application/json">{{"base": "."}}</script>
<script src="assets/javascripts/bundle.js"></script>{tail}</body></html>"""


def test_csp_hashes_materials_inline_scripts_only() -> None:
    page = PAGE.format(content="<script>__md_scope=new URL('evil')</script>",
                       tail="<script>alert(1)</script>")
    out = csp.add_csp(page)
    policy = out[out.index('content="') + 9:out.index('">', out.index("Content-Security"))]
    assert policy.count("'sha256-") == 2  # __md_scope in <head>, the hash target script
    assert "'unsafe-inline'" not in policy.split("style-src")[0]
    assert out.index("Content-Security-Policy") < out.index("<script")
    assert out.index('<meta charset="utf-8">') < out.index("Content-Security-Policy")
    assert csp.blocked_scripts(page) == 2  # the one in the content and the unknown one
    assert csp.add_csp(out) == out
