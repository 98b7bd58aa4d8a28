"""The one error a user can cause in an export: it names the file and line to fix."""

from __future__ import annotations

from pathlib import Path

from build_tools.errors import LocatedError


class ExportError(LocatedError):
    """A draft cannot be exported (unreadable, a missing figure, a figure outside the
    repository). The CLI prints ``file:line: message`` and exits 2."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path = Path(path)  # type: ignore[assignment]  # callers use it as a Path

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
