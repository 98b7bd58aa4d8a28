"""Comment ids: ``<member>-<nnn>``, generated where a file or an import has none."""

from __future__ import annotations

import re

from .errors import CommentError
from .model import Comment


def _id_number(comment_id: str, member: str) -> int | None:
    m = re.fullmatch(re.escape(member) + r"-(\d+)", comment_id)
    return int(m.group(1)) if m else None


def assign_ids(comments: list[Comment], member: str | None, taken: set[str] | None = None) -> None:
    """Give each comment without an id the next free ``<member>-<nnn>`` (in list order).

    Numbering continues after the highest number already used with that member prefix, so ids
    never change meaning once given. ``taken`` holds ids used elsewhere (the rest of the file).
    """
    used = set(taken or ()) | {c.id for c in comments if c.id}
    missing = [c for c in comments if not c.id]
    if not missing:
        return
    if not member:
        raise CommentError(None, None, "cannot generate comment ids without a member code")
    numbers = [n for n in (_id_number(i, member) for i in used) if n is not None]
    counter = max(numbers, default=0)
    for comment in missing:
        counter += 1
        while f"{member}-{counter:03d}" in used:
            counter += 1
        comment.id = f"{member}-{counter:03d}"
        used.add(comment.id)
