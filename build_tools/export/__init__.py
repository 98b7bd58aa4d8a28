"""PDF and DOCX exports of drafts, with the ballot line map.

``export_drafts(paths, out_dir, formats=("pdf", "docx"), ballot=None, progress=None)`` returns
one ``ExportResult(draft_path, outputs)`` per draft; ``outputs`` maps "pdf", "docx" and, in a
ballot, "lines" to the files written. ``linemap.read_line_map(path)`` reads a line map back.
Errors a user can fix raise ``ExportError(path, line, message)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_tools.export.errors import ExportError

if TYPE_CHECKING:
    from build_tools.export.exporter import ExportResult, export_drafts

__all__ = ["ExportError", "ExportResult", "export_drafts"]


def __getattr__(name: str) -> Any:
    # typst, pypdf and python-docx load only when an export runs, not for every CLI command.
    if name in ("ExportResult", "export_drafts"):
        from build_tools.export import exporter

        return getattr(exporter, name)
    raise AttributeError(name)
