from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

import docx
import openpyxl
import pytest
from comment_builders import fill_iso_template
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from build_tools.comments import (
    Comment,
    CommentError,
    CommentFile,
    check_comment_paths,
    collate,
    import_comments,
    merge_comments,
    write_collated,
    write_csv,
    write_docx,
    write_markdown,
    write_xlsx,
)
from build_tools.comments.iso_template import (
    COLUMN_NAMES,
    FOOTER_VERSION,
    FOOTNOTE_1,
    HEADER_LABELS,
    TITLE,
)

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def rendered_text(cell) -> str:  # noqa: ANN001 - python-docx _Cell
    """Cell text with raised or superscript runs shown as superscript digits, as Word shows it."""
    paragraphs = []
    for paragraph in cell.paragraphs:
        text = ""
        for run in paragraph.runs:
            rpr = run._r.rPr
            position = rpr.find(qn("w:position")) if rpr is not None else None
            raised = (position is not None and int(position.get(qn("w:val"))) > 0) or bool(
                run.font.superscript
            )
            text += run.text.translate(SUPERSCRIPTS) if raised else run.text
        paragraphs.append(text)
    return "\n".join(paragraphs)


def page_header_tables(path: Path) -> list[list[list[object]]]:
    section = docx.Document(str(path)).sections[0]
    return [[list(row.cells) for row in table.rows] for table in section.header.tables]


def comment(**values: object) -> Comment:
    defaults: dict[str, object] = {"type": "te", "comment": "x"}
    defaults.update(values)
    return Comment(**defaults)  # type: ignore[arg-type]


def file_of(member: str, *comments: Comment, **top: object) -> CommentFile:
    settings: dict[str, object] = {"document": "MVS 0001", "stage": "WD", "iteration": 2}
    settings.update(top)
    return CommentFile(member=member, comments=list(comments), **settings)  # type: ignore[arg-type]


def test_collate_orders_clauses_naturally():
    cn = file_of(
        "CN",
        comment(id="CN-001", clause="3.10", line=90),
        comment(id="CN-002", clause="A.1"),
        comment(id="CN-003", clause="3.9", line=80),
        comment(clause="General"),
    )
    de = file_of(
        "DE",
        comment(id="DE-001", clause="3.1", line=20),
        comment(id="DE-002", clause="2"),
        comment(id="DE-003", clause="3.1", line=12),
        comment(id="DE-004", clause="10"),
        comment(id="DE-005", clause="3.1"),
        comment(id="DE-006", clause="B"),
    )

    result = collate([cn, de], "MVS 0001", "WD", 2)

    assert [(c.clause, c.line) for c in result] == [
        ("General", None),
        ("2", None),
        ("3.1", 12),
        ("3.1", 20),
        ("3.1", None),
        ("3.9", 80),
        ("3.10", 90),
        ("10", None),
        ("A.1", None),
        ("B", None),
    ]
    assert result[0].id == "CN-004" and result[0].member == "CN"
    assert cn.comments[3].id is None  # collation works on copies


def test_collate_refuses_a_file_of_another_iteration():
    with pytest.raises(CommentError, match="iteration is 1"):
        collate([file_of("CN", comment(clause="1"), iteration=1)], "MVS 0001", "WD", 2)


def test_docx_page_header_matches_the_official_template(iso_template: Path, tmp_path: Path):
    out = write_docx(
        [comment(id="CN-001", member="CN", clause="3.1")],
        tmp_path / "collated.docx",
        document="MVS 0001 WD 2",
        project="MVS 0001",
        date=dt.date(2026, 12, 1),
    )
    ours, official = page_header_tables(out), page_header_tables(iso_template)

    assert len(ours) == len(official) == 2
    our_columns, official_columns = ours[1][0], official[1][0]
    assert len(our_columns) == len(official_columns) == 8
    for mine, theirs in zip(our_columns, official_columns, strict=True):
        assert mine.text == theirs.text
        assert rendered_text(mine) == rendered_text(theirs)
    assert [rendered_text(c) for c in our_columns] == [
        "MB/NC¹",
        "Line number\n(e.g. 17)",
        "Clause/ Subclause\n(e.g. 3.1)",
        "Paragraph/ Figure/ Table/\n(e.g. Table 1)",
        "Type of comment²",
        "Comments",
        "Proposed change",
        "Observations of the secretariat",
    ]
    assert list(HEADER_LABELS) == [rendered_text(c) for c in our_columns]
    # the title row: same labels as the official file, with our values after them
    title_row = [c.text for c in ours[0][0]]
    assert title_row == [
        TITLE,
        "Date: 2026-12-01",
        "Document: MVS 0001 WD 2",
        "Project: MVS 0001",
    ]
    for mine, theirs in zip(ours[0][0], official[0][0], strict=True):
        assert mine.text.startswith(theirs.text.strip())
    widths = [c.width for c in our_columns]
    assert widths == [c.width for c in official_columns]


def test_docx_layout_body_and_footer(iso_template: Path, tmp_path: Path):
    comments = [
        comment(id=f"CN-{n:03d}", member="CN", clause=str(n), line=n, comment=f"c{n}")
        for n in range(1, 60)
    ]
    out = write_docx(comments, tmp_path / "c.docx", document="MVS 0001")
    document = docx.Document(str(out))
    official = docx.Document(str(iso_template))
    section, official_section = document.sections[0], official.sections[0]

    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)
    assert (section.page_width, section.page_height) == (
        official_section.page_width,
        official_section.page_height,
    )
    assert section.left_margin == official_section.left_margin
    assert section.header_distance == official_section.header_distance
    assert [p.text for p in section.footer.paragraphs] == [
        p.text for p in official_section.footer.paragraphs
    ]
    footer = [p.text for p in section.footer.paragraphs]
    assert footer[0] == "1\t" + FOOTNOTE_1
    assert " ".join(footer[3].split()) == (
        "ISO/IEC/CEN/CENELEC electronic balloting commenting template/version 2012-03"
    )
    assert footer[3] == FOOTER_VERSION

    [body] = document.tables
    assert len(body.columns) == 8
    assert len(body.rows) == len(comments)  # no header row in the body
    assert [c.text for c in body.rows[0].cells] == ["CN", "1", "1", "", "te", "c1", "", ""]
    xml = body._tbl.xml
    assert "w:gridSpan" not in xml and "w:vMerge" not in xml
    assert "w:tblHeader" not in xml
    styles = [c.paragraphs[0].style.name for c in body.rows[0].cells]
    assert styles == [
        "ISO_MB",
        "ISO_Clause",
        "ISO_Clause",
        "ISO_Paragraph",
        "ISO_Comm_Type",
        "ISO_Comments",
        "ISO_Change",
        "ISO_Secret_Observations",
    ]


def test_empty_collation_writes_one_blank_row(tmp_path: Path):
    document = docx.Document(str(write_docx([], tmp_path / "empty.docx")))
    [body] = document.tables
    assert [c.text for c in body.rows[0].cells] == [""] * 8


def test_xlsx_and_csv_keep_the_8_columns_first(tmp_path: Path):
    comments = [
        comment(
            id="CN-001",
            member="CN",
            clause="3.1",
            line=4,
            disposition="noted",
            observation="Later.",
        )
    ]
    sheet = openpyxl.load_workbook(write_xlsx(comments, tmp_path / "c.xlsx")).active
    header = [c.value for c in sheet[1]]
    assert header[:8] == list(COLUMN_NAMES) and header[8] == "Id"
    assert [c.value for c in sheet[2]] == [
        "CN",
        4,
        "3.1",
        None,
        "te",
        "x",
        None,
        "Noted — Later.",
        "CN-001",
    ]

    with write_csv(comments, tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:8] == list(COLUMN_NAMES)
    assert rows[1] == ["CN", "4", "3.1", "", "te", "x", "", "Noted — Later.", "CN-001"]


def test_markdown_page(tmp_path: Path):
    path = write_markdown(
        [comment(id="CN-001", member="CN", clause="3.1", disposition="accepted-in-principle")],
        tmp_path / "c.md",
        title="Comments on MVS 0001 WD 2",
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Comments on MVS 0001 WD 2\n")
    assert "| CN-001 | CN |  | 3.1 |  | te | x |  | Accepted in principle |  |" in text


def test_writers_leave_no_temporary_files(tmp_path: Path):
    write_docx([comment(clause="1")], tmp_path / "a.docx")
    write_xlsx([comment(clause="1")], tmp_path / "a.xlsx")
    write_csv([comment(clause="1")], tmp_path / "a.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "a.docx", "a.xlsx"]


def test_import_merge_check_collate_flow(iso_template: Path, tmp_path: Path):
    """What `clause comments import/check/collate` will do, through the library only."""
    sheet = fill_iso_template(
        iso_template,
        tmp_path / "cn.docx",
        [
            ["CN", "12", "3.10", "", "te", "Persistence.", "Add it.", ""],
            ["", "3", "General", "", "ed", "Spelling.", "", ""],
        ],
    )
    imported = import_comments(sheet, "MVS 0001", "WD", 2, member="CN")
    target = tmp_path / "comments" / "MVS-0001" / "WD2" / "CN.yaml"
    merge_comments(
        target, imported.comments, document="MVS 0001", stage="WD", iteration=2, member="CN"
    )

    files, findings = check_comment_paths([target])
    assert findings == []
    collated = collate(files, "MVS 0001", "WD", 2)
    assert [c.id for c in collated] == ["CN-002", "CN-001"]
    for suffix in (".docx", ".xlsx", ".csv", ".md"):
        out = write_collated(collated, tmp_path / f"collated{suffix}", document="MVS 0001 WD 2")
        assert out.is_file()
    with pytest.raises(CommentError, match=r"\.docx, \.xlsx, \.csv or \.md"):
        write_collated(collated, tmp_path / "collated.pdf")

    # the secretariat fills in observations in the DOCX; re-importing updates the YAML
    back = import_comments(tmp_path / "collated.docx", "MVS 0001", "WD", 2)
    back.comments[1].disposition, back.comments[1].observation = "rejected", "Out of scope."
    result = merge_comments(
        target, back.comments, document="MVS 0001", stage="WD", iteration=2, member="CN"
    )
    assert (result.added, result.updated) == ([], ["CN-001"])


def test_a_thousand_rows_round_trip_quickly(tmp_path: Path):
    comments = [
        comment(id=f"CN-{n:04d}", member="CN", clause=f"{n % 12 + 1}.{n % 7 + 1}", line=n + 1)
        for n in range(1000)
    ]
    started = time.perf_counter()
    path = write_docx(comments, tmp_path / "big.docx")
    back = import_comments(path, "MVS 0001", "WD", 2).comments
    # Moving a large lxml subtree across documents once took 24 s here; now well under 1 s.
    assert time.perf_counter() - started < 15
    assert [c.key() for c in back] == [c.key() for c in comments]
