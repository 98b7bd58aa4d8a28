"""Findings carry the exact line and column of the offending text, wherever it is written.

Each case puts one offending word somewhere in an otherwise clean draft and asserts the line and
column (1-based, in characters) an editor would jump to. The expected positions are written out,
counted from the snippet, not computed by the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from build_tools.cli import main
from build_tools.lint.base import Finding
from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import PARTS_EN, PARTS_ZH, assemble
from build_tools.parse import parse_text


def _lint(text: str, rule: str) -> list[Finding]:
    return lint_models([parse_text(text)], active_rules([rule]))


def _line_of(text: str, marker: str) -> int:
    """1-based number of the only line holding ``marker`` (the snippets mark their line)."""
    found = [n for n, line in enumerate(text.split("\n"), 1) if marker in line]
    assert len(found) == 1, (marker, found)
    return found[0]


def _at(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in findings]


def test_finding_in_a_table_row_is_on_that_row_at_the_word() -> None:
    body = PARTS_EN["body"] + "\n| Audio | Sound must play |"
    text = assemble("en", {"body": body})
    row = _line_of(text, "| Audio |")
    # "| Audio | Sound must play |": 'must' starts in column 17.
    assert _at(_lint(text, "VERB-05")) == [(row, 17)]


def test_finding_in_a_nested_list_item_is_on_the_item() -> None:
    body = PARTS_EN["body"] + "\n\nThe platform offers:\n\n- scenes\n\n  - cached scenes that must load\n"
    text = assemble("en", {"body": body})
    item = _line_of(text, "cached scenes")
    # "  - cached scenes that must load": 'must' starts in column 24.
    assert _at(_lint(text, "VERB-05")) == [(item, 24)]


def test_chinese_table_cell_with_bixu_is_on_the_row_not_the_header() -> None:
    body = PARTS_ZH["body"] + "\n| 音频 | 平台必须播放声音 |"
    text = assemble("zh", {"body": body})
    row = _line_of(text, "| 音频 |")
    # "| 音频 | 平台必须播放声音 |": 必须 is the 10th character.
    found = _lint(text, "VERB-07")
    assert _at(found) == [(row, 10)]
    assert (found[0].end_line, found[0].end_column) == (row, 12)


def test_unit_without_space_in_a_chinese_table_cell_is_reported() -> None:
    body = PARTS_ZH["body"] + "\n| 间隔 | 误差小于5mm |"
    text = assemble("zh", {"body": body})
    row = _line_of(text, "| 间隔 |")
    # "| 间隔 | 误差小于5mm |": '5mm' starts at the 12th character.
    found = _lint(text, "UNIT-01")
    assert _at(found) == [(row, 12)]
    assert found[0].edit is not None and found[0].edit.replacement == "5 mm"


def test_text_in_a_blockquote_is_not_linted_as_a_provision() -> None:
    quote = "> The operator must keep logs for 20ms and/or longer; it shall not stop.\n"
    text = assemble("en", {"body": PARTS_EN["body"] + "\n\nAs the mandate says:\n\n" + quote,
                           "scope": PARTS_EN["scope"] + "\n\n> Platforms shall comply."})
    findings = lint_models([parse_text(text)], active_rules(["VERB", "UNIT"]))
    assert findings == []


def test_code_span_yields_no_finding_and_the_prose_one_is_exact() -> None:
    body = PARTS_EN["body"] + "\n\nSet `timeout=20ms` and shall answer within 20ms."
    text = assemble("en", {"body": body})
    line = _line_of(text, "Set `timeout")
    # 'within 20ms': '20ms' of the prose starts in column 44; the one in the code span none.
    assert _at(_lint(text, "UNIT-01")) == [(line, 44)]


def test_soft_wrapped_paragraph_reports_on_the_continuation_line() -> None:
    body = PARTS_EN["body"] + "\n\nScenes are streamed to every client\nthat might ask for them."
    text = assemble("en", {"body": body})
    line = _line_of(text, "that might ask")
    assert _at(_lint(text, "VERB-05")) == [(line, 6)]


def test_footnote_text_is_positioned() -> None:
    body = PARTS_EN["body"] + "\n\nScenes are streamed[^s].\n\n[^s]: Clients should buffer 2 sec."
    text = assemble("en", {"body": body})
    line = _line_of(text, "[^s]: Clients")
    # "[^s]: Clients should buffer 2 sec.": 'should' in column 15, 'sec' in column 31.
    assert _at(_lint(text, "VERB-02")) == [(line, 15)]
    assert _at(_lint(text, "UNIT-02")) == [(line, 31)]


def test_note_to_entry_is_positioned() -> None:
    terms = PARTS_EN["terms"] + "\n\nNote 1 to entry: A world\ncan be entered within 5ms."
    text = assemble("en", {"terms": terms})
    line = _line_of(text, "can be entered within")
    assert _at(_lint(text, "UNIT-01")) == [(line, 23)]


def test_provision_in_a_note_to_entry_is_positioned() -> None:
    terms = PARTS_EN["terms"] + "\n\nNote 1 to entry: A world shall persist."
    text = assemble("en", {"terms": terms})
    line = _line_of(text, "A world shall persist")
    assert _at(_lint(text, "VERB-02")) == [(line, 26)]


def test_term_definition_is_positioned() -> None:
    terms = PARTS_EN["terms"].replace("in a [virtual world]", "which shall be unique in a "
                                      "[virtual world]")
    text = assemble("en", {"terms": terms})
    line = _line_of(text, "which shall be unique")
    # "digital representation of a user which shall be unique …": 'shall' in column 40.
    assert _at(_lint(text, "TERM-04")) == [(line, 40)]


def test_heading_findings_point_at_the_heading_and_the_stop() -> None:
    text = assemble("en", {"body": PARTS_EN["body"].replace("## General", "## General.")})
    line = _line_of(text, "## General.")
    found = _lint(text, "NUM-04")
    assert _at(found) == [(line, 11)]
    edit = found[0].edit
    assert edit is not None and (edit.line, edit.column, edit.end_column) == (line, 11, 12)


def _write(tmp_path: Path) -> tuple[Path, int]:
    body = PARTS_EN["body"] + "\n| Audio | Sound must play |"
    text = assemble("en", {"body": body})
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    return path, _line_of(text, "| Audio |")


def test_json_text_sarif_and_github_carry_the_column(tmp_path: Path) -> None:
    path, row = _write(tmp_path)
    run = CliRunner()
    args = ["lint", "--no-cache", "--select", "VERB-05", str(path)]
    text = run.invoke(main, args).output
    assert f"{path}:{row}:17: error VERB-05" in text
    found = json.loads(run.invoke(main, [*args, "--format", "json"]).output)
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in found] == \
        [(row, 17, row, 21)]
    sarif = json.loads(run.invoke(main, [*args, "--format", "sarif"]).output)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": row, "startColumn": 17, "endLine": row, "endColumn": 21}
    github = run.invoke(main, [*args, "--format", "github"]).output
    assert f"line={row},col=17,endLine={row},endColumn=21," in github


def test_positions_survive_the_cache(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path, row = _write(tmp_path)
    monkeypatch.setenv("CLAUSE_CACHE_DIR", str(tmp_path / "cache"))
    args = ["lint", "--format", "json", "--select", "VERB-05", str(path)]
    first = json.loads(CliRunner().invoke(main, args).output)
    assert any((tmp_path / "cache").rglob("*.entry"))
    second = json.loads(CliRunner().invoke(main, args).output)
    assert first == second and second[0]["column"] == 17 and second[0]["line"] == row


def test_code_span_in_a_table_cell_is_not_prose() -> None:
    text = assemble("en", {"body": PARTS_EN["body"] + "\n| Timer | `timeout=20ms` must |"})
    row = _line_of(text, "| Timer |")
    assert _lint(text, "UNIT-01") == []
    assert _at(_lint(text, "VERB-05")) == [(row, 26)]
