"""The PDF read back with pypdf: cover, clause and term numbers, captions, CJK."""

from __future__ import annotations

import re
from pathlib import Path

from export_helpers import Exported, en_draft, write
from pypdf import PdfReader

from build_tools.export import export_drafts
from build_tools.i18n.stages import stage_name


def page_text(pdf: object, index: int) -> str:
    return PdfReader(pdf).pages[index].extract_text()  # type: ignore[arg-type]


def all_text(pdf: object) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(pdf).pages)  # type: ignore[arg-type]


def fonts(pdf: object) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(pdf).pages:  # type: ignore[arg-type]
        for ref in page["/Resources"].get("/Font", {}).values():
            names.add(str(ref.get_object().get("/BaseFont")))
    return names


def test_cover_has_id_stage_title_and_warning(en_ballot: Exported) -> None:
    pdf = en_ballot.result.outputs["pdf"]
    cover = " ".join(page_text(pdf, 0).split())
    assert "MVS 9001" in cover
    assert stage_name("CD", "iso", 1) == "Committee Draft 1"
    assert "Committee Draft 1" in cover
    assert "2026-11-28" in cover
    assert "MIIT Metaverse Standardization Working Group" in cover
    assert "Metaverse — Export test document" in cover
    assert "元宇宙 导出测试文件" in cover
    assert "This document is not an ISO International Standard" in cover  # BOIL-06, stage 30
    assert "DRAFT" in cover  # the watermark below stage 60


def test_a4_header_contents_and_page_numbers(en_ballot: Exported) -> None:
    reader = PdfReader(en_ballot.result.outputs["pdf"])
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "Requirements" in contents
    body = reader.pages[2].extract_text().split("\n")
    assert "MVS 9001 Committee Draft 1" in body[:2]  # the running header: id and stage
    assert body[-1] == "3"  # the page number, last on the page
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[:3] == ["Foreword", "1 Scope", "2 Normative references"]


def test_clause_and_term_numbers_and_entry_layout(en_ballot: Exported) -> None:
    text = all_text(en_ballot.result.outputs["pdf"])
    for heading in ("1 Scope", "3 Terms and definitions", "4.1 General", "4.2 Flow"):
        assert re.search(r"\b" + r"\s*".join(map(re.escape, heading.split())), text), heading
    entry = re.search(r"3\.1\s*\n\s*avatar\s*\n\s*digital persona\s*\n\s*DEPRECATED: puppet", text)
    assert entry, text[:2000]
    assert "EXAMPLE" in text and "Note 1 to entry:" in text
    assert '[SOURCE: ISO/IEC 2382:2015, 2121319, modified — "user" added]' in text
    assert "NOTE" in text


def test_captions_and_cross_references_use_model_labels(en_ballot: Exported) -> None:
    text = all_text(en_ballot.result.outputs["pdf"])
    draft = en_ballot.draft
    table, figure = draft.tables[0], draft.figures[0]
    assert f"{table.label} — {table.caption}" in text
    assert f"{figure.label} — {figure.title}" in text
    assert "It refers to 4.1, Table 1, Figure 1 and Annex A." in " ".join(text.split())
    # Table title above the table, figure title below the figure.
    assert text.index("Table 1 — ") < text.index("latency")
    annex = re.search(r"Annex A\s*\n\s*\(informative\)\s*\n\s*Use cases", text)
    assert annex


def test_figure_is_embedded_as_vectors(en_ballot: Exported) -> None:
    reader = PdfReader(en_ballot.result.outputs["pdf"])
    images = [img for page in reader.pages for img in page.images]
    assert images == []  # no raster: the SVG's shapes and text are drawn
    assert "Platform" in all_text(en_ballot.result.outputs["pdf"])


def test_text_typed_by_the_author_stays_literal(en_ballot: Exported) -> None:
    text = " ".join(all_text(en_ballot.result.outputs["pdf"]).split())
    assert ("Typed as is: $x$ and @cite and #set page(width: 1cm) and <b>bold</b> and code "
            "and a // b and ~x~ and 1. and *stars* and link and a footnote") in text
    assert "The footnote text." in text
    assert "Calls end where text begins: em(a) code(b) link.c strong[d] H2(O) line (break) and x.y" in text


def test_chinese_text_and_cjk_fonts(zh_ballot: Exported) -> None:
    pdf = zh_ballot.result.outputs["pdf"]
    cover = page_text(pdf, 0)
    assert "元宇宙 导出测试" in cover and "征求意见稿" in cover
    assert "在提交反馈意见时，请将您知道的相关专利连同支持文件一并附上。" in cover.replace("\n", "")
    assert "草案" in cover
    text = all_text(pdf).replace("\n", "")
    assert "用户在虚拟世界中的数字化表示。" in text
    assert "表1" in text and "状态参数" in text
    assert "“状态”" in text  # full-width quotes kept as typed
    names = {n.lower() for n in fonts(pdf)}
    assert any("notoserifcjk" in n for n in names), names
    assert any("notosanscjk" in n and "jp" not in n for n in names), names
    assert not any("cjkjp" in n for n in names), names  # never the Japanese fallback


def test_warning_and_watermark_follow_the_stage(repo: Path, tmp_path: Path) -> None:
    expected = {
        "WD": ("Working Draft 1", "This document is not an ISO International Standard", True),
        "DIS": ("Draft International Standard 1",
                "This document is a draft circulated for comments and approval", True),
        "IS": ("International Standard 1", None, False),
    }
    for stage, (name, warning, watermark) in expected.items():
        path = write(repo, f"{stage}.md", en_draft(None, stage=stage))
        pdf = export_drafts([path], tmp_path / "out", ("pdf",))[0].outputs["pdf"]
        cover = " ".join(page_text(pdf, 0).split())
        assert name in cover, stage
        if warning:
            assert warning in cover, stage
        else:
            assert "International Standard. It is" not in cover and "approval" not in cover
        assert ("DRAFT" in cover) == watermark, stage
        if stage == "DIS":  # BOIL-07: all three paragraphs
            assert "potential to become standards to which reference may be made in national " \
                   "regulations" in cover
            assert "Recipients of this draft are invited to submit" in cover


def test_typst_markup_cannot_start_inside_entries(repo: Path, tmp_path: Path) -> None:
    """Text that would open a Typst list, enum or heading at the start of a content block."""
    text = (en_draft(None)
            .replace("computer-generated, shared and persistent environment",
                     "1\\. shared environment")
            .replace("| pose | 6 DoF |", "| \\- pose | = 6 DoF |")
            .replace("NOTE The state includes the pose.", "NOTE + 2. = the pose"))
    path = write(repo, "marks.md", text)
    pdf = export_drafts([path], tmp_path / "out", ("pdf",))[0].outputs["pdf"]
    flat = " ".join(all_text(pdf).split())
    assert "1. shared environment" in flat
    assert "- pose = 6 DoF" in flat
    assert "NOTE + 2. = the pose" in flat


def test_a_table_caption_stays_with_its_first_rows(repo: Path, tmp_path: Path) -> None:
    """Tables after text of every length, so that some captions fall at the foot of a page:
    each caption is on the page of its table's first row (tables may break, captions not)."""
    head = en_draft(None).split("# Foreword", 1)[0]
    body = ["# Scope {#scope}", ""]
    for n in range(1, 31):
        body += ["The requirements are as follows. " * (4 + 3 * (n % 7)), "",
                 f"Table: Table number {n} {{#tab-{n}}}", "",
                 "| Heading | Value |", "|---|---|", f"| Row of table {n} | {n} |",
                 "| another row | 2 |", ""]
    path = write(repo, "tables.md", head + "\n".join(body))
    pdf = export_drafts([path], tmp_path / "out", ("pdf",))[0].outputs["pdf"]
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    for n in range(1, 31):
        caption = [i for i, text in enumerate(pages) if f"Table {n} — Table number {n}" in text]
        row = [i for i, text in enumerate(pages) if f"Row of table {n} " in text]
        assert caption and caption == row[:1], (n, caption, row)
