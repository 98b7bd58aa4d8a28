"""Where things are in a working group's repository: the drafts comments are made on, and the
comment files of each iteration, ``comments/<draft file stem>/<stage><iteration>/<member>.yaml``.

The folder of an iteration also holds the ballot's record, ``ballot.yaml``, and its line map
``ballot.lines.json`` (build_tools.workflow.record): these names are reserved, never a member's
comment file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools import frontmatter, project

from .errors import CommentError

COMMENT_SUFFIXES = (".yaml", ".yml")
# Files of an iteration folder that are the ballot's, not a member's (workflow.record).
RESERVED_NAMES = ("ballot.yaml", "ballot.yml")


def iteration_folder(stage: str, iteration: int) -> str:
    """"WD2", or "30.20-1" for a harmonized stage code (digits would run together);
    project.UnsafePath when the stage (read from a file) cannot name a folder."""
    project.path_segment(stage, "stage")
    return f"{stage}{iteration}" if stage[-1:].isalpha() else f"{stage}-{iteration}"


@dataclass
class DraftFile:
    """A draft of drafts/ as its front-matter describes it (the text is not parsed)."""

    path: Path
    id: str
    language: str
    stage: str | None
    iteration: int | None
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)


def read_draft_file(path: Path) -> DraftFile:
    try:
        text = project.read_source(path).decode("utf-8-sig")
    except OSError as exc:
        raise CommentError(path, None, f"cannot read the draft: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CommentError(path, None, f"cannot read the draft: not UTF-8 text (byte "
                           f"{exc.start})") from None
    fm = frontmatter.read(text)
    meta = fm.data
    iteration = meta.get("iteration")
    return DraftFile(
        path=path,
        id=str(meta.get("id") or path.stem),
        language=str(meta.get("language") or "en"),
        stage=str(meta["stage"]) if meta.get("stage") is not None else None,
        iteration=iteration if isinstance(iteration, int) else None,
        meta=meta,
        meta_lines=fm.lines,
    )


def draft_files(root: Path) -> list[DraftFile]:
    """The drafts of the repository at ``root``: the files ``clause lint`` checks."""
    return [read_draft_file(p) for p in project.load(root).drafts()]


def find_draft(root: Path, ident: str, lang: str | None = None, stem: str | None = None) -> Path:
    """The draft whose id (or file stem) is ``ident``; ``stem`` or ``lang`` choose between the
    language versions of one id (default: English, else the only one)."""
    drafts = draft_files(root)
    wanted = " ".join(ident.split()).casefold()
    matches = [d for d in drafts if d.id.casefold() == wanted or d.path.stem == ident]
    if not matches:
        known = ", ".join(sorted({d.id for d in drafts})) or "none"
        raise CommentError(root / "drafts", None, f"no draft with id {ident!r} (drafts: {known})")
    for choose in (
        lambda d: stem is not None and d.path.stem == stem,
        lambda d: lang is not None and d.language == lang,
        lambda d: lang is None and d.language == "en",
    ):
        chosen = [d for d in matches if choose(d)]
        if chosen:
            return chosen[0].path
    if lang is not None:
        raise CommentError(matches[0].path, None, f"draft {ident!r} has no {lang!r} version")
    return matches[0].path


def comment_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The comment files among ``paths``: files as given, folders searched for *.yaml/*.yml
    (hidden folders, files starting with "_" as in drafts/, and ballot records are skipped)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                parts = found.relative_to(path).parts
                if (found.suffix.lower() in COMMENT_SUFFIXES and found.is_file()
                        and found.name not in RESERVED_NAMES
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
