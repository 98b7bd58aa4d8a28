from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from build_tools.cli import main
from build_tools.lint.examples import PARTS_EN, PARTS_ZH, assemble


def test_fix_repairs_mechanical_findings_and_leaves_the_rest(tmp_path: Path) -> None:
    text = assemble("en", {
        "terms": PARTS_EN["terms"].replace("digital representation", "a digital representation")
        .replace("through an [](#term-avatar)", "through an [](#term-avatar).")
        + "\n\nNOTE A world can be persistent.",
        "body": PARTS_EN["body"].replace("## General", "## General.")
        .replace("for each user", "for each user within 20ms"),
    }).replace("A platform shall provide the interfaces", "A platform must provide the interfaces")
    path = tmp_path / "d.md"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    result = CliRunner().invoke(main, ["lint", "--fix", "--format", "json", str(path)])
    remaining = {f["rule"] for f in json.loads(result.stdout)}
    assert remaining == {"VERB-05"}, remaining
    fixed = path.read_bytes().decode()
    assert "\r\n" in fixed and "within 20 ms" in fixed and "## General\r\n" in fixed
    assert "\r\ndigital representation" in fixed and "[](#term-avatar)\r\n" in fixed
    assert "Note 1 to entry: A world can be persistent." in fixed


def test_fix_in_chinese(tmp_path: Path) -> None:
    text = assemble("zh", {
        "normrefs": PARTS_ZH["normrefs"].replace("5271.1—2000", "5271.1-2000"),
        "terms": PARTS_ZH["terms"].replace("数字化表示。", "数字化表示"),
    })
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    fixed = path.read_text(encoding="utf-8")
    assert "GB/T 5271.1—2000" in fixed and "数字化表示。" in fixed
