"""The one project module: root, [tool.clause], which files are drafts, the atomic write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools import project
from build_tools.cli import main
from build_tools.export.commands import _drafts as export_drafts
from build_tools.lint.engine import discover
from build_tools.site.config import find_project

DRAFT = project.find_drafts([Path(__file__).resolve().parents[1] / "drafts"])


def _repo(tmp_path: Path, toml: str = '[tool.clause]\npaths = ["drafts"]\n') -> Path:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    return tmp_path


def test_root_is_found_from_a_subfolder_and_a_file(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "drafts" / "sub").mkdir()
    draft = root / "drafts" / "sub" / "a.md"
    draft.write_text("x", encoding="utf-8")
    assert project.find_root(root / "drafts" / "sub") == root.resolve()
    assert project.find_root(draft) == root.resolve()
    assert project.find_root(root / "drafts" / "new.md") == root.resolve()  # not written yet


def test_drafts_beside_git_make_a_root_without_pyproject(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".git").mkdir()
    assert project.find_root(tmp_path / "drafts") == tmp_path.resolve()
    assert project.git_top(tmp_path / "drafts") == tmp_path.resolve()


def test_outside_a_repository_the_defaults_apply(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    config = project.load(folder)
    assert project.find_root(folder) is None
    assert (config.root, config.in_repository) == (folder.resolve(), False)
    assert config.paths == ["drafts"] and config.fail_on == "error" and config.tags == "v*"
    assert config.cache_dir() != folder / ".clause-cache"


def test_tool_clause_is_read_once_for_every_package(tmp_path: Path) -> None:
    root = _repo(tmp_path, '[tool.clause]\npaths = ["texts"]\ntags = "r*"\n'
                 'severity = {"VERB-01" = "warning"}\n')
    config = project.load(root)
    assert config.paths == ["texts"] and config.severity == {"VERB-01": "warning"}
    site = find_project(root)
    assert (site.root, site.paths, site.tags) == (config.root, ["texts"], "r*")


def test_a_broken_tool_clause_is_an_error_not_the_defaults(tmp_path: Path) -> None:
    root = _repo(tmp_path, "[tool.clause]\nfail-on = \n")
    with pytest.raises(project.ConfigError, match="pyproject.toml"):
        project.load(root)
    result = CliRunner().invoke(main, ["lint", str(root / "drafts")])
    assert result.exit_code == 2 and "pyproject.toml" in result.output


def test_lint_site_and_export_pick_the_same_drafts(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    drafts = root / "drafts"
    for rel in ("a.md", "zh/b.md", "_partial.md", "_templates/t.md", ".hidden/h.md",
                "sub/.trash/c.md", "notes.txt"):
        (drafts / rel).parent.mkdir(parents=True, exist_ok=True)
        (drafts / rel).write_text("x", encoding="utf-8")
    expected = [drafts / "a.md", drafts / "zh" / "b.md"]
    assert discover([drafts]) == expected
    assert find_project(root).drafts() == expected
    assert export_drafts((drafts,)) == expected
    assert project.load(root).drafts() == expected


def test_lint_works_on_a_file_outside_any_repository(tmp_path: Path) -> None:
    loose = tmp_path / "loose.md"
    loose.write_text(next(iter(DRAFT)).read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--no-comments", str(loose)])
    assert result.exit_code in (0, 1), result.output
    assert not (tmp_path / ".clause-cache").exists()


def test_clause_new_writes_an_ordinary_file(tmp_path: Path) -> None:
    # A real process, so the umask is the one a user has (and not the test runner's).
    code = ("import os, sys; os.umask(0o022); from build_tools.cli import main; "
            "sys.argv = ['clause', 'new', '--id', 'MVS 0100', '--title', 'T', '--out', "
            f"{str(tmp_path / 'd.md')!r}]; main()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d.md").stat().st_mode & 0o777 == 0o644


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    project.write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("old", encoding="utf-8")

    def fail(temp: Path) -> None:
        temp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        project.atomic_write(path, fail)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    project.write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
