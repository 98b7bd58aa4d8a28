"""The error a user can fix: it names the file (and line) to look at.

Ground floor: every area raises a subclass, and the CLI prints ``file:line: message`` and exits
2 for any of them, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class LocatedError(Exception):
    def __init__(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"
