"""Comments inside a working group's repository: find the files, check them, collate one
iteration. The library functions below take plain paths; these wire them to drafts/ and
comments/<draft file stem>/<stage><iteration>/<member>.yaml.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.project import UnsafePath

from .check import RULES, CommentFinding, check_comment_files, read_comment_files
from .collate import collate
from .errors import CommentError
from .model import Comment, CommentFile
from .resolve import DraftResolver, Key, iteration_folder, read_draft_file
from .yaml_read import read_comment_file

if TYPE_CHECKING:
    from build_tools.lint.base import Finding

COMMENT_SUFFIXES = (".yaml", ".yml")


def today() -> dt.date:
    """The date written into tables and front-matter: SOURCE_DATE_EPOCH's (UTC), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def comment_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The comment files among ``paths``: files as given, folders searched for *.yaml/*.yml
    (hidden folders and files starting with "_" are skipped, as in drafts/)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                parts = found.relative_to(path).parts
                if (found.suffix.lower() in COMMENT_SUFFIXES and found.is_file()
                        and not any(p.startswith((".", "_")) for p in parts)):
                    out.append(found)
        elif path.is_file():
            out.append(path)
        else:
            raise CommentError(path, None, "no such file or folder")
    return out


def draft_stem_of(path: Path, root: Path) -> str | None:
    """``<stem>`` for comments/<stem>/<iteration>/<member>.yaml under ``root``, else None."""
    try:
        parts = path.resolve().relative_to((root / "comments").resolve()).parts
    except ValueError:
        return None
    return parts[0] if len(parts) == 3 else None


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


def lint_findings(root: Path, levels: dict[str, str] | None = None) -> list[Finding]:
    """The checks of ``root``/comments as findings of the CMT rules, for ``clause lint``:
    ``levels`` (rule id -> severity: the active rules, with ``[tool.clause]`` severities)
    keeps only those rules; default every CMT rule at its own severity."""
    from build_tools.lint.base import REGISTRY
    from build_tools.lint.base import Finding as LintFinding

    levels = RULES if levels is None else levels
    _, findings = check_paths(root)
    return [LintFinding(f.path, f.line or 1, f.rule, levels[f.rule],
                        f"{f.message} ({REGISTRY[f.rule].source})")
            for f in findings if f.rule in levels]


def iteration_dir(root: Path, draft_path: Path, stage: str, iteration: int,
                  comments: Path | None = None) -> Path:
    """Where the member files of one iteration live. ``comments`` is the comments root
    (default ``root``/comments) or, if it holds YAML files itself, the iteration folder."""
    base = comments if comments is not None else root / "comments"
    if comments is not None and any(p.suffix in COMMENT_SUFFIXES for p in base.glob("*.y*ml")):
        return base
    return base / draft_path.stem / iteration_folder(stage, iteration)


def iteration_files(folder: Path) -> list[Path]:
    return comment_paths([folder]) if folder.is_dir() else []


def collate_iteration(root: Path, draft_path: Path, stage: str | None = None,
                      iteration: int | None = None,
                      comments: Path | None = None) -> tuple[list[Comment], Path]:
    """All members' comments on one iteration of a draft (default: its current one), in
    document order, and the folder they came from. Raises CommentError for unreadable files."""
    info = read_draft_file(draft_path)
    stage = stage or info.stage
    iteration = iteration if iteration is not None else info.iteration
    if stage is None or iteration is None:
        raise CommentError(draft_path, 1, "the draft has no stage or iteration in its front-matter")
    try:
        folder = iteration_dir(root, draft_path, stage, iteration, comments)
    except UnsafePath as exc:
        raise CommentError(draft_path, info.lines.get("stage"), str(exc)) from None
    files = [read_comment_file(p) for p in iteration_files(folder)]
    return collate(files, info.id, stage, iteration), folder
