"""What every rule shares: the Finding, the Rule base class and the registry.

Rules import this module; the engine imports the rules. Neither imports the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from build_tools.model import Block, Draft

SEVERITIES = ("info", "warning", "error")
ISO = "ISO/IEC Directives, Part 2:2021"
GB = "GB/T 1.1—2020"
FMT = "Clause draft format (FORMAT.md)"


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    severity: str
    message: str
    column: int = 1
    fix: str | None = None
    # A safe mechanical repair on ``line``: replace the first (or last) ``old`` with ``new``.
    edit: tuple[str, str, str] | None = None

    def as_dict(self, internal: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.fix is not None:
            out["fix"] = self.fix
        if internal and self.edit is not None:
            out["edit"] = list(self.edit)
        return out


@dataclass
class Example:
    """A documented example. ``overrides`` replace parts of a clean draft (lint/examples.py)."""

    lang: str
    overrides: dict[str, str]


@dataclass
class Context:
    """What a rule may know beyond its draft: the repository root and the other drafts."""

    root: object = None  # pathlib.Path
    drafts: list[Draft] = field(default_factory=list)


class Rule:
    id: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[str] = "error"
    summary: ClassVar[str]
    source: ClassVar[str]  # "ISO/IEC Directives, Part 2:2021, 16.5.6" / "GB/T 1.1—2020, 8.7"
    source_gb: ClassVar[str | None] = None
    languages: ClassVar[tuple[str, ...]] = ("en", "zh")
    rules_sets: ClassVar[tuple[str, ...]] = ("iso", "gb")
    doc: ClassVar[str] = ""
    fail: ClassVar[list[Example]] = []
    passing: ClassVar[list[Example]] = []
    cross_draft: ClassVar[bool] = False
    live: ClassVar[bool] = False  # True: looks at other files, so never served from the cache
    needs_model: ClassVar[bool] = True  # False: the rule also runs on drafts that failed to read

    def __init__(self, severity: str | None = None) -> None:
        self.level = severity or self.severity

    def applies(self, draft: Draft) -> bool:
        return draft.language in self.languages and draft.rules in self.rules_sets

    def cite(self, draft: Draft | None = None) -> str:
        if draft is not None and draft.rules == "gb" and self.source_gb:
            return self.source_gb
        return self.source

    def finding(self, draft: Draft, line: int, message: str, column: int = 1,
                fix: str | None = None, edit: tuple[str, str, str] | None = None) -> Finding:
        return Finding(str(draft.path), max(line, 1), self.id, self.level,
                       f"{message} ({self.cite(draft)})", column, fix, edit)

    def problems(self, draft: Draft) -> Iterator[Finding]:
        """The parse problems of this rule's id as findings. The engine reports them for every
        active rule (even on a draft the rule does not otherwise apply to), so no problem the
        parser records is lost."""
        for p in draft.problems:
            if p.rule == self.id and p.message:
                yield self.finding(draft, p.line, p.message, p.column)

    def check(self, draft: Draft, ctx: Context) -> Iterable[Finding]:
        return ()

    def check_all(self, drafts: list[Draft], ctx: Context) -> Iterable[Finding]:
        return ()


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.id in REGISTRY:
        raise ValueError(f"rule id {cls.id} registered twice")
    REGISTRY[cls.id] = cls
    return cls


def hits(block: Block, pattern, text: str | None = None) -> Iterator[tuple[int, str]]:  # noqa: ANN001
    """(line, matched text) of each match of ``pattern`` in a block's plain text."""
    text = block.text if text is None else text
    for m in pattern.finditer(text):
        yield block.line_at(m.start()), m.group(0)
