"""The working group's own drafts export, and their line maps fit their clause trees."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from export_helpers import Exported
from test_export_linemap import check_consistent

from build_tools.export import export_drafts
from build_tools.export.linemap import read_line_map
from build_tools.parse import parse_file
from build_tools.project import find_drafts

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
REAL = find_drafts([DRAFTS]) if DRAFTS.is_dir() else []


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[Exported]:
    if not REAL:
        pytest.skip("no drafts in drafts/")
    out = tmp_path_factory.mktemp("real")
    results = export_drafts(REAL, out, ballot=True)
    return [Exported(r.draft_path, parse_file(r.draft_path), r) for r in results]


def test_every_draft_exports_with_a_consistent_line_map(exported: list[Exported]) -> None:
    for item in exported:
        assert set(item.result.outputs) == {"pdf", "docx", "lines"}, item.path
        check_consistent(read_line_map(item.result.outputs["lines"]), item.draft.locators)


def test_every_figure_and_table_title_reaches_the_docx(exported: list[Exported]) -> None:
    for item in exported:
        texts = {p.text for p in Document(str(item.result.outputs["docx"])).paragraphs}
        sep = " — " if item.draft.language == "en" else "\u3000"
        for table in item.draft.tables:
            assert f"{table.label}{sep}{table.caption}" in texts
        for figure in item.draft.figures:
            assert f"{figure.label}{sep}{figure.title}" in texts
