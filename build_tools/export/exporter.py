"""Exporting drafts: one PDF (plus its line map in a ballot) and one DOCX per draft.

Each draft is parsed, its figures are copied into a private build folder, the formats are
written to temporary files beside the outputs and renamed over them only when all of the
draft's outputs succeeded.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.export import linemap
from build_tools.export.cover import cover_of
from build_tools.export.errors import ExportError
from build_tools.export.files import repository_root, stage_figures, staging
from build_tools.export.reproducible import source_date_epoch
from build_tools.model import Draft
from build_tools.parse import parse_file

FORMATS = ("pdf", "docx")
NUMBERING = {"continuous": "continuous", "per-page": "per-page", "per_page": "per-page",
             "none": None}


@dataclass
class ExportResult:
    draft_path: Path
    outputs: dict[str, Path] = field(default_factory=dict)  # "pdf", "docx", "lines"


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
                 epoch: int | None,
                 announce: Callable[[str, Path], None] | None = None) -> ExportResult:
    """Export one draft; ``announce(draft id, output)`` is called for each file written."""
    # Each format loads its own libraries (typst and pypdf, or pandoc and python-docx), and
    # only when asked for: a line map for the comment checks needs no python-docx.
    draft = load(path)
    numbering = ballot_numbering(draft, ballot)
    cover = cover_of(draft)
    stem = output_stem(path)
    result = ExportResult(path)
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
    if announce is not None:
        for output in result.outputs.values():
            announce(draft.id, output)
    return result


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def export_drafts(paths: list[Path], out_dir: Path, formats: Iterable[str] = FORMATS,
                  ballot: bool | None = None,
                  progress: Callable[[str], None] | None = None) -> list[ExportResult]:
    """Export each draft to ``out_dir``: ``<stem>.pdf``, ``<stem>.docx`` and, in a ballot,
    ``<stem>.lines.json``. ``ballot=None`` follows each draft's ``ballot:`` front-matter.
    ``progress`` receives one line per output written ("[2/3] MVS 0002 → build/…/x.pdf").
    Raises ExportError for what a user can fix; nothing partial is left behind."""
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
    results: list[ExportResult] = []
    for n, path in enumerate(paths, 1):
        def announce(ident: str, output: Path, n: int = n) -> None:
            if progress is not None:
                progress(f"[{n}/{len(paths)}] {ident} → {_shown(output)}")

        results.append(export_draft(path, out_dir, formats, ballot, epoch, announce))
    return results
