"""An imported Word draft with its parsed model (used by conftest.py and the tests)."""

from __future__ import annotations

from pathlib import Path

from build_tools.model import Draft
from build_tools.parse import parse_file
from build_tools.wordimport.importer import ImportResult, import_docx


class Imported:
    def __init__(self, docx: Path, result: ImportResult) -> None:
        self.docx = docx
        self.result = result
        self.draft: Draft = parse_file(result.draft)


def import_into(folder: Path, docx: Path, **kwargs: object) -> Imported:
    """Import ``docx`` into ``folder``/repo/drafts/<its name>.md."""
    out = folder / "repo" / "drafts" / f"{docx.stem}.md"
    return Imported(docx, import_docx(docx, out, **kwargs))  # type: ignore[arg-type]
