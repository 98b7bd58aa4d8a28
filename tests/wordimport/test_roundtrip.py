"""A draft exported to DOCX by Clause and imported again gives the same model: clause tree,
numbers, blocks, term entries, tables, figures (the same picture bytes), references,
requirements (pinned ids included), footnotes and cross-references."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import en_draft, make_repo, write, zh_draft
from model_compare import summary

from build_tools.export import export_drafts
from build_tools.parse import parse_file
from build_tools.wordimport.importer import import_docx
from build_tools.wordimport.report import UNMAPPED

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = ["mvs-0001-terminology.md", "mvs-0001-terminology-zh.md",
            "mvs-0002-reference-architecture.md"]


def _round_trip(draft: Path, tmp_path: Path) -> tuple[Path, list]:
    [exported] = export_drafts([draft], tmp_path / "out", formats=("docx",))
    result = import_docx(exported.outputs["docx"], tmp_path / "back" / "drafts" / draft.name,
                         lint=False)
    return result.draft, result.report.of(UNMAPPED)


def _assert_same(original: Path, imported: Path) -> None:
    before = summary(parse_file(original))
    after = summary(parse_file(imported))
    for part in before:
        assert after[part] == before[part], part
    assert before["clauses"] and before["blocks"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_drafts_come_back_with_the_same_model(name: str, tmp_path: Path) -> None:
    imported, unmapped = _round_trip(REPO / "drafts" / name, tmp_path)
    _assert_same(REPO / "drafts" / name, imported)
    assert unmapped == []


def test_reference_architecture_keeps_pins_tables_and_figures(tmp_path: Path) -> None:
    name = "mvs-0002-reference-architecture.md"
    imported, _ = _round_trip(REPO / "drafts" / name, tmp_path)
    draft = parse_file(imported)
    assert any(r.id == "req-three-views" and r.pinned for r in draft.requirements)
    assert len(draft.tables) == 6 and len(draft.figures) == 2
    assert all((imported.parent / f.src).is_file() for f in draft.figures)


# Inline HTML is markup in a draft (its text is "bold") but the DOCX shows it as typed.
HTML = "<b>bold</b>"


@pytest.mark.parametrize("text", [en_draft(None), zh_draft(None)], ids=["en", "zh"])
def test_footnotes_literal_text_and_lists_survive(text: str, tmp_path: Path) -> None:
    # The export tests' drafts: footnotes, sub- and superscripts, a hard line break, and text
    # that looks like Markdown, Typst or HTML and must stay text.
    original = write(make_repo(tmp_path / "repo"), "mvs-9001.md", text.replace(HTML, "bold"))
    imported, _ = _round_trip(original, tmp_path)
    _assert_same(original, imported)


def test_what_the_docx_shows_as_text_comes_back_as_text(tmp_path: Path) -> None:
    original = write(make_repo(tmp_path / "repo"), "mvs-9001.md", en_draft(None))
    imported, _ = _round_trip(original, tmp_path)
    literal = parse_file(imported).clause_by_number("4.3")
    assert literal is not None
    assert HTML + " and code and a // b and ~x~ and 1. and *stars*" in literal.blocks[0].text
