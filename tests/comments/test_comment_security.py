from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl
import pytest
from comment_builders import docx_with_table, xlsx_with_rows

from build_tools.comments import Comment, CommentError, import_comments, write_csv, write_xlsx
from build_tools.comments.safety import neutralize_formula, unguard_formula
from build_tools.comments.table_writers import markdown_table

HEADER = ["MB/NC", "Line number", "Clause/ Subclause", "Paragraph/ Figure/ Table/"]
HEADER += ["Type of comment", "Comments", "Proposed change", "Observations of the secretariat"]


@pytest.mark.parametrize("name", ["comments.docm", "comments.xlsm", "COMMENTS.DOCM"])
def test_macro_enabled_files_are_refused_by_name(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 whatever")
    with pytest.raises(CommentError, match="macro-enabled") as info:
        import_comments(path, "MVS 0001", "WD", 1)
    assert info.value.path == str(path)


def test_macro_project_inside_a_docx_is_refused(tmp_path: Path):
    path = docx_with_table(tmp_path / "c.docx", [HEADER, ["CN", "1", "1", "", "ed", "x", "", ""]])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    with pytest.raises(CommentError, match="contains macros"):
        import_comments(path, "MVS 0001", "WD", 1)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_non_zip_office_file_names_the_file(tmp_path: Path, suffix: str):
    path = tmp_path / f"broken{suffix}"
    path.write_text("this is not a zip archive")
    with pytest.raises(CommentError, match=r"not a valid (DOCX|XLSX) file") as info:
        import_comments(path, "MVS 0001", "WD", 1)
    assert str(path) in str(info.value)


def test_truncated_docx_is_a_comment_error(tmp_path: Path):
    good = docx_with_table(tmp_path / "g.docx", [HEADER, ["CN", "1", "1", "", "ed", "x", "", ""]])
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(CommentError, match="broken.docx"):
        import_comments(broken, "MVS 0001", "WD", 1)


def test_docx_with_malformed_xml_is_a_comment_error(tmp_path: Path):
    good = docx_with_table(tmp_path / "g.docx", [HEADER, ["CN", "1", "1", "", "ed", "x", "", ""]])
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[:200]
            dst.writestr(item, data)
    with pytest.raises(CommentError) as info:
        import_comments(bad, "MVS 0001", "WD", 1)
    assert info.value.path == str(bad)


def test_legacy_binary_files_are_refused(tmp_path: Path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(CommentError, match="save the file as .docx"):
        import_comments(path, "MVS 0001", "WD", 1)
    renamed = tmp_path / "old.docx"
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(CommentError, match="legacy binary Office file"):
        import_comments(renamed, "MVS 0001", "WD", 1)


def _bomb(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                entry.write(chunk)
    return path


def test_zip_bomb_refused_by_size(tmp_path: Path):
    bomb = _bomb(tmp_path / "bomb.docx", 60 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(CommentError, match="would expand to 60 MB"):
        import_comments(bomb, "MVS 0001", "WD", 1)


def test_zip_bomb_refused_by_ratio(tmp_path: Path):
    bomb = _bomb(tmp_path / "bomb.xlsx", 8 * 1024 * 1024)
    with pytest.raises(CommentError, match="compression ratio"):
        import_comments(bomb, "MVS 0001", "WD", 1)


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("'=already", "''=already"),
        ("'plain", "'plain"),
        ("plain = text", "plain = text"),
    ],
)
def test_formula_guard_is_reversible(text: str, guarded: str):
    assert neutralize_formula(text) == guarded
    assert unguard_formula(guarded) == text


DANGEROUS = Comment(
    id="CN-001",
    member="CN",
    clause="3.1",
    type="te",
    comment="=cmd|' /C calc'!A0",
    proposed_change="@SUM(1+1)*cmd",
    observation="+1",
    disposition=None,
    element="-2",
)


def test_xlsx_output_never_holds_a_formula(tmp_path: Path):
    path = write_xlsx([DANGEROUS], tmp_path / "out.xlsx")

    sheet = openpyxl.load_workbook(path).active  # formulas would read back as "=..." type f
    cells = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert all(cell.data_type != "f" for cell in cells)
    assert cells[5].value == "'=cmd|' /C calc'!A0"
    assert cells[6].value == "'@SUM(1+1)*cmd"
    assert cells[3].value == "'-2"

    [back] = import_comments(path, "MVS 0001", "WD", 1).comments
    assert back.key() == DANGEROUS.key()


def test_csv_output_is_neutralised_and_reads_back(tmp_path: Path):
    path = write_csv([DANGEROUS], tmp_path / "out.csv")

    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][5].startswith("'=")
    assert rows[1][7] == "'+1"
    [back] = import_comments(path, "MVS 0001", "WD", 1).comments
    assert back.key() == DANGEROUS.key()


def test_markdown_escapes_html():
    comment = Comment(id="X-1", comment="<script>alert(1)</script> | pipe\nnext", clause="1")
    text = markdown_table([comment])
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "\\| pipe<br>next" in text


def test_xlsx_with_only_unknown_columns(tmp_path: Path):
    path = xlsx_with_rows(tmp_path / "x.xlsx", [["=1"], [1]])
    with pytest.raises(CommentError, match="no header row"):
        import_comments(path, "MVS 0001", "WD", 1)
