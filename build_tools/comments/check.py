"""Checks of reviewer comment files: the schema, unique ids, and the draft they comment on.

The draft side comes only through a ``resolve(draft_id, stage, iteration)`` callback that
returns an object with ``clause_numbers`` (set of clause numbers, plus the names of unnumbered
clauses such as "Foreword" that the draft has) and ``line_map`` (a list of
``{"line", "page", "clause"}`` for the ballot PDF, or None when it was not numbered), or None
when that iteration cannot be found. This module parses no draft; the CLI wires the callback to
the Draft model and to git history.

Each `CommentFinding` is (path, line, rule, severity, message). The rules CMT-001 … CMT-016
are registered with every other rule (build_tools/lint/rules/comments.py: their severities,
documentation and examples; ``clause rules CMT-001``, docs/RULES.md).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from build_tools.lint.rules.comments import severities

from .dispositions import parse_status_cell
from .errors import CommentError
from .model import ACCEPTED, DISPOSITIONS, GENERAL_CLAUSE, TYPES, Comment, CommentFile
from .normalize import normalize_type, split_clauses
from .yaml_read import ENTRY_KEYS, TOP_KEYS, read_comment_file

ERROR, WARNING, INFO = "error", "warning", "info"
RULES = severities()  # rule id -> default severity, from the one registry
STAGE_PATTERN = re.compile(r"^(?:PWI|NP|AWI|WD|CD|DIS|FDIS|PRF|IS)$|^\d{2}\.\d{2}$")
_ALWAYS_VALID_CLAUSES = {GENERAL_CLAUSE.lower(), "title"}


class DraftInfo(Protocol):
    """What the checker needs to know about one draft iteration."""

    clause_numbers: set[str]
    line_map: list[dict[str, Any]] | None


Resolver = Callable[[str, str, int], DraftInfo | None]


class CommentFinding(NamedTuple):
    """One finding: where (file, 1-based line), which rule, how bad, and what."""

    path: str
    line: int | None
    rule: str
    severity: str
    message: str


class _Findings:
    def __init__(self, cf: CommentFile) -> None:
        self.cf = cf
        self.items: list[CommentFinding] = []

    @property
    def path(self) -> str:
        return str(self.cf.path) if self.cf.path is not None else "<comments>"

    def add(self, rule: str, line: int | None, message: str) -> None:
        self.items.append(CommentFinding(self.path, line, rule, RULES[rule], message))


def _label(comment: Comment) -> str:
    return f"comment {comment.id}" if comment.id else f"the comment on line {comment.yaml_line}"


def _closest(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _check_structure(out: _Findings) -> None:
    cf = out.cf
    for line, message in cf.problems:
        out.add("CMT-001", line, message)
    for key in TOP_KEYS:
        if key not in cf.key_lines:
            out.add("CMT-001", 1, f"required key {key!r} is missing")
        elif key != "comments" and getattr(cf, key) is None:
            if not any(line == cf.key_lines[key] for line, _ in cf.problems):
                out.add("CMT-001", cf.key_lines[key], f"{key} is empty")
    if cf.iteration is not None and cf.iteration < 1:
        out.add("CMT-001", cf.key_lines.get("iteration"), "iteration must be 1 or more")
    if cf.stage is not None and not STAGE_PATTERN.match(cf.stage):
        out.add(
            "CMT-001",
            cf.key_lines.get("stage"),
            f"stage {cf.stage!r} is not a stage (PWI NP AWI WD CD DIS FDIS PRF IS, or a code "
            "such as 30.20)",
        )
    known = set(TOP_KEYS) | set(ENTRY_KEYS)
    for key, line in cf.unknown_keys:
        out.add("CMT-008", line, f"unknown key {key!r}{_closest(key, known)}")


def _check_location(out: _Findings) -> None:
    """comments/<draft>/<stage><iteration>/<member>.yaml: compare only when laid out so."""
    cf = out.cf
    if cf.path is None or cf.stage is None or cf.iteration is None:
        return
    folder = cf.path.parent.name
    if not re.fullmatch(r"[A-Z]+\d+|\d{2}\.\d{2}-?\d+", folder):
        return
    if folder.replace("-", "") != f"{cf.stage}{cf.iteration}".replace("-", ""):
        out.add(
            "CMT-009",
            cf.key_lines.get("stage"),
            f"the file is in folder {folder!r} but is for {cf.stage} {cf.iteration}",
        )
    if cf.member and cf.path.stem != cf.member:
        out.add(
            "CMT-009",
            cf.key_lines.get("member"),
            f"the file is named {cf.path.name!r} but its member is {cf.member!r}",
        )


def _check_comment(out: _Findings, comment: Comment) -> None:
    label = _label(comment)
    missing = [name for name in ("clause", "comment") if getattr(comment, name) is None]
    if missing:
        out.add("CMT-002", comment.yaml_line, f"{label} has no {' and no '.join(missing)}")
    if comment.type is None:
        out.add("CMT-014", comment.yaml_line, f"{label} has no type (ge, te or ed)")
    if comment.type is not None and comment.type not in TYPES:
        hint = normalize_type(comment.type)
        suggestion = f" (did you mean {hint!r}?)" if hint else ""
        out.add(
            "CMT-003",
            comment.line_of("type"),
            f"{label}: type {comment.type!r} is not ge, te or ed{suggestion}",
        )
    if comment.disposition is not None and comment.disposition not in DISPOSITIONS:
        hint = parse_status_cell(comment.disposition.replace("_", " "))[0]
        suggestion = (
            f" (did you mean {hint!r}?)" if hint else _closest(comment.disposition, DISPOSITIONS)
        )
        out.add(
            "CMT-004",
            comment.line_of("disposition"),
            f"{label}: disposition {comment.disposition!r} is not one of "
            f"{', '.join(DISPOSITIONS)}{suggestion}",
        )
    if comment.disposition not in (None, ACCEPTED) and not comment.observation:
        out.add(
            "CMT-005",
            comment.line_of("disposition"),
            f"{label}: disposition {comment.disposition!r} needs an observation saying why",
        )
    if comment.line is None and comment.line_text is not None:
        out.add(
            "CMT-007",
            comment.line_of("line"),
            f"{label}: line {comment.line_text!r} is not a line number",
        )
    elif comment.line is not None and comment.line < 1:
        out.add(
            "CMT-007", comment.line_of("line"), f"{label}: line {comment.line} is not a line number"
        )


def _within(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer + ".")


class Reference(NamedTuple):
    """A clause or line a comment cites that the draft iteration does not have (or a line in
    another clause): the rule, the comment's field and what is wrong (the message does not
    name the comment: a file check names its line, an import its row)."""

    comment: Comment
    rule: str
    field: str
    message: str


# A member's wrong reference that the secretariat has answered: reported, no longer blocking.
_ANSWERED = {"CMT-010", "CMT-011"}


def reference_problems(comments: Iterable[Comment], info: DraftInfo,
                       where: str) -> list[Reference]:
    """What the comments cite that ``info`` (one draft iteration: ``where``, "MVS 0001 WD 2")
    does not have. A clause or line that does not exist in a comment that already has a
    disposition is CMT-016 instead of CMT-010/011: the member's text stays as written, and the
    secretariat's answer closes it. Shared by the file checks and by the import."""
    numbers = {n.lower() for n in info.clause_numbers} | _ALWAYS_VALID_CLAUSES
    line_map = info.line_map
    known_lines: dict[int, set[str]] = {}
    for entry in line_map or ():
        if isinstance(entry.get("line"), int):
            known_lines.setdefault(entry["line"], set()).add(str(entry.get("clause") or ""))
    out: list[Reference] = []
    for comment in comments:
        def add(rule: str, field: str, message: str, comment: Comment = comment) -> None:
            if rule in _ANSWERED and comment.disposition in DISPOSITIONS:
                rule = "CMT-016"
                message += (f"; it has the disposition {comment.disposition!r}, so it no longer "
                            "blocks (the member's text is kept as written)")
            out.append(Reference(comment, rule, field, message))

        clauses = split_clauses(comment.clause)
        for clause in clauses:
            if clause.lower() not in numbers:
                add("CMT-010", "clause", f"clause {clause!r} does not exist in {where}")
        if line_map is None or comment.line is None or comment.line < 1:
            continue
        if comment.line not in known_lines:
            last = max(known_lines, default=0)
            add("CMT-011", "line", f"line {comment.line} is not in the line map of {where} "
                f"(lines 1 to {last})")
            continue
        named = [c for c in clauses if c.lower() not in _ALWAYS_VALID_CLAUSES]
        actual = {c for c in known_lines[comment.line] if c}
        if (
            named
            and actual
            and not any(_within(a, n) or _within(n, a) for a in actual for n in named)
        ):
            add("CMT-012", "line", f"line {comment.line} lies in clause "
                f"{', '.join(sorted(actual))}, but the comment names clause {comment.clause}")
    return out


def _check_against_draft(out: _Findings, info: DraftInfo, where: str) -> None:
    for ref in reference_problems(out.cf.comments, info, where):
        out.add(ref.rule, ref.comment.line_of(ref.field), f"{_label(ref.comment)}: {ref.message}")


def _file_findings(cf: CommentFile, resolve: Resolver | None) -> list[CommentFinding]:
    out = _Findings(cf)
    _check_structure(out)
    _check_location(out)
    for comment in cf.comments:
        _check_comment(out, comment)
    if resolve is not None and cf.document and cf.stage and cf.iteration is not None:
        where = f"{cf.document} {cf.stage} {cf.iteration}"
        info = resolve(cf.document, cf.stage, cf.iteration)
        if info is None:
            out.add(
                "CMT-013",
                cf.key_lines.get("document"),
                f"cannot find {where}: clauses and lines are not checked",
            )
        else:
            _check_against_draft(out, info, where)
    return out.items


def _duplicate_ids(files: list[CommentFile]) -> list[CommentFinding]:
    findings = []
    first: dict[str, tuple[str, int | None]] = {}
    for cf in files:
        out = _Findings(cf)
        for comment in cf.comments:
            if not comment.id:
                continue
            here = (out.path, comment.line_of("id"))
            if comment.id in first:
                path, line = first[comment.id]
                out.add(
                    "CMT-006",
                    here[1],
                    f"id {comment.id!r} is already used at {path}:{line}",
                )
            else:
                first[comment.id] = here
        findings.extend(out.items)
    return findings


def check_comment_file(cf: CommentFile, resolve: Resolver | None = None) -> list[CommentFinding]:
    """Check one comment file (ids only within the file)."""
    return _file_findings(cf, resolve) + _duplicate_ids([cf])


def check_comment_files(
    files: list[CommentFile], resolve: Resolver | None = None
) -> list[CommentFinding]:
    """Check several files; ids must be unique among the files of each draft iteration."""
    findings: list[CommentFinding] = []
    groups: dict[tuple[Any, ...], list[CommentFile]] = {}
    for cf in files:
        findings.extend(_file_findings(cf, resolve))
        groups.setdefault((cf.document, cf.stage, cf.iteration), []).append(cf)
    for group in groups.values():
        findings.extend(_duplicate_ids(group))
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.rule))


def check_comment_paths(
    paths: Iterable[str | Path], resolve: Resolver | None = None
) -> tuple[list[CommentFile], list[CommentFinding]]:
    """Read and check comment files; a file that cannot be read is a CMT-001 finding.

    Returns the files that could be read (for collation) and all findings.
    """
    files, unreadable = read_comment_files(paths)
    return files, unreadable + check_comment_files(files, resolve)


def read_comment_files(
    paths: Iterable[str | Path],
) -> tuple[list[CommentFile], list[CommentFinding]]:
    """The files that can be read, and a CMT-001 finding for each one that cannot."""
    files: list[CommentFile] = []
    unreadable: list[CommentFinding] = []
    for path in paths:
        try:
            files.append(read_comment_file(path))
        except CommentError as exc:
            unreadable.append(
                CommentFinding(str(path), exc.line, "CMT-001", RULES["CMT-001"], exc.message)
            )
    return files, unreadable
