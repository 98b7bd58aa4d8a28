"""The checks of a working group's repository beyond its drafts: every comment file against
the balloted text of its draft (CMT rules), and the roster, committee.yaml (ROSTER rules).
``clause comments check`` runs the first, ``clause lint`` (without PATHS) both.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.comments.check import (
    RULES,
    CommentFinding,
    check_comment_files,
    read_comment_files,
)
from build_tools.comments.locate import comment_paths, draft_stem_of
from build_tools.comments.model import CommentFile

from .balloted import DraftResolver, Key
from .roster import Roster, read_roster, roster_path

if TYPE_CHECKING:
    from build_tools.lint.base import Finding


def _key(cf: CommentFile) -> Key | None:
    if cf.document and cf.stage and cf.iteration is not None:
        return (cf.document, cf.stage, cf.iteration)
    return None


def check_paths(
    root: Path,
    paths: Iterable[str | Path] | None = None,
    *,
    lines: bool = True,
    cache: Path | None = None,
) -> tuple[list[CommentFile], list[CommentFinding]]:
    """Check comment files (default: all of ``root``/comments) against the drafts of ``root``.

    Each draft iteration is resolved once; a line map is made only for iterations that have
    comments with line numbers (``lines=False``: never). Returns the readable files and every
    finding, including CMT-015 notes saying why a draft or its lines were not checked.
    """
    paths = comment_paths(paths if paths is not None else [root / "comments"])
    files, findings = read_comment_files(paths)
    needs = {k for cf in files if (k := _key(cf)) and any(c.line for c in cf.comments)}
    resolver = DraftResolver(root, lines=needs if lines else False, cache=cache)
    groups: dict[str | None, list[CommentFile]] = {}
    for cf in files:
        groups.setdefault(draft_stem_of(Path(str(cf.path)), root), []).append(cf)
    for stem, group in groups.items():
        findings.extend(check_comment_files(group, resolver.for_stem(stem)))
    for cf in files:
        for note in resolver.notes.get(_key(cf) or ("", "", 0), []):
            line = cf.key_lines.get("document")
            findings.append(CommentFinding(str(cf.path), line, "CMT-015", RULES["CMT-015"], note))
    findings.sort(key=lambda f: (f.path, f.line or 0, f.rule))
    return files, findings


def roster_findings(roster: Roster, files: list[CommentFile],
                    severity: dict[str, str]) -> list[CommentFinding]:
    """The roster's own problems, and each comment file whose member is not on it."""
    out = [CommentFinding(str(roster.path), p.line, p.rule, severity[p.rule], p.message)
           for p in roster.problems]
    known = set(roster.ids())
    for cf in files:
        members = {cf.member} | {c.member for c in cf.comments}
        for member in sorted(m for m in members if m and m not in known):
            hint = roster.closest(member)
            out.append(CommentFinding(
                str(cf.path), cf.key_lines.get("member", 1), "ROSTER-04", severity["ROSTER-04"],
                f"member {member!r} is not on the roster in {roster.path.name}"
                + (f" (did you mean {hint!r}?)" if hint else "; add it, or correct the code")))
    return out


def repository_findings(root: Path, levels: dict[str, str] | None = None) -> list[Finding]:
    """The CMT and ROSTER checks of the repository at ``root`` as findings, for ``clause
    lint``: ``levels`` (rule id -> severity: the active rules, with ``[tool.clause]``
    severities) keeps only those rules; default every rule at its own severity."""
    from build_tools.lint.base import REGISTRY
    from build_tools.lint.base import Finding as LintFinding

    defaults = {rid: cls.severity for rid, cls in REGISTRY.items()
                if cls.family in ("comments", "committee")}
    levels = defaults if levels is None else levels
    files: list[CommentFile] = []
    findings: list[CommentFinding] = []
    if (root / "comments").is_dir():
        files, findings = check_paths(root)
    roster = read_roster(roster_path(root))
    if roster is not None:
        findings += roster_findings(roster, files, defaults)
    return [LintFinding(f.path, f.line or 1, f.rule, levels[f.rule],
                        f"{f.message} ({REGISTRY[f.rule].source})")
            for f in sorted(findings, key=lambda f: (f.path, f.line or 0, f.rule))
            if f.rule in levels]
