"""Issue 15, class 2 without a browser: figures cleaned by an allowlist and judged by content,
inline HTML through a real tokenizer, links by a scheme allowlist, figures served with a CSP.
(test_hostile_browser.py proves the same in Chromium.)"""

from __future__ import annotations

import resource
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hostile_site import EVIL_SVG, hostile_project, hostile_svgs
from site_helpers import REPO_ROOT

from build_tools.render import figure_content as fc
from build_tools.render.safety import is_unsafe_url, safe_tag
from build_tools.site import csp, devserver
from build_tools.site.config import find_drafts
from build_tools.site.docs import DocsRequest, build_docs

ALLOWED = fc._ELEMENTS  # the allowlist itself: what a cleaned file may hold


def _only_static_drawing(data: bytes) -> None:
    root = ET.fromstring(data)
    for element in root.iter():
        ns, name = fc._split(element.tag)
        assert ns == fc.SVG_NS and name in ALLOWED | {"svg"}, name
        assert name not in {"script", "set", "animate", "foreignObject", "handler"}
        for key, value in element.attrib.items():
            _, attr = fc._split(key)
            assert not attr.lower().startswith("on"), (name, attr)
            assert "javascript" not in value.lower() and "//" not in value, (name, attr, value)
            if attr == "href":
                assert value.startswith(("#", "data:image/")), value
        if name == "style":
            assert "@import" not in (element.text or "")


@pytest.mark.parametrize("name", sorted(hostile_svgs()))
def test_hostile_svg_is_refused_or_rebuilt_from_the_allowlist(name: str) -> None:
    data = hostile_svgs()[name]
    start = time.monotonic()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        cleaned = fc.clean_svg(data)
    except fc.FigureError as exc:
        assert name in {"xhtml-root", "utf16-entities", "external-entity", "deep"}, exc
    else:
        _only_static_drawing(cleaned)
    assert time.monotonic() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss < 100_000  # KB


@pytest.mark.parametrize("name, reason", [
    ("xhtml-root", "root element is <html>"), ("utf16-entities", "DOCTYPE"),
    ("external-entity", "DOCTYPE"), ("deep", "nests elements more than"),
])
def test_refusals_say_why(name: str, reason: str) -> None:
    with pytest.raises(fc.FigureError, match=reason):
        fc.clean_svg(hostile_svgs()[name])


def test_the_plain_w3c_doctype_of_graphviz_is_read_and_dropped() -> None:
    data = (b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC '
            b'"-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
            b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" '
            b'height="8"/></svg>')
    assert b"DOCTYPE" not in fc.clean_svg(data) and b"<rect" in fc.clean_svg(data)


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "drafts" / "figures").glob("*.svg")))
def test_real_figures_keep_every_drawing_element(path: Path) -> None:
    before = ET.fromstring(path.read_bytes())
    after = ET.fromstring(fc.clean_svg(path.read_bytes()))
    assert [e.tag for e in before.iter()] == [e.tag for e in after.iter()]
    assert [e.attrib for e in before.iter()] == [e.attrib for e in after.iter()]


def test_a_figure_is_judged_by_its_content_not_its_name() -> None:
    png = (REPO_ROOT / "tests" / "site" / "drafts" / "figures" / "shape.svg").read_bytes()
    assert fc.read_figure(png, ".svg").kind == "svg"
    with pytest.raises(fc.FigureError, match="holds SVG data but is named .png"):
        fc.read_figure(EVIL_SVG, ".png")
    with pytest.raises(fc.FigureError, match="holds PNG data but is named .svg"):
        fc.read_figure(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, ".svg")
    with pytest.raises(fc.FigureError, match="is not an image"):
        fc.read_figure(b"#!/bin/sh\necho hi\n", ".png")
    with pytest.raises(fc.FigureError, match="damaged PNG"):
        fc.read_figure(b"\x89PNG\r\n\x1a\ngarbage-garbage-garbage-garbage", ".png")


def test_the_site_publishes_a_symlinked_svg_by_its_content(tmp_path: Path) -> None:
    """alias.svg -> svg-inside.png, which holds a scripted SVG: before, copied raw."""
    root = hostile_project(tmp_path / "p")
    result = build_docs(DocsRequest(root, find_drafts(root, ["drafts"]), lint=False),
                        tmp_path / "docs")
    for name in ("alias.svg", "evil.svg"):
        published = (tmp_path / "docs" / "drafts" / "figures" / name).read_bytes()
        _only_static_drawing(published)
        assert b"<rect" in published
    assert not (tmp_path / "docs" / "drafts" / "figures" / "xhtml.svg").exists()
    assert any("xhtml.svg" in w and "root element is <html>" in w for w in result.warnings)


@pytest.mark.parametrize("text", [
    '<sub\nonclick="x">', "<sub onclick>", "<sub/onclick=x>", '<sub\x0conclick="x">',
    "<b>", "<sub>x", "<!-- <sub> -->", "<script>", '<sub style="x">',
])
def test_inline_html_with_anything_but_a_bare_allowed_tag_is_text(text: str) -> None:
    assert safe_tag(text) is None


@pytest.mark.parametrize("text, tag", [
    ("<sub>", ("sub", False)), ("</SUP>", ("sup", True)), ("<br/>", ("br", False)),
    ("<sub\n>", ("sub", False)),
])
def test_bare_allowed_tags_are_kept(text: str, tag: tuple[str, bool]) -> None:
    assert safe_tag(text) == tag


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", " javascript:alert(1)", "\x01javascript:x", "java\tscript:x",
    "&#106;avascript:x", "JaVaScRiPt:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd",
    "ms-word:ofe|u|https://x", "intent://x#Intent;end",
])
def test_links_outside_the_scheme_allowlist_are_refused(href: str) -> None:
    assert is_unsafe_url(href)


@pytest.mark.parametrize("href", ["https://www.iso.org/obp", "mailto:a@b.org", "#sec-1",
                                  "other.md#x", "figures/a.svg", "%6Aavascript:x"])
def test_links_on_the_allowlist_or_relative_are_kept(href: str) -> None:
    assert not is_unsafe_url(href)


def test_serve_sends_a_csp_with_every_svg() -> None:
    sent: list[list[tuple[str, str]]] = []

    def app(environ: dict, start_response):  # noqa: ANN001, ANN202
        kind = "image/svg+xml" if environ["PATH_INFO"].endswith(".svg") else "text/html"
        start_response("200 OK", [("Content-Type", kind)])
        return [b""]

    wrapped = devserver.with_headers(app)
    for path in ("/drafts/figures/a.svg", "/drafts/a/"):
        wrapped({"PATH_INFO": path}, lambda status, headers, *_: sent.append(headers))
    svg, page = dict(sent[0]), dict(sent[1])
    assert svg["Content-Security-Policy"] == csp.FIGURE_POLICY and "sandbox" in csp.FIGURE_POLICY
    assert "script-src" not in csp.FIGURE_POLICY and "default-src 'none'" in csp.FIGURE_POLICY
    assert "Content-Security-Policy" not in page and page["X-Content-Type-Options"] == "nosniff"


def test_the_published_site_tells_hosts_how_to_serve_figures() -> None:
    text = csp.headers_file()
    assert f"/*.svg\n  Content-Security-Policy: {csp.FIGURE_POLICY}\n" in text
