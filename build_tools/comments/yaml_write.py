"""Writing reviewer comment YAML files, and merging imported comments into them.

Writing goes through ruamel.yaml's round-trip mode: an existing file keeps its comments, key
order and quoting, entries are updated in place, and new entries are appended. Files are
replaced atomically (temporary file in the same folder, then `os.replace`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from build_tools.locks import LockError, exclusive
from build_tools.project import write_atomic

from .errors import CommentError
from .ids import assign_ids
from .model import Comment, CommentFile
from .normalize import normalize_clause, normalize_text
from .yaml_read import ENTRY_KEYS, TOP_KEYS, read_comment_file, round_trip_yaml


def _yaml_value(key: str, value: Any) -> Any:
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if key == "extra":
        return CommentedMap((k, _yaml_value("", v)) for k, v in value.items())
    return value


def _entry_values(comment: Comment, file_member: str | None) -> dict[str, Any]:
    """The YAML keys of one entry, in contract order; absent values are None."""
    values: dict[str, Any] = {key: getattr(comment, key, None) for key in ENTRY_KEYS}
    if comment.line_text is not None and comment.line_text == str(comment.line):
        values["line_text"] = None
    if comment.member == file_member:
        values["member"] = None
    values["extra"] = dict(comment.extra) or None
    return values


def _new_entry(comment: Comment, file_member: str | None) -> CommentedMap:
    entry = CommentedMap()
    for key, value in _entry_values(comment, file_member).items():
        if value is not None:
            entry[key] = _yaml_value(key, value)
    return entry


def _same(existing: Any, value: Any) -> bool:
    if isinstance(value, dict):
        return isinstance(existing, dict) and {k: str(v) for k, v in existing.items()} == value
    if isinstance(value, int) and not isinstance(value, bool):
        return isinstance(existing, int) and not isinstance(existing, bool) and existing == value
    return existing is not None and normalize_text(existing) == value


def _set_key(entry: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    if key in entry:
        entry[key] = _yaml_value(key, value)
        return
    later = [k for k in order[order.index(key) + 1 :] if k in entry]
    position = list(entry.keys()).index(later[0]) if later else len(entry)
    entry.insert(position, key, _yaml_value(key, value))


def _update_entry(
    entry: CommentedMap, comment: Comment, file_member: str | None, authoritative: bool
) -> bool:
    """Bring an existing entry in line with ``comment``; True if anything changed.

    ``authoritative`` removes keys whose value is now None; a merge only adds and replaces.
    """
    changed = False
    for key, value in _entry_values(comment, file_member).items():
        if value is None:
            if authoritative and key in entry:
                del entry[key]
                changed = True
            continue
        if key in entry and _same(entry[key], value):
            continue
        _set_key(entry, key, value, ENTRY_KEYS)
        changed = True
    return changed


def _set_top(data: CommentedMap, key: str, value: Any) -> None:
    if value is None or (key in data and _same(data[key], value)):
        return
    _set_key(data, key, value, TOP_KEYS)


def dump_comment_file(cf: CommentFile) -> str:
    """The YAML text of a new comment file."""
    data = CommentedMap()
    for key in ("document", "stage", "iteration", "member"):
        if getattr(cf, key) is not None:
            data[key] = getattr(cf, key)
    data["comments"] = CommentedSeq(_new_entry(c, cf.member) for c in cf.comments)
    return _dump(data)


def _dump(data: CommentedMap) -> str:
    buffer = io.StringIO()
    round_trip_yaml().dump(data, buffer)
    return buffer.getvalue()


def _load_for_update(path: Path) -> CommentedMap:
    try:
        data = round_trip_yaml().load(path.read_text(encoding="utf-8-sig"))
    except (YAMLError, OSError, UnicodeDecodeError) as exc:
        raise CommentError(path, None, f"cannot update the file: {exc}") from None
    if not isinstance(data, CommentedMap):
        raise CommentError(path, 1, "the file must be a mapping (document: ...)")
    if data.get("comments") is None:
        data["comments"] = CommentedSeq()
    if not isinstance(data["comments"], CommentedSeq):
        raise CommentError(path, None, "comments must be a list of comment entries")
    return data


def write_comment_file(cf: CommentFile, path: str | Path | None = None,
                       on_wait: Callable[[str], None] | None = None) -> Path:
    """Write ``cf`` as the whole content of its file (ids are generated where missing).

    When the file exists, each comment updates the entry with its id (or, for an entry without
    an id, the entry with the same member, clause, line and text) in place, so YAML comments
    and key order survive; entries that match no comment of ``cf`` are removed. Another process
    writing the same file is waited for (``on_wait`` is told), so neither loses the other's work.
    """
    target = Path(path) if path is not None else cf.path
    if target is None:
        raise CommentError(None, None, "no path to write the comment file to")
    with _locked(target, on_wait):
        return _write_comment_file(cf, target)


def _write_comment_file(cf: CommentFile, target: Path) -> Path:
    if not target.exists():
        assign_ids(cf.comments, cf.member)
        write_atomic(target, dump_comment_file(cf))
        return target
    current = read_comment_file(target)  # first: it refuses tags and reports lines
    data = _load_for_update(target)
    seq: CommentedSeq = data["comments"]
    pairs = _entries_with_comments(seq, current)
    by_id = {c.id: e for e, c in pairs if c.id}
    by_content = {_content_key(c, cf.member): e for e, c in pairs if not c.id}
    targets = [
        by_id.get(c.id) if c.id else by_content.pop(_content_key(c, cf.member), None)
        for c in cf.comments
    ]
    # Ids of removed entries are not given out again: minutes may still refer to them.
    assign_ids(cf.comments, cf.member, {c.id for c in current.comments if c.id})
    kept = {id(e) for e in targets if e is not None}
    for index in reversed(range(len(seq))):
        if id(seq[index]) not in kept:
            del seq[index]
    for key in ("document", "stage", "iteration", "member"):
        _set_top(data, key, getattr(cf, key))
    for comment, entry in zip(cf.comments, targets, strict=True):
        if entry is None:
            seq.append(_new_entry(comment, cf.member))
        else:
            _update_entry(entry, comment, cf.member, authoritative=True)
    write_atomic(target, _dump(data))
    return target


def _entries_with_comments(
    seq: CommentedSeq, parsed: CommentFile
) -> list[tuple[CommentedMap, Comment]]:
    """Pair the loaded entries with the parsed comments (both skip non-mapping items)."""
    entries = [e for e in seq if isinstance(e, CommentedMap)]
    return list(zip(entries, parsed.comments, strict=False))


@dataclass
class MergeResult:
    """What `merge_comments` did, by comment id."""

    path: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _content_key(comment: Comment, file_member: str | None) -> tuple[Any, ...]:
    return (
        comment.member or file_member,
        normalize_clause(comment.clause),
        comment.line,
        " ".join((comment.comment or "").split()),
    )


def merge_comments(
    path: str | Path,
    comments: list[Comment],
    *,
    document: str,
    stage: str,
    iteration: int,
    member: str,
    on_wait: Callable[[str], None] | None = None,
) -> MergeResult:
    """Merge imported comments into a member's YAML file, creating it if needed.

    A comment whose id is in the file, or whose member, clause, line and text equal an entry's,
    updates that entry (only with the fields it has, so a re-import of a sheet with the
    secretariat's observations fills them in); any other comment is appended with a new id.
    Nothing is removed. The file is rewritten atomically, its YAML comments and order kept.
    Merges into one file are serialised: one waits (telling ``on_wait``) while another runs.
    """
    target = Path(path)
    with _locked(target, on_wait):
        return _merge(target, comments, document, stage, iteration, member)


def _merge(target: Path, comments: list[Comment], document: str, stage: str, iteration: int,
           member: str) -> MergeResult:
    result = MergeResult(path=target)
    if not target.exists():
        cf = CommentFile(document, stage, iteration, member, path=target)
        cf.comments = [_copy(c) for c in comments]
        assign_ids(cf.comments, member)
        result.added = [c.id for c in cf.comments if c.id]
        write_atomic(target, dump_comment_file(cf))
        return result
    current = read_comment_file(target)
    expected = {"document": document, "stage": stage, "iteration": iteration, "member": member}
    for key, value in expected.items():
        if getattr(current, key) not in (None, value):
            raise CommentError(
                target,
                current.key_lines.get(key),
                f"the file has {key} {getattr(current, key)!r}, the import is for {value!r}",
            )
    file_member = current.member or member
    data = _load_for_update(target)
    seq: CommentedSeq = data["comments"]
    pairs = _entries_with_comments(seq, current)
    # Entries written by hand without ids get theirs now, so every comment can be referred to.
    taken = {c.id for c in current.comments if c.id}
    for entry, known in pairs:
        if not known.id:
            assign_ids([known], file_member, taken)
            taken.add(str(known.id))
            _set_key(entry, "id", known.id, ENTRY_KEYS)
    by_id = {c.id: e for e, c in pairs}
    by_content = {}
    for entry, known in pairs:
        by_content.setdefault(_content_key(known, file_member), (entry, known))
    for incoming in comments:
        entry = by_id.get(incoming.id) if incoming.id else None
        if entry is None and (hit := by_content.get(_content_key(incoming, file_member))):
            entry, incoming = hit[0], _copy(incoming, id=hit[1].id)
        if entry is not None:
            changed = _update_entry(entry, incoming, file_member, authoritative=False)
            (result.updated if changed else result.unchanged).append(str(incoming.id))
            continue
        new = _copy(incoming)
        if new.id in taken:
            new.id = None
        assign_ids([new], file_member, taken)
        taken.add(str(new.id))
        seq.append(_new_entry(new, file_member))
        result.added.append(str(new.id))
    for key, value in (("document", document), ("stage", stage), ("iteration", iteration)):
        _set_top(data, key, value)
    _set_top(data, "member", file_member)
    write_atomic(target, _dump(data))
    return result


@contextmanager
def _locked(target: Path, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    # Beside the file actually written: a comment file that is a link is replaced at its target.
    real = target.resolve() if target.is_symlink() else target
    try:
        with exclusive(real, on_wait=on_wait):
            yield
    except LockError as exc:
        raise CommentError(target, None, str(exc)) from None


def _copy(comment: Comment, **changes: Any) -> Comment:
    return replace(comment, extra=dict(comment.extra), field_lines={}, **changes)
