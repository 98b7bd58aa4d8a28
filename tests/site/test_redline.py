"""Redlines from two models: matching clauses, word and character diffs, renumbering."""

from __future__ import annotations

from site_helpers import DRAFTS

from build_tools.parse import parse_text
from build_tools.site.redline import diff_segments, redline, redline_html, redline_terminal, tokens

WIDGETS = (DRAFTS / "widgets.md").read_text(encoding="utf-8")
ZH = (DRAFTS / "widgets-zh.md").read_text(encoding="utf-8")


def _red(old: str, new: str, path: str = "drafts/widgets.md"):
    return redline(parse_text(old, path), parse_text(new, path), "v1", "v2")


def test_inserted_sentence_is_inside_ins() -> None:
    new = WIDGETS.replace("A widget shall be blue.", "A widget shall be blue. It shall shine.")
    red = _red(WIDGETS, new)
    [change] = [c for c in red.changed]
    assert change.unit.number == "4.1" and change.status == ["modified"]
    assert "<ins>It shall shine.</ins>" in redline_html(red) or \
        "<ins>It shall shine. </ins>" in redline_html(red)


def test_deleted_words_are_inside_del() -> None:
    new = WIDGETS.replace("small device that performs one", "device that performs one")
    html = redline_html(_red(WIDGETS, new))
    assert "<del>small </del>" in html


def test_added_removed_and_renumbered_clauses() -> None:
    new = WIDGETS.replace("# Requirements {#sec-requirements}",
                          "# Overview\n\nWidgets are useful.\n\n# Requirements {#sec-requirements}")
    new = new.replace("# Test methods {#annex-tests .annex .informative}\n\n"
                      "Widgets are tested by looking at them.\n\n", "")
    red = _red(WIDGETS, new)
    status = {c.unit.heading: c.status for c in red.changes if c.changed}
    assert status["4 Overview"] == ["added"]
    assert status["A Test methods"] == ["removed"]
    assert status["5.1 General"] == ["renumbered (was 4.1)"]
    html = redline_html(red)
    assert "<ins>Widgets are useful.</ins>" in html
    assert "<del>Widgets are tested by looking at them.</del>" in html
    assert "Renumbered, text unchanged" in html


def test_clause_matched_by_anchor_when_its_title_changes() -> None:
    new = WIDGETS.replace("## General {#sec-general}", "## General requirements {#sec-general}")
    red = _red(WIDGETS, new)
    [change] = red.changed
    assert change.status == ["title changed"]
    assert change.old is not None and change.old.title == "General"


def test_chinese_is_compared_character_by_character() -> None:
    assert tokens("小部件应为蓝色") == list("小部件应为蓝色")
    segments = diff_segments("小部件应为蓝色。", "小部件应为红色。")
    assert ("-", "蓝") in segments and ("+", "红") in segments
    new = ZH.replace("小部件应为蓝色。", "小部件应为红色。")
    assert "<del>蓝</del><ins>红</ins>" in redline_html(_red(ZH, new, "drafts/widgets-zh.md"))


def test_terminal_view_marks_changes_without_colour() -> None:
    new = WIDGETS.replace("A widget shall be blue.", "A widget shall be green.")
    lines = "\n".join(redline_terminal(_red(WIDGETS, new), color=False))
    assert "[-blue-]{+green+}" in lines
    assert "== 4.1 General  [modified]" in lines


def test_redline_html_escapes_draft_text() -> None:
    new = WIDGETS.replace("A widget shall be blue.", "A widget shall be <b>blue</b>.")
    html = redline_html(_red(WIDGETS, new))
    assert "<b>" not in html and "&lt;b&gt;" in html
