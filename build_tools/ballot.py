"""Ballots: the package members comment on, and the disposition of comments when it closes.

``open_ballot`` records ``ballot: {opens, closes, line_numbering}`` in the draft's front-matter
(round trip: the rest of the file is kept byte for byte), then writes into
``build/ballots/<stem>-<stage><iteration>/``: the line-numbered PDF and its line map, the DOCX,
the blank ISO comment template with Document, Project and Date filled in, a blank YAML comment
file, and manifest.json with the SHA-256 of each file. The front-matter is written first so
the package is made from exactly the text that will be committed; if any step fails the draft
is put back as it was.

``close_ballot`` checks and collates the comments of the draft's current iteration and writes
the disposition of comments report (Markdown with statistics, plus the collated table as DOCX
or XLSX) into the same folder. It removes nothing and leaves the draft alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools import frontmatter
from build_tools.comments.check import CommentFinding
from build_tools.comments.collate import collate, write_collated
from build_tools.comments.docx_writer import write_docx
from build_tools.comments.repository import check_paths, iteration_dir, iteration_files, today
from build_tools.comments.resolve import DraftFile, ballot_dir, read_draft_file
from build_tools.comments.stats import disposition_report, statistics
from build_tools.errors import LocatedError
from build_tools.project import UnsafePath, path_segment, read_source, root_or_here, write_atomic

NUMBERING = ("continuous", "per-page", "none")


class WorkflowError(LocatedError):
    """A ballot or stage step the user has to fix: printed as ``path:line: message``."""


def current_iteration(info: DraftFile) -> tuple[str, int]:
    if info.stage is None or info.iteration is None:
        raise WorkflowError(info.path, 1, "the front-matter needs a stage and an integer iteration")
    try:
        path_segment(info.stage, "stage")  # it names the package folder
    except UnsafePath as exc:
        raise WorkflowError(info.path, info.lines.get("stage", 1), str(exc)) from None
    return info.stage, info.iteration


def title_of(info: DraftFile) -> str:
    title = info.meta.get("title")
    if isinstance(title, dict):
        title = title.get(info.language) or next(iter(title.values()), "")
    return str(title or info.id)


def document_label(info: DraftFile, stage: str, iteration: int) -> str:
    """The template's "Document:" field: "MVS 0001 WD 2"."""
    return f"{info.id} {stage} {iteration}"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


BLANK_YAML = """\
# Comments of one member on {document}. Fill in member and one entry per comment, then
# return this file (or the DOCX template beside it) to the secretariat.
document: {id}
stage: {stage}
iteration: {iteration}
member: ""                         # your member code, e.g. CN-CESI
comments: []
#  - line: 112                     # line number in {pdf} (optional)
#    clause: "3.4"                 # clause, subclause or term number, or General
#    element: Note 1 to entry      # paragraph / figure / table / note (optional)
#    type: te                      # ge (general) | te (technical) | ed (editorial)
#    comment: The definition omits persistence.
#    proposed_change: Add "persistent" before "integrative".
"""


@dataclass
class BallotPackage:
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)  # pdf, lines, docx, template, yaml
    manifest: Path | None = None


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _ballot_changes(info: DraftFile, opens: dt.date, closes: dt.date) -> dict[str, Any]:
    block = info.meta.get("ballot")
    numbering = block.get("line_numbering") if isinstance(block, dict) else None
    return {
        "ballot.opens": opens,
        "ballot.closes": closes,
        "ballot.line_numbering": numbering if numbering in NUMBERING else "continuous",
    }


def _write_manifest(folder: Path, info: DraftFile, stage: str, iteration: int,
                    changes: dict[str, Any], text: str, files: dict[str, Path]) -> Path:
    root = root_or_here(info.path)
    source = info.path.resolve()
    manifest = {
        "document": info.id,
        "title": title_of(info),
        "stage": stage,
        "iteration": iteration,
        "opens": changes["ballot.opens"].isoformat(),
        "closes": changes["ballot.closes"].isoformat(),
        "line_numbering": changes["ballot.line_numbering"],
        "draft": {
            "path": source.relative_to(root).as_posix() if source.is_relative_to(root)
            else str(info.path),
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "files": [
            {"name": path.name, "role": role, "sha256": sha256_file(path),
             "bytes": path.stat().st_size}
            for role, path in sorted(files.items(), key=lambda item: item[1].name)
        ],
    }
    target = folder / "manifest.json"
    write_atomic(target, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return target


def open_ballot(draft_path: Path, closes: dt.date, opens: dt.date | None = None,
                out: Path | None = None, force: bool = False,
                progress: Any = None) -> BallotPackage:
    """Open a ballot on the draft's current iteration (see the module docs)."""
    draft_path = Path(draft_path)
    info = read_draft_file(draft_path)
    stage, iteration = current_iteration(info)
    opens = opens or today()
    if closes <= opens:
        raise WorkflowError(None, None, f"the ballot closes ({closes}) before it opens ({opens})")
    block = info.meta.get("ballot")
    if isinstance(block, dict) and not force:
        raise WorkflowError(draft_path, None, f"a ballot is already recorded (opens "
                            f"{block.get('opens')}, closes {block.get('closes')}); use --force "
                            "to open it again")
    root = root_or_here(draft_path)
    stem = draft_path.stem
    folder = Path(out) if out is not None else ballot_dir(root, stem, stage, iteration)
    if (folder / "manifest.json").exists() and not force:
        raise WorkflowError(folder / "manifest.json", None,
                            "a ballot package exists here; use --force to write it again")
    original = read_source(draft_path)
    text = original.decode("utf-8-sig")
    changes = _ballot_changes(info, opens, closes)
    try:
        updated = frontmatter.update(text, changes)
    except ValueError as exc:
        raise WorkflowError(draft_path, 1, str(exc)) from None
    write_atomic(draft_path, updated)
    try:
        package = _write_package(draft_path, folder, stage, iteration, changes, updated, progress)
    except BaseException:
        write_atomic(draft_path, original)  # nothing half-opened is left behind
        raise
    return package


def _write_package(draft_path: Path, folder: Path, stage: str, iteration: int,
                   changes: dict[str, Any], text: str, progress: Any) -> BallotPackage:
    from build_tools.export import export_drafts

    info = read_draft_file(draft_path)
    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = export_drafts([draft_path], folder, ("pdf", "docx"), ballot=True,
                               progress=progress)[0]
    package = BallotPackage(folder, dict(result.outputs))
    stem = draft_path.stem
    document = document_label(info, stage, iteration)
    package.files["template"] = write_docx(
        [], folder / f"{stem}-comments.docx", document=document, project=title_of(info),
        date=changes["ballot.opens"], stage=stage, iteration=iteration)
    pdf = result.outputs.get("pdf")
    package.files["yaml"] = write_atomic(folder / f"{stem}-comments.yaml", BLANK_YAML.format(
        document=document, id=_yaml_string(info.id), stage=_yaml_string(stage),
        iteration=iteration, pdf=pdf.name if pdf else "the ballot PDF"))
    package.manifest = _write_manifest(folder, info, stage, iteration, changes, text,
                                       package.files)
    return package


@dataclass
class BallotReport:
    folder: Path
    files: dict[str, Path]
    findings: list[CommentFinding]
    stats: dict[str, Any]
    notes: list[str]


def close_ballot(draft_path: Path, out: Path | None = None, fmt: str = "docx",
                 comments: Path | None = None) -> BallotReport:
    """Check and collate the comments of the current iteration and write the disposition of
    comments report into the ballot folder (see the module docs)."""
    if fmt not in ("docx", "xlsx"):
        raise WorkflowError(None, None, f"the table is written as docx or xlsx, not {fmt!r}")
    draft_path = Path(draft_path)
    info = read_draft_file(draft_path)
    stage, iteration = current_iteration(info)
    root = root_or_here(draft_path)
    folder = Path(out) if out is not None else ballot_dir(root, draft_path.stem, stage, iteration)
    source = iteration_dir(root, draft_path, stage, iteration, comments)
    notes: list[str] = []
    paths = iteration_files(source)
    if not paths:
        notes.append(f"no comment files in {source}")
    files, findings = check_paths(root, paths) if paths else ([], [])
    collated = collate(files, info.id, stage, iteration)
    block = info.meta.get("ballot")
    if not isinstance(block, dict):
        notes.append("the front-matter records no ballot for this iteration")
    elif isinstance(block.get("closes"), dt.date) and block["closes"] > today():
        notes.append(f"the ballot is still open (it closes on {block['closes']})")
    document = document_label(info, stage, iteration)
    date = today()
    stem = draft_path.stem
    report = disposition_report(collated, document=document, project=title_of(info),
                                date=date.isoformat(),
                                ballot=block if isinstance(block, dict) else None)
    written = {"report": write_atomic(folder / f"{stem}-disposition.md", report)}
    written["table"] = write_collated(collated, folder / f"{stem}-disposition.{fmt}",
                                      document=document, project=title_of(info), date=date,
                                      stage=stage, iteration=iteration)
    return BallotReport(folder, written, findings, statistics(collated), notes)
