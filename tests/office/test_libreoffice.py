"""Every office file Clause writes, opened in a real office suite: LibreOffice headless converts
the draft DOCX (English, Chinese, and a ballot with Word's line numbering), the blank ISO
comment form and the collated comments (DOCX and XLSX) to PDF in one run; the text and the
pages of each PDF are what a member opening the file would see."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from needs import need_soffice
from pypdf import PdfReader

from build_tools.comments import Comment, write_docx, write_xlsx
from build_tools.export import export_drafts
from build_tools.office import convert

REPO = Path(__file__).resolve().parents[2]
DRAFTS = {"en": "mvs-0001-terminology", "zh": "mvs-0001-terminology-zh",
          "ballot": "mvs-0002-reference-architecture"}
COMMENTS = [
    Comment(id="CN-CESI-001", member="CN-CESI", line=112, clause="3.4", element="Note 1 to entry",
            type="te", comment="The definition omits persistence.",
            proposed_change='Add "persistent" before "integrative".', disposition="accepted",
            observation="See WD 3."),
    Comment(id="DE-DIN-001", member="DE-DIN", line=140, clause="4.3", element="Table 1",
            type="ed", comment="The column header is unclear.",
            proposed_change="Rename it to Layers concerned.", disposition="rejected",
            observation="The header follows Clause 5."),
    Comment(id="CN-SAC-001", member="CN-SAC", clause="General", type="ge",
            comment="本文件宜增加隐私保护的要求。", proposed_change="增加隐私保护条款。",
            disposition="noted"),
]


@dataclass
class Converted:
    typst: dict[str, Path]  # draft kind -> Clause's own PDF
    office: dict[str, Path]  # every file kind -> LibreOffice's PDF


# pdftotext puts a space where LibreOffice switches from the Chinese to the Latin font
# ("注 1："); the DOCX has none, and neither has the text.
_FONT_SWITCH = re.compile(r"(?<=[\u3400-\u9fff]) (?=\d)")


def text_of(pdf: Path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text if layout else _FONT_SWITCH.sub("", " ".join(text.replace("\u3000", " ").split()))


def pages(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    need_soffice()
    tmp = tmp_path_factory.mktemp("office")
    drafts = [REPO / "drafts" / f"{stem}.md" for stem in DRAFTS.values()]
    export_drafts(drafts, tmp / "exports")
    files = {kind: tmp / "exports" / f"{stem}.docx" for kind, stem in DRAFTS.items()}
    files["blank-form"] = write_docx([], tmp / "blank-form.docx", document="MVS 0002 CD 1",
                                     project="MVS 0002", date=dt.date(2026, 12, 1))
    files["collated-docx"] = write_docx(COMMENTS, tmp / "collated.docx", document="MVS 0002 CD 1",
                                        project="MVS 0002", date=dt.date(2027, 2, 1), stage="CD",
                                        iteration=1)
    files["collated-xlsx"] = write_xlsx(COMMENTS, tmp / "collated-sheet.xlsx",
                                        document="MVS 0002 CD 1", project="MVS 0002",
                                        date=dt.date(2027, 2, 1))
    kinds = list(files)
    pdfs = convert([files[k] for k in kinds], "pdf", tmp / "office", timeout=300)
    typst = {kind: tmp / "exports" / f"{stem}.pdf" for kind, stem in DRAFTS.items()}
    return Converted(typst, dict(zip(kinds, pdfs, strict=True)))


def test_every_office_file_converts_to_pdf(converted: Converted) -> None:
    assert set(converted.office) == {"en", "zh", "ballot", "blank-form", "collated-docx",
                                     "collated-xlsx"}
    for kind, pdf in converted.office.items():
        assert pages(pdf) >= 1, kind
        assert text_of(pdf), kind


@pytest.mark.parametrize("kind", ["en", "zh", "ballot"])
def test_draft_pages_match_the_typst_pdf(converted: Converted, kind: str) -> None:
    office, typst = pages(converted.office[kind]), pages(converted.typst[kind])
    assert abs(office - typst) <= max(2, round(0.2 * typst)), (office, typst)


def test_english_draft_reads_as_written(converted: Converted) -> None:
    text = text_of(converted.office["en"])
    for expected in ("Metaverse — Terminology", "Working Draft 2 (20.20)", "Foreword",
                     "Introduction", "1 Scope", "2 Normative references",
                     "3 Terms and definitions", "3.1 metaverse", "3.41 city metaverse",
                     "Note 1 to entry:", "DEPRECATED: hybrid reality", "Bibliography",
                     "ISO/IEC 2382:2015, Information technology — Vocabulary"):
        assert expected in text, expected


def test_chinese_draft_reads_as_written(converted: Converted) -> None:
    text = text_of(converted.office["zh"])
    for expected in ("元宇宙 术语", "前言", "引言", "1 范围", "3 术语和定义", "3.1 元宇宙 metaverse",
                     "注1：", "[来源：ITU FGMV-20，有修改]", "参考文献"):
        assert expected in text, expected


def test_ballot_draft_has_captions_and_numbered_lines(converted: Converted) -> None:
    pdf = converted.office["ballot"]
    text = text_of(pdf)
    for expected in ("Table 1 — Roles in a metaverse ecosystem",
                     "Figure 1 — Layered reference architecture",
                     "Annex A (normative) Conformance", "Table A.1 — Conformance classes",
                     "Table B.1 — "):
        assert expected in text, expected
    # Word's line numbering: body lines carry rising numbers in the margin; the running
    # header and the page number do not.
    margin = re.compile(r"^(\d+)\s{2,}\S", re.M)
    numbers = [int(m.group(1)) for m in margin.finditer(text_of(pdf, True))]
    assert len(numbers) > 300 and numbers[0] == 1
    assert all(b > a for a, b in zip(numbers, numbers[1:], strict=False))
    for page in text_of(pdf, True).split("\f")[1:-1]:
        header = next(line for line in page.splitlines() if line.strip())
        assert header.split()[:2] == ["MVS", "0002"], header
    # Both figures are drawn (pandoc adds a PNG copy of each SVG for office suites).
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(images) >= 2


def test_comment_forms_show_the_template_and_the_rows(converted: Converted) -> None:
    blank = text_of(converted.office["blank-form"])
    for expected in ("Template for comments and secretariat observations", "MVS 0002 CD 1",
                     "Line number", "Proposed change", "Observations of the secretariat"):
        assert expected in blank, expected
    assert pages(converted.office["blank-form"]) == 1
    for kind in ("collated-docx", "collated-xlsx"):
        # The template's MB/NC column is narrow: "CN-CESI" wraps in it (in Word too), and
        # pdftotext drops a hyphen that ends a line.
        def squeezed(value: str) -> str:
            return re.sub(r"[\s-]", "", value)

        text = squeezed(text_of(converted.office[kind]))
        for comment in COMMENTS:
            for value in (comment.member, comment.comment, comment.proposed_change):
                assert squeezed(str(value)) in text, (kind, value)
        assert "Accepted" in text and "Rejected" in text and "SeeWD3." in text
    assert pages(converted.office["collated-docx"]) == 1
    # The sheet prints one page wide with rows as tall as their text.
    assert pages(converted.office["collated-xlsx"]) == 1
