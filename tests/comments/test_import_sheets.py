from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from comment_builders import xlsx_with_rows

from build_tools.comments import CommentError, import_comments

ISO_HEADER = [
    "MB/NC¹",
    "Line number\n(e.g. 17)",
    "Clause/ Subclause\n(e.g. 3.1)",
    "Paragraph/ Figure/ Table/\n(e.g. Table 1)",
    "Type of comment²",
    "Comments",
    "Proposed change",
    "Observations of the secretariat",
]

IEEE_HEADER = [
    "Comment ID",
    "Date",
    "Comment #",
    "Name",
    "Email",
    "Phone",
    "Style",
    "Index #",
    "Classification",
    "Vote",
    "Affiliation",
    "Category",
    "Page",
    "Subclause",
    "Line",
    "Comment",
    "File",
    "Must be Satisfied",
    "Proposed Change",
    "Disposition Status",
    "Disposition Detail",
    "Other1",
    "Other2",
    "Other3",
]


def ieee_row(**values: object) -> list[object]:
    return [values.get(h.replace(" ", "_").replace("#", "no"), "") for h in IEEE_HEADER]


def test_messy_xlsx(tmp_path: Path):
    rows = [
        ["Template for comments and secretariat observations", None, None, "Date: 2026-12-01"],
        [],
        ISO_HEADER,
        ["CN", 17, "Clause 3.1", None, "Ge", "General remark.", None, None],
        [None, "12-15", "cl. 3.2", "Table 1", "TE ", "Units.", "Add units.", "Accepted — done"],
        [None, None, None, None, None, None, None, None],
        [None, 40, 3.1, None, "Editorial", "Typo.", "Fix.", None],
        ["DE", None, "general", None, "ed", "=SUM(A1:A3) is shown", "+1", "'=B2"],
        ["DE", None, "_whole document", None, "te", "-- dash text", "@mention", None],
    ]
    path = xlsx_with_rows(tmp_path / "messy.xlsx", rows, merges=["A4:A5"])
    workbook = openpyxl.load_workbook(path)
    for ref in ("F8", "H8"):
        workbook.active[ref].data_type = "s"  # typed as text, as Excel stores '=… entries
    workbook.save(path)

    result = import_comments(path, "MVS 0001", "WD", 2)

    assert result.format == "xlsx"
    assert result.problems == []
    got = [
        (c.member, c.line, c.line_text, c.clause, c.type, c.comment, c.source_row)
        for c in result.comments
    ]
    # A merged MB/NC cell (A4:A5) belongs to both rows; row 7's empty cell is not "CN" from
    # the rows above: it is an error naming the row, and the row is not filed under anyone.
    assert got == [
        ("CN", 17, "17", "3.1", "ge", "General remark.", 4),
        ("CN", 12, "12-15", "3.2", "te", "Units.", 5),
        ("DE", None, None, "General", "ed", "=SUM(A1:A3) is shown", 8),
        ("DE", None, None, "General", "te", "-- dash text", 9),
    ]
    assert [row for row, _ in result.errors] == [7]
    assert "the MB/NC cell is empty" in result.errors[0][1]
    assert result.comments[1].disposition == "accepted"
    assert result.comments[1].observation == "done"
    # text that starts like a formula stays text; a quote before it is our guard, removed
    assert result.comments[2].proposed_change == "+1"
    assert result.comments[2].observation == "=B2"
    assert result.comments[3].proposed_change == "@mention"


def test_xlsx_formula_without_value_and_error_cells_are_reported(tmp_path: Path):
    rows = [ISO_HEADER, ["CN", 1, "2", None, "te", "=1+1", None, None]]
    path = xlsx_with_rows(tmp_path / "f.xlsx", rows)

    result = import_comments(path, "MVS 0001", "WD", 2)

    assert result.problems[0][0] == 2
    assert "F2 holds a formula without a computed value" in result.problems[0][1]
    assert result.comments[0].comment is None


def test_clause_number_formatted_with_two_decimals_keeps_its_zero(tmp_path: Path):
    path = xlsx_with_rows(tmp_path / "n.xlsx", [ISO_HEADER, ["CN", 1, 3.1, None, "te", "x", None]])
    workbook = openpyxl.load_workbook(path)
    workbook.active["C2"].number_format = "0.00"
    workbook.save(path)

    assert import_comments(path, "MVS 0001", "WD", 2).comments[0].clause == "3.10"


def test_csv_with_semicolons_and_gb18030(tmp_path: Path):
    path = tmp_path / "cn.csv"
    lines = [
        "序号;章条编号;意见内容;提出单位;处理意见;备注",
        "1;3.1;定义不准确。;CESI;采纳;",
        "2;附录A;缺少示例。;CESI;不采纳;超出范围",
        ";;;;;",
        "3;4;无法判断。;CESI;待定;",
    ]
    path.write_bytes("\r\n".join(lines).encode("gb18030"))

    result = import_comments(path, "MVS 0001", "WD", 1)

    assert result.format == "csv"
    assert [(c.clause, c.member, c.disposition) for c in result.comments] == [
        ("3.1", "CESI", "accepted"),
        ("A", "CESI", "rejected"),
        ("4", "CESI", None),
    ]
    assert result.comments[1].observation == "超出范围"
    assert result.comments[2].observation == "待定"
    assert result.problems == [(5, "disposition '待定' not recognised (kept in the observation)")]


def test_ieee_myproject_export(tmp_path: Path):
    path = tmp_path / "ieee.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(IEEE_HEADER)
        writer.writerow(
            ieee_row(
                Comment_ID="101",
                Comment_no="I-1",
                Name="Ann",
                Email="ann@example.org",
                Affiliation="Acme",
                Category="Technical",
                Page="12",
                Subclause="5.2",
                Line="30",
                Comment="Ambiguous.",
                Must_be_Satisfied="Yes",
                Proposed_Change="Clarify.",
                Disposition_Status="REVISED",
                Disposition_Detail="Reworded.",
            )
        )
        writer.writerow(
            ieee_row(
                Comment_no="I-2",
                Affiliation="Acme",
                Category="Editorial",
                Subclause="Clause 6",
                Line="4",
                Comment="Typo.",
                Disposition_Status="ACCEPTED",
            )
        )
        writer.writerow(
            ieee_row(
                Comment_no="I-3",
                Affiliation="Beta",
                Category="General",
                Subclause="",
                Comment="Scope unclear.",
                Disposition_Status="REJECTED",
                Disposition_Detail="Out of scope.",
            )
        )

    result = import_comments(path, "MVS 0001", "WD", 1)

    got = [(c.member, c.type, c.clause, c.line, c.disposition) for c in result.comments]
    assert got == [
        ("Acme", "te", "5.2", 30, "accepted-in-principle"),
        ("Acme", "ed", "6", 4, "accepted"),
        ("Beta", "ge", None, None, "rejected"),
    ]
    first = result.comments[0]
    assert first.observation == "Reworded."
    assert first.extra == {
        "Comment ID": "101",
        "Comment #": "I-1",
        "Name": "Ann",
        "Page": "12",
        "Must be Satisfied": "Yes",
    }
    assert result.problems == [(None, "personal data columns not imported: Email")]


def test_chinese_xlsx_with_merged_unit(tmp_path: Path):
    rows = [
        ["《元宇宙 术语》征求意见汇总处理表"],
        ["序号", "章条编号", "意见内容", "提出单位", "处理意见", "备注"],
        [1, "3.1", "定义过宽。", "中国信通院", "部分采纳", "已修改定义"],
        [2, "3.2", "缺少注。", None, "采纳", None],
        [3, None, None, None, None, None],
    ]
    path = xlsx_with_rows(tmp_path / "cn.xlsx", rows, merges=["A1:F1", "D3:D4"])

    result = import_comments(path, "MVS 0001", "WD", 1)

    assert result.problems == []
    assert [(c.clause, c.member, c.disposition, c.observation) for c in result.comments] == [
        ("3.1", "中国信通院", "partially-accepted", "已修改定义"),
        ("3.2", "中国信通院", "accepted", None),
    ]


def test_sheet_without_known_header_is_an_error(tmp_path: Path):
    path = xlsx_with_rows(tmp_path / "x.xlsx", [["a", "b"], [1, 2]])
    with pytest.raises(CommentError, match="no header row"):
        import_comments(path, "MVS 0001", "WD", 1)


def test_unknown_extension_detected_by_content(tmp_path: Path):
    path = xlsx_with_rows(tmp_path / "sheet.xlsx", [ISO_HEADER, ["CN", 1, "1", None, "ed", "x"]])
    renamed = path.rename(tmp_path / "sheet.bin")
    assert import_comments(renamed, "MVS 0001", "WD", 1).format == "xlsx"


def test_merged_section_rows_and_other_sheets_are_reported(tmp_path: Path):
    rows = [
        ISO_HEADER,
        ["Technical comments"],
        ["CN", 3, "4", None, "te", "Merged over two columns", None, None],
    ]
    path = xlsx_with_rows(tmp_path / "m.xlsx", rows, merges=["A2:H2", "F3:G3"])
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Instructions").append(["Fill in one comment per row."])
    workbook.save(path)

    result = import_comments(path, "MVS 0001", "WD", 1)

    [comment] = result.comments
    assert (comment.comment, comment.proposed_change) == ("Merged over two columns", None)
    assert result.problems == [
        (None, "sheet 'Instructions' ignored (no comment columns found)"),
        (2, "a row spanning the whole table is not a comment, skipped: 'Technical comments'"),
    ]
