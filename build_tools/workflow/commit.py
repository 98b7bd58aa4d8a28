"""A workflow step's files, written and committed as one: all of it or none of it.

``save`` writes each file atomically and then, in a git repository, commits exactly the step's
files in one commit whose message names the ballot. If a write or the commit fails, every file
the step wrote is put back as it was (a new one is removed), so the next run finds the
repository as this one did. Outside git the files are written and the result says that they
are not committed: the record is still the record, and git can take it later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_tools import gitio
from build_tools.project import write_atomic


@dataclass
class Saved:
    commit: str | None  # None: not a git repository
    note: str = ""  # what the user should know (not committed)


def _restore(before: dict[Path, bytes | None]) -> None:
    for path, content in before.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic(path, content)


def snapshot(paths: Iterable[Path]) -> dict[Path, bytes | None]:
    """The content of each path now (None: it does not exist), to give back to ``save``."""
    return {Path(p): (Path(p).read_bytes() if Path(p).is_file() else None) for p in paths}


def save(root: Path, message: str, writes: dict[Path, str | bytes] | None = None, *,
         written: dict[Path, bytes | None] | None = None,
         include: Iterable[Path] = ()) -> Saved:
    """Write ``writes``, then commit them with the files the caller already ``written`` (path ->
    content before, see ``snapshot``) and the files under ``include`` (taken as they are).
    On any failure the ``writes`` and ``written`` files are restored and the error raised."""
    writes = writes or {}
    before = {**(written or {}), **snapshot(writes)}
    try:
        for path, content in writes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, content)
        if not gitio.is_repository(root):
            return Saved(None, f"{root} is not a git repository: written, not committed")
        commit = gitio.commit_files(root, [*before, *include], message)
        return Saved(commit)
    except BaseException:
        _restore(before)
        raise
