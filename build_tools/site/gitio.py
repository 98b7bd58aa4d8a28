"""The few git operations the site needs, through the git command line.

Nothing here touches the user's working tree or index: files of other revisions are read with
``git archive`` and ``git show`` into memory or a temporary folder.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class GitError(Exception):
    pass


def git(root: Path, *args: str, binary: bool = False) -> str | bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return proc.stdout if binary else proc.stdout.decode("utf-8", "replace")


def text(root: Path, *args: str) -> str:
    out = git(root, *args)
    assert isinstance(out, str)
    return out


def repo_root(path: Path) -> Path | None:
    """The top of the work tree containing ``path``, or None outside a repository."""
    try:
        top = text(path, "rev-parse", "--show-toplevel").strip()
    except GitError:
        return None
    return Path(top).resolve() if top else None


def commit_of(root: Path, rev: str) -> str:
    if rev.startswith("-"):
        raise GitError(f"not a revision: {rev}")
    try:
        return text(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except GitError as exc:
        raise GitError(f"unknown revision {rev!r}") from exc


def tags(root: Path, pattern: str) -> list[str]:
    return [t for t in text(root, "tag", "--list", pattern).split("\n") if t.strip()]


def commit_time(root: Path, rev: str) -> int:
    return int(text(root, "log", "-1", "--format=%ct", rev, "--").strip() or 0)


def files_at(root: Path, commit: str, paths: list[str]) -> list[str]:
    """Repository-relative paths of the files under ``paths`` at ``commit``."""
    if not paths:
        return []
    out = text(root, "-c", "core.quotepath=off", "ls-tree", "-r", "-z", "--name-only", commit,
               "--", *paths)
    return [p for p in out.split("\0") if p]


def show(root: Path, commit: str, path: str) -> bytes:
    out = git(root, "show", f"{commit}:{path}", binary=True)
    assert isinstance(out, bytes)
    return out


def extract(root: Path, commit: str, paths: list[str], dest: Path) -> int:
    """Write the files under ``paths`` at ``commit`` into ``dest``; returns how many."""
    present = [p for p in paths if files_at(root, commit, [p])]
    if not present:
        return 0
    data = git(root, "archive", "--format=tar", commit, "--", *present, binary=True)
    assert isinstance(data, bytes)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = tar.getmembers()
        # The "data" filter refuses absolute paths, links out of dest and device files.
        tar.extractall(dest, members=members, filter="data")
    return sum(1 for m in members if m.isfile())
