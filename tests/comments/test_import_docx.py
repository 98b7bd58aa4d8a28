from __future__ import annotations

from pathlib import Path

import docx
import pytest
from comment_builders import docx_with_table, fill_iso_template
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from build_tools.comments import CommentError, import_comments

ROWS = [
    ["CN", "17", "Clause 3.1", "Note 1", "Ge", "Too general.", "Narrow it.", ""],
    ["CN", "12-15", "cl. 3.2", "Table 1", "TE ", "Units missing.", "Add units.", "Accepted"],
    [None, None, None, None, None, None, None, None],  # blank row: skipped, not reported
    ["CN", "40", "3.1, 3.2", None, "Editorial", "Typo.", "Fix.", "Not accepted: style"],
    ["DE", None, "general", "", "ed", "Use ISO English.", "", "Noted — see WD 3"],
    ["DE", "7", "_whole document", "", "te", "Add an annex.", "Annex E", ""],
]


def test_filled_iso_template_imports_one_comment_per_row(iso_template: Path, tmp_path: Path):
    filled = fill_iso_template(iso_template, tmp_path / "CN-comments.docx", ROWS)

    result = import_comments(filled, "MVS 0001", "WD", 2)

    assert result.format == "docx"
    assert result.problems == []
    assert len(result.comments) == 5
    first, second, third, fourth, fifth = result.comments
    assert (first.member, first.line, first.clause, first.element, first.type) == (
        "CN",
        17,
        "3.1",
        "Note 1",
        "ge",
    )
    assert (first.comment, first.proposed_change, first.observation) == (
        "Too general.",
        "Narrow it.",
        None,
    )
    assert first.source_row == 1
    # "12-15" is line 12 and kept as written
    assert (second.member, second.line, second.line_text, second.clause) == (
        "CN",
        12,
        "12-15",
        "3.2",
    )
    assert (second.type, second.disposition, second.observation) == ("te", "accepted", None)
    assert (third.clause, third.type, third.disposition, third.observation) == (
        "3.1, 3.2",
        "ed",
        "rejected",
        "style",
    )
    assert third.source_row == 4
    assert (fourth.member, fourth.clause, fourth.disposition, fourth.observation) == (
        "DE",
        "General",
        "noted",
        "see WD 3",
    )
    assert (fifth.clause, fifth.line, fifth.type) == ("General", 7, "te")
    assert all(not c.extra for c in result.comments)
    assert result.member == "CN"


def test_a_row_without_member_code_is_an_error_naming_the_row(iso_template: Path,
                                                               tmp_path: Path):
    rows = [list(row) for row in ROWS]
    rows[1][0] = rows[3][0] = None  # two comments whose MB/NC cell was left empty
    filled = fill_iso_template(iso_template, tmp_path / "gaps.docx", rows)

    result = import_comments(filled, "MVS 0001", "WD", 2)

    assert [row for row, _ in result.errors] == [2, 4]
    assert all("the MB/NC cell is empty" in message for _, message in result.errors)
    # Never filed under the member of the row above: those rows are not among the comments.
    assert [c.source_row for c in result.comments] == [1, 5, 6]
    assert [c.member for c in result.comments] == ["CN", "DE", "DE"]
    with_member = import_comments(filled, "MVS 0001", "WD", 2, member="CN-CESI")
    assert with_member.errors == [] and len(with_member.comments) == 5


def test_member_argument_files_everything_under_it(iso_template: Path, tmp_path: Path):
    filled = fill_iso_template(iso_template, tmp_path / "c.docx", ROWS)

    result = import_comments(filled, "MVS 0001", "WD", 2, member="CN-CESI")

    assert {c.member for c in result.comments} == {"CN-CESI"}
    assert result.comments[0].extra == {"MB/NC1": "CN"}
    assert result.member == "CN-CESI"


def test_unmappable_cells_are_kept_and_reported(iso_template: Path, tmp_path: Path):
    rows = [
        ["CN", "see above", "4", "", "major", "Text.", "", ""],
        ["CN", "3", "5", "", "te", "", "Only a proposal.", ""],
    ]
    filled = fill_iso_template(iso_template, tmp_path / "c.docx", rows)

    result = import_comments(filled, "MVS 0001", "WD", 2)

    assert len(result.comments) == 2
    odd = result.comments[0]
    assert (odd.line, odd.line_text, odd.type, odd.extra) == (
        None,
        "see above",
        None,
        {"Type of comment2": "major"},
    )
    messages = dict(result.problems)
    assert "is not a line number" in result.problems[0][1]
    assert any("'major'" in m for m in messages.values())
    assert result.problems[-1] == (2, "no comment text in this row (imported without one)")


@pytest.mark.parametrize(
    "element_header",
    ["Paragraph/ Figure/ Table/", "Paragraph/Figure/Table/Note", "Paragraph Figure/ Table"],
)
def test_docx_with_header_row_and_column_4_variants(tmp_path: Path, element_header: str):
    header = [
        "MB/NC",
        "Line number",
        "Clause/ Sub clause",
        element_header,
        "Type of comment",
        "Comments",
        "Proposed change",
        "Observations of the Secretariat",
    ]
    path = docx_with_table(
        tmp_path / "iec.docx",
        [header, ["FR", "3", "5.1", "Figure 2", "ED", "Label.", "Relabel.", "Accepted"]],
    )

    result = import_comments(path, "MVS 0001", "CD", 1)

    assert result.problems == []
    [comment] = result.comments
    assert (comment.member, comment.line, comment.clause, comment.element, comment.type) == (
        "FR",
        3,
        "5.1",
        "Figure 2",
        "ed",
    )
    assert comment.disposition == "accepted"


def test_title_table_in_body_is_reported_not_dropped(tmp_path: Path):
    header = ["MB/NC", "Line number", "Clause/ Subclause", "Paragraph/ Figure/ Table/"]
    header += ["Type of comment", "Comments", "Proposed change", "Observations of the secretariat"]
    path = docx_with_table(
        tmp_path / "c.docx",
        [header, ["JP", "", "2", "", "ge", "Fine.", "", ""]],
        before=[["Template for comments and secretariat observations", "Date:", "Document:"]],
    )

    result = import_comments(path, "MVS 0001", "CD", 1)

    assert len(result.comments) == 1
    assert result.problems == [(None, "table 1 ignored (its columns are not known)")]


def test_chinese_table_in_docx_with_merged_unit_cells(tmp_path: Path):
    rows = [
        ["序号", "标准章条编号", "意见内容", "提出单位", "处理意见", "备注"],
        ["1", "3.1", "定义不准确。", "中国电子技术标准化研究院", "采纳", ""],
        ["2", "第5章", "缺少要求。", "", "部分采纳，已修改", "见WD3"],
        ["3", "全文", "术语不统一。", "华为", "未采纳", "与GB/T 5271一致"],
        ["4", "", "", "", "", ""],
    ]
    path = docx_with_table(tmp_path / "汇总.docx", rows)
    document = docx.Document(str(path))
    table = document.tables[0]
    table.cell(1, 3).merge(table.cell(2, 3))  # one unit, two rows
    document.save(str(path))

    result = import_comments(path, "MVS 0001", "30", 1)

    assert result.problems == []
    first, second, third = result.comments
    assert (first.clause, first.member, first.disposition, first.extra) == (
        "3.1",
        "中国电子技术标准化研究院",
        "accepted",
        {"序号": "1"},
    )
    assert (second.clause, second.member, second.disposition, second.observation) == (
        "5",
        "中国电子技术标准化研究院",
        "partially-accepted",
        "已修改\n见WD3",
    )
    assert (third.clause, third.disposition, third.observation) == (
        "General",
        "rejected",
        "与GB/T 5271一致",
    )
    assert third.type is None


@pytest.mark.parametrize("clause_header", ["章条编号", "章节号"])
def test_chinese_clause_header_variants(tmp_path: Path, clause_header: str):
    rows = [
        ["序号", clause_header, "意见内容", "提出单位", "处理意见", "备注"],
        ["1", "4.2", "意见。", "CESI", "不采纳", "理由"],
    ]
    result = import_comments(docx_with_table(tmp_path / "t.docx", rows), "MVS 0001", "WD", 1)
    assert [(c.clause, c.disposition) for c in result.comments] == [("4.2", "rejected")]


def test_tracked_insertions_are_read(iso_template: Path, tmp_path: Path):
    filled = fill_iso_template(
        iso_template, tmp_path / "c.docx", [["CN", "1", "1", "", "ed", "Old", "", ""]]
    )
    document = docx.Document(str(filled))
    paragraph = document.tables[0].rows[0].cells[5].paragraphs[0]
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="CN" w:date="2026-12-01T00:00:00Z">'
            '<w:r><w:t xml:space="preserve"> text</w:t></w:r></w:ins>'
        )
    )
    document.save(str(filled))

    result = import_comments(filled, "MVS 0001", "WD", 2)

    assert result.comments[0].comment == "Old text"


def test_spanning_row_is_reported(iso_template: Path, tmp_path: Path):
    filled = fill_iso_template(
        iso_template,
        tmp_path / "c.docx",
        [["CN", "1", "1", "", "ed", "A.", "", ""], ["CN", "2", "2", "", "ed", "B.", "", ""]],
    )
    document = docx.Document(str(filled))
    row = document.tables[0].rows[1]
    merged = row.cells[0].merge(row.cells[7])
    merged.text = "Comments from CN on clause 2"
    document.save(str(filled))

    result = import_comments(filled, "MVS 0001", "WD", 2)

    assert [c.comment for c in result.comments] == ["A."]
    assert result.problems[0][0] == 2
    assert "spanning" in result.problems[0][1]


def test_docx_without_comment_table(tmp_path: Path):
    path = docx_with_table(tmp_path / "x.docx", [["a", "b"], ["c", "d"]])
    with pytest.raises(CommentError, match="no comment table found") as info:
        import_comments(path, "MVS 0001", "WD", 2)
    assert info.value.path == str(path)


def test_cell_spread_over_two_columns_is_read_once(iso_template: Path, tmp_path: Path):
    filled = fill_iso_template(
        iso_template, tmp_path / "c.docx", [["CN", "1", "1", "", "ed", "Long comment", "", ""]]
    )
    document = docx.Document(str(filled))
    row = document.tables[0].rows[0]
    row.cells[5].merge(row.cells[6])
    document.save(str(filled))

    [comment] = import_comments(filled, "MVS 0001", "WD", 2).comments

    assert (comment.comment, comment.proposed_change) == ("Long comment", None)
