"""clause new --lang zh writes a Chinese deliverable that lints clean at every level; the
linter compares the 前言 with the gb: block and --fix puts a missing statement back."""

from __future__ import annotations

from pathlib import Path

import pytest
from chinese_helpers import ZH
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.i18n import boilerplate as B
from build_tools.parse import parse_file


@pytest.mark.parametrize(("level", "identifier"), [("national", "GB/T ×××××—××××"),
                                                   ("sector", "SJ/T ×××××—××××"),
                                                   ("group", "T/CESA ××××—××××")])
def test_new_chinese_draft_has_its_gb_block_and_preface(tmp_path: Path, level: str,
                                                        identifier: str) -> None:
    out = tmp_path / "drafts" / "new-zh.md"
    runner = CliRunner()
    result = runner.invoke(main, ["new", "--id", "MVS 0099", "--title", "元宇宙 数字身份",
                                  "--lang", "zh", "--level", level, "--out", str(out)])
    assert result.exit_code == 0, result.output
    draft = parse_file(out)
    assert draft.meta["gb"]["level"] == level and draft.meta["gb"]["identifier"] == identifier
    foreword = [b.text for b in draft.find("foreword").blocks]
    assert foreword == [B.DRAFTING_BASIS["gb"], B.PATENTS["gb"], "本文件由……提出并归口。",
                        "本文件起草单位：Organization。", "本文件主要起草人：Editor name。"]
    assert (tmp_path / "drafts" / "new-zh.report.md").is_file()
    lint = runner.invoke(main, ["lint", "--fail-on", "warning", str(out)])
    assert lint.exit_code == 0, lint.output


def test_fix_puts_back_the_statements_the_gb_block_implies(example: Path) -> None:
    path = example / "drafts" / ZH
    original = path.read_text(encoding="utf-8")
    drafters = "本文件主要起草人：张文静、刘浩然、陈雨桐。\n\n"
    assert drafters in original
    path.write_text(original.replace(drafters, "").replace(B.PATENTS["gb"] + "\n\n", ""),
                    encoding="utf-8")
    runner = CliRunner()
    lint = runner.invoke(main, ["lint", "--select", "GB", str(path)])
    assert lint.exit_code == 1
    assert "GB-05 the 前言 lacks the 主要起草人 paragraph (gb.drafters)" in lint.output
    assert "GB-04 the 前言 lacks the patent sentence" in lint.output
    fixed = runner.invoke(main, ["lint", "--fix", "--select", "GB", str(path)])
    assert fixed.exit_code == 0, fixed.output
    assert path.read_text(encoding="utf-8") == original


def test_identifier_of_the_wrong_form_is_reported_at_its_line(example: Path) -> None:
    path = example / "drafts" / ZH
    text = path.read_text(encoding="utf-8").replace("SJ/T ×××××—××××", "SJ/T 11234-2020")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--select", "GB", str(path)])
    line = text.split("\n").index("  identifier: SJ/T 11234-2020") + 1
    assert f"{path}:{line}:1: error GB-02 gb.identifier: the year is joined by the em dash " \
           "'—' (一字线): write SJ/T 11234—2020" in result.output
