"""git helpers and the choice of the historical version a comment is checked against."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflow_repo import STEM, commit_all, git, isolate_git, make_repo

from build_tools import gitio
from build_tools.lint.examples import assemble
from build_tools.workflow.balloted import load_iteration

WD1 = assemble("en")


def _set(root: Path, text: str, message: str, name: str = f"{STEM}.md") -> str:
    (root / "drafts" / name).write_text(text, encoding="utf-8")
    return commit_all(root, message)


def _ballot(text: str) -> str:
    return text.replace("date: 2026-11-28", "date: 2026-11-28\nballot:\n  opens: 2026-12-01\n"
                        "  closes: 2027-01-31")


def test_not_a_repository(tmp_path: Path) -> None:
    assert not gitio.is_repository(tmp_path)
    with pytest.raises(gitio.GitError, match="not a git repository"):
        gitio.toplevel(tmp_path)
    with pytest.raises(gitio.GitError, match="not a git repository"):
        gitio.list_tags(tmp_path)


def test_history_follows_renames_and_find_commit(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, WD1, name="old-name.md")
    first = git(root, "rev-parse", "HEAD").strip()
    git(root, "mv", "drafts/old-name.md", f"drafts/{STEM}.md")
    commit_all(root, "rename")
    second = _set(root, WD1.replace("iteration: 1", "iteration: 2"), "WD 2")
    path = root / "drafts" / f"{STEM}.md"
    history = list(gitio.file_history(path))
    assert history[0] == (second, f"drafts/{STEM}.md")
    assert history[-1] == (first, "drafts/old-name.md")
    found = gitio.find_commit(path, lambda text: "iteration: 1\n" in text, oldest=True)
    assert found is not None and found[0] == first
    assert gitio.show_file(root, first, "drafts/old-name.md").decode() == WD1
    assert gitio.find_commit(path, lambda text: "iteration: 9" in text) is None


def test_the_balloted_version_is_preferred(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, WD1)
    balloted = _set(root, _ballot(WD1), "open the WD 1 ballot")
    _set(root, _ballot(WD1).replace("## Interfaces", "## Ports"), "edit during the ballot")
    _set(root, WD1.replace("iteration: 1", "iteration: 2"), "WD 2")
    it, why = load_iteration(root / "drafts" / f"{STEM}.md", "WD", 1)
    assert it is not None, why
    assert it.commit == balloted
    assert "Interfaces" in [c.title for c in it.draft.walk()]


def test_without_a_ballot_the_newest_version_of_the_iteration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, WD1)
    newest = _set(root, WD1.replace("## Interfaces", "## Ports"), "last WD 1 edit")
    _set(root, WD1.replace("iteration: 1", "iteration: 3"), "WD 3")
    it, _ = load_iteration(root / "drafts" / f"{STEM}.md", "WD", 1)
    assert it is not None and it.commit == newest
    missing, why = load_iteration(root / "drafts" / f"{STEM}.md", "WD", 2)
    assert missing is None and "no commit" in why and "WD iteration 2" in why


def test_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, WD1)
    gitio.create_tag(root, "mvs-9001-wd1", "WD 1")
    assert gitio.list_tags(root) == ["mvs-9001-wd1"]
    assert gitio.tag_exists(root, "mvs-9001-wd1")
    with pytest.raises(gitio.GitError, match="already exists"):
        gitio.create_tag(root, "mvs-9001-wd1", "again")
    with pytest.raises(gitio.GitError, match="not a valid tag name"):
        gitio.create_tag(root, "bad..name", "x")
