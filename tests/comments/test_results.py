"""The result rules at their thresholds, the default rule of each stage, and the vote words."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from build_tools.workflow.record import Record, Vote, normalize_vote
from build_tools.workflow.results import (
    Comments,
    decide,
    default_rule,
    status,
)
from build_tools.workflow.roster import Member

README = Path(__file__).resolve().parents[2] / "README.md"


def _record(rule: str, votes: dict[str, str], participants: int = 6,
            observers: int = 1) -> Record:
    roster = [Member(f"P{n}", f"P {n}", "P") for n in range(1, participants + 1)]
    roster += [Member(f"O{n}", f"O {n}", "O") for n in range(1, observers + 1)]
    return Record(Path("ballot.yaml"), "MVS 1", "drafts/x.md", "DIS", 1, None, "0" * 64,
                  dt.date(2027, 1, 1), dt.date(2027, 3, 31), rule, roster,
                  votes={m: Vote(v) for m, v in votes.items()})


def _explained(*members: str) -> Comments:
    """Every disapproval comes with comments unless listed as unexplained."""
    return Comments(by_member={m: 1 for m in ("P1", "P2", "P3", "P4", "P5", "P6", "O1")
                               if m not in members}, total=7)


@pytest.mark.parametrize(("votes", "result"), [
    # exactly two thirds of the P-members' votes approve, one of four votes cast disapproves
    ({"P1": "approve", "P2": "approve", "P3": "disapprove", "O1": "approve",
      "P4": "abstain"}, "approved"),
    # below two thirds
    ({"P1": "approve", "P2": "disapprove", "P3": "disapprove", "P4": "approve",
      "P5": "approve"}, "not-approved"),
    # P-members 3 of 4 (75 %) approve, but 2 of 7 votes cast (29 %) disapprove
    ({"P1": "approve", "P2": "approve", "P3": "approve", "P4": "disapprove",
      "O1": "disapprove"}, "not-approved"),
    # exactly one quarter disapprove: approved
    ({"P1": "approve", "P2": "approve", "P3": "approve-with-comments", "P4": "disapprove"},
     "approved"),
    # nobody but abstainers
    ({"P1": "abstain", "O1": "approve"}, "not-approved"),
])
def test_iso_dis_thresholds(votes: dict[str, str], result: str) -> None:
    assert decide(_record("iso-dis", votes), _explained())[0] == result


def test_iso_dis_does_not_count_a_disapproval_without_comments() -> None:
    votes = {"P1": "approve", "P2": "approve", "P3": "disapprove", "P4": "disapprove"}
    assert decide(_record("iso-dis", votes), _explained())[0] == "not-approved"
    result, reason = decide(_record("iso-dis", votes), _explained("P3", "P4"))
    assert result == "approved"
    assert "disapprovals without comments not counted: P3, P4" in reason


@pytest.mark.parametrize(("votes", "result"), [
    ({"P1": "同意", "P2": "approve", "P3": "approve", "P4": "approve"}, "approved"),  # 4 of 6
    ({"P1": "approve", "P2": "approve", "P3": "approve"}, "re-review"),  # 3 of 6 returned
    ({"P1": "approve", "P2": "approve", "P3": "approve", "P4": "abstain"}, "approved"),  # 3/4
    ({"P1": "approve", "P2": "approve", "P3": "abstain", "P4": "disapprove"}, "not-approved"),
    # observers' votes are not counted, whatever they are
    ({"P1": "approve", "P2": "approve", "P3": "approve", "O1": "disapprove"}, "re-review"),
])
def test_gb_review_thresholds(votes: dict[str, str], result: str) -> None:
    words = {m: normalize_vote(v) or v for m, v in votes.items()}
    assert decide(_record("gb-review", words), _explained())[0] == result


def test_consensus_is_the_disposition_of_comments() -> None:
    record = _record("consensus", {"P1": "disapprove"})
    assert decide(record, Comments(total=3, undisposed=1)) == (
        "pending", "1 of 3 comments have no disposition yet (ISO/IEC Directives, Part 1, 2.5.6)")
    assert decide(record, Comments(total=3))[0] == "approved"
    assert decide(record, Comments())[0] == "approved"


def test_open_ballots_are_pending_and_closed_results_stay(tmp_path: Path) -> None:
    record = _record("iso-dis", {"P1": "approve"})
    record.path = tmp_path / "ballot.yaml"
    assert status(record, dt.date(2027, 2, 1)).result == "pending"
    assert "voting ended on 2027-03-31" in status(record, dt.date(2027, 4, 2)).reason
    record.closed, record.result, record.reason = dt.date(2027, 4, 2), "approved", "as closed"
    later = status(record, dt.date(2027, 5, 1))
    assert (later.open, later.result, later.reason) == (False, "approved", "as closed")


@pytest.mark.parametrize(("stage", "rules", "rule"), [
    ("WD", "iso", "consensus"), ("CD", "iso", "consensus"), ("DIS", "iso", "iso-dis"),
    ("FDIS", "iso", "iso-dis"), ("40.20", "iso", "iso-dis"), ("CD", "gb", "consensus"),
    ("DIS", "gb", "gb-review"), ("40.00", "gb", "gb-review"), ("FDIS", "gb", "gb-review"),
])
def test_default_rule_of_each_stage(stage: str, rules: str, rule: str) -> None:
    assert default_rule(stage, rules) == rule


@pytest.mark.parametrize(("written", "vote"), [
    ("同意", "approve"), ("不同意", "disapprove"), ("弃权", "abstain"), ("Approve", "approve"),
    ("approve_with_comments", "approve-with-comments"), ("Approve with comments",
                                                         "approve-with-comments"),
    ("DISAPPROVE.", "disapprove"), ("Abstention", "abstain"), ("maybe", None), ("", None),
])
def test_vote_words(written: str, vote: str | None) -> None:
    assert normalize_vote(written) == vote


def test_the_readme_shows_the_status_json_as_the_command_prints_it() -> None:
    shown = re.search(r"```json\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert shown, "the README's secretariat section shows the JSON of clause ballot status"
    data = json.loads(shown.group(1))
    record = _record("consensus", {})
    assert list(data) == list(status(record, dt.date(2027, 1, 2)).as_json())
