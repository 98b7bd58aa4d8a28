"""project.realpath: os.path.realpath, with each folder looked up once inside one pass.

The symlink checks of every file read (drafts, figures, comment files) stand on it, so it
must give exactly what os.path.realpath gives, symlinks and ".." included, and a folder that
becomes a symlink between two passes must be seen by the second.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools import project
from build_tools.lint.engine import lint_paths


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "repo" / "drafts" / "figures").mkdir(parents=True)
    (tmp_path / "repo" / "drafts" / "figures" / "a.svg").write_text("<svg/>")
    (tmp_path / "repo" / "drafts" / "d.md").write_text("# Scope\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("x")
    figs = tmp_path / "repo" / "drafts" / "figures"
    (figs / "to-secret.svg").symlink_to(tmp_path / "outside" / "secret.txt")
    (figs / "out").symlink_to(tmp_path / "outside")
    (figs / "loop").symlink_to(figs / "loop")
    (tmp_path / "repo" / "linked-drafts").symlink_to(tmp_path / "repo" / "drafts")
    return tmp_path


def _paths(root: Path) -> list[str]:
    repo = root / "repo"
    rel = ["drafts/d.md", "drafts/figures/a.svg", "drafts/figures/to-secret.svg",
           "drafts/figures/out/secret.txt", "drafts/figures/out/../repo/drafts/d.md",
           "drafts/figures/loop", "drafts/figures/loop/x", "drafts/figures/missing.svg",
           "drafts/figures/../d.md", "drafts/figures/..", "drafts/figures/.", "drafts/",
           "linked-drafts/d.md", "linked-drafts/figures/out/secret.txt",
           "linked-drafts/../drafts/d.md", "drafts/figures/out/.."]
    return [str(repo / r) for r in rel] + [str(repo), "/", str(root / "outside" / "secret.txt")]


def test_it_gives_what_os_realpath_gives_inside_and_outside_a_pass(tree: Path) -> None:
    paths = _paths(tree)
    expected = [os.path.realpath(p) for p in paths]
    assert [project.realpath(p) for p in paths] == expected
    with project.folders_looked_up_once():
        assert [project.realpath(p) for p in paths] == expected
        assert [project.realpath(p) for p in paths] == expected  # now from the looked-up folders
        assert [project.realpath(Path(p)) for p in paths] == expected


def test_a_relative_path_is_taken_from_the_working_folder(tree: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / "repo" / "drafts" / "figures")
    for rel in ("a.svg", "out/secret.txt", "out/../repo", "../d.md", "to-secret.svg"):
        with project.folders_looked_up_once():
            assert project.realpath(rel) == os.path.realpath(rel), rel


def test_a_folder_that_becomes_a_symlink_is_seen_by_the_next_pass(tree: Path) -> None:
    figs = tree / "repo" / "drafts" / "figures"
    path = figs / "a.svg"
    with project.folders_looked_up_once():
        assert project.realpath(path) == str(path)
    figs.rename(tree / "repo" / "old-figures")
    figs.symlink_to(tree / "outside")
    (tree / "outside" / "a.svg").write_text("<svg/>")
    with project.folders_looked_up_once():
        assert project.realpath(path) == str(tree / "outside" / "a.svg")


def test_a_figure_symlinked_out_of_the_repository_is_still_refused_by_lint(tree: Path) -> None:
    repo = tree / "repo"
    (repo / ".git").mkdir()
    draft = repo / "drafts" / "d.md"
    draft.write_text("# Scope\n\n![A](figures/to-secret.svg)\n\n![B](figures/out/secret.txt)\n\n"
                     "![C](figures/a.svg)\n")
    findings, _ = lint_paths([draft], root=repo, jobs=1)
    images = sorted((f.line, f.message) for f in findings if "image" in f.message)
    assert [line for line, _ in images] == [3, 5]
    assert all("outside the repository" in message for _, message in images)
