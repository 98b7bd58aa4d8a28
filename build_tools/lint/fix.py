"""``clause lint --fix``: apply the positioned edits that findings carry.

An edit replaces the text between two (line, column) positions; it is made only when that text
is still what the rule saw. A file gets all of its edits or none: if one no longer matches, or
two overlap, the file is left as it is and the reason is reported. Line ends (CRLF) and a byte
order mark are kept as they were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.lint.base import Edit, Finding
from build_tools.positions import LineIndex
from build_tools.project import read_source, sweep_temps, write_atomic


@dataclass
class Applied:
    """One edit made: where, by which rule, the text it replaced and the replacement."""

    file: str
    line: int
    column: int
    rule: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column} {self.rule} {self.old!r} → {self.new!r}"


@dataclass
class FixReport:
    applied: list[Applied] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # file -> why nothing was changed
    unsafe_left: int = 0  # unsafe edits not made (no --unsafe-fixes)
    swept: list[Path] = field(default_factory=list)  # leftovers of a killed --fix, removed

    def count(self, file: str) -> int:
        return sum(1 for a in self.applied if a.file == file)


def _read(path: Path) -> tuple[str, bool, bool]:
    """The file's text as the parser read it (LF line ends, no BOM), and how to write it back."""
    raw = read_source(path)
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = b"\r\n" in raw
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return text, crlf, bom


def _plan(text: str, items: list[tuple[Finding, Edit]]) -> tuple[list[tuple[int, int, Finding,
                                                                             Edit]], str | None]:
    """Edits as file offsets, in order, or the reason the file cannot be edited."""
    index = LineIndex(text)
    planned: dict[tuple[int, int, str], tuple[int, int, Finding, Edit]] = {}
    for finding, edit in items:
        start = index.offset(edit.line, edit.column)
        end = index.offset(edit.end_line, edit.end_column)
        if index.line_col(start) != (edit.line, edit.column) or \
                index.line_col(end) != (edit.end_line, edit.end_column) or \
                text[start:end] != edit.original:
            return [], (f"{finding.rule} at {edit.line}:{edit.column} no longer matches the "
                        f"file (expected {edit.original!r})")
        planned.setdefault((start, end, edit.replacement), (start, end, finding, edit))
    ordered = sorted(planned.values(), key=lambda p: (p[0], p[1]))
    for (a0, a1, fa, _), (b0, b1, fb, _) in zip(ordered, ordered[1:], strict=False):
        # Two insertions at one place, or ranges that share characters, cannot both be made.
        if b0 < a1 or (a0 == a1 == b0 == b1):
            line, col = index.line_col(b0)
            return [], f"edits of {fa.rule} and {fb.rule} overlap at {line}:{col}"
    return ordered, None


def apply_fixes(findings: list[Finding], unsafe: bool = False,
                files: Iterable[Path] = ()) -> FixReport:
    """Make the edits of ``findings`` (safe ones, and unsafe ones too with ``unsafe``). First
    remove what an earlier ``--fix`` that was killed midway left beside ``files`` and the files
    of the findings: its temporary files, which no live writer holds."""
    report = FixReport()
    for name in sorted({*map(str, files), *(f.file for f in findings)}):
        report.swept.extend(sweep_temps(name))
    by_file: dict[str, list[tuple[Finding, Edit]]] = defaultdict(list)
    for f in findings:
        if f.edit is None:
            continue
        if not f.edit.safe and not unsafe:
            report.unsafe_left += 1
            continue
        by_file[f.file].append((f, f.edit))
    for name, items in by_file.items():
        path = Path(name)
        try:
            text, crlf, bom = _read(path)
        except (OSError, UnicodeDecodeError) as exc:
            report.refused[name] = f"cannot read the file: {exc}"
            continue
        ordered, problem = _plan(text, items)
        if problem is not None:
            report.refused[name] = problem
            continue
        out: list[str] = []
        at = 0
        for start, end, finding, edit in ordered:
            out.append(text[at:start])
            out.append(edit.replacement)
            at = end
            report.applied.append(Applied(name, edit.line, edit.column, finding.rule,
                                          edit.original, edit.replacement))
        out.append(text[at:])
        new = "".join(out)
        if crlf:
            new = new.replace("\n", "\r\n")
        write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8"))
    return report
