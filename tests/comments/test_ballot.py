"""``clause ballot open`` and ``clause ballot close``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from workflow_repo import DRAFT_ID, STEM, comment_file, exported_line_map, make_repo, run

from build_tools.comments import read_comment_file
from build_tools.comments.read_docx import read_docx
from build_tools.export.errors import ExportError
from build_tools.lint.examples import assemble

FRONT = """\
# Draft of the example vocabulary (WG 1); keep this comment.
id: "MVS 9001"
title:
  en: Metaverse — Example vocabulary   # short title
language: en
stage: WD
iteration: 1
date: 2026-11-28
committee: 'MIIT Metaverse Standardization Working Group, WG 1'
editors:
  - name: Li Wei
    organization: China Electronics Standardization Institute
keywords: [metaverse, vocabulary]   # flow style stays flow style"""
TEXT = assemble("en", {"front": FRONT})
FOLDER = Path("build") / "ballots" / f"{STEM}-WD1"
BALLOT_BLOCK = ["ballot:", "  opens: 2027-01-15", "  closes: 2027-03-31",
                "  line_numbering: continuous"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path, TEXT)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    return root


@pytest.fixture
def exports(repo: Path, tmp_path: Path) -> None:
    exported_line_map(repo / "drafts" / f"{STEM}.md", tmp_path / "probe")  # skips without Typst


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_open_writes_the_package_and_records_the_ballot(repo: Path, exports: None) -> None:
    draft = repo / "drafts" / f"{STEM}.md"
    result = run(repo, "ballot", "open", f"drafts/{STEM}.md", "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output
    folder = repo / FOLDER
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{STEM}.pdf", f"{STEM}.lines.json", f"{STEM}.docx",
                            f"{STEM}-comments.docx", f"{STEM}-comments.yaml", "manifest.json"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["document"], manifest["stage"], manifest["iteration"]) == (DRAFT_ID, "WD", 1)
    assert (manifest["opens"], manifest["closes"]) == ("2027-01-15", "2027-03-31")
    listed = {entry["name"]: entry for entry in manifest["files"]}
    assert set(listed) == set(names) - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["sha256"] == _sha(folder / name), name
        assert entry["bytes"] == (folder / name).stat().st_size
    assert manifest["draft"] == {"path": f"drafts/{STEM}.md", "sha256": _sha(draft)}

    # The front-matter gains the ballot block; comments, order and quoting stay as written.
    old, new = TEXT.split("\n"), draft.read_text(encoding="utf-8").split("\n")
    end = old.index("---", 1)
    assert new == old[:end] + BALLOT_BLOCK + old[end:]


def test_package_template_and_yaml_are_filled_in(repo: Path, exports: None) -> None:
    assert run(repo, "ballot", "open", STEM, "--closes", "2027-03-31").exit_code == 0
    meta = read_docx(repo / FOLDER / f"{STEM}-comments.docx").meta
    assert meta == {"document": f"{DRAFT_ID} WD 1", "project": "Metaverse — Example vocabulary",
                    "date": "2027-01-15"}
    blank = read_comment_file(repo / FOLDER / f"{STEM}-comments.yaml")
    assert (blank.document, blank.stage, blank.iteration, blank.comments) == (
        DRAFT_ID, "WD", 1, [])
    line_map = json.loads((repo / FOLDER / f"{STEM}.lines.json").read_text(encoding="utf-8"))
    assert line_map and {"line", "page", "clause"} <= set(line_map[0])


def test_checks_use_the_ballot_line_map_after_open(
    repo: Path, exports: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(repo, "ballot", "open", STEM, "--closes", "2027-03-31").exit_code == 0

    def no_export(*_args: object) -> None:
        raise AssertionError("the ballot's own line map must be used")

    monkeypatch.setattr("build_tools.comments.resolve.export_line_map", no_export)
    comment_file(repo, "CN-CESI", '  - line: 1\n    clause: Foreword\n    type: ed\n'
                                   "    comment: x\n")
    result = run(repo, "comments", "check")
    assert result.exit_code == 0, result.output


def test_open_refuses_twice_and_bad_dates(repo: Path, exports: None) -> None:
    draft = repo / "drafts" / f"{STEM}.md"
    backwards = run(repo, "ballot", "open", STEM, "--closes", "2027-01-01")
    assert backwards.exit_code == 2 and "closes (2027-01-01) before it opens" in backwards.output
    not_a_date = run(repo, "ballot", "open", STEM, "--closes", "March")
    assert not_a_date.exit_code == 2 and "is not a date" in not_a_date.output
    assert draft.read_text(encoding="utf-8") == TEXT
    assert run(repo, "ballot", "open", STEM, "--closes", "2027-03-31").exit_code == 0
    again = run(repo, "ballot", "open", STEM, "--closes", "2027-04-30")
    assert again.exit_code == 2 and "already recorded" in again.output
    forced = run(repo, "ballot", "open", STEM, "--closes", "2027-04-30", "--force")
    assert forced.exit_code == 0, forced.output
    assert "  closes: 2027-04-30" in draft.read_text(encoding="utf-8").split("\n")


def test_failed_export_leaves_the_draft_as_it_was(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(paths: list[Path], *_args: object, **_kwargs: object) -> None:
        raise ExportError(paths[0], 42, "figure 'figures/x.svg' not found")

    monkeypatch.setattr("build_tools.export.exporter.export_drafts", failing)
    result = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 2
    assert f"{STEM}.md:42: figure 'figures/x.svg' not found" in result.output
    assert "Traceback" not in result.output
    assert (repo / "drafts" / f"{STEM}.md").read_text(encoding="utf-8") == TEXT
    assert not (repo / FOLDER / "manifest.json").exists()


def _with_ballot(repo: Path) -> bytes:
    draft = repo / "drafts" / f"{STEM}.md"
    lines = TEXT.split("\n")
    end = lines.index("---", 1)
    draft.write_text("\n".join(lines[:end] + BALLOT_BLOCK + lines[end:]), encoding="utf-8")
    return draft.read_bytes()


def test_close_writes_the_disposition_report_and_removes_nothing(repo: Path) -> None:
    before = _with_ballot(repo)
    (repo / FOLDER).mkdir(parents=True)
    sentinel = repo / FOLDER / f"{STEM}.pdf"
    sentinel.write_bytes(b"%PDF-ballot")
    cesi = comment_file(repo, "CN-CESI", '  - clause: "3.1"\n    type: te\n    comment: a\n'
                                          "    disposition: accepted\n"
                                          '  - clause: "4.2"\n    type: ed\n    comment: b\n'
                                          "    disposition: rejected\n    observation: No.\n")
    comment_file(repo, "CN-HUAWEI", '  - clause: General\n    type: ge\n    comment: c\n')
    result = run(repo, "ballot", "close", STEM)
    assert result.exit_code == 0, result.output
    assert "3 comments (accepted 1, rejected 1, open 1)" in result.output
    report = (repo / FOLDER / f"{STEM}-disposition.md").read_text(encoding="utf-8")
    assert report.startswith(f"# Disposition of comments: {DRAFT_ID} WD 1")
    assert "Ballot: 2027-01-15 to 2027-03-31" in report
    assert "| CN-CESI | 0 | 1 | 1 | 2 | 1 | 0 | 0 | 0 | 1 | 0 |" in report
    assert "| Technical | 1 | 1 | 0 | 0 | 0 | 0 | 0 |" in report
    assert "| Open | 1 |" in report
    assert (repo / FOLDER / f"{STEM}-disposition.docx").is_file()
    assert sentinel.read_bytes() == b"%PDF-ballot"
    assert (repo / "drafts" / f"{STEM}.md").read_bytes() == before
    assert cesi.is_file()

    as_xlsx = run(repo, "ballot", "close", STEM, "--format", "xlsx")
    assert as_xlsx.exit_code == 0 and (repo / FOLDER / f"{STEM}-disposition.xlsx").is_file()


def test_close_with_bad_comment_files_still_reports_and_exits_1(repo: Path) -> None:
    _with_ballot(repo)
    comment_file(repo, "CN-CESI", '  - clause: "3.1"\n    type: xx\n    comment: a\n')
    result = run(repo, "ballot", "close", STEM)
    assert result.exit_code == 1
    assert "CMT-003" in result.output
    assert (repo / FOLDER / f"{STEM}-disposition.md").is_file()


def test_close_without_comments_says_so(repo: Path) -> None:
    result = run(repo, "ballot", "close", STEM)
    assert result.exit_code == 0, result.output
    assert "no comment files" in result.output
    assert "the front-matter records no ballot" in result.output
