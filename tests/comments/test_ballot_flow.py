"""Whole ballots in a git repository, as a secretariat runs them: a roster of six P-members and
one O-member, open (record committed), votes, status while open, a refused early stage and a
refused early close, close, result, stage. Once approved (iso-dis), once with a failing vote,
and once as a GB letter review that has to be held again (gb-review, re-review)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workflow_repo import (
    ROSTER,
    STEM,
    changed_in,
    comment_file,
    exported_line_map,
    git,
    isolate_git,
    log,
    make_repo,
    run,
)

from build_tools.lint.examples import PARTS_EN, PARTS_ZH, assemble
from build_tools.workflow.record import read_record

JAN_15, APR_1 = "1800000000", "1806537600"  # 2027-01-15, 2027-04-01
DRAFT = f"drafts/{STEM}.md"
FOLDER = Path("comments") / STEM / "DIS1"
RECORD = FOLDER / "ballot.yaml"


def _at_dis(parts: dict[str, str]) -> str:
    return parts["front"].replace("stage: WD", "stage: DIS")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, assemble("en", {"front": _at_dis(PARTS_EN)}), roster=ROSTER)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_15)
    exported_line_map(root / DRAFT, tmp_path / "probe")  # skips where Typst cannot run
    return root


def _open(root: Path) -> None:
    result = run(root, "ballot", "open", DRAFT, "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output


def _vote(root: Path, **votes: str) -> None:
    for member, vote in votes.items():
        result = run(root, "ballot", "vote", DRAFT, "--member", f"CN-{member}", "--vote", vote)
        assert result.exit_code == 0, result.output


def _comments(root: Path, member: str, disposition: str | None = None) -> None:
    answer = (f"    disposition: {disposition}\n    observation: Discussed at the meeting.\n"
              if disposition else "")
    comment_file(root, member, '  - clause: "4.1"\n    type: te\n    comment: The avatar of a '
                 f"guest is not covered.\n{answer}", stage="DIS", iteration=1)


def _status(root: Path) -> dict:
    result = run(root, "ballot", "status", DRAFT, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _close(root: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", APR_1)
    result = run(root, "ballot", "close", DRAFT)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_approved_dis_ballot(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _open(repo)
    assert log(repo)[0] == "Ballot MVS 9001 DIS 1 opened: closes 2027-03-31, rule iso-dis"
    assert git(repo, "ls-files", RECORD.as_posix()).strip() == RECORD.as_posix()
    _comments(repo, "CN-ANT")
    _vote(repo, CESI="approve", HUAWEI="approve-with-comments", TENCENT="同意",
          ANT="disapprove", BAIDU="abstain", BUPT="approve")

    status = _status(repo)
    assert (status["open"], status["result"], status["rule"]) == (True, "pending", "iso-dis")
    assert status["missing"] == ["CN-SENSETIME"]
    assert status["counts"] == {"approve": 4, "disapprove": 1, "abstain": 1}
    assert status["votes"]["CN-HUAWEI"] == "approve-with-comments"

    early_stage = run(repo, "stage", DRAFT, "--to", "FDIS")
    assert early_stage.exit_code == 1
    assert "the ballot on MVS 9001 DIS 1 is open until 2027-03-31" in early_stage.output
    early_close = run(repo, "ballot", "close", DRAFT)
    assert early_close.exit_code == 2 and "closes on 2027-03-31" in early_close.output

    _vote(repo, SENSETIME="approve")
    closed = _close(repo, monkeypatch)
    assert "Ballot on MVS 9001 DIS 1: approved: P-members: 4 of 5 (80 %) votes cast approve" \
        in closed
    assert "disapprovals: 1 of 6 (17 %) votes cast (at most one quarter)" in closed
    assert "1 abstention not counted (ISO/IEC Directives, Part 1, 2.6.3)" in closed
    record = read_record(repo / RECORD)
    assert (record.result, str(record.closed)) == ("approved", "2027-04-01")
    assert _status(repo)["open"] is False and _status(repo)["missing"] == []

    blocked = run(repo, "stage", DRAFT, "--to", "FDIS")  # ANT's comment has no disposition
    assert blocked.exit_code == 1 and "has no disposition" in blocked.output
    _comments(repo, "CN-ANT", "accepted-in-principle")
    advanced = run(repo, "stage", DRAFT, "--to", "FDIS", "--tag")
    assert advanced.exit_code == 0, advanced.output
    assert log(repo)[0] == "MVS 9001: DIS 1 -> FDIS 1 (ballot approved)"
    assert changed_in(repo) == [f"{FOLDER.as_posix()}/CN-ANT.yaml", DRAFT]
    assert "stage: FDIS" in (repo / DRAFT).read_text(encoding="utf-8").split("\n")
    assert git(repo, "status", "--porcelain") == ""


def _failing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    _open(repo)
    for member in ("CN-ANT", "CN-BAIDU"):
        _comments(repo, member, "rejected")
    _vote(repo, CESI="approve", HUAWEI="approve", TENCENT="approve", ANT="disapprove",
          BAIDU="不同意", SENSETIME="弃权", BUPT="disapprove")  # BUPT: no comments
    return _close(repo, monkeypatch)


def test_a_failing_vote_keeps_the_stage(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    closed = _failing(repo, monkeypatch)
    assert "Ballot on MVS 9001 DIS 1: not-approved: P-members: 3 of 5 (60 %) votes cast " \
           "approve (two thirds needed); disapprovals: 2 of 5 (40 %)" in closed
    assert "disapprovals without comments not counted: CN-BUPT" in closed
    assert _status(repo)["result"] == "not-approved"

    refused = run(repo, "stage", DRAFT, "--to", "FDIS")
    assert refused.exit_code == 1
    assert "the ballot on MVS 9001 DIS 1 is not-approved" in refused.output
    assert "the next DIS goes with --iteration-only" in refused.output
    again = run(repo, "stage", DRAFT, "--iteration-only")  # a second DIS ballot
    assert again.exit_code == 0, again.output
    assert log(repo)[0] == "MVS 9001: DIS 1 -> DIS 2 (ballot not-approved)"


def test_force_records_its_reason(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _failing(repo, monkeypatch)
    no_reason = run(repo, "stage", DRAFT, "--to", "FDIS", "--force")
    assert no_reason.exit_code == 2 and "--force needs --reason" in no_reason.output
    forced = run(repo, "stage", DRAFT, "--to", "FDIS", "--force", "--reason",
                 "the plenary upheld the appeal of CN-CESI (resolution 12)")
    assert forced.exit_code == 0, forced.output
    assert "1 item(s) overridden" in forced.output
    assert log(repo)[0] == ("MVS 9001: DIS 1 -> FDIS 1 (ballot not-approved); gate overridden: "
                            "the plenary upheld the appeal of CN-CESI (resolution 12)")
    assert RECORD.as_posix() in changed_in(repo)
    (override,) = read_record(repo / RECORD).overrides
    assert override["reason"] == "the plenary upheld the appeal of CN-CESI (resolution 12)"
    assert (override["to"], str(override["date"]), override["blockers"]) == (
        "FDIS 1", "2027-04-01", 1)


def test_a_gb_letter_review_without_enough_votes_is_held_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, assemble("zh", {"front": _at_dis(PARTS_ZH)}), roster=ROSTER)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_15)
    exported_line_map(root / DRAFT, tmp_path / "probe")
    _open(root)
    assert log(root)[0] == "Ballot MVS 9001 DIS 1 opened: closes 2027-03-31, rule gb-review"
    _vote(root, CESI="同意", HUAWEI="同意", TENCENT="弃权")
    assert _status(root)["missing"] == ["CN-ANT", "CN-BAIDU", "CN-SENSETIME"]

    closed = _close(root, monkeypatch)
    assert ("re-review: 3 of 6 (50 %) P-members returned a vote, fewer than two thirds: the "
            "draft is reviewed again") in closed
    refused = run(root, "stage", DRAFT, "--to", "FDIS")
    assert refused.exit_code == 1 and "is re-review" in refused.output
    review = run(root, "stage", DRAFT, "--iteration-only")
    assert review.exit_code == 0, review.output
    reopened = run(root, "ballot", "open", DRAFT, "--closes", "2027-05-31")
    assert reopened.exit_code == 0, reopened.output
    second = read_record(root / "comments" / STEM / "DIS2" / "ballot.yaml")
    assert (second.rule, second.iteration, second.votes) == ("gb-review", 2, {})
