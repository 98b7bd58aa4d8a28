"""Helpers of the site tests: the fixture drafts, Markdown -> HTML as MkDocs does it, a git
repository with two release tags."""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.parse import parse_file
from build_tools.site.config import load_mkdocs_yml

HERE = Path(__file__).parent
DRAFTS = HERE / "drafts"
COMMENTS = HERE / "comments"
REPO_ROOT = HERE.parents[1]
MKDOCS_YML = REPO_ROOT / "mkdocs.yml"
ADDED_SENTENCE = "Widgets shall be delivered in a sealed box."
# A comment file written after v0.2 and never committed: on dev's comments page only.
LATE_COMMENT = "Sealed boxes cannot be opened for the test of Annex A."
# The rows of the side-by-side page of the fixture pair gadgets.md / gadgets-zh.md: the
# heading of each cell, or MISSING where a cell is marked as missing (3.3 is in the Chinese
# version only, 4.2 in the English version only).
MISSING = "(missing)"
PAIR_ROWS = [
    ("Foreword", "前言"),
    ("1 Scope", "1　范围"),
    ("2 Normative references", "2　规范性引用文件"),
    ("3 Terms and definitions", "3　术语和定义"),
    ("3.1 gadget", "3.1 小工具 gadget"),
    ("3.2 sprocket", "3.2 链轮 sprocket"),
    (MISSING, "3.3 齿轮 gear"),
    ("4 Requirements", "4　要求"),
    ("4.1 General", "4.1　通用要求"),
    ("4.2 Colour", MISSING),
    ("Annex A (informative) Test methods", "附录A（资料性）试验方法"),
]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def draft(name: str):
    return parse_file(DRAFTS / name)


def to_html(md: str) -> str:
    """Markdown of a generated page -> HTML, with the extensions mkdocs.yml enables."""
    config = load_mkdocs_yml(MKDOCS_YML)
    names: list[str] = []
    options: dict[str, dict] = {}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, opts), = ext.items()
            names.append(name)
            options[name] = opts or {}
        else:
            names.append(ext)
    body = md.split("---\n", 2)[2] if md.startswith("---\n") else md
    return markdown.markdown(body, extensions=names, extension_configs=options)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


def make_project(root: Path, with_git: bool = True) -> Path:
    """A project with the fixture drafts (gadgets.md and gadgets-zh.md are a bilingual pair
    that drifts: 4.2 is in English only, 3.3 in Chinese only) and the comments on widgets.md
    (CD 1, CD 2); with git: tags v0.1 and v0.2 (v0.2 adds ADDED_SENTENCE to 4.1 of widgets.md), then a
    comment file in the working tree only (LATE_COMMENT), for dev."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(MKDOCS_YML, root / "mkdocs.yml")
    shutil.copytree(DRAFTS, root / "drafts")
    shutil.copytree(COMMENTS, root / "comments")
    if not with_git:
        return root
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first drafts")
    git(root, "tag", "v0.1")
    widgets = root / "drafts" / "widgets.md"
    text = widgets.read_text(encoding="utf-8")
    widgets.write_text(text.replace("NOTE Blue is a colour.",
                                    f"{ADDED_SENTENCE}\n\nNOTE Blue is a colour."),
                       encoding="utf-8")
    git(root, "commit", "-q", "-am", "sealed box")
    git(root, "tag", "-a", "v0.2", "-m", "release 0.2")
    (root / "comments" / "widgets" / "CD2" / "MEMBER-C.yaml").write_text(
        "document: MVS 9001\nstage: CD\niteration: 2\nmember: MEMBER-C\ncomments:\n"
        f"  - id: MEMBER-C-001\n    clause: \"4.2\"\n    type: te\n    comment: {LATE_COMMENT}\n",
        encoding="utf-8")
    return root


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="needs Debian's chromium at /usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve_in_thread(server: socketserver.BaseServer) -> Iterator[str]:
    """Run ``server`` in a thread while the generator is open; yields its base URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve_folder(folder: Path) -> Iterator[str]:
    """``folder`` as a static web server does (GitHub Pages: no headers of ours)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    yield from serve_in_thread(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler))


def run_cli(cwd: Path, *args: str):
    """Run ``clause ARGS`` in ``cwd`` in-process (click's runner)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def text_of(fragment: str) -> str:
    """The text of an HTML fragment, without the headings' permalink."""
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))
