"""clause report: the 编制说明 of the Chinese example, with its stages from git and the
statistics of the comments on the document (made on the English version of the pair)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from chinese_helpers import ZH
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader
from ruamel.yaml import YAML

from build_tools.cli import main
from build_tools.project import find_drafts

OUTCOME = {"accepted": "采纳", "accepted-in-principle": "采纳", "partially-accepted": "部分采纳",
           "noted": "未采纳", "rejected": "未采纳"}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


def _history(repo: Path) -> None:
    """Commit the draft as WD 1, then as WD 2 (the way it reached its current iteration)."""
    draft = repo / "drafts" / ZH
    text = draft.read_text(encoding="utf-8")
    _git(repo, "init", "-q")
    draft.write_text(text.replace("iteration: 2", "iteration: 1").replace(
        "date: 2026-11-28", "date: 2026-06-15"), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "WD 1")
    draft.write_text(text, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "WD 2")


def _expected_counts(repo: Path) -> dict[str, int]:
    counts = dict.fromkeys(("采纳", "部分采纳", "未采纳"), 0)
    # The comments on MVS 0001 (both language versions): the members' files, not the records.
    for path in (repo / "comments").glob("mvs-0001-terminology*/*/*.yaml"):
        if path.name == "ballot.yaml":
            continue
        for comment in YAML(typ="safe").load(path.read_text(encoding="utf-8"))["comments"]:
            counts[OUTCOME[comment["disposition"]]] += 1
    return counts


def _run(repo: Path, *args: str):  # noqa: ANN202
    return CliRunner().invoke(main, ["report", str(repo / "drafts" / ZH), "--out",
                                     str(repo / "out"), *args])


def test_the_report_is_no_draft(example: Path) -> None:
    assert [p.name for p in find_drafts([example / "drafts"])] == [
        "mvs-0001-terminology-zh.md", "mvs-0001-terminology.md"]
    lint = CliRunner().invoke(main, ["lint", str(example / "drafts")])
    assert "2 drafts checked" in lint.output


def test_report_docx_has_the_editors_text_stages_and_comment_statistics(example: Path) -> None:
    _history(example)
    result = _run(example, "--format", "docx", "--format", "pdf")
    assert result.exit_code == 0, result.output
    doc = Document(str(example / "out" / "mvs-0001-terminology-zh.report.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "1\u3000工作简况" in texts and "2\u3000编制原则和主要内容" in texts
    assert any(t.startswith("本文件是工业和信息化部元宇宙标准化工作组2026年工作计划") for t in texts)
    assert "本文件起草单位：中国电子技术标准化研究院、华夏空间计算有限公司、深圳灵境互动科技有限公司。" in texts
    tables = {t.rows[0].cells[0].text: t for t in doc.tables if t.rows}
    stages = [[c.text for c in row.cells] for row in tables["阶段"].rows[1:]]
    assert [(r[0], r[1]) for r in stages] == [("讨论稿（WD 1）", "2026-06-15"),
                                              ("讨论稿（WD 2）", "2026-11-28")]
    rounds = tables["轮次"]
    header = [c.text for c in rounds.rows[0].cells]
    row = dict(zip(header, (c.text for c in rounds.rows[1].cells), strict=True))
    expected = _expected_counts(example)
    assert row["轮次"] == "WD 2" and row["版本"] == "英文版" and row["提出单位"] == "2"
    assert {k: int(row[k]) for k in expected} == expected and row["未处理"] == "0"
    assert int(row["意见"]) == sum(expected.values()) == 12
    table = tables["序号"]
    assert [c.text for c in table.rows[0].cells] == ["序号", "章条编号", "意见内容", "提出单位",
                                                     "处理意见", "备注"]
    assert len(table.rows) == 13 and table.rows[1].cells[1].text == "General"
    assert any("WD 2征求意见汇总处理表" in t for t in texts)
    reader = PdfReader(example / "out" / "mvs-0001-terminology-zh.report.pdf")
    pdf = "".join(p.extract_text() for p in reader.pages)
    assert "编制说明" in pdf and "部分采纳" in pdf.replace(" ", "")
    # The comment text gets the room, not an equal sixth of the page (DOCX and PDF alike).
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert max(grid) == grid[2] and grid[2] > 1.4 * sum(grid) / 6 and grid[0] < sum(grid) / 10
    starts = _header_starts(reader, ["序号", "章条编号", "意见内容", "提出单位", "处理意见"])
    widths = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert max(widths) == widths[2] and widths[2] > 1.4 * TEXT_WIDTH_PT / 6


TEXT_WIDTH_PT = 165 / 25.4 * 72  # A4 less the margins


def _header_starts(reader: PdfReader, headers: list[str]) -> list[float]:
    """Where the header cells of the 征求意见汇总处理表 start on its first page (x, in pt)."""
    for page in reader.pages:
        found: dict[str, float] = {}

        def visit(text: str, cm: list[float], tm: list[float], *_: object,
                  found: dict[str, float] = found) -> None:
            if text.strip() in headers:
                found.setdefault(text.strip(), cm[4] + tm[4])

        page.extract_text(visitor_text=visit)
        if len(found) == len(headers):
            return [found[h] for h in headers]
    raise AssertionError(f"no page with the headers {headers}")


def test_without_git_the_report_says_so(example: Path) -> None:
    result = _run(example)
    assert result.exit_code == 0, result.output
    assert "not in a git repository" in result.stderr
    texts = [p.text for p in Document(str(example / "out" /
                                          "mvs-0001-terminology-zh.report.docx")).paragraphs]
    assert any("not in a git repository" in t for t in texts)


def test_missing_companion_names_the_file_and_init_writes_it(example: Path) -> None:
    (example / "drafts" / "mvs-0001-terminology-zh.report.md").unlink()
    result = _run(example)
    assert result.exit_code == 2
    assert "mvs-0001-terminology-zh.report.md:1: no 编制说明 beside the draft" in result.stderr
    assert not (example / "out").exists()
    assert _run(example, "--init").exit_code == 0
    scaffold = (example / "drafts" / "mvs-0001-terminology-zh.report.md").read_text("utf-8")
    assert "# 重大分歧意见的处理过程、处理意见及其依据" in scaffold
    assert "<!-- clause report: comments -->" in scaffold
    assert _run(example, "--init").exit_code == 2  # never overwritten
    assert _run(example).exit_code == 0
