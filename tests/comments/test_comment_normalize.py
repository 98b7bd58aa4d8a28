from __future__ import annotations

import pytest

from build_tools.comments import (
    clause_sort_key,
    decode_observation,
    encode_observation,
    normalize_clause,
    normalize_type,
    parse_line,
    split_clauses,
)
from build_tools.comments.columns import match_header
from build_tools.comments.dispositions import parse_status_cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ge", "ge"),
        ("TE ", "te"),
        ("Editorial", "ed"),
        ("ed.", "ed"),
        ("Technical (required)", "te"),
        ("G", "ge"),
        ("技术性", "te"),
        ("编辑", "ed"),
        ("major", None),
        ("te/ed", None),
        ("", None),
    ],
)
def test_types(cell: str, expected: str | None):
    assert normalize_type(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Clause 3.1", "3.1"),
        ("cl. 3.1", "3.1"),
        ("cl.3.1", "3.1"),
        ("Subclause 4.2.1", "4.2.1"),
        ("§ 5", "5"),
        ("3.1.", "3.1"),
        ("general", "General"),
        ("General comment", "General"),
        ("_whole document", "General"),
        ("全文", "General"),
        ("3.1, 3.2", "3.1, 3.2"),
        ("Clause 3.1, cl. 3.2", "3.1, 3.2"),
        ("Annex B", "B"),
        ("annex b.2", "B.2"),
        ("附录A", "A"),
        ("第5章", "5"),
        ("5.2条", "5.2"),
        ("Table 2", "Table 2"),
        ("second", "second"),
        ("  ", None),
    ],
)
def test_clauses(cell: str, expected: str | None):
    assert normalize_clause(cell) == expected


def test_split_clauses():
    assert split_clauses("3.1, 3.2") == ["3.1", "3.2"]
    assert split_clauses("3.1; cl. 4 and Annex A") == ["3.1", "4", "A"]
    assert split_clauses("3.1–3.4") == ["3.1", "3.4"]
    assert split_clauses(None) == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("17", (17, "17")),
        (17, (17, "17")),
        (17.0, (17, "17")),
        ("12-15", (12, "12-15")),
        ("12–15", (12, "12–15")),
        ("l. 40", (40, "l. 40")),
        ("Lines 3 to 9", (3, "Lines 3 to 9")),
        ("p. 3, l. 12", (12, "p. 3, l. 12")),
        ("第12行", (12, "第12行")),
        ("see above", (None, "see above")),
        (None, (None, None)),
    ],
)
def test_lines(cell: object, expected: tuple[int | None, str | None]):
    assert parse_line(cell) == expected


def test_natural_clause_order():
    clauses = ["A.2", "3.10", "Bibliography", "10", "3.9", "General", "1", "B", "Foreword", "x"]
    assert sorted(clauses, key=clause_sort_key) == [
        "General",
        "Foreword",
        "1",
        "3.9",
        "3.10",
        "10",
        "A.2",
        "B",
        "Bibliography",
        "x",
    ]
    assert clause_sort_key(None) > clause_sort_key("x")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Accepted", ("accepted", None)),
        ("ACCEPTED", ("accepted", None)),
        ("Accepted. See WD 3", ("accepted", "See WD 3")),
        ("Accepted in principle — reworded", ("accepted-in-principle", "reworded")),
        ("Accepted with modifications: x", ("accepted-in-principle", "x")),
        ("Partially accepted - y", ("partially-accepted", "y")),
        ("Not accepted: out of scope", ("rejected", "out of scope")),
        ("Noted", ("noted", None)),
        ("Noted that the text is long", (None, "Noted that the text is long")),
        ("REVISED", ("accepted-in-principle", None)),
        ("Acceptable change", (None, "Acceptable change")),
    ],
)
def test_observation_cells(cell: str, expected: tuple[str | None, str | None]):
    assert decode_observation(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("采纳", ("accepted", None)),
        ("部分采纳，已修改", ("partially-accepted", "已修改")),
        ("未采纳。理由见备注", ("rejected", "理由见备注")),
        ("不采纳", ("rejected", None)),
        ("A", ("accepted", None)),
        ("V", ("accepted-in-principle", None)),
        ("J", ("rejected", None)),
        ("待定", (None, "待定")),
    ],
)
def test_status_cells(cell: str, expected: tuple[str | None, str | None]):
    assert parse_status_cell(cell) == expected


def test_encoding_escapes_text_that_would_read_as_a_disposition():
    assert encode_observation("accepted", None) == "Accepted"
    assert encode_observation("rejected", "Out of scope.") == "Rejected — Out of scope."
    assert encode_observation(None, "Noted — see 3.2") == "— Noted — see 3.2"
    assert decode_observation("— Noted — see 3.2") == (None, "Noted — see 3.2")
    assert encode_observation(None, "Will check.") == "Will check."


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("MB/NC¹", "member"),
        ("MB/NC1", "member"),
        ("MB1", "member"),
        ("Line number\n(e.g. 17)", "line"),
        ("Clause/ Subclause\n(e.g. 3.1)", "clause"),
        ("Clause/ Sub clause", "clause"),
        ("Clause/Subclause/Annex/Figure/Table\n(e.g. 3.1, Table 2)", "clause"),
        ("Paragraph/ Figure/ Table/\n(e.g. Table 1)", "element"),
        ("Paragraph/Figure/Table/Note", "element"),
        ("Paragraph Figure/ Table", "element"),
        ("Type of comment²", "type"),
        ("Type of com-ment2", "type"),
        ("Comments", "comment"),
        ("Comment (justification for change)", "comment"),
        ("Proposed change", "proposed_change"),
        ("Observations of the secretariat", "observation"),
        ("Observations of the Secretariat", "observation"),
        ("Secretariat observations\non each comment submitted", "observation"),
        ("Comment #", None),
        ("Comment ID", None),
        ("Subclause", "clause"),
        ("Disposition Status", "disposition"),
        ("序号", "serial"),
        ("标准章条编号", "clause"),
        ("章节号", "clause"),
        ("意见内容", "comment"),
        ("提出单位", "member"),
        ("处理意见", "disposition"),
        ("备注", "observation"),
    ],
)
def test_headers(header: str, field: str | None):
    assert match_header(header) == field
