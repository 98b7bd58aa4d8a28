from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.doctor import run_checks


def test_doctor_reports_ready_on_a_set_up_machine(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    result = CliRunner().invoke(main, ["doctor"])
    assert "pandoc 3" in result.output and "Typst" in result.output
    assert result.exit_code == 0, result.output


def test_doctor_names_what_is_missing_and_how_to_fix_it(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("---\nlanguage: zh\n---\n", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no git, no fc-list, no chromium
    checks = {c.name: c for c in run_checks(tmp_path)}
    git = checks["git (versions, redlines, ballots)"]
    assert not git.ok and "apt-get install git" in git.fix
    fonts = checks["Chinese fonts (zh drafts)"]
    assert not fonts.ok and "fonts-noto-cjk" in fonts.fix


def test_doctor_checks_the_roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.clause]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    absent = CliRunner().invoke(main, ["doctor"])
    assert "optional committee.yaml (the roster ballots go to):" in absent.output
    assert "ballots cannot be opened" in absent.output

    roster = tmp_path / "committee.yaml"
    roster.write_text("members:\n  - {id: CN-CESI, name: CESI, status: P}\n"
                      "  - {id: CN-CESI, name: CESI again, status: P}\n"
                      "  - {id: CN-BUPT, name: BUPT, status: O, contact: x}\n", encoding="utf-8")
    broken = CliRunner().invoke(main, ["doctor"])
    assert f"ERROR    committee.yaml (the roster ballots go to): {roster}:3: member id " \
           "'CN-CESI' is already used on line 2" in broken.output
    assert "clause lint lists every problem" in broken.output
    assert broken.exit_code == 1

    roster.write_text("members:\n  - {id: CN-CESI, name: CESI, status: P}\n"
                      "  - {id: CN-BUPT, name: BUPT, status: O}\n", encoding="utf-8")
    sound = {c.name: c for c in run_checks(tmp_path)}["committee.yaml (the roster ballots go to)"]
    assert sound.ok and sound.detail == "2 members (1 P, 1 O)"
