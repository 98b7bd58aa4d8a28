"""The draft side of comment checks: which draft file, which iteration's text, which line map.

`DraftResolver` is the ``resolve(draft_id, stage, iteration)`` callback of `check`. For one
iteration it finds the draft file in drafts/ (the folder ``comments/<stem>/`` names the file,
because the English and Chinese versions share an id), takes its text from the working tree if
the front-matter is at that stage and iteration, else from git history, and parses it. The line
map is the ballot's (``build/ballots/<stem>-<stage><iteration>/<stem>.lines.json``) when that
ballot was opened here, else a PDF export of that text made once and cached by content hash.
Why something could not be resolved is kept in ``notes`` for the caller to report.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from build_tools import frontmatter, gitio, project
from build_tools.model import BIBLIOGRAPHY, FOREWORD, INTRODUCTION, Draft
from build_tools.parse import parse_text

from .check import Resolver
from .errors import CommentError

Key = tuple[str, str, int]


def iteration_folder(stage: str, iteration: int) -> str:
    """"WD2", or "30.20-1" for a harmonized stage code (digits would run together);
    project.UnsafePath when the stage (read from a file) cannot name a folder."""
    project.path_segment(stage, "stage")
    return f"{stage}{iteration}" if stage[-1:].isalpha() else f"{stage}-{iteration}"


def ballot_dir(root: Path, stem: str, stage: str, iteration: int) -> Path:
    return root / "build" / "ballots" / f"{stem}-{iteration_folder(stage, iteration)}"


@dataclass
class DraftFile:
    """A draft of drafts/ as its front-matter describes it (the text is not parsed)."""

    path: Path
    id: str
    language: str
    stage: str | None
    iteration: int | None
    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line


def read_draft_file(path: Path) -> DraftFile:
    try:
        text = project.read_source(path).decode("utf-8-sig")
    except OSError as exc:
        raise CommentError(path, None, f"cannot read the draft: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CommentError(path, None, f"cannot read the draft: not UTF-8 text (byte "
                           f"{exc.start})") from None
    front = frontmatter.read(text)
    meta = front.data
    iteration = meta.get("iteration")
    return DraftFile(
        path=path,
        id=str(meta.get("id") or path.stem),
        language=str(meta.get("language") or "en"),
        stage=str(meta["stage"]) if meta.get("stage") is not None else None,
        iteration=iteration if isinstance(iteration, int) else None,
        meta=meta,
        lines=front.lines,
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


def export_line_map(it: Iteration, cache: Path) -> list[dict[str, Any]]:
    """Export the PDF of ``it`` with line numbers into ``cache/linemaps/<sha256>/`` (once) and
    return its line map. Raises whatever the export raises."""
    digest = hashlib.sha256(it.text.encode("utf-8")).hexdigest()
    folder = cache / "linemaps" / digest
    done = folder / "lines.json"
    if done.is_file():
        return _read_map(done)
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
    return _read_map(done)


def line_map_of(root: Path, it: Iteration, stage: str, iteration: int,
                cache: Path | None = None) -> tuple[list[dict[str, Any]] | None, str]:
    """(line map, "") or (None, why not). The ballot's own map wins over a fresh export."""
    stem = it.path.stem
    try:
        ballot = ballot_dir(root, stem, stage, iteration) / f"{stem}.lines.json"
        if ballot.is_file():
            return _read_map(ballot), ""
        return export_line_map(it, cache or project.cache_dir(root)), ""
    except Exception as exc:  # noqa: BLE001 - no exporter, no fonts, a bad figure: skip lines
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return None, f"line numbers not checked: no ballot line map and the export failed " \
                     f"({message})"


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
            it, why = load_iteration(path, stage, iteration)
        except CommentError as exc:
            self._note(key, exc.message)
            return None
        if it is None:
            self._note(key, why)
            return None
        line_map = None
        if self.lines is True or (isinstance(self.lines, set) and key in self.lines):
            line_map, why = line_map_of(self.root, it, stage, iteration, self.cache)
            if why:
                self._note(key, why)
        return IterationInfo(clause_numbers(it.draft), line_map, it.source)
