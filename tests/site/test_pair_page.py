"""The side-by-side page of a bilingual pair (drafts/<name>.en-zh.md): its rows, the missing
cells, the links from both drafts and the home page, and a plain ``mkdocs build`` of a pair
whose versions sit in different folders. The page in a real browser: test_browser.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_helpers import DRAFTS, MISSING, MKDOCS_YML, PAIR_ROWS, make_project, run_cli, to_html

from build_tools.pairing import Alignment, Item, Profile
from build_tools.site.config import find_drafts
from build_tools.site.docs import DocsRequest, build_docs

PAGE = "drafts/gadgets.en-zh.md"


class _Rows(HTMLParser):
    """The pair's rows as a reader sees them: per row, the first heading of each cell (its
    text, the permalink aside) or MISSING for a cell marked as missing; and every id and
    in-page link of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self._depth = 0
        self._row_depth: int | None = None
        self._heading: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        css = (a.get("class") or "").split()
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.hrefs.append(str(a["href"]))
        if tag == "div":
            self._depth += 1
            if "pair-row" in css and "pair-head" not in css:
                self._row_depth = self._depth
                self.rows.append([])
            elif "pair-missing" in css and self._row_depth is not None:
                self.rows[-1].append(MISSING)
        elif tag in ("h2", "h3", "h4") and self._row_depth is not None:
            self._heading = []
        elif tag == "a" and "headerlink" in css:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            if self._depth == self._row_depth:
                self._row_depth = None
            self._depth -= 1
        elif tag in ("h2", "h3", "h4") and self._heading is not None:
            row = self.rows[-1]
            # Blanks collapsed, the full-width space of a GB heading kept.
            text = re.sub(r"[ \t\n]+", " ", "".join(self._heading)).strip()
            # The first heading of each cell only (a cell holds one clause or term entry).
            if len(row) < 2:
                row.append(text)
            self._heading = None
        elif tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._skip:
            self._heading.append(data)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("pairs") / "p", with_git=False)
    out = project / "out"
    build_docs(DocsRequest(project, find_drafts(project, ["drafts"]), lint=False), out)
    return out


def _read(docs: Path, rel: str) -> str:
    return (docs / rel).read_text(encoding="utf-8")


def test_rows_pair_clauses_and_terms_and_mark_what_one_version_lacks(docs: Path) -> None:
    parsed = _Rows()
    parsed.feed(to_html(_read(docs, PAGE)))
    assert [tuple(r) for r in parsed.rows] == PAIR_ROWS
    md = _read(docs, PAGE)
    assert "9 matched · 1 only in English · 1 only in Chinese" in md
    assert "Not in the Chinese version" in md and "Not in the English version" in md
    # Both columns keep their content, each in its language.
    html = to_html(md)
    assert "A gadget shall be green." in html and "带齿的轮，与另一齿轮啮合以传递运动。" in html
    cells = Counter(re.findall(r'class="[^"]*pair-cell[^"]*" lang="([\w-]+)"', html))
    assert cells == {"en": len(PAIR_ROWS) + 1, "zh-CN": len(PAIR_ROWS) + 1}  # the rows and the head


def test_ids_are_unique_and_cross_references_stay_in_their_column(docs: Path) -> None:
    parsed = _Rows()
    parsed.feed(to_html(_read(docs, PAGE)))
    repeated = [i for i, n in Counter(parsed.ids).items() if n > 1]
    assert repeated == []
    # Both drafts number a footnote 1: each column's note is kept, under its own label.
    html = to_html(_read(docs, PAGE))
    assert "Gadgets are also called gizmos." in html and "小工具也称小装置。" in html
    # [](#sec-colour) of the English scope and [链轮](#term-sprocket) of the Chinese 3.1.
    assert "#en-sec-colour" in parsed.hrefs and "#zh-term-sprocket" in parsed.hrefs
    assert {h[1:] for h in parsed.hrefs} <= set(parsed.ids)


def test_both_drafts_and_the_home_page_link_to_the_pair(docs: Path) -> None:
    assert "[English \\| 中文 side by side](gadgets.en-zh.md)" in _read(docs, "drafts/gadgets.md")
    assert "[中英文对照](gadgets.en-zh.md)" in _read(docs, "drafts/gadgets-zh.md")
    # widgets.md and widgets-zh.md have different ids: no pair, no page, no link.
    assert "side by side" not in _read(docs, "drafts/widgets.md")
    assert not list(docs.glob("drafts/widgets*.en-zh.md"))
    home = _read(docs, "index.md")
    assert home.count("[English \\| 中文](drafts/gadgets.en-zh.md)") == 2


def test_a_pair_in_two_folders_builds_without_warnings(tmp_path: Path) -> None:
    """The English version in drafts/en/, the Chinese one with a figure in drafts/zh/: the
    Chinese column's figure, cross-draft link and page link are rebased onto the pair's page,
    and MkDocs' link and anchor checks (warnings) find nothing wrong."""
    (tmp_path / "drafts" / "en").mkdir(parents=True)
    (tmp_path / "drafts" / "zh" / "figures").mkdir(parents=True)
    shutil.copy(MKDOCS_YML, tmp_path / "mkdocs.yml")
    shutil.copy(DRAFTS / "gadgets.md", tmp_path / "drafts" / "en" / "gadgets.md")
    shutil.copy(DRAFTS / "figures" / "shape.svg", tmp_path / "drafts" / "zh" / "figures")
    zh = (DRAFTS / "gadgets-zh.md").read_text(encoding="utf-8").replace(
        "小工具应能自由转动。",
        "小工具应能自由转动，见[](../en/gadgets.md#sec-general)。\n\n"
        "![小工具形状](figures/shape.svg){#fig-shape}")
    (tmp_path / "drafts" / "zh" / "gadgets-zh.md").write_text(zh, encoding="utf-8")
    result = run_cli(tmp_path, "render", "--no-lint")
    assert result.exit_code == 0, result.stderr
    md = (tmp_path / "build" / "docs" / "drafts" / "en" / "gadgets.en-zh.md").read_text("utf-8")
    assert "(../zh/figures/shape.svg)" in md
    assert "(../zh/gadgets-zh.md)" in md
    assert "(../en/gadgets.md#sec-general)" in md
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    html = (tmp_path / "build" / "site" / "drafts" / "en" / "gadgets.en-zh" / "index.html")
    assert 'src="../../zh/figures/shape.svg"' in html.read_text(encoding="utf-8")


def _profile(name: str, places: list[str]) -> Profile:
    return Profile(name, "X", "en", [Item("clause", p, p, n + 1, place=p)
                                     for n, p in enumerate(places)])


def test_rows_keep_each_version_in_its_order() -> None:
    """Items of the second version without a counterpart come where that version has them;
    a clause moved in one version is shown beside its counterpart, once."""
    a = _profile("a", ["1", "2", "3", "4"])
    b = _profile("b", ["1", "1a", "3", "2", "3a", "4", "5"])
    alignment = Alignment(a, b, [0, 3, 2, 5], [0, None, 2, 1, None, 3, None])
    assert alignment.rows() == [(0, 0), (None, 1), (1, 3), (2, 2), (None, 4), (3, 5), (None, 6)]
    for side in (0, 1):
        shown = [r[side] for r in alignment.rows() if r[side] is not None]
        assert sorted(shown) == list(range(len((a, b)[side].items)))
