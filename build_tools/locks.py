"""An exclusive lock beside a file that several processes may rewrite at once.

Two ``clause comments import`` runs into one member's file each read it, add their rows and
replace it: without a lock the second replace drops the first one's rows while both report
them added. The lock is ``.<name>.lock`` in the file's folder, held with ``flock`` (so the
kernel releases it when its holder dies, even by SIGKILL), opened without following a symbolic
link and never written, and removed by its holder on release so no lock file is left for git
to see. A process that waited on a lock file its holder has just removed locks again.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class LockError(Exception):
    """The lock cannot be taken (a symbolic link or special file in its place, or busy)."""


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _open(lock: Path) -> int:
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LockError(f"{lock} is a symbolic link, not a lock file; remove it") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LockError(f"{lock} is not a regular file; remove it")
    return fd


def _still_there(fd: int, lock: Path) -> bool:
    try:
        here = os.lstat(lock)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


@contextmanager
def exclusive(path: str | Path, *, wait: bool = True,
              on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``path`` for the ``with`` block.

    When another process holds it: wait for it (telling ``on_wait`` once), or with
    ``wait=False`` raise `LockError` at once.
    """
    lock = lock_path(Path(path))
    lock.parent.mkdir(parents=True, exist_ok=True)
    told = False
    while True:
        fd = _open(lock)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                os.close(fd)
                raise LockError(f"{path} is being written by another process (lock {lock}); "
                                "try again when it has finished") from None
            if on_wait is not None and not told:
                on_wait(f"{path}: another process is writing it; waiting for it to finish")
                told = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _still_there(fd, lock):
            break
        os.close(fd)  # its holder removed it while we waited: lock the file there now
    try:
        yield
    finally:
        try:
            lock.unlink()
        finally:
            os.close(fd)
