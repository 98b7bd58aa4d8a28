"""The one exception type of the comments package.

Every user error (unreadable file, bad YAML, refused upload, unknown column layout) is a
`CommentError` naming the file and, when known, the line, so the CLI can print it as
``path:line: message`` and exit 2 instead of showing a traceback.
"""

from __future__ import annotations

from pathlib import Path


class CommentError(Exception):
    """A reviewer-comment input or output problem that the user has to fix."""

    def __init__(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"
