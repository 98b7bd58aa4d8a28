"""What every rule shares: the Finding, the Rule base class and the registry.

Rules import this module; the engine imports the rules. Neither imports the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, NamedTuple

if TYPE_CHECKING:
    from build_tools.model import Block, Draft, Phrase

SEVERITIES = ("info", "warning", "error")
ISO = "ISO/IEC Directives, Part 2:2021"
GB = "GB/T 1.1—2020"
FMT = "Clause draft format (FORMAT.md)"


@dataclass(frozen=True)
class Edit:
    """A positioned repair, like ruff's: replace ``original`` (the file's text from line:column to
    end_line:end_column, 1-based, end exclusive, columns in characters) by ``replacement``.
    ``safe`` edits keep the meaning; unsafe ones need ``--unsafe-fixes``."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str
    safe: bool = True
    original: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "replacement": self.replacement,
                "safe": self.safe, "original": self.original}

    @classmethod
    def from_dict(cls, d: dict) -> Edit:
        return cls(int(d["line"]), int(d["column"]), int(d["end_line"]), int(d["end_column"]),
                   str(d["replacement"]), bool(d["safe"]), str(d.get("original", "")))


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    severity: str
    message: str
    column: int = 1
    fix: str | None = None
    edit: Edit | None = None
    end_line: int = 0  # 0: the end is not known
    end_column: int = 0

    def as_dict(self, internal: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.end_line:
            out["end_line"] = self.end_line
            out["end_column"] = self.end_column
        if self.fix is not None:
            out["fix"] = self.fix
        if internal and self.edit is not None:
            out["edit"] = self.edit.as_dict()
        return out

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        """The inverse of ``as_dict(internal=True)`` (the lint cache and the worker processes)."""
        edit = Edit.from_dict(d["edit"]) if isinstance(d.get("edit"), dict) else None
        return cls(d["file"], d["line"], d["rule"], d["severity"], d["message"],
                   d.get("column", 1), d.get("fix"), edit, d.get("end_line", 0),
                   d.get("end_column", 0))


@dataclass
class Example:
    """A documented example. ``overrides`` replace parts of a clean draft (lint/examples.py).

    ``fixed`` (failing examples of fixable rules): the text of the one override part that the
    fix changes, as it reads after ``clause lint --fix --unsafe-fixes`` made the edits of this
    rule's findings. Only that part, not the whole draft, so the documentation shows the
    snippet before and after; the test suite applies the edits and compares.

    ``also`` (failing examples): rules that cannot help firing on the same input (a comment
    file of an iteration that is not in git is also in the wrong folder). The suite checks that
    a failing example fires its rule and exactly these, and a passing one fires nothing."""

    lang: str
    overrides: dict[str, str]
    fixed: str | None = field(default=None, kw_only=True)  # keyword: subclasses add fields
    also: tuple[str, ...] = field(default=(), kw_only=True)


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
        # The engine asks applies() of a hundred rules per draft: where it is this class's,
        # it answers from the draft's language and rule set, read once.
        self.by_language = type(self).applies is Rule.applies

    def applies(self, draft: Draft) -> bool:
        return draft.language in self.languages and draft.rules in self.rules_sets

    def cite(self, draft: Draft | None = None) -> str:
        if draft is not None and draft.rules == "gb" and self.source_gb:
            return self.source_gb
        return self.source

    def finding(self, draft: Draft, line: int, message: str, column: int = 1,
                fix: str | None = None, edit: Edit | None = None, end: tuple[int, int] = (0, 0),
                ) -> Finding:
        return Finding(str(draft.path), max(line, 1), self.id, self.level,
                       f"{message} ({self.cite(draft)})", max(column, 1), fix, edit, *end)

    def finding_at(self, draft: Draft, where: Block | Phrase, start: int, end: int | None,
                   message: str, fix: str | None = None, replacement: str | None = None,
                   safe: bool = True, edit_range: tuple[int, int] | None = None) -> Finding:
        """A finding at ``where.text[start:end]`` (a block's or a phrase's plain text), at the
        exact line and column of that text in the file; with ``replacement``, the edit that
        puts it in place of that text (or of ``edit_range``), when it can be made safely (see
        ``edit_at``)."""
        end = start if end is None else end
        a, b = edit_range or (start, end)
        edit = None if replacement is None else edit_at(draft, where, a, b, replacement, safe)
        if where.map is None:
            line, col = (where.position(start) if hasattr(where, "position")
                         else draft.line_col(where.start))
            return self.finding(draft, line, message, col, fix, edit)
        first, last = _file_range(where, start, end)
        span = draft.index.span(first, last)
        stop = (span.end_line, span.end_column) if last > first else (0, 0)
        return self.finding(draft, span.line, message, span.column, fix, edit, stop)

    def finding_at_offset(self, draft: Draft, offset: int, message: str,
                          fix: str | None = None) -> Finding:
        """A finding at a file offset (an element's start: a table, a figure, a phrase)."""
        line, col = draft.line_col(offset)
        return self.finding(draft, line, message, col, fix)

    def finding_at_line(self, draft: Draft, line: int, message: str,
                        fix: str | None = None) -> Finding:
        """A finding about the element written on ``line`` (a heading): at its first character."""
        return self.finding(draft, line, message, element_column(draft, line), fix)

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


class Hit(NamedTuple):
    start: int  # offsets in the text matched
    end: int
    line: int  # where the match starts in the file
    column: int
    text: str


def hits(block: Block, pattern, text: str | None = None) -> Iterator[Hit]:  # noqa: ANN001
    """Each match of ``pattern`` in a block's prose (code spans masked, nothing in a quotation)
    with the line and column of its first character."""
    text = block.prose if text is None else text
    for m in pattern.finditer(text):
        line, col = block.position(m.start())
        yield Hit(m.start(), m.end(), line, col, m.group(0))


def draft_text(draft: Draft) -> str:
    """Everything a reader sees in the draft, in one string: every block's text, every title,
    caption, term and term attribute, one per line. Made once per draft."""
    text = draft.memo.get("draft_text")
    if text is None:
        parts = [b.text for b in draft.preamble]
        parts += [b.text for b in draft.blocks()]
        for clause in draft.walk():
            parts.append(clause.title)
            for block in clause.blocks:
                for phrase in (getattr(block, "caption_phrase", None),
                               getattr(block, "title_phrase", None)):
                    if phrase is not None:
                        parts.append(phrase.text)
            for term in clause.terms:
                for entry in (term, *term.subterms):
                    parts.append(entry.preferred)
                    parts += [phrase.text for _, phrase in entry.attribute_phrases]
        text = draft.memo["draft_text"] = "\n".join(parts)
    return text


def mentions(draft: Draft, words: Iterable[str]) -> bool:
    """True if one of ``words`` (lower case) is written anywhere in the draft, in any case.
    Rules look for their key words here first: a draft holds none of them far more often than
    not, and one look at the whole text costs less than a look at each block."""
    low = draft.memo.get("draft_lower")
    if low is None:
        low = draft.memo["draft_lower"] = draft_text(draft).lower()
    return any(word in low for word in words)


def element_column(draft: Draft, line: int) -> int:
    """Column of the first character written on ``line`` (a heading's '#', a key)."""
    return draft.first_column(line)


def _file_range(where: Block | Phrase, start: int, end: int) -> tuple[int, int]:
    """File offsets of ``where.text[start:end]``; an empty range sits after the character
    before it (an insertion at the end of a definition goes after its last character)."""
    tmap = where.map
    assert tmap is not None
    if end > start:
        return tmap.offset(start), tmap.offset(end - 1) + 1
    if start > 0:
        at = tmap.offset(start - 1) + 1
        return at, at
    at = tmap.offset(0)
    return at, at


def edit_at(draft: Draft, where: Block | Phrase, start: int, end: int, replacement: str,
            safe: bool = True) -> Edit | None:
    """The edit replacing ``where.text[start:end]`` in the file, or None when that text is not
    written as such: inside a code span or a quotation, or with markup or an escape in
    between (the file's characters must be the text's characters, one for one)."""
    if where.map is None or not getattr(where, "is_prose", True):
        return None
    lo = start if end > start else max(start - 1, 0)  # an insertion must not follow code either
    if any(a < max(end, lo + 1) and lo < b for a, b in where.code):
        return None
    first, last = _file_range(where, start, end)
    original = draft.text[first:last]
    if original != where.text[start:end]:
        return None
    span = draft.index.span(first, last)
    return Edit(span.line, span.column, span.end_line, span.end_column, replacement, safe, original)
