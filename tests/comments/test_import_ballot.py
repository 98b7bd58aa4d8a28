"""``clause comments import`` into a ballot: references checked at import, rows without a
member refused, a vote column recorded; and a wrong reference answered by a disposition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workflow_repo import (
    ROSTER,
    STEM,
    changed_in,
    exported_line_map,
    git,
    head,
    isolate_git,
    log,
    make_repo,
    run,
)

from build_tools.comments import read_comment_file
from build_tools.workflow.record import read_record

HEADER = "MB/NC,Line number,Clause/ Subclause,Type of comment,Comments,Proposed change"
FOLDER = Path("comments") / STEM / "WD1"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, roster=ROSTER)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    exported_line_map(root / "drafts" / f"{STEM}.md", tmp_path / "probe")
    result = run(root, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output
    return root


def _csv(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _last_line(root: Path) -> int:
    lines = json.loads((root / FOLDER / "ballot.lines.json").read_text(encoding="utf-8"))
    return max(entry["line"] for entry in lines)


def test_references_the_balloted_text_lacks_are_reported_at_import(
    repo: Path, tmp_path: Path
) -> None:
    last = _last_line(repo)
    form = _csv(tmp_path / "cesi.csv",
                "CN-CESI,,3.1,te,Fine.,",
                "CN-CESI,,9.9,te,A clause the draft does not have.,Drop it.",
                f"CN-CESI,{last + 40},4.1,ed,A line beyond the end.,")
    result = run(repo, "comments", "import", str(form), "--draft", "MVS 9001")
    assert result.exit_code == 1, result.output
    assert (f"{form}: row 3: CN-CESI: clause '9.9' does not exist in MVS 9001 WD 1"
            in result.stdout)
    assert (f"{form}: row 4: CN-CESI: line {last + 40} is not in the line map of MVS 9001 WD 1 "
            f"(lines 1 to {last})") in result.stdout
    # Imported as the member wrote them.
    target = repo / FOLDER / "CN-CESI.yaml"
    cf = read_comment_file(target)
    assert [(c.clause, c.line) for c in cf.comments] == [("3.1", None), ("9.9", None),
                                                          ("4.1", last + 40)]


def test_an_answered_wrong_reference_no_longer_blocks(repo: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    form = _csv(tmp_path / "cesi.csv", "CN-CESI,,9.9,te,A clause the draft does not have.,")
    assert run(repo, "comments", "import", str(form), "--draft", "MVS 9001").exit_code == 1
    target = repo / FOLDER / "CN-CESI.yaml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1806537600")  # 2027-04-01
    assert run(repo, "ballot", "close", STEM).exit_code == 1  # CMT-010 is an error

    blocked = run(repo, "stage", STEM, "--to", "CD")
    assert blocked.exit_code == 1 and "CMT-010" in blocked.output
    member_text = target.read_text(encoding="utf-8")
    target.write_text(member_text + "    disposition: noted\n"
                      "    observation: There is no clause 9.9; 4.1 was meant.\n",
                      encoding="utf-8")
    check = json.loads(run(repo, "comments", "check", "--format", "json").stdout)
    assert [(f["rule"], f["severity"]) for f in check] == [("CMT-016", "info")]
    advanced = run(repo, "stage", STEM, "--to", "CD")
    assert advanced.exit_code == 0, advanced.output
    kept = read_comment_file(target).comments[0]
    assert (kept.clause, kept.comment) == ("9.9", "A clause the draft does not have.")


def test_a_row_without_member_code_imports_nothing(repo: Path, tmp_path: Path) -> None:
    form = _csv(tmp_path / "mixed.csv", "CN-CESI,,3.1,te,One.,", ",,4.1,te,Whose?,",
                "CN-CESI,,4.2,ed,Three.,")
    result = run(repo, "comments", "import", str(form), "--draft", "MVS 9001")
    assert result.exit_code == 2
    assert (f"{form}: nothing imported: row 3: the MB/NC cell is empty: every row needs its "
            "member code") in result.output
    assert not (repo / FOLDER / "CN-CESI.yaml").exists()


def test_a_vote_column_records_the_vote_with_the_comments(repo: Path, tmp_path: Path) -> None:
    before = head(repo)
    form = _csv(tmp_path / "huawei.csv", "CN-HUAWEI,,4.1,te,Guests have no avatar.,,Disapprove",
                "CN-HUAWEI,,4.2,ed,Typo.,,Disapprove", header=HEADER + ",Vote")
    result = run(repo, "comments", "import", str(form), "--draft", "MVS 9001")
    assert result.exit_code == 0, result.output
    assert "vote of CN-HUAWEI: disapprove, recorded in" in result.stdout
    assert log(repo)[0] == ("Ballot MVS 9001 WD 1: CN-HUAWEI votes disapprove, imported from "
                            "huawei.csv")
    assert sorted(changed_in(repo)) == [f"{FOLDER.as_posix()}/CN-HUAWEI.yaml",
                                        f"{FOLDER.as_posix()}/ballot.yaml"]
    assert git(repo, "rev-parse", "HEAD~1").strip() == before
    record = read_record(repo / FOLDER / "ballot.yaml")
    assert record.votes["CN-HUAWEI"].vote == "disapprove"


def test_the_chinese_vote_form_and_disagreeing_votes(repo: Path, tmp_path: Path) -> None:
    header = "序号,章条编号,意见内容,提出单位,表决意见"
    form = _csv(tmp_path / "cesi.csv", "1,3.1,定义不准确。,CN-CESI,同意", header=header)
    assert run(repo, "comments", "import", str(form), "--draft", "MVS 9001").exit_code == 0
    assert read_record(repo / FOLDER / "ballot.yaml").votes["CN-CESI"].vote == "approve"

    split = _csv(tmp_path / "ant.csv", "1,3.1,一。,CN-ANT,同意", "2,4.1,二。,CN-ANT,不同意",
                 header=header)
    result = run(repo, "comments", "import", str(split), "--draft", "MVS 9001")
    assert result.exit_code == 1
    assert "rows 2, 3 give CN-ANT different votes (approve, disapprove): no vote recorded" \
        in result.stdout
    assert "CN-ANT" not in read_record(repo / FOLDER / "ballot.yaml").votes
