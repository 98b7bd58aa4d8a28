"""The ballot line map: read from the PDF, consistent with the clause tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_helpers import Exported, en_draft, write
from longdraft import write_long_draft
from pypdf import PdfReader

from build_tools.export import export_drafts
from build_tools.export.linemap import line_numbers, read_line_map, scan
from build_tools.export.pdf import MARGIN_LEFT_PT
from build_tools.parse import parse_file


def check_consistent(entries: list[dict[str, object]], locators: list[str],
                     per_page: bool = False) -> None:
    """Lines 1…N without gaps (per page: 1…n on each page); pages and clauses never go back;
    every clause named exists in the draft."""
    assert entries
    known = set(locators) | {""}
    order = {loc: i for i, loc in enumerate(locators)}
    expected, page, last_clause = 0, 0, -1
    for entry in entries:
        assert entry["page"] >= page
        if per_page and entry["page"] != page:
            expected = 0
        page = entry["page"]  # type: ignore[assignment]
        expected += 1
        assert entry["line"] == expected, entry
        assert entry["clause"] in known, entry
        if entry["clause"]:
            assert order[entry["clause"]] >= last_clause  # type: ignore[index]
            last_clause = order[entry["clause"]]  # type: ignore[index]


def test_line_map_matches_the_clause_tree(en_ballot: Exported) -> None:
    entries = read_line_map(en_ballot.result.outputs["lines"])
    check_consistent(entries, en_ballot.draft.locators)
    by_clause = {e["clause"] for e in entries}
    assert {"Foreword", "1", "3.1", "3.2", "4.1", "A", "A.1", "Bibliography"} <= by_clause
    assert entries[0] == {"line": 1, "page": 3, "clause": "Foreword"}  # cover, contents: none


def test_line_numbers_are_printed_in_the_margin(en_ballot: Exported) -> None:
    pdf = en_ballot.result.outputs["pdf"]
    reader = PdfReader(pdf)
    fast = line_numbers(reader, MARGIN_LEFT_PT - 1)
    # pypdf's own text extraction sees the same numbers at the same places.
    slow = line_numbers(reader, MARGIN_LEFT_PT - 1, fast=False)
    assert [(p, round(y, 1), n) for p, y, n in fast] == [(p, round(y, 1), n) for p, y, n in slow]
    entries = read_line_map(en_ballot.result.outputs["lines"])
    assert [(p + 1, n) for p, _, n in fast] == [(e["page"], e["line"]) for e in entries]


def test_a_line_knows_its_clause(en_ballot: Exported) -> None:
    """The line that prints "4.1 General" is mapped to 4.1, the one before it to 4."""
    reader = PdfReader(en_ballot.result.outputs["pdf"])
    entries = read_line_map(en_ballot.result.outputs["lines"])
    numbers = line_numbers(reader, MARGIN_LEFT_PT - 1)
    lines_by_y: dict[tuple[int, float], str] = {}
    for page, pdf_page in enumerate(reader.pages):
        def visit(text: str, cm: list[float], tm: list[float], *_: object, page: int = page) -> None:
            y = round(tm[5] * cm[3] + cm[5], 1)
            lines_by_y[(page, y)] = lines_by_y.get((page, y), "") + text

        pdf_page.extract_text(visitor_text=visit)
    heading = next(i for i, (p, y, _) in enumerate(numbers)
                   if "General" in lines_by_y.get((p, round(y, 1)), ""))
    assert entries[heading]["clause"] == "4.1"
    assert entries[heading - 1]["clause"] == "4"


def test_per_page_numbering_restarts(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = write_long_draft(tmp_path, pages=6, line_numbering="per-page")
    result = export_drafts([path], tmp_path / "out", ("pdf",))[0]
    entries = read_line_map(result.outputs["lines"])
    check_consistent(entries, parse_file(path).locators, per_page=True)
    pages = sorted({e["page"] for e in entries})
    assert len(pages) >= 4
    assert all(any(e["page"] == p and e["line"] == 1 for e in entries) for p in pages)


def test_ballot_follows_front_matter_unless_told(repo: Path, tmp_path: Path) -> None:
    plain = write(repo, "plain.md", en_draft(None))
    none = write(repo, "none.md", en_draft("none"))
    out = tmp_path / "out"
    assert set(export_drafts([plain], out, ("pdf",))[0].outputs) == {"pdf"}
    assert set(export_drafts([plain], out, ("pdf",), ballot=True)[0].outputs) == {"pdf", "lines"}
    assert set(export_drafts([none], out, ("pdf",))[0].outputs) == {"pdf"}
    ballot = write(repo, "ballot.md", en_draft("continuous"))
    assert set(export_drafts([ballot], out, ("pdf",), ballot=False)[0].outputs) == {"pdf"}


def test_read_line_map_rejects_other_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"line": "1", "page": 1, "clause": "1"}]))
    with pytest.raises(ValueError):
        read_line_map(bad)
    bad.write_text(json.dumps({"line": 1}))
    with pytest.raises(ValueError):
        read_line_map(bad)


def test_content_stream_reader_follows_transforms_and_skips_strings() -> None:
    digits = {0x31: "1", 0x32: "2", 0x37: "7"}
    target = {b"F9": (digits, 1)}
    stream = (
        b"q 1 0 0 1 10 20 cm q 1 0 0 1 5 5 cm BT /F9 7 Tf 1 0 0 1 30 700 Tm (12) Tj ET Q\n"
        b"BT /F1 11 Tf 1 0 0 1 80 690 Tm [(a q \\( cm Q) -20 (7)] TJ ET\n"  # other font
        b"BT /F9 7 Tf 30 650 Td <3137> Tj ET Q\n"  # hex string, Td, outer transform only
        b"BT /F9 7 Tf 1 0 0 1 200 600 Tm (7) Tj ET\n"  # right of the margin: not a line number
    )
    assert scan(stream, target, 69) == [(725.0, 12), (670.0, 17)]
