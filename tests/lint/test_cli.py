from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from build_tools.cli import main
from build_tools.lint.examples import assemble


def _draft(tmp_path: Path, text: str, name: str = "d.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_output_has_the_documented_keys(tmp_path: Path) -> None:
    text = assemble("en").replace("A platform shall provide an avatar", "A platform must provide an avatar")
    path = _draft(tmp_path, text)
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(path)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    hit = next(f for f in data if f["rule"] == "VERB-05")
    assert set(hit) >= {"file", "line", "column", "rule", "severity", "message"}
    assert text.split("\n")[hit["line"] - 1].count("must") == 1
    assert hit["severity"] == "error"


def test_clean_draft_exits_zero(tmp_path: Path) -> None:
    path = _draft(tmp_path, assemble("zh"))
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_fail_on_warning_and_ignore(tmp_path: Path) -> None:
    path = _draft(tmp_path, assemble("en", {"scope": "This document defines terms for audio and/or video."}))
    runner = CliRunner()
    assert runner.invoke(main, ["lint", str(path)]).exit_code == 0
    assert runner.invoke(main, ["lint", "--fail-on", "warning", str(path)]).exit_code == 1
    assert runner.invoke(main, ["lint", "--fail-on", "warning", "--ignore", "VERB-06",
                                str(path)]).exit_code == 0


def test_select_family(tmp_path: Path) -> None:
    text = assemble("en").replace("A platform shall provide an avatar", "A platform must provide an avatar")
    path = _draft(tmp_path, text)
    result = CliRunner().invoke(main, ["lint", "--select", "TERM", str(path)])
    assert result.exit_code == 0


def test_unknown_rule_is_a_usage_error(tmp_path: Path) -> None:
    path = _draft(tmp_path, assemble("en"))
    result = CliRunner().invoke(main, ["lint", "--select", "NOPE-9", str(path)])
    assert result.exit_code == 2
    assert "unknown rule" in result.output


def test_sarif_and_github_formats(tmp_path: Path) -> None:
    path = _draft(tmp_path, assemble("en", {"scope": "This document defines terms for audio and/or video."}))
    sarif = json.loads(CliRunner().invoke(main, ["lint", "--format", "sarif", str(path)]).output)
    assert sarif["version"] == "2.1.0"
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "VERB-06"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] > 1
    gh = CliRunner().invoke(main, ["lint", "--format", "github", str(path)]).output
    assert gh.startswith("::warning file=") and "title=VERB-06" in gh


def test_inline_suppression(tmp_path: Path) -> None:
    text = assemble("en", {"scope": "<!-- lint-ignore VERB-06: quoted from the mandate -->\n"
                           "This document defines terms for audio and/or video."})
    path = _draft(tmp_path, text)
    data = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", str(path)]).output)
    assert not [f for f in data if f["rule"] == "VERB-06"]


def test_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert "nope.md" in result.output


def test_rules_json_and_doc() -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["rules", "--format", "json"]).output)
    assert len(data) >= 40
    assert {"id", "severity", "summary", "source"} <= set(data[0])
    doc = runner.invoke(main, ["rules", "TERM-02"]).output
    assert "16.5.6" in doc and "Fails:" in doc and "Passes:" in doc
    assert runner.invoke(main, ["rules", "XX-99"]).exit_code == 2


def test_new_scaffold_lints_clean(tmp_path: Path) -> None:
    runner = CliRunner()
    for lang, title in (("en", "Metaverse — Digital identity"), ("zh", "元宇宙 数字身份")):
        out = tmp_path / f"new-{lang}.md"
        result = runner.invoke(main, ["new", "--id", "MVS 0099", "--title", title, "--lang", lang,
                                      "--out", str(out)])
        assert result.exit_code == 0, result.output
        lint = runner.invoke(main, ["lint", "--fail-on", "warning", str(out)])
        assert lint.exit_code == 0, lint.output
    assert runner.invoke(main, ["new", "--id", "X", "--title", "Y", "--out",
                                str(tmp_path / "new-en.md")]).exit_code == 2
