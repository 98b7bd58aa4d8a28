"""The data of a draft's comments page: collated comments and counts, as plain JSON values.

The site renders the page; this module only reads comments/<stem>/<iteration>/*.yaml. It runs
no export and reads no git history, so a site build stays fast; a file that cannot be read
or belongs to another iteration is listed under "problems" instead of failing the build.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from build_tools.i18n.stages import ORDER, abbreviation_of
from build_tools.project import UnsafePath

from .collate import collate
from .errors import CommentError
from .locate import iteration_files, iteration_folder, read_draft_file
from .model import Comment, CommentFile
from .stats import statistics
from .yaml_read import read_comment_file

_FOLDER = re.compile(r"^(?:(?P<abbr>[A-Z]+)|(?P<code>\d{2}\.\d{2})-)(?P<n>[1-9]\d*)$")
COMMENT_KEYS = ("id", "member", "line", "line_text", "clause", "element", "type", "comment",
                "proposed_change", "disposition", "observation")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def comment_dict(comment: Comment) -> dict[str, Any]:
    data = {key: getattr(comment, key) for key in COMMENT_KEYS}
    if data["line_text"] == (str(comment.line) if comment.line is not None else None):
        data["line_text"] = None
    return data


def _rank(stage: str, iteration: int) -> tuple[int, int]:
    abbr = abbreviation_of(stage)
    return (ORDER.index(abbr) if abbr in ORDER else -1, iteration)


def _iterations(folder: Path, current: tuple[str, int] | None) -> list[tuple[str, int]]:
    found = {current} if current else set()
    if folder.is_dir():
        for sub in folder.iterdir():
            match = _FOLDER.match(sub.name)
            if sub.is_dir() and match and iteration_files(sub):
                found.add((match["abbr"] or match["code"], int(match["n"])))
    others = sorted((k for k in found if k != current), key=lambda k: _rank(*k), reverse=True)
    return ([current] if current else []) + others


def _iteration(draft_id: str, folder: Path, root: Path, stage: str,
               iteration: int) -> dict[str, Any]:
    problems: list[dict[str, Any]] = []
    files: list[CommentFile] = []
    for path in iteration_files(folder):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:
            cf = read_comment_file(path)
            collate([cf], draft_id, stage, iteration)  # refuses a file of another ballot
        except CommentError as exc:
            problems.append({"file": shown, "line": exc.line, "message": exc.message})
            continue
        files.append(cf)
    comments = collate(files, draft_id, stage, iteration)
    rel = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
    return {
        "stage": stage,
        "iteration": iteration,
        "label": f"{stage} {iteration}",
        "folder": rel,
        "members": sorted({c.member for c in comments if c.member}),
        "comments": [comment_dict(c) for c in comments],
        "counts": statistics(comments),
        "problems": problems,
    }


def site_data(root: Path, draft_path: Path) -> dict[str, Any]:
    """The comments of a draft's current iteration, then of earlier ones found in comments/.

    See the shape in the module docs of `build_tools.comments` (``site_data``).
    """
    root = Path(root)
    info = read_draft_file(Path(draft_path))
    meta = info.meta
    title = meta.get("title")
    if isinstance(title, dict):
        title = title.get(info.language) or next(iter(title.values()), "")
    current = (info.stage, info.iteration) if info.stage and info.iteration else None
    try:
        if current is not None:
            iteration_folder(*current)
    except UnsafePath:
        current = None  # a stage that cannot name a folder (lint reports it): no comments
    base = root / "comments" / info.path.stem
    path = info.path.resolve()
    ballot = meta.get("ballot")
    return {
        "draft": {
            "id": info.id,
            "title": str(title or info.id),
            "language": info.language,
            "path": path.relative_to(root.resolve()).as_posix()
            if path.is_relative_to(root.resolve()) else str(info.path),
            "stem": info.path.stem,
            "stage": info.stage,
            "iteration": info.iteration,
            "ballot": _plain(ballot) if isinstance(ballot, dict) else None,
        },
        "iterations": [
            {**_iteration(info.id, base / iteration_folder(stage, n), root, stage, n),
             "current": (stage, n) == current}
            for stage, n in _iterations(base, current)
        ],
    }
