"""``clause lint --fix``: apply the safe mechanical repairs that findings carry.

Each repair replaces one piece of text on one line. Files are rewritten atomically, only when
every repair of that file still finds its text, so a fix never half-applies.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from build_tools.lint.base import Finding
from build_tools.project import write_atomic


def _apply(line: str, old: str, new: str, which: str) -> str | None:
    if which == "last":
        body = line.rstrip()
        tail = line[len(body):]
        if old == "":
            return body + new + tail
        if not body.endswith(old):
            return None
        return body[: len(body) - len(old)] + new + tail
    if old not in line:
        return None
    return line.replace(old, new, 1)


def apply_fixes(findings: list[Finding]) -> dict[Path, int]:
    """Repair what can be repaired; returns the number of repairs per file."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.edit is not None:
            by_file[f.file].append(f)
    done: dict[Path, int] = {}
    for name, items in by_file.items():
        path = Path(name)
        raw = path.read_bytes()
        crlf = b"\r\n" in raw
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        lines = text.split("\n")
        count = 0
        seen: set[tuple[int, tuple[str, str, str]]] = set()
        for f in sorted(items, key=lambda f: -f.line):
            key = (f.line, f.edit)  # type: ignore[arg-type]
            if key in seen or not (0 < f.line <= len(lines)):
                continue
            seen.add(key)  # type: ignore[arg-type]
            old, new, which = f.edit  # type: ignore[misc]
            fixed = _apply(lines[f.line - 1], old, new, which)
            if fixed is not None:
                lines[f.line - 1] = fixed
                count += 1
        if count:
            out = "\n".join(lines)
            if crlf:
                out = out.replace("\n", "\r\n")
            write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8"))
            done[path] = count
    return done
