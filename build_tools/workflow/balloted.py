"""The text a comment is checked against: the balloted text of its draft iteration.

`DraftResolver` is the ``resolve(draft_id, stage, iteration)`` callback of
`build_tools.comments.check`. For one iteration it finds the draft file in drafts/ (the folder
``comments/<stem>/`` names the file, because the English and Chinese versions share an id).

- An iteration with a ballot record (workflow.record) is checked against the record: the text
  is the draft file at the recorded commit, verified by its SHA-256 (when the commit is gone,
  after a rebase, the version in the file's history with that SHA-256; outside git, the working
  tree while it still matches), and the line map is ``ballot.lines.json`` beside the record,
  verified by its SHA-256 (when it is missing or changed, it is rebuilt from that text and
  verified again). Later edits of the draft never count.
- An iteration without a record: the working tree if the front-matter is at that stage and
  iteration, else git history (the oldest commit with a ``ballot:`` block at that iteration,
  else the newest at it); the line map is a PDF export of that text, cached by content hash.

Why something could not be resolved is kept in ``notes`` for the caller to report.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from build_tools import frontmatter, gitio, project
from build_tools.comments.check import Resolver
from build_tools.comments.errors import CommentError
from build_tools.comments.locate import find_draft
from build_tools.model import BIBLIOGRAPHY, FOREWORD, INTRODUCTION, Draft
from build_tools.parse import parse_text

from .errors import WorkflowError
from .record import Record, read_record, record_path, sha256_bytes, sha256_file

Key = tuple[str, str, int]


def clause_numbers(draft: Draft) -> set[str]:
    """What a comment may cite: clause and term numbers, and the unnumbered clauses' titles."""
    numbers = set(draft.locators)
    numbers.update(c.title for c in draft.clauses if c.kind in (FOREWORD, INTRODUCTION,
                                                                  BIBLIOGRAPHY))
    return numbers


def _has(meta: dict[str, Any], stage: str, iteration: int) -> bool:
    return str(meta.get("stage")) == stage and meta.get("iteration") == iteration


@dataclass
class Iteration:
    """The text of one draft iteration, where it came from, and its model."""

    path: Path
    text: str
    commit: str | None  # None: the working tree
    draft: Draft

    @property
    def source(self) -> str:
        return "the working tree" if self.commit is None else f"commit {self.commit[:12]}"


def load_iteration(path: Path, stage: str, iteration: int) -> tuple[Iteration | None, str]:
    """The draft at ``stage`` ``iteration`` (working tree, else git history), or (None, why).

    In history the balloted version is preferred: the oldest commit with a ``ballot:`` block
    at that iteration; else the newest commit at that iteration.
    """
    text = project.read_source(path).decode("utf-8-sig")
    if _has(frontmatter.read(text).data, stage, iteration):
        return Iteration(path, text, None, parse_text(text, path)), ""
    if not gitio.is_repository(path):
        return None, (f"{path.name} is now at {_now(text)} and the folder is not a git "
                      f"repository, so {stage} {iteration} cannot be read from history")
    versions: list[tuple[str, str, bool]] = []
    try:
        top, _ = gitio.relative(path)
        for commit, name in gitio.file_history(path):
            try:
                old = gitio.show_file(top, commit, name).decode("utf-8-sig")
            except (gitio.GitError, UnicodeDecodeError):
                continue
            meta = frontmatter.read(old).data
            if _has(meta, stage, iteration):
                versions.append((commit, old, isinstance(meta.get("ballot"), dict)))
    except gitio.GitError as exc:
        return None, str(exc)
    if not versions:
        return None, f"no commit of {path.name} has stage {stage} iteration {iteration}"
    balloted = [v for v in versions if v[2]]
    commit, old, _ = balloted[-1] if balloted else versions[0]
    return Iteration(path, old, commit, parse_text(old, path)), ""


def _now(text: str) -> str:
    meta = frontmatter.read(text).data
    return f"{meta.get('stage')} {meta.get('iteration')}"


def _decoded(data: bytes) -> str:
    return data.decode("utf-8-sig")


def balloted_iteration(root: Path, record: Record) -> tuple[Iteration | None, str]:
    """The text the ballot of ``record`` was on, verified by its SHA-256, or (None, why)."""
    path = Path(root) / record.file
    wanted = record.text_sha256
    if gitio.is_repository(root):
        try:
            top = gitio.toplevel(root)
            rel = path.resolve().relative_to(top.resolve()).as_posix()
        except (gitio.GitError, ValueError) as exc:
            return None, str(exc)
        if record.commit:
            try:
                data = gitio.show_file(top, record.commit, rel)
                if sha256_bytes(data) == wanted:
                    text = _decoded(data)
                    return Iteration(path, text, record.commit, parse_text(text, path)), ""
            except (gitio.GitError, UnicodeDecodeError):
                pass  # rewritten history: look for the same text below
        if path.is_file():
            try:
                for commit, name in gitio.file_history(path):
                    try:
                        data = gitio.show_file(top, commit, name)
                    except gitio.GitError:
                        continue
                    if sha256_bytes(data) == wanted:
                        text = _decoded(data)
                        return Iteration(path, text, commit, parse_text(text, path)), ""
            except (gitio.GitError, UnicodeDecodeError) as exc:
                return None, str(exc)
    if path.is_file() and sha256_file(path) == wanted:
        text = _decoded(path.read_bytes())
        return Iteration(path, text, None, parse_text(text, path)), ""
    where = f"commit {record.commit[:12]}" if record.commit else "no commit (opened outside git)"
    return None, (f"the balloted text of {record.label} ({record.file}, {where}, sha256 "
                  f"{wanted[:12]}…) is neither in git history nor in the working tree")


# --- line maps ------------------------------------------------------------------------------


def _read_map(path: Path) -> list[dict[str, Any]]:
    from build_tools.export.linemap import read_line_map

    return read_line_map(path)


def _materialize(it: Iteration, folder: Path) -> Path:
    """Write a historical iteration and the figures it used (from the same commit) into
    ``folder`` so the exporter sees the draft as it was; returns the draft's path there."""
    top, rel = gitio.relative(it.path)
    rel_dir = PurePosixPath(rel).parent
    target = folder / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(it.text, encoding="utf-8")
    sources = {f.src for f in it.draft.figures} | {i.src for i in it.draft.images}
    for src in sorted(sources):
        if not src or urlsplit(src).scheme or src.startswith(("/", "//")):
            continue
        parts = _inside(rel_dir / src)
        if parts is None:
            continue  # leaves the repository: the export refuses it with its line
        try:
            data = gitio.show_file(top, str(it.commit), "/".join(parts))
        except gitio.GitError:
            continue  # the export reports the missing figure with its line
        out = folder.joinpath(*parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return target


def _inside(path: PurePosixPath) -> list[str] | None:
    """The parts of ``path`` with "." and ".." resolved, or None if it climbs above the top."""
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return parts


def export_line_map(it: Iteration, cache: Path) -> Path:
    """Export the PDF of ``it`` with line numbers into ``cache/linemaps/<sha256>/`` (once) and
    return the line map file. Raises whatever the export raises."""
    digest = hashlib.sha256(it.text.encode("utf-8")).hexdigest()
    folder = cache / "linemaps" / digest
    done = folder / "lines.json"
    if done.is_file():
        return done
    from build_tools.export import export_drafts

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="src-", dir=folder) as tmp:
        source = it.path if it.commit is None else _materialize(it, Path(tmp))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results = export_drafts([source], Path(tmp) / "out", formats=("pdf",), ballot=True)
        lines = results[0].outputs.get("lines")
        if lines is None:
            raise ValueError("the draft's ballot.line_numbering is none: the PDF has no lines")
        project.atomic_write(done, lambda temp: shutil.copyfile(lines, temp))
    return done


def _failed(exc: Exception) -> str:
    return getattr(exc, "message", None) or str(exc) or type(exc).__name__


def line_map_of(root: Path, it: Iteration,
                cache: Path | None = None) -> tuple[list[dict[str, Any]] | None, str]:
    """(line map, "") or (None, why not), for an iteration without a ballot record."""
    try:
        return _read_map(export_line_map(it, cache or project.cache_dir(root))), ""
    except Exception as exc:  # noqa: BLE001 - no exporter, no fonts, a bad figure: skip lines
        return None, ("line numbers not checked: no ballot record and the export failed "
                      f"({_failed(exc)})")


def record_line_map(record: Record, it: Iteration,
                    cache: Path) -> tuple[list[dict[str, Any]] | None, str]:
    """The ballot's own line map, verified against the record; rebuilt from the balloted text
    when the committed copy is missing or was changed. (None, why) when neither matches."""
    wanted = record.lines_sha256
    if wanted is None:
        return None, f"the ballot PDF of {record.label} has no line numbers"
    saved = record.lines_path
    if saved.is_file() and sha256_file(saved) == wanted:
        return _read_map(saved), ""
    problem = "is missing" if not saved.is_file() else "does not match the record"
    try:
        rebuilt = export_line_map(it, cache)
    except Exception as exc:  # noqa: BLE001 - as above
        return None, (f"line numbers not checked: {saved.name} {problem} and it cannot be "
                      f"rebuilt ({_failed(exc)})")
    if sha256_file(rebuilt) != wanted:
        return None, (f"line numbers not checked: {saved.name} {problem}, and the line map "
                      f"rebuilt from the balloted text differs from the one recorded")
    return _read_map(rebuilt), ""


# --- the resolver ---------------------------------------------------------------------------


@dataclass
class IterationInfo:
    """`check.DraftInfo` for one iteration."""

    clause_numbers: set[str]
    line_map: list[dict[str, Any]] | None
    source: str = ""


class DraftResolver:
    """Resolves (draft id, stage, iteration) for the comment checks, caching each iteration.

    ``lines`` says which iterations need a line map (True: all, or a set of keys), since
    exporting a PDF is the one slow step. ``stem`` picks the draft file when a comment folder
    names it. Reasons for missing information collect in ``notes[key]``.
    """

    def __init__(self, root: Path, *, lines: bool | set[Key] = True, cache: Path | None = None,
                 lang: str | None = None) -> None:
        self.root = root
        self.lines = lines
        self.cache = cache
        self.lang = lang
        self.notes: dict[Key, list[str]] = {}
        self._infos: dict[tuple[str | None, Key], IterationInfo | None] = {}

    def for_stem(self, stem: str | None) -> Resolver:
        """The callback for the comments of comments/<stem>/ (that file, not its twin)."""
        return lambda draft_id, stage, iteration: self.resolve(draft_id, stage, iteration, stem)

    def __call__(self, draft_id: str, stage: str, iteration: int) -> IterationInfo | None:
        return self.resolve(draft_id, stage, iteration)

    def _note(self, key: Key, message: str) -> None:
        if message not in self.notes.setdefault(key, []):
            self.notes[key].append(message)

    def resolve(self, draft_id: str, stage: str, iteration: int,
                stem: str | None = None) -> IterationInfo | None:
        key = (draft_id, stage, iteration)
        if (stem, key) not in self._infos:
            self._infos[(stem, key)] = self._resolve(key, stem)
        return self._infos[(stem, key)]

    def _resolve(self, key: Key, stem: str | None) -> IterationInfo | None:
        draft_id, stage, iteration = key
        try:
            path = find_draft(self.root, draft_id, self.lang, stem)
            record = read_record(record_path(self.root, path.stem, stage, iteration))
            if record is not None:
                it, why = balloted_iteration(self.root, record)
            else:
                it, why = load_iteration(path, stage, iteration)
        except (CommentError, WorkflowError) as exc:
            self._note(key, exc.message)
            return None
        if it is None:
            self._note(key, why)
            return None
        line_map = None
        if self.lines is True or (isinstance(self.lines, set) and key in self.lines):
            cache = self.cache or project.cache_dir(self.root)
            line_map, why = (record_line_map(record, it, cache) if record is not None
                             else line_map_of(self.root, it, cache))
            if why:
                self._note(key, why)
        source = f"the ballot record ({it.source})" if record is not None else it.source
        return IterationInfo(clause_numbers(it.draft), line_map, source)
