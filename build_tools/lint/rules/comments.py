"""CMT: the checks of reviewer comment files, in the one rule registry.

The checks themselves run in build_tools/comments/check.py (comment files are not drafts, and
comments/ sits above lint/); these classes give them their id, severity, documentation and
examples, so that ``clause rules``, ``--select``/``--ignore`` and ``[tool.clause]`` severities
treat them like every other rule. ``check`` is empty: ``clause lint`` runs the comment checks
once per repository and keeps the findings of the active CMT rules.
"""

from __future__ import annotations

from build_tools.lint.base import Rule, register
from build_tools.lint.examples import CommentExample

FAMILY = "comments"
SOURCE = "Clause comment file format (FORMAT.md, Reviewer comment files)"

HEAD = """document: MVS 9001
stage: WD
iteration: 1
member: CN-CESI
comments:
"""
ENTRY = """  - id: CN-CESI-001
    clause: "4.1"
    type: te
    comment: The requirement does not say which avatar.
    proposed_change: Name the avatar.
"""
CLEAN = HEAD + ENTRY
# The ballot line map of the example draft, as far as the examples need it.
LINE_MAP = [{"line": n, "page": 1, "clause": "4.1" if n < 5 else "4.2"} for n in range(1, 9)]


def _file(text: str = CLEAN, line_map: list | None = None,
          also: tuple[str, ...] = ()) -> CommentExample:
    return CommentExample("en", {}, text, line_map, also=also)


def _entry(old: str, new: str) -> CommentExample:
    return _file(HEAD + ENTRY.replace(old, new))


def severities() -> dict[str, str]:
    """Rule id -> default severity of every CMT rule (what comments/check.py reports)."""
    from build_tools.lint.base import REGISTRY

    return {rid: cls.severity for rid, cls in sorted(REGISTRY.items()) if cls.family == FAMILY}


class CommentRule(Rule):
    family = FAMILY
    source = SOURCE
    passing = [_file()]
    needs_model = False

    def applies(self, draft: object) -> bool:
        return False  # a draft is never a comment file


@register
class Structure(CommentRule):
    id = "CMT-001"
    summary = "A comment file is YAML with document, stage, iteration, member and comments"
    doc = ("The file must read as YAML; the keys document, stage, iteration and member are "
           "present and not empty, comments is a list of mappings, stage is a stage (PWI NP AWI "
           "WD CD DIS FDIS PRF IS, or a code such as 30.20) and iteration 1 or more.")
    fail = [_file(CLEAN.replace("member: CN-CESI\n", "")),
            # Iteration 0 exists nowhere, and the file sits in the folder of WD 1.
            _file(CLEAN.replace("iteration: 1", "iteration: 0"),
                  also=("CMT-009", "CMT-013", "CMT-015"))]


@register
class Content(CommentRule):
    id = "CMT-002"
    summary = "A comment names its clause and says something"
    doc = "Every entry has a clause (or General) and the comment text."
    fail = [_entry("    comment: The requirement does not say which avatar.\n", "")]


@register
class CommentType(CommentRule):
    id = "CMT-003"
    summary = "type is ge, te or ed"
    doc = "The ISO template's types: ge (general), te (technical), ed (editorial)."
    fail = [_entry("type: te", "type: technical-ish")]


@register
class Disposition(CommentRule):
    id = "CMT-004"
    summary = "A disposition is one of the five of the ISO template"
    doc = ("accepted, accepted-in-principle, partially-accepted, noted or rejected; the message "
           "suggests the closest one.")
    fail = [_entry("    proposed_change: Name the avatar.\n",
                   "    proposed_change: Name the avatar.\n    disposition: maybe\n"
                   "    observation: Avatars are named in clause 3.\n")]


@register
class Observation(CommentRule):
    id = "CMT-005"
    summary = "A disposition other than accepted says why"
    doc = "The secretariat's observation explains every disposition that is not a plain accept."
    fail = [_entry("    proposed_change: Name the avatar.\n",
                   "    proposed_change: Name the avatar.\n    disposition: rejected\n")]
    passing = [_entry("    proposed_change: Name the avatar.\n",
                      "    proposed_change: Name the avatar.\n    disposition: rejected\n"
                      "    observation: Avatars are named in clause 3.\n")]


@register
class DuplicateId(CommentRule):
    id = "CMT-006"
    summary = "A comment id is used once among the files of one draft iteration"
    doc = "Ids link a comment to its row in the collated table and to its disposition."
    fail = [_file(CLEAN + ENTRY)]


@register
class LineNumber(CommentRule):
    id = "CMT-007"
    summary = "line is a positive line number"
    doc = "The line of the ballot PDF the comment is on: a whole number from 1."
    fail = [_entry("    type: te\n", "    type: te\n    line: 0\n")]


@register
class UnknownKey(CommentRule):
    id = "CMT-008"
    severity = "warning"
    summary = "Unknown keys (with the nearest known key)"
    doc = "A key the format does not define is probably a typo; the message names the closest."
    fail = [_entry("proposed_change:", "proposed_chnage:")]


@register
class Location(CommentRule):
    id = "CMT-009"
    severity = "warning"
    summary = "The file's folder and name agree with its stage, iteration and member"
    doc = "comments/<draft>/<stage><iteration>/<member>.yaml: the path says what the file holds."
    fail = [_file(CLEAN.replace("member: CN-CESI", "member: JP-JISC"))]


@register
class ClauseExists(CommentRule):
    id = "CMT-010"
    summary = "The clause exists in the draft iteration commented on"
    doc = "Clause and term numbers, and the unnumbered clauses' titles (Foreword …), count."
    fail = [_entry('clause: "4.1"', 'clause: "9.9"')]


@register
class LineInMap(CommentRule):
    id = "CMT-011"
    summary = "The line is in the ballot's line map"
    doc = "A line number beyond the numbered lines of the ballot PDF points at nothing."
    fail = [CommentExample("en", {}, HEAD + ENTRY.replace("    type: te\n",
                                                          "    type: te\n    line: 90\n"),
                           LINE_MAP)]
    passing = [CommentExample("en", {}, HEAD + ENTRY.replace("    type: te\n",
                                                             "    type: te\n    line: 3\n"),
                              LINE_MAP)]


@register
class LineInClause(CommentRule):
    id = "CMT-012"
    severity = "warning"
    summary = "The line lies in the clause the comment names"
    doc = "A line of clause 4.2 on a comment about 4.1: one of the two is wrong."
    fail = [CommentExample("en", {}, HEAD + ENTRY.replace("    type: te\n",
                                                          "    type: te\n    line: 7\n"),
                           LINE_MAP)]
    passing = LineInMap.passing


@register
class DraftFound(CommentRule):
    id = "CMT-013"
    severity = "warning"
    summary = "The draft iteration commented on can be found"
    doc = ("The document id names a draft in drafts/, and its text at that stage and iteration "
           "is in the working tree or in git history; otherwise clauses and lines are not "
           "checked.")
    fail = [_file(CLEAN.replace("document: MVS 9001", "document: MVS 9999"),
                  also=("CMT-015",))]  # CMT-015 says the clauses were not checked


@register
class TypeMissing(CommentRule):
    id = "CMT-014"
    severity = "warning"
    summary = "A comment has a type"
    doc = ("The GB table has no type column, so comments imported from it lack one until the "
           "secretariat adds it.")
    fail = [_entry("    type: te\n", "")]


@register
class AnsweredReference(CommentRule):
    id = "CMT-016"
    severity = "info"
    summary = "An answered comment cites a clause or line the draft does not have"
    doc = ("A member's comment cites a clause or a line that does not exist in the balloted "
           "text (CMT-010, CMT-011), and the secretariat has given it a disposition. The member's "
           "text is never changed, so the reference stays wrong; the disposition and its "
           "observation answer it, and it no longer blocks `clause stage`.")
    fail = [_file(HEAD + ENTRY.replace('clause: "4.1"', 'clause: "9.9"')
                  + "    disposition: noted\n"
                  "    observation: There is no clause 9.9; the comment is on 4.1.\n")]


@register
class NotChecked(CommentRule):
    id = "CMT-015"
    severity = "info"
    summary = "Why the draft side was not (fully) checked"
    doc = ("The iteration is not in git history, or no line map could be made (no ballot map "
           "and the export failed): the comment file is checked, its clauses and lines are not.")
    fail = [_file(CLEAN.replace("iteration: 1", "iteration: 2"),
                  also=("CMT-009", "CMT-013"))]  # WD 2 is not in git, and not in folder WD1
