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


def test_fix_edits_the_prose_and_never_the_code_span(tmp_path: Path) -> None:
    line_text = "Set `timeout=20ms` and shall answer within 20ms."
    text = assemble("en", {"body": PARTS_EN["body"] + "\n\n" + line_text})
    line = text.split("\n").index(line_text) + 1
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:{line}:44 UNIT-01 '20ms' → '20 ms'" in result.stderr
    fixed = path.read_text(encoding="utf-8").split("\n")[line - 1]
    assert fixed == "Set `timeout=20ms` and shall answer within 20 ms."


def _findings(path: Path, rules: list[str]) -> list:
    from build_tools.lint.engine import active_rules, lint_paths

    findings, _ = lint_paths([path], active_rules(rules))
    return findings


def test_a_file_gets_all_its_edits_or_none(tmp_path: Path) -> None:
    from build_tools.lint.fix import apply_fixes

    text = assemble("en", {"body": PARTS_EN["body"].replace("## General", "## General.")
                           .replace("for each user", "for each user within 20ms")})
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    findings = _findings(path, ["UNIT-01", "NUM-04"])
    assert {f.rule for f in findings if f.edit} == {"UNIT-01", "NUM-04"}
    # The author edits the file after the lint: one edit no longer finds its text.
    changed = text.replace("within 20ms", "within 30ms")
    path.write_text(changed, encoding="utf-8")
    report = apply_fixes(findings)
    assert path.read_text(encoding="utf-8") == changed  # "## General." kept too
    assert report.applied == [] and "UNIT-01" in report.refused[str(path)]


def test_overlapping_edits_leave_the_file_untouched(tmp_path: Path) -> None:
    from dataclasses import replace

    from build_tools.lint.base import Edit
    from build_tools.lint.fix import apply_fixes

    text = assemble("en", {"body": PARTS_EN["body"].replace("for each user",
                                                            "for each user within 20ms")})
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    (unit,) = [f for f in _findings(path, ["UNIT-01"]) if f.edit]
    e = unit.edit
    other = replace(unit, rule="X-1", edit=Edit(e.line, e.column + 1, e.end_line, e.end_column,
                                                 "0 ms", True, e.original[1:]))
    report = apply_fixes([unit, other])
    assert path.read_text(encoding="utf-8") == text
    assert "overlap" in report.refused[str(path)]


def test_unsafe_fixes_only_with_the_flag(tmp_path: Path) -> None:
    text = assemble("zh", {"body": PARTS_ZH["body"].replace("平台应为", "平台必须为"),
                           "normrefs": PARTS_ZH["normrefs"].replace("5271.1—2000", "5271.1-2000")})
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    run = CliRunner()
    safe = run.invoke(main, ["lint", "--no-cache", "--fix", str(path)])
    after = path.read_text(encoding="utf-8")
    assert "GB/T 5271.1—2000" in after and "平台必须为" in after
    assert "1 more repair(s) with --unsafe-fixes" in safe.stderr
    assert safe.exit_code == 1  # VERB-07 still reported
    unsafe = run.invoke(main, ["lint", "--no-cache", "--fix", "--unsafe-fixes", str(path)])
    assert unsafe.exit_code == 0, unsafe.output
    assert "VERB-07 '必须' → '应'" in unsafe.stderr
    assert "平台应为" in path.read_text(encoding="utf-8")
    alone = run.invoke(main, ["lint", "--unsafe-fixes", str(path)])
    assert alone.exit_code == 2


def test_fix_keeps_bom_and_crlf_and_edits_at_the_position(tmp_path: Path) -> None:
    text = assemble("en", {"body": PARTS_EN["body"].replace("for each user",
                                                            "for each user within 20ms")})
    path = tmp_path / "d.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == text.count("\n")
    assert raw[3:].decode() == text.replace("within 20ms", "within 20 ms").replace("\n", "\r\n")
