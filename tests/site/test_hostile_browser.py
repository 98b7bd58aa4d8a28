"""Issue 15, class 2 in a real browser: no script from a hostile draft runs on the site.

The hostile project (hostile_site.py) is published and served the way GitHub Pages serves it:
plain files, no headers of ours. Chromium runs with the page's CSP switched off
(``bypass_csp``): the CSP is the second wall, and this proves the first one holds alone. Every
published SVG is also opened on its own and clicked. Then the second wall on its own: a raw
scripted SVG served by ``clause serve``'s handler runs nothing, served plainly it runs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import wsgiref.simple_server
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_site import EVIL_SVG, hostile_project
from site_helpers import needs_chromium, run_cli, serve_folder, serve_in_thread

from build_tools.site import csp, devserver

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_project(tmp_path_factory.mktemp("hostile-site") / "p")
    result = run_cli(root, "publish", "--no-exports")
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    yield from serve_folder(site)


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


# In the page: every element that could run script, as "tag attr=value" strings.
_ACTIVE = """() => {
  const out = [];
  for (const el of document.querySelectorAll('article *, .md-nav *, title')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
      if (a.name.startsWith('on') || /^(javascript|vbscript|data):/.test(v))
        out.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'BASE'].includes(el.tagName)
        && el.closest('article')) out.push(el.tagName);
  }
  return out;
}"""


def _poke(page) -> None:  # noqa: ANN001
    """Fire the events a reader causes on every element of the content (clicks only where they
    do not leave the page): an inline handler, were one there, would run."""
    page.evaluate("""() => {
      for (const el of document.querySelectorAll('article *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error'])
          el.dispatchEvent(new Event(type));
        if (!el.closest('a[href]')) el.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      }
    }""")
    page.mouse.move(5, 5)
    for element in page.locator("article :is(img, figure, table, sub, code):visible").all()[:50]:
        element.hover(timeout=1000)


@pytest.mark.parametrize("rel", ["dev/drafts/hostile/", "dev/drafts/hostile.comments/",
                                 "dev/glossary/", "dev/"])
def test_no_script_runs_on_the_pages(page, base_url: str, rel: str) -> None:  # noqa: ANN001
    page.goto(f"{base_url}/{rel}")
    page.locator("article").wait_for()
    assert page.evaluate(_ACTIVE) == []
    _poke(page)
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []


def test_the_payloads_are_shown_as_text(page, base_url: str) -> None:  # noqa: ANN001
    page.goto(f"{base_url}/dev/drafts/hostile/")
    article = page.locator("article")
    assert article.get_by_text('<img src=x onerror="window.__pwned=1">', exact=False).count()
    assert page.locator("#fig-evil img").evaluate("img => img.naturalWidth") > 0
    assert page.locator("#fig-alias img").evaluate("img => img.naturalWidth") > 0


def test_no_published_svg_runs_script_when_opened_on_its_own(page, site: Path,  # noqa: ANN001
                                                             base_url: str) -> None:
    svgs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.svg")
                  if "drafts/figures" in p.as_posix())
    for rel in svgs:
        page.goto(f"{base_url}/{rel}")
        page.mouse.click(60, 30)  # the red link of evil.svg
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.__pwned") is None, rel
    assert page.dialogs == []
    assert {Path(s).name for s in svgs} == {"evil.svg", "alias.svg"}  # xhtml.svg: refused


def _wsgi_figure(environ: dict, start_response):  # noqa: ANN001, ANN202
    start_response("200 OK", [("Content-Type", "image/svg+xml")])
    return [EVIL_SVG]


@pytest.mark.parametrize("wrapped", [True, False])
def test_the_figure_csp_alone_stops_a_raw_scripted_svg(browser, wrapped: bool) -> None:  # noqa: ANN001
    """The second wall by itself: the uncleaned SVG, served as `clause serve` serves figures,
    runs nothing; served without the headers the same file runs (so the probe works)."""
    app = devserver.with_headers(_wsgi_figure) if wrapped else _wsgi_figure
    server = wsgiref.simple_server.make_server(
        "127.0.0.1", 0, app, handler_class=type("Quiet", (wsgiref.simple_server.WSGIRequestHandler,),
                                               {"log_message": lambda *a: None}))
    context = browser.new_context()
    try:
        for url in serve_in_thread(server):
            page = context.new_page()
            page.goto(f"{url}/evil.svg")
            page.wait_for_timeout(200)
            assert page.evaluate("() => window.__pwned === undefined") is wrapped
    finally:
        context.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_clause_serve_sends_the_figure_csp(site: Path) -> None:
    root = site.parent
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "build_tools", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ})
    try:
        url = f"http://127.0.0.1:{port}/drafts/figures/evil.svg"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    headers = response.headers
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        assert headers["Content-Security-Policy"] == csp.FIGURE_POLICY
        assert headers["X-Content-Type-Options"] == "nosniff"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
