"""A copy of this repository's drafts and comments as a git repository tagged v0.1: the working
group's own material, for tests that run the whole pipeline on it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def working_group_repo(root: Path, message: str = "drafts") -> Path:
    """``root`` with drafts/, comments/, mkdocs.yml, committee.yaml and [tool.clause],
    committed and tagged."""
    root.mkdir()
    for name in ("drafts", "comments"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "committee.yaml"):
        shutil.copy(REPO / name, root / name)
    (root / "pyproject.toml").write_text('[tool.clause]\npaths = ["drafts"]\ntags = "v*"\n',
                                         encoding="utf-8")
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    git(root, "tag", "v0.1")
    return root
