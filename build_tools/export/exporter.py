"""Exporting drafts: one PDF (plus its line map in a ballot) and one DOCX per draft.

Each draft is parsed, its figures are copied into a private build folder, the formats are
written to temporary files beside the outputs and renamed over them only when all of the
draft's outputs succeeded.
"""

from __future__ import annotations

import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.export import linemap, workers
from build_tools.export.cover import cover_of
from build_tools.export.errors import ExportError
from build_tools.export.files import repository_root, stage_figures, staging
from build_tools.export.limits import check_tables
from build_tools.export.reproducible import source_date_epoch
from build_tools.export.workers import Answer, Task
from build_tools.model import Draft
from build_tools.parse import parse_file

FORMATS = ("pdf", "docx")
NUMBERING = {"continuous": "continuous", "per-page": "per-page", "per_page": "per-page",
             "none": None}


@dataclass
class ExportResult:
    draft_path: Path
    outputs: dict[str, Path] = field(default_factory=dict)  # "pdf", "docx", "lines"
    draft_id: str = ""


def ballot_numbering(draft: Draft, ballot: bool | None) -> str | None:
    """"continuous", "per-page" or None. ``ballot=None``: a ballot when the front-matter has a
    ``ballot:`` block; its ``line_numbering`` chooses the mode (default continuous)."""
    block = draft.meta.get("ballot")
    if ballot is None:
        ballot = isinstance(block, dict)
    if not ballot:
        return None
    value = block.get("line_numbering") if isinstance(block, dict) else None
    key = str(value or "continuous").strip().lower()
    if key not in NUMBERING:
        line = draft.meta_lines.get("ballot.line_numbering", draft.meta_lines.get("ballot", 1))
        raise ExportError(draft.path, line, f"ballot.line_numbering is '{value}'; use "
                          "continuous, per-page or none")
    return NUMBERING[key]


def output_stem(path: Path) -> str:
    """The draft's file name without .md: unique in drafts/, unlike ids (the English and
    Chinese versions of a document share one id)."""
    return re.sub(r"[^\w.\-]+", "-", path.stem).strip("-.") or "draft"


def load(path: Path) -> Draft:
    draft = parse_file(path)
    fatal = next((p for p in draft.problems if p.fatal), None)
    if fatal is not None:
        raise ExportError(path, fatal.line, fatal.message)
    return draft


def export_draft(path: Path, out_dir: Path, formats: Iterable[str], ballot: bool | None,
                 epoch: int | None) -> ExportResult:
    """Export one draft: its files are in place when this returns, or none of them is."""
    # Each format loads its own libraries (typst and pypdf, or pandoc and python-docx), and
    # only when asked for: a line map for the comment checks needs no python-docx.
    draft = load(path)
    check_tables(draft)
    numbering = ballot_numbering(draft, ballot)
    cover = cover_of(draft)
    stem = output_stem(path)
    result = ExportResult(path, draft_id=draft.id)
    # The build folder sits in the output folder, so whoever owns that folder (a publish's
    # scratch space) also clears what a killed export leaves behind.
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".clause-export-", dir=out_dir.resolve()) as tmp, \
            staging() as stage:
        build = Path(tmp)
        images = stage_figures(draft, repository_root(path), build)
        if "pdf" in formats:
            from build_tools.export.pdf import build_pdf

            final = out_dir / f"{stem}.pdf"
            lines = build_pdf(draft, cover, images, build, stage.path(final), numbering, epoch)
            result.outputs["pdf"] = final
            if lines is not None:
                final_lines = out_dir / f"{stem}.lines.json"
                stage.path(final_lines).write_text(linemap.dumps(lines), encoding="utf-8")
                result.outputs["lines"] = final_lines
        if "docx" in formats:
            from build_tools.export.docx import build_docx

            final = out_dir / f"{stem}.docx"
            build_docx(draft, cover, images, build, stage.path(final), numbering, epoch)
            result.outputs["docx"] = final
    return result


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class Outcome:
    """What exporting one draft came to: its result, or why it failed, and Typst's remarks.

    Plain data, so a worker process can hand it back: ``error`` is (line, message) of an
    `ExportError`, ``crash`` the type and text of any other exception (a bug, or a failure
    of pandoc or Typst themselves).
    """

    path: Path
    result: ExportResult | None = None
    error: tuple[int, str] | None = None
    crash: str | None = None
    warnings: list[str] = field(default_factory=list)

    def raise_error(self) -> None:
        if self.error is not None:
            raise ExportError(self.path, *self.error)
        if self.crash is not None:
            raise RuntimeError(f"{self.path}: export failed ({self.crash})")


def _export_one(path: Path, out_dir: Path, formats: tuple[str, ...], ballot: bool | None,
                epoch: int | None) -> Outcome:
    outcome = Outcome(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome.result = export_draft(path, out_dir, formats, ballot, epoch)
        except ExportError as exc:
            outcome.error = (exc.line or 1, exc.message)
        except Exception as exc:  # noqa: BLE001 - reported for this draft, the others go on
            outcome.crash = f"{type(exc).__name__}: {exc}"
    outcome.warnings = [str(w.message) for w in caught]
    return outcome


def default_jobs() -> int:
    """The cores this process may use (a CI runner's or a container's share, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def answer(task: Task) -> Answer:
    """A worker's answer to one task (see workers.py): the `Outcome` as JSON data."""
    outcome = _export_one(Path(task["path"]), Path(task["out_dir"]), tuple(task["formats"]),
                          task["ballot"], task["epoch"])
    result = outcome.result
    return {"path": task["path"], "error": outcome.error, "crash": outcome.crash,
            "warnings": outcome.warnings,
            "result": None if result is None else {
                "draft_id": result.draft_id,
                "outputs": {fmt: str(p) for fmt, p in result.outputs.items()}}}


def _outcome(data: Answer) -> Outcome:
    path = Path(data["path"])
    result = data["result"]
    error = data["error"]
    return Outcome(path, error=(int(error[0]), str(error[1])) if error else None,
                   crash=data["crash"], warnings=list(data["warnings"]),
                   result=None if result is None else ExportResult(
                       path, {fmt: Path(p) for fmt, p in result["outputs"].items()},
                       result["draft_id"]))


def export_each(paths: list[Path], out_dir: Path, formats: Iterable[str] = FORMATS,
                ballot: bool | None = None, progress: Callable[[str], None] | None = None,
                jobs: int | None = None) -> list[Outcome]:
    """Export every draft, ``jobs`` at a time in worker processes (default: one per core), and
    return one `Outcome` per draft in the order of ``paths``, whatever order they finished in.

    A draft that fails does not stop the others. ``progress`` receives one line per output
    ("[2/3] MVS 0002 → build/…/x.pdf"), in the order of ``paths``, as soon as a draft and all
    before it are done.
    """
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown export format(s) {unknown}; choose from {', '.join(FORMATS)}")
    paths = [Path(p) for p in paths]
    stems: dict[str, Path] = {}
    for path in paths:
        other = stems.setdefault(output_stem(path), path)
        if other != path:
            raise ExportError(path, 1, f"writes the same files as {other}; export them into "
                              "different folders")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    epoch = source_date_epoch()
    jobs = min(jobs or default_jobs(), len(paths))
    results: dict[Path, Outcome] = {}
    reported = 0

    def finished(path: Path, outcome: Outcome) -> None:
        # Reported in the order given, each as soon as the drafts before it are done, so a
        # log reads the same whichever worker was quicker.
        nonlocal reported
        results[path] = outcome
        while reported < len(paths) and paths[reported] in results:
            done = results[paths[reported]]
            reported += 1
            for message in done.warnings:
                warnings.warn(message, stacklevel=3)
            if progress is not None and done.result is not None:
                for output in done.result.outputs.values():
                    progress(f"[{reported}/{len(paths)}] {done.result.draft_id} → "
                             f"{_shown(output)}")

    if jobs <= 1:
        for path in paths:
            finished(path, _export_one(path, out_dir, formats, ballot, epoch))
        return [results[p] for p in paths]
    # Absolute paths: a worker answers with the path it was given, which keys the result.
    by_key = {str(p.absolute()): p for p in paths}
    tasks = [{"path": key, "out_dir": str(out_dir.absolute()), "formats": list(formats),
              "ballot": ballot, "epoch": epoch} for key in by_key]

    def dead(task: Task, why: str) -> Answer:
        return {"path": task["path"], "result": None, "error": None, "crash": why,
                "warnings": []}

    for data in workers.run(tasks, jobs, dead):
        outcome = _outcome(data)
        path = by_key[data["path"]]
        outcome.path = path
        if outcome.result is not None:
            outcome.result.draft_path = path
        finished(path, outcome)
    return [results[p] for p in paths]


def export_drafts(paths: list[Path], out_dir: Path, formats: Iterable[str] = FORMATS,
                  ballot: bool | None = None,
                  progress: Callable[[str], None] | None = None,
                  jobs: int | None = None) -> list[ExportResult]:
    """Export each draft to ``out_dir``: ``<stem>.pdf``, ``<stem>.docx`` and, in a ballot,
    ``<stem>.lines.json``. ``ballot=None`` follows each draft's ``ballot:`` front-matter.
    ``progress`` receives one line per output written ("[2/3] MVS 0002 → build/…/x.pdf").
    Raises ExportError for what a user can fix (the first failing draft in the order given,
    once all are done); nothing partial is left behind."""
    outcomes = export_each(paths, out_dir, formats, ballot, progress, jobs)
    for outcome in outcomes:
        outcome.raise_error()
    return [o.result for o in outcomes if o.result is not None]
