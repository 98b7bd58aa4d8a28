"""ROSTER: the checks of the roster, committee.yaml, in the one rule registry.

The checks run in build_tools/workflow (roster.py reads the file, checks.py compares the comment
files with it); these classes give them their id, severity, documentation and examples, like
the CMT rules (rules/comments.py). ``clause lint`` without PATHS runs them once per repository.
"""

from __future__ import annotations

from build_tools.lint.base import Rule, register
from build_tools.lint.examples import RosterExample
from build_tools.lint.rules.comments import CLEAN

FAMILY = "committee"
SOURCE = "Clause committee format (FORMAT.md, The committee)"

ROSTER = """committee: MIIT Metaverse Standardization Working Group
members:
  - id: CN-CESI
    name: China Electronics Standardization Institute
    status: P
  - id: CN-HUAWEI
    name: Huawei Technologies Co., Ltd.
    status: P
  - id: CN-BUPT
    name: {en: Beijing University of Posts and Telecommunications, zh: 北京邮电大学}
    status: O
"""


def _roster(text: str = ROSTER) -> RosterExample:
    """The roster ``text`` beside the clean comment file of CN-CESI (rules/comments.py)."""
    return RosterExample("en", {}, roster=text, comments=CLEAN)


class RosterRule(Rule):
    family = FAMILY
    source = SOURCE
    passing = [_roster()]
    needs_model = False

    def applies(self, draft: object) -> bool:
        return False  # a draft is never the roster


@register
class RosterStructure(RosterRule):
    id = "ROSTER-01"
    summary = "committee.yaml lists members, each with an id, a name and a status P or O"
    doc = ("The roster is YAML with a list 'members'; each member has an id (the member code of "
           "its comment files: letters, digits, '-', '_', '.'), a name (or one per language) "
           "and a status: P, a participating member, who votes, or O, an observer. A ballot "
           "goes to the members of the roster, and cannot open while it has errors.")
    fail = [_roster(ROSTER.replace("    status: O\n", "    status: observer\n"))]


@register
class RosterUnknownKey(RosterRule):
    id = "ROSTER-02"
    severity = "warning"
    summary = "Unknown keys in committee.yaml (with the nearest known key)"
    doc = "A key the roster format does not define is probably a typo; the message names the closest."
    fail = [_roster(ROSTER.replace("committee:", "comittee:"))]


@register
class RosterDuplicate(RosterRule):
    id = "ROSTER-03"
    summary = "A member id is listed once"
    doc = ("Votes and comment files are filed under the member id: two entries with one id "
           "would make one member two voters, or two members one.")
    fail = [_roster(ROSTER.replace("id: CN-HUAWEI", "id: CN-CESI"))]


@register
class RosterMember(RosterRule):
    id = "ROSTER-04"
    severity = "warning"
    summary = "A comment file comes from a member on the roster"
    doc = ("The member of a comment file (and of each of its entries) is on the roster. A code "
           "that is not there is usually a typo (CN-HUAWAI), which would count the comments of "
           "nobody and leave the member among those who have not answered; a liaison that "
           "comments without voting belongs on the roster as an observer (O).")
    fail = [_roster(ROSTER.replace("id: CN-CESI", "id: CN-CSEI"))]  # CN-CESI comments
