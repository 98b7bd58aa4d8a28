"""``clause comments check`` and the comment checks inside ``clause lint``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workflow_repo import (
    STEM,
    comment_file,
    commit_all,
    exported_line_map,
    lines_of,
    make_repo,
    run,
)

from build_tools.lint.examples import assemble

WD2 = assemble("en").replace("iteration: 1", "iteration: 2").replace(
    "## Interfaces", "## Security\n\nA platform shall encrypt the data of users.\n\n## Interfaces"
)
# WD 2: a long Foreword paragraph pushes every later line down the page.
WD2_SHIFTED = assemble("en").replace("iteration: 1", "iteration: 2").replace(
    "# Scope", "This second working draft rewrites the terms. " * 12 + "\n\n# Scope"
)


def _findings(result_output: str) -> list[dict]:
    return json.loads(result_output)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path, use_git=False)
    monkeypatch.chdir(root)
    return root


def test_clean_file_exits_0(repo: Path) -> None:
    comment_file(repo, "CN-CESI", '  - clause: "3.1"\n    type: te\n    comment: Fine.\n')
    result = run(repo, "comments", "check")
    assert result.exit_code == 0, result.output
    assert "1 comment file checked: 0 errors" in result.output


def test_missing_clause_is_an_error(repo: Path) -> None:
    path = comment_file(repo, "CN-CESI", '  - clause: "4.7"\n    type: te\n    comment: Where?\n')
    result = run(repo, "comments", "check", "--format", "json")
    assert result.exit_code == 1
    (hit,) = [f for f in _findings(result.stdout) if f["rule"] == "CMT-010"]
    assert hit["file"] == str(path) and hit["line"] == 6
    assert "'4.7' does not exist in MVS 9001 WD 1" in hit["message"]


def test_term_numbers_and_unnumbered_clauses_exist(repo: Path) -> None:
    entries = "".join(f'  - clause: "{c}"\n    type: ed\n    comment: x\n'
                      for c in ("3.2", "Foreword", "Bibliography", "General", "4.2"))
    comment_file(repo, "CN-CESI", entries)
    assert run(repo, "comments", "check").exit_code == 0


def test_the_ballot_records_line_map_is_used(repo: Path, write_record,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    line_map = [{"line": n, "page": 3, "clause": "3.1" if n < 5 else "4.2"} for n in range(1, 9)]
    write_record(repo / "drafts" / f"{STEM}.md", line_map)

    def no_export(*_args: object) -> None:
        raise AssertionError("the ballot's own line map must be used, not an export")

    monkeypatch.setattr("build_tools.workflow.balloted.export_line_map", no_export)
    comment_file(repo, "CN-CESI", '  - line: 2\n    clause: "4.2"\n    type: te\n    comment: a\n'
                                   '  - line: 6\n    clause: "4.2"\n    type: te\n    comment: b\n'
                                   '  - line: 40\n    clause: "4.2"\n    type: te\n    comment: c\n')
    findings = _findings(run(repo, "comments", "check", "--format", "json").stdout)
    assert sorted(f["rule"] for f in findings) == ["CMT-011", "CMT-012"]
    moved = next(f for f in findings if f["rule"] == "CMT-012")
    assert "line 2 lies in clause 3.1" in moved["message"] and "names clause 4.2" in moved["message"]
    outside = next(f for f in findings if f["rule"] == "CMT-011")
    assert "line 40 is not in the line map" in outside["message"] and "lines 1 to 8" in outside[
        "message"]


def test_a_changed_line_map_is_not_trusted(repo: Path, write_record,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed map is checked against the record's SHA-256: one edited since (here it
    claims 90 lines) is rebuilt from the balloted text, and a rebuild that differs from the
    record leaves the lines unchecked, with a note, rather than checked against a wrong map."""
    line_map = [{"line": n, "page": 3, "clause": "4.2"} for n in range(1, 9)]
    record = write_record(repo / "drafts" / f"{STEM}.md", line_map)
    forged = [{"line": n, "page": 3, "clause": "4.2"} for n in range(1, 91)]
    record.with_name("ballot.lines.json").write_text(json.dumps(forged), encoding="utf-8")
    rebuilt = repo / "rebuilt.json"
    rebuilt.write_text(json.dumps(forged), encoding="utf-8")
    monkeypatch.setattr("build_tools.workflow.balloted.export_line_map", lambda *_a: rebuilt)
    comment_file(repo, "CN-CESI", '  - line: 60\n    clause: "4.2"\n    type: te\n    comment: a\n')
    findings = _findings(run(repo, "comments", "check", "--format", "json").stdout)
    (note,) = findings
    assert note["rule"] == "CMT-015"
    assert "ballot.lines.json does not match the record" in note["message"]
    assert "differs from the one recorded" in note["message"]


def test_lines_against_a_real_exported_line_map(repo: Path, tmp_path: Path) -> None:
    line_map = exported_line_map(repo / "drafts" / f"{STEM}.md", tmp_path / "export")
    in_term = lines_of(line_map, "3.1")[0]
    in_interfaces = lines_of(line_map, "4.2")[-1]
    last = line_map[-1]["line"]
    comment_file(repo, "CN-CESI",
                 f'  - line: {in_term}\n    clause: "3.1"\n    type: te\n    comment: ok\n'
                 f'  - line: {in_term}\n    clause: "4.2"\n    type: te\n    comment: moved\n'
                 f'  - line: {in_interfaces}\n    clause: "4"\n    type: te\n    comment: ok\n'
                 f'  - line: {last + 5}\n    clause: "4.2"\n    type: te\n    comment: out\n')
    result = run(repo, "comments", "check", "--format", "json")
    findings = _findings(result.stdout)
    assert sorted(f["rule"] for f in findings) == ["CMT-011", "CMT-012"], findings
    warning = next(f for f in findings if f["rule"] == "CMT-012")
    assert warning["severity"] == "warning"
    assert "clause 3.1" in warning["message"] and "clause 4.2" in warning["message"]
    assert f"lines 1 to {last}" in next(f for f in findings if f["rule"] == "CMT-011")["message"]


def test_no_export_means_an_info_finding_and_no_line_checks(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*_args: object) -> None:
        raise RuntimeError("typst is not installed")

    monkeypatch.setattr("build_tools.workflow.balloted.export_line_map", unavailable)
    comment_file(repo, "CN-CESI", '  - line: 9999\n    clause: "3.1"\n    type: te\n    comment: a\n')
    result = run(repo, "comments", "check", "--format", "json")
    assert result.exit_code == 0, result.output
    (note,) = _findings(result.stdout)
    assert (note["rule"], note["severity"]) == ("CMT-015", "info")
    assert "typst is not installed" in note["message"]
    assert run(repo, "comments", "check", "--no-lines").exit_code == 0


def test_previous_iteration_is_read_from_git_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path)  # WD 1 committed
    (root / "drafts" / f"{STEM}.md").write_text(WD2, encoding="utf-8")
    commit_all(root, "WD 2")
    monkeypatch.chdir(root)
    comment_file(root, "CN-CESI", '  - clause: "4.2"\n    type: te\n    comment: Interfaces.\n'
                                   '  - clause: "4.3"\n    type: te\n    comment: Not in WD 1.\n')
    comment_file(root, "CN-CESI", '  - clause: "4.3"\n    type: te\n    comment: Security.\n',
                 iteration=2)
    findings = _findings(run(root, "comments", "check", "--format", "json").stdout)
    assert [(Path(f["file"]).parent.name, f["rule"]) for f in findings] == [("WD1", "CMT-010")]
    assert "'4.3' does not exist in MVS 9001 WD 1" in findings[0]["message"]


def test_previous_iteration_lines_use_that_iterations_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path)
    wd1_map = exported_line_map(root / "drafts" / f"{STEM}.md", tmp_path / "wd1")
    (root / "drafts" / f"{STEM}.md").write_text(WD2_SHIFTED, encoding="utf-8")
    commit_all(root, "WD 2")
    wd2_map = exported_line_map(root / "drafts" / f"{STEM}.md", tmp_path / "wd2")
    line = lines_of(wd1_map, "3.1")[0]
    assert line not in lines_of(wd2_map, "3.1"), "the fixture must move clause 3.1"
    monkeypatch.chdir(root)
    comment_file(root, "CN-CESI", f'  - line: {line}\n    clause: "3.1"\n    type: te\n'
                                   "    comment: On WD 1.\n")
    result = run(root, "comments", "check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert _findings(result.stdout) == []


def test_previous_iteration_without_git_is_reported(repo: Path) -> None:
    (repo / "drafts" / f"{STEM}.md").write_text(WD2, encoding="utf-8")
    comment_file(repo, "CN-CESI", '  - clause: "3.1"\n    type: te\n    comment: On WD 1.\n')
    findings = _findings(run(repo, "comments", "check", "--format", "json").stdout)
    rules = {f["rule"]: f for f in findings}
    assert set(rules) == {"CMT-013", "CMT-015"}
    assert "cannot find MVS 9001 WD 1" in rules["CMT-013"]["message"]
    assert "not a git repository" in rules["CMT-015"]["message"]


def test_unknown_draft_is_reported_not_raised(repo: Path) -> None:
    comment_file(repo, "CN-CESI", '  - clause: "3.1"\n    type: te\n    comment: x\n',
                 document="MVS 0404")
    findings = _findings(run(repo, "comments", "check", "--format", "json").stdout)
    assert {f["rule"] for f in findings} == {"CMT-013", "CMT-015"}
    assert any("no draft with id 'MVS 0404'" in f["message"] for f in findings)


def test_paths_and_bad_input(repo: Path) -> None:
    good = comment_file(repo, "CN-CESI", '  - clause: "3.1"\n    type: te\n    comment: x\n')
    bad = good.with_name("CN-BAD.yaml")
    bad.write_text("document: [unclosed\n", encoding="utf-8")
    only_good = run(repo, "comments", "check", str(good))
    assert only_good.exit_code == 0, only_good.output
    result = run(repo, "comments", "check", "--format", "json", str(bad))
    assert result.exit_code == 1
    assert _findings(result.stdout)[0]["rule"] == "CMT-001"
    missing = run(repo, "comments", "check", "nope/")
    assert missing.exit_code == 2 and "no such file or folder" in missing.output


def test_lint_includes_comment_checks_on_the_repository(repo: Path) -> None:
    comment_file(repo, "CN-CESI", '  - clause: "9.9"\n    type: te\n    comment: x\n')
    result = run(repo, "lint", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [f["rule"] for f in json.loads(result.stdout)] == ["CMT-010"]
    assert run(repo, "lint", "--no-comments").exit_code == 0
    assert run(repo, "lint", "drafts").exit_code == 0  # explicit paths: drafts only
    assert run(repo, "lint", "--select", "TERM").exit_code == 0


def test_comment_checks_are_rules_of_the_one_registry(repo: Path) -> None:
    comment_file(repo, "CN-CESI", '  - clause: "9.9"\n    type: te\n    comment: x\n'
                 '    proposed_chnage: y\n')
    documented = run(repo, "rules", "CMT-001")
    assert documented.exit_code == 0 and "comment files" in documented.output
    assert "CMT-010" in run(repo, "rules").output

    def rules(*args: str) -> set[tuple[str, str]]:
        result = run(repo, "lint", "--format", "json", *args)
        return {(f["rule"], f["severity"]) for f in json.loads(result.stdout)}

    assert rules("--select", "CMT") == {("CMT-008", "warning"), ("CMT-010", "error")}
    assert rules("--select", "CMT-010") == {("CMT-010", "error")}
    assert rules("--ignore", "CMT-010") == {("CMT-008", "warning")}
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") +
                         'severity = {"CMT-010" = "warning"}\n', encoding="utf-8")
    assert rules() == {("CMT-008", "warning"), ("CMT-010", "warning")}
    assert run(repo, "lint").exit_code == 0  # nothing at error level is left


def test_the_example_comment_files_check_clean(repo_root: Path, tmp_path: Path) -> None:
    from build_tools.workflow.checks import check_paths

    exported_line_map(repo_root / "drafts" / "mvs-0001-terminology.md", tmp_path / "probe")
    files, findings = check_paths(repo_root, [repo_root / "comments"])
    assert len(files) >= 2
    assert [f for f in findings if f.severity != "info"] == []
    lined = [c for cf in files for c in cf.comments if c.line is not None]
    assert lined, "the examples cite ballot lines"
    assert not findings, findings  # the line map was made, so every line was checked


def test_lint_checks_the_roster_and_the_members_of_comment_files(repo: Path) -> None:
    (repo / "committee.yaml").write_text(
        "commitee: WG 1\nmembers:\n  - {id: CN-CESI, name: CESI, status: P}\n"
        "  - {id: CN-HUAWEI, name: Huawei, status: P}\n", encoding="utf-8")
    comment_file(repo, "CN-HUAWAI", '  - clause: "3.1"\n    type: te\n    comment: x\n')

    def found(*args: str) -> list[tuple[str, str, int, str]]:
        result = run(repo, "lint", "--format", "json", *args)
        return [(Path(f["file"]).name, f["rule"], f["line"], f["severity"])
                for f in json.loads(result.stdout)]

    assert found() == [("CN-HUAWAI.yaml", "ROSTER-04", 4, "warning"),
                       ("committee.yaml", "ROSTER-02", 1, "warning")]
    message = json.loads(run(repo, "lint", "--format", "json").stdout)[0]["message"]
    assert "member 'CN-HUAWAI' is not on the roster in committee.yaml (did you mean " \
           "'CN-HUAWEI'?)" in message and "FORMAT.md, The committee" in message
    assert run(repo, "lint").exit_code == 0  # warnings
    (repo / "committee.yaml").write_text(
        "members:\n  - {id: CN-CESI, name: CESI, status: P}\n"
        "  - {id: CN-CESI, name: CESI, status: P}\n", encoding="utf-8")
    assert ("committee.yaml", "ROSTER-03", 3, "error") in found()
    assert run(repo, "lint").exit_code == 1
    assert found("--select", "ROSTER-02") == []
    assert found("--no-comments") == []
