from __future__ import annotations

from pathlib import Path

from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import PARTS_EN, assemble
from build_tools.parse import parse_file


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_same_term_defined_differently_in_two_drafts_is_a_warning(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", assemble("en"))
    other = PARTS_EN["terms"].replace("digital representation of a user",
                                      "graphical stand-in for a person")
    b = _write(tmp_path / "b.md", assemble("en", {
        "terms": other, "front": PARTS_EN["front"].replace("MVS 9001", "MVS 9002")}))
    findings = lint_models([parse_file(a), parse_file(b)], active_rules(), tmp_path)
    hits = [f for f in findings if f.rule == "TERM-09"]
    assert {Path(f.file).name for f in hits} == {"a.md", "b.md"}
    assert all(f.severity == "warning" and "avatar" in f.message for f in hits)


def test_duplicate_id_across_drafts(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", assemble("en"))
    b = _write(tmp_path / "b.md", assemble("en"))
    findings = lint_models([parse_file(a), parse_file(b)], active_rules(), tmp_path)
    assert len([f for f in findings if f.rule == "FM-06"]) == 2


def test_english_and_chinese_versions_may_share_an_id(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", assemble("en"))
    b = _write(tmp_path / "b.md", assemble("zh"))
    findings = lint_models([parse_file(a), parse_file(b)], active_rules(), tmp_path)
    assert not [f for f in findings if f.rule == "FM-06"]
