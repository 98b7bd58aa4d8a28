"""committee.yaml: every problem with its line and rule; what a ballot record refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.workflow.errors import WorkflowError
from build_tools.workflow.record import parse_record
from build_tools.workflow.roster import parse_roster


def _problems(text: str) -> list[tuple[str, int, str]]:
    return [(p.rule, p.line, p.message) for p in parse_roster(text, Path("committee.yaml"))
            .problems]


def test_each_problem_has_its_rule_and_line() -> None:
    text = ("members:\n"
            "  - id: CN-CESI\n    name: CESI\n    status: P\n"
            "  - id: ../../etc\n    name: X\n    status: P\n"
            "  - id: CN-BUPT\n    name: {en: BUPT, zh: 北京邮电大学}\n    status: o\n"
            "    contact: someone@example.org\n"
            "  - id: CN-CESI\n    name: Again\n    status: O\n"
            "  - just a string\n")
    found = _problems(text)
    assert [(rule, line) for rule, line, _ in found] == [
        ("ROSTER-01", 5), ("ROSTER-02", 11), ("ROSTER-01", 10), ("ROSTER-03", 12),
        ("ROSTER-01", 15)]
    messages = [message for _, _, message in found]
    assert "id '../../etc' is not a member code" in messages[0]
    assert "unknown key 'contact' in member 3" in messages[1]
    assert "status 'o' is not P or O" in messages[2] and "(did you mean 'O'?)" in messages[2]
    assert messages[3] == "member id 'CN-CESI' is already used on line 2"


@pytest.mark.parametrize(("text", "message"), [
    ("", "committee.yaml is empty"),
    ("members: [\n", "YAML syntax error"),
    ("- a\n- b\n", "must be a mapping of keys to values, not a list"),
    ("members: []\n", "members must be a list of members"),
    ("committee: X\n", "members is missing"),
    ("members:\n  - &a {id: A, name: A, status: P}\n  - *a\n", "aliases"),
    ("members:\n  - !!python/object {id: A}\n", "tag"),
])
def test_unreadable_rosters_are_one_clear_problem(text: str, message: str) -> None:
    found = _problems(text)
    assert found and found[0][0] == "ROSTER-01" and message in found[0][2], found


def test_a_record_edited_into_nonsense_is_refused_with_its_line() -> None:
    text = ("draft: MVS 1\nfile: drafts/x.md\nstage: CD\niteration: 1\ntext_sha256: abc\n"
            "opens: 2027-01-01\ncloses: 2027-02-01\nrule: consensus\nroster: []\n"
            "votes:\n  CN-CESI: {vote: perhaps}\n")
    with pytest.raises(WorkflowError) as caught:
        parse_record(text, Path("ballot.yaml"))
    assert (caught.value.line, caught.value.message) == (
        11, "ballot record: the vote of CN-CESI is 'perhaps', not one of approve, "
            "approve-with-comments, disapprove, abstain")
    with pytest.raises(WorkflowError, match="closes is missing|opens and closes are dates"):
        parse_record(text.replace("closes: 2027-02-01\n", "").replace("perhaps", "approve"),
                     Path("ballot.yaml"))
