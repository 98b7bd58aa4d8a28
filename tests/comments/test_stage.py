"""``clause stage``: the gate, the round-trip rewrite and the tag."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from workflow_repo import STEM, comment_file, git, isolate_git, make_repo, run

from build_tools.lint.examples import assemble

FRONT = """\
id: MVS 9001   # the id never changes between stages
title:
  en: Metaverse — Example vocabulary
language: en
stage: WD
iteration: 1
date: 2026-11-28
committee: "MIIT Metaverse Standardization Working Group, WG 1"
editors:
  - name: Li Wei
    organization: China Electronics Standardization Institute
# supersedes is set by hand
keywords: [metaverse, vocabulary]"""
TEXT = assemble("en", {"front": FRONT})
OPEN = '  - clause: "3.1"\n    type: te\n    comment: Open question.\n'
RESOLVED = OPEN + "    disposition: noted\n    observation: Discussed at the meeting.\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, TEXT)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    return root


def _draft(root: Path) -> Path:
    return root / "drafts" / f"{STEM}.md"


def _changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.split("\n"), after.split("\n"),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_refuses_while_a_comment_has_no_disposition(repo: Path) -> None:
    path = comment_file(repo, "CN-CESI", OPEN)
    result = run(repo, "stage", f"drafts/{STEM}.md", "--to", "CD")
    assert result.exit_code == 1
    assert "stays at WD 1" in result.output
    assert f"{path}:6: comment on line 6 has no disposition" in result.output
    assert _draft(repo).read_text(encoding="utf-8") == TEXT


def test_advances_when_every_comment_has_a_disposition(repo: Path) -> None:
    comment_file(repo, "CN-CESI", RESOLVED)
    result = run(repo, "stage", f"drafts/{STEM}.md", "--to", "CD")
    assert result.exit_code == 0, result.output
    assert "WD 1 -> CD 1" in result.output
    after = _draft(repo).read_text(encoding="utf-8")
    assert _changed(TEXT, after) == ["-stage: WD", "+stage: CD", "-date: 2026-11-28",
                                     "+date: 2027-01-15"]
    assert run(repo, "stage", STEM, "--iteration-only").exit_code == 0
    assert _changed(after, _draft(repo).read_text(encoding="utf-8")) == [
        "-iteration: 1", "+iteration: 2"]  # same day: the date line is unchanged


def test_default_is_the_next_stage_and_iteration_only_counts_up(repo: Path) -> None:
    assert run(repo, "stage", STEM, "--iteration-only").exit_code == 0
    assert "iteration: 2" in _draft(repo).read_text(encoding="utf-8").split("\n")
    result = run(repo, "stage", STEM)
    assert result.exit_code == 0 and "WD 2 -> CD 1" in result.output


def test_lint_errors_block(repo: Path) -> None:
    broken = TEXT.replace("A platform shall provide an avatar", "A platform must provide an avatar")
    _draft(repo).write_text(broken, encoding="utf-8")
    result = run(repo, "stage", STEM, "--to", "CD")
    assert result.exit_code == 1
    assert "lint VERB-05" in result.output
    assert _draft(repo).read_text(encoding="utf-8") == broken


def test_comment_file_errors_block(repo: Path) -> None:
    comment_file(repo, "CN-CESI", RESOLVED.replace("type: te", "type: xx"))
    result = run(repo, "stage", STEM, "--to", "CD")
    assert result.exit_code == 1 and "CMT-003" in result.output


def test_finished_ballot_block_is_dropped(repo: Path) -> None:
    lines = TEXT.split("\n")
    end = lines.index("---", 1)
    with_ballot = "\n".join(lines[:end] + ["ballot:", "  opens: 2026-12-01",
                                           "  closes: 2027-01-10"] + lines[end:])
    _draft(repo).write_text(with_ballot, encoding="utf-8")
    assert run(repo, "stage", STEM, "--to", "CD").exit_code == 0
    after = _draft(repo).read_text(encoding="utf-8")
    assert "ballot:" not in after
    assert after.split("\n", 1)[1].endswith(TEXT.split("---\n", 2)[2])  # body byte for byte


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "WD"], "WD does not come after WD"),
        (["--to", "XYZ"], "is not a stage"),
        (["--to", "CD", "--iteration-only"], "either --to or --iteration-only"),
    ],
)
def test_bad_targets_are_usage_errors(repo: Path, args: list[str], message: str) -> None:
    result = run(repo, "stage", STEM, *args)
    assert result.exit_code == 2 and message in result.output
    assert _draft(repo).read_text(encoding="utf-8") == TEXT


def test_the_stage_commit_holds_the_draft_and_its_comment_folder_and_is_tagged(
        repo: Path) -> None:
    comment_file(repo, "CN-CESI", RESOLVED)
    (repo / "unrelated.txt").write_text("not part of the stage commit\n", encoding="utf-8")
    result = run(repo, "stage", STEM, "--to", "CD", "--tag")
    assert result.exit_code == 0, result.output
    assert "tagged mvs-9001-cd1" in result.output
    assert git(repo, "tag", "--list").split() == ["mvs-9001-cd1"]
    tagged = git(repo, "show", f"mvs-9001-cd1:drafts/{STEM}.md")
    assert "stage: CD" in tagged.split("\n")
    assert git(repo, "show", "--name-only", "--format=", "mvs-9001-cd1^{commit}").split() == [
        f"comments/{STEM}/WD1/CN-CESI.yaml", f"drafts/{STEM}.md"]
    assert git(repo, "log", "-1", "--format=%s") == "MVS 9001: WD 1 -> CD 1\n"
    assert "?? unrelated.txt" in git(repo, "status", "--porcelain")
    again = run(repo, "stage", STEM, "--iteration-only", "--tag")
    assert again.exit_code == 0 and "tagged mvs-9001-cd2" in again.output


def test_outside_git_the_stage_is_written_and_not_committed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path, TEXT, use_git=False)
    monkeypatch.chdir(root)
    result = run(root, "stage", STEM, "--to", "CD")
    assert result.exit_code == 0, result.output
    assert "is not a git repository: written, not committed" in result.stderr
    assert "stage: CD" in _draft(root).read_text(encoding="utf-8").split("\n")


def test_tag_needs_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path, TEXT, use_git=False)
    monkeypatch.chdir(root)
    result = run(root, "stage", STEM, "--to", "CD", "--tag")
    assert result.exit_code == 2
    assert "not a git repository" in result.output
    assert _draft(root).read_text(encoding="utf-8") == TEXT


def test_the_line_numbering_setting_outlives_the_ballot_dates(repo: Path) -> None:
    lines = TEXT.split("\n")
    end = lines.index("---", 1)
    _draft(repo).write_text("\n".join(lines[:end] + [
        "ballot:", "  opens: 2026-12-01", "  closes: 2027-01-10", "  line_numbering: per-page"]
        + lines[end:]), encoding="utf-8")
    assert run(repo, "stage", STEM, "--to", "CD").exit_code == 0
    after = _draft(repo).read_text(encoding="utf-8").split("\n")
    assert "ballot:" in after and "  line_numbering: per-page" in after
    assert not [line for line in after if line.strip().startswith(("opens:", "closes:"))]
