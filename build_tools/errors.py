"""The error a user can fix: it names the file (and line) to look at.

Ground floor: every area raises a subclass, and the CLI prints ``file:line: message`` and exits
2 for any of them, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

# Lines of a stack trace (Python, Haskell's CallStack, Rust backtraces) and caret markers.
_TRACE_LINE = re.compile(r"^\s*(Traceback |File \"|at |CallStack|error, called at|\d+: |[\^~]+$|"
                         r"stack backtrace|note: run with)")
# A debug dump in parentheses or braces (Rust's "ChunkType { type: … }").
_DUMP = re.compile(r"\s*\([^()]*\{[^()]*\}[^()]*\)|\s*\{[^{}]*:[^{}]*\}")
MAX_TOOL_MESSAGE = 240


def tool_message(text: str) -> str:
    """What another program's failure says, in one line fit for a user: its error line (one
    starting "error"/"fatal"/"ERROR", else the last line that is not part of a stack trace),
    without debug dumps, cut at MAX_TOOL_MESSAGE characters."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not _TRACE_LINE.match(ln)]
    if not lines:
        return "failed without a message"
    flagged = [ln for ln in lines if re.match(r"(error|fatal|ERROR)\b", ln)]
    line = _DUMP.sub("", flagged[0] if flagged else lines[-1]).strip()
    return line if len(line) <= MAX_TOOL_MESSAGE else line[:MAX_TOOL_MESSAGE - 1] + "…"


class LocatedError(Exception):
    def __init__(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if not self.path:  # an option or a value given on the command line: no file to name
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
