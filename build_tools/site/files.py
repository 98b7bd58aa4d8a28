"""A set of output files written to a folder by difference.

``clause serve`` re-renders on every change; writing only the files whose bytes changed (and
removing the ones no longer produced) lets ``mkdocs serve`` rebuild once, and only for reason.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

from build_tools.project import write_atomic


class OutputError(Exception):
    pass


class FileSet:
    def __init__(self) -> None:
        self.files: dict[str, bytes | Path] = {}

    @staticmethod
    def _check(rel: str) -> str:
        norm = posixpath.normpath(rel)
        if norm.startswith(("/", "../")) or norm in ("..", ".") or "\0" in norm:
            raise OutputError(f"refusing to write outside the output folder: {rel!r}")
        return norm

    def text(self, rel: str, content: str) -> None:
        self.files[self._check(rel)] = content.encode("utf-8")

    def data(self, rel: str, content: bytes) -> None:
        self.files[self._check(rel)] = content

    def copy(self, rel: str, source: Path) -> None:
        self.files[self._check(rel)] = source

    def __contains__(self, rel: str) -> bool:
        return posixpath.normpath(rel) in self.files

    def sync(self, dest: Path) -> tuple[int, int]:
        """Make ``dest`` hold exactly these files; returns (written, removed)."""
        dest.mkdir(parents=True, exist_ok=True)
        removed = _remove_links(dest)
        written = 0
        for rel, content in self.files.items():
            target = dest / rel
            if isinstance(content, Path):
                if _same_file(content, target):
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(content, target)
            else:
                if target.is_file() and target.stat().st_size == len(content) and \
                        target.read_bytes() == content:
                    continue
                # Not durable: a site folder is rebuilt, never the only copy.
                write_atomic(target, content, durable=False)
            written += 1
        for folder, dirs, names in os.walk(dest, topdown=False):
            for name in names:
                path = Path(folder) / name
                if path.relative_to(dest).as_posix() not in self.files:
                    path.unlink()
                    removed += 1
            for name in dirs:
                sub = Path(folder) / name
                if sub.is_dir() and not sub.is_symlink() and not any(sub.iterdir()):
                    sub.rmdir()
        return written, removed


def _remove_links(dest: Path) -> int:
    """Remove every symlink under ``dest``: none is ours, and writing through one (a folder
    linked to drafts/) would overwrite what it points to."""
    removed = 0
    for folder, dirs, names in os.walk(dest):
        for name in [*names, *dirs]:
            path = Path(folder) / name
            if path.is_symlink():
                path.unlink()
                removed += 1
    return removed


def _same_file(source: Path, target: Path) -> bool:
    if not target.is_file():
        return False
    a, b = source.stat(), target.stat()
    if a.st_size != b.st_size:
        return False
    return source.read_bytes() == target.read_bytes()
