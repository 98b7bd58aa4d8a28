"""``clause comments collate`` in every format, and the site's comments data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from workflow_repo import DRAFT_ID, STEM, comment_file, make_repo, run

from build_tools.comments import import_comments, site_data
from build_tools.comments.read_docx import read_docx

EPOCH = "1800000000"  # 2027-01-15 (UTC)
TITLE = "Metaverse — Example vocabulary"
CESI = """\
  - id: CN-CESI-001
    clause: "4.2"
    type: te
    comment: Add a storage interface.
    disposition: accepted
  - id: CN-CESI-002
    clause: General
    type: ge
    comment: Add a figure of the architecture.
    disposition: noted
    observation: Planned for CD 1.
"""
HUAWEI = """\
  - id: CN-HUAWEI-001
    line: 20
    clause: "3.1"
    element: Definition
    type: ed
    comment: Say "digital representation of a person".
    proposed_change: person
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path, use_git=False)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    comment_file(root, "CN-CESI", CESI)
    comment_file(root, "CN-HUAWEI", HUAWEI)
    return root


ORDER = ["CN-CESI-002", "CN-HUAWEI-001", "CN-CESI-001"]  # General, 3.1, 4.2


def test_docx_has_the_template_fields_and_document_order(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "collated.docx"
    result = run(repo, "comments", "collate", DRAFT_ID, "--format", "docx", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 comments" in result.output
    meta = read_docx(out).meta
    assert meta == {"document": f"{DRAFT_ID} WD 1", "project": TITLE, "date": "2027-01-15"}
    back = import_comments(out, DRAFT_ID, "WD", 1)
    assert [c.id for c in back.comments] == ORDER
    assert back.comments[0].disposition == "noted"
    assert back.comments[0].observation == "Planned for CD 1."


def test_xlsx_csv_and_markdown(repo: Path, tmp_path: Path) -> None:
    for fmt in ("xlsx", "csv", "md"):
        out = tmp_path / f"collated.{fmt}"
        result = run(repo, "comments", "collate", DRAFT_ID, "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "collated.xlsx")
    assert book.properties.subject == f"{DRAFT_ID} WD 1"
    assert book.properties.description == f"{TITLE} 2027-01-15"
    sheet = book.active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(values) if row and row[0] == "MB/NC")
    ids = [row[-1] for row in values[header + 1:] if row and row[-1]]
    assert ids == ORDER
    with (tmp_path / "collated.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[-1] for r in rows[1:]] == ORDER
    assert rows[1][7].startswith("Noted")
    markdown = (tmp_path / "collated.md").read_text(encoding="utf-8")
    assert "Comments on MVS 9001 WD 1" in markdown and "CN-HUAWEI-001" in markdown


def test_format_from_suffix_and_explicit_iteration(repo: Path, tmp_path: Path) -> None:
    comment_file(repo, "CN-CESI", '  - clause: "3.2"\n    type: te\n    comment: On CD 1.\n',
                 stage="CD", iteration=1)
    out = tmp_path / "cd1.csv"
    result = run(repo, "comments", "collate", DRAFT_ID, "--stage", "CD", "--iteration", "1",
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1 comments" in result.output


def test_comments_folder_option(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    (other / STEM / "WD1").mkdir(parents=True)
    (repo / "comments" / STEM / "WD1" / "CN-CESI.yaml").rename(other / STEM / "WD1" / "X.yaml")
    out = tmp_path / "t.md"
    assert run(repo, "comments", "collate", DRAFT_ID, "--comments", str(other), "--out",
               str(out)).exit_code == 0
    assert "CN-CESI-001" in out.read_text(encoding="utf-8")
    direct = run(repo, "comments", "collate", DRAFT_ID, "--comments", str(other / STEM / "WD1"),
                 "--out", str(out))
    assert direct.exit_code == 0 and "2 comments" in direct.output


def test_errors_are_clear(repo: Path, tmp_path: Path) -> None:
    bad_suffix = run(repo, "comments", "collate", DRAFT_ID, "--out", str(tmp_path / "t.pdf"))
    assert bad_suffix.exit_code == 2 and ".docx, .xlsx, .csv or .md" in bad_suffix.output
    unknown = run(repo, "comments", "collate", "MVS 0404", "--out", str(tmp_path / "t.md"))
    assert unknown.exit_code == 2 and "no draft with id" in unknown.output
    (repo / "comments" / STEM / "WD1" / "CN-CESI.yaml").write_text("a: [", encoding="utf-8")
    broken = run(repo, "comments", "collate", DRAFT_ID, "--out", str(tmp_path / "t.md"))
    assert broken.exit_code == 2 and "CN-CESI.yaml" in broken.output
    assert "Traceback" not in broken.output


def test_site_data_shape(repo: Path) -> None:
    comment_file(repo, "CN-CESI", '  - clause: "3.2"\n    type: te\n    comment: On WD 0?\n',
                 stage="AWI", iteration=1)
    data = site_data(repo, repo / "drafts" / f"{STEM}.md")
    json.dumps(data)  # plain values only
    assert data["draft"] == {"id": DRAFT_ID, "title": TITLE, "language": "en",
                             "path": f"drafts/{STEM}.md", "stem": STEM, "stage": "WD",
                             "iteration": 1, "ballot": None}
    current, earlier = data["iterations"]
    assert (current["label"], current["current"], earlier["label"]) == ("WD 1", True, "AWI 1")
    assert current["folder"] == f"comments/{STEM}/WD1"
    assert current["members"] == ["CN-CESI", "CN-HUAWEI"]
    assert [c["id"] for c in current["comments"]] == ORDER
    assert set(current["comments"][0]) == {"id", "member", "line", "line_text", "clause",
                                           "element", "type", "comment", "proposed_change",
                                           "disposition", "observation"}
    counts = current["counts"]
    assert counts["total"] == 3
    assert counts["by_clause"] == {"General": 1, "3.1": 1, "4.2": 1}
    assert counts["by_member"] == {"CN-CESI": 2, "CN-HUAWEI": 1}
    assert counts["by_type"] == {"ge": 1, "te": 1, "ed": 1, "unknown": 0}
    assert counts["by_disposition"] == {"accepted": 1, "accepted-in-principle": 0,
                                        "partially-accepted": 0, "noted": 1, "rejected": 0,
                                        "open": 1}
    assert current["problems"] == [] and earlier["counts"]["total"] == 1


def test_site_data_lists_unreadable_files_as_problems(repo: Path) -> None:
    (repo / "comments" / STEM / "WD1" / "CN-BAD.yaml").write_text("a: [", encoding="utf-8")
    comment_file(repo, "CN-LOST", '  - clause: "3.1"\n    comment: x\n', iteration=7)
    (repo / "comments" / STEM / "WD7" / "CN-LOST.yaml").rename(
        repo / "comments" / STEM / "WD1" / "CN-LOST.yaml")
    data = site_data(repo, repo / "drafts" / f"{STEM}.md")
    (current,) = data["iterations"]
    assert current["counts"]["total"] == 3
    files = sorted(p["file"] for p in current["problems"])
    assert files == [f"comments/{STEM}/WD1/CN-BAD.yaml", f"comments/{STEM}/WD1/CN-LOST.yaml"]
