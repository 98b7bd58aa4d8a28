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
