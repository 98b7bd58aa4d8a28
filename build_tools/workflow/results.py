"""The result of a ballot, by the rule its record names, and its status.

Three rules, each with its source (docs/FORMAT.md, "Ballot records", lists them too):

- ``iso-dis``: approved when at least two thirds of the votes cast by P-members approve and
  not more than one quarter of all votes cast disapprove; abstentions are not counted, nor
  are disapprovals without comments (ISO/IEC Directives, Part 1, 2.6.3);
- ``gb-review``: the letter review (函审) of a 送审稿: approved when at least three quarters of
  the returned votes approve; when fewer than two thirds of the P-members returned a vote,
  the result is "re-review";
- ``consensus`` (working drafts, committee drafts): no vote threshold; the result is the
  disposition of comments: approved once every comment has one.

While a ballot is open its result is "pending". ``clause ballot close`` writes the result of
``iso-dis`` and ``gb-review`` into the record, where it stays; a ``consensus`` result follows
the dispositions, which the secretariat writes after the ballot closed, so it is always
computed from the comment files. "Approved" with approve-with-comments counts as an approval.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.comments.errors import CommentError
from build_tools.comments.locate import iteration_files
from build_tools.comments.model import DISPOSITIONS
from build_tools.comments.yaml_read import read_comment_file
from build_tools.i18n.stages import abbreviation_of, stage_number

from .record import (
    ABSTAIN,
    APPROVE,
    APPROVE_WITH_COMMENTS,
    APPROVED,
    DISAPPROVE,
    NOT_APPROVED,
    PENDING,
    RE_REVIEW,
    Record,
)

ISO_DIS, GB_REVIEW, CONSENSUS = "iso-dis", "gb-review", "consensus"
APPROVALS = (APPROVE, APPROVE_WITH_COMMENTS)


@dataclass(frozen=True)
class ResultRule:
    name: str
    title: str
    source: str
    summary: str


RULES: dict[str, ResultRule] = {
    ISO_DIS: ResultRule(
        ISO_DIS, "DIS vote", "ISO/IEC Directives, Part 1, 2.6.3",
        "approved when at least two thirds of the votes cast by P-members approve and not "
        "more than one quarter of all votes cast disapprove; abstentions are not counted, nor "
        "are disapprovals without comments (the Directives require technical reasons)"),
    GB_REVIEW: ResultRule(
        GB_REVIEW, "letter review (函审) of a 送审稿",
        "MIIT standard-management rules, letter review (函审) of a 送审稿",
        "approved when at least three quarters of the returned votes approve (abstentions are "
        "returned votes); when fewer than two thirds of the P-members returned a vote, the "
        "draft is reviewed again (re-review); observers' votes are recorded, not counted"),
    CONSENSUS: ResultRule(
        CONSENSUS, "consensus on a committee draft", "ISO/IEC Directives, Part 1, 2.5.6",
        "no vote threshold: the result is the disposition of comments, approved once every "
        "comment has one; votes are recorded for information"),
}


def default_rule(stage: str, rules: str = "iso") -> str:
    """consensus for working and committee drafts; iso-dis for a DIS or FDIS; gb-review for a
    GB draft from the 送审稿 (stage 40) on."""
    if rules == "gb" and stage_number(stage) >= 40:
        return GB_REVIEW
    if abbreviation_of(stage) in ("DIS", "FDIS"):
        return ISO_DIS
    return CONSENSUS


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole}" + (f" ({round(100 * part / whole)} %)" if whole else "")


@dataclass
class Comments:
    """The comments of one ballot's iteration folder, as far as results need them."""

    by_member: dict[str, int] = field(default_factory=dict)
    total: int = 0
    undisposed: int = 0

    @classmethod
    def of(cls, folder: Path) -> Comments:
        out = cls()
        for path in iteration_files(folder):
            try:
                cf = read_comment_file(path)
            except CommentError:
                continue  # the comment checks report it
            for comment in cf.comments:
                member = cf.effective_member(comment) or ""
                out.by_member[member] = out.by_member.get(member, 0) + 1
                out.total += 1
                out.undisposed += comment.disposition not in DISPOSITIONS
        return out


@dataclass
class Status:
    """A ballot as ``clause ballot status`` shows it."""

    record: Record
    open: bool
    result: str
    reason: str
    counts: dict[str, int]
    missing: list[str]
    comments: Comments

    def as_json(self) -> dict[str, Any]:
        r = self.record
        return {
            "draft": r.draft, "stage": r.stage, "iteration": r.iteration, "open": self.open,
            "opens": r.opens.isoformat(), "closes": r.closes.isoformat(), "rule": r.rule,
            "votes": {m.id: r.votes[m.id].vote for m in r.roster if m.id in r.votes},
            "missing": self.missing, "counts": self.counts, "result": self.result,
            "reason": self.reason,
        }


def counts_of(record: Record) -> dict[str, int]:
    values = [v.vote for v in record.votes.values()]
    return {"approve": sum(v in APPROVALS for v in values),
            "disapprove": values.count(DISAPPROVE), "abstain": values.count(ABSTAIN)}


def missing_of(record: Record) -> list[str]:
    """The P-members, in roster order, who have not voted."""
    return [m.id for m in record.roster if m.votes and m.id not in record.votes]


def _iso_dis(record: Record, comments: Comments) -> tuple[str, str]:
    voters = {m.id: m for m in record.roster}
    unexplained = sorted(m for m, v in record.votes.items()
                         if v.vote == DISAPPROVE and not comments.by_member.get(m))
    cast = {m: v.vote for m, v in record.votes.items()
            if m in voters and v.vote != ABSTAIN and m not in unexplained}
    p_for = sum(v in APPROVALS for m, v in cast.items() if voters[m].votes)
    p_cast = sum(1 for m in cast if voters[m].votes)
    all_against = sum(v == DISAPPROVE for v in cast.values())
    notes = []
    abstained = sum(v.vote == ABSTAIN for v in record.votes.values())
    if abstained:
        notes.append(f"{abstained} abstention{'s' * (abstained != 1)} not counted")
    if unexplained:
        notes.append(f"disapprovals without comments not counted: {', '.join(unexplained)}")
    tail = "".join(f"; {n}" for n in notes) + f" ({RULES[ISO_DIS].source})"
    if p_cast == 0:
        return NOT_APPROVED, "no P-member cast an approval or a disapproval" + tail
    first = 3 * p_for >= 2 * p_cast
    second = 4 * all_against <= len(cast)
    reason = (f"P-members: {_share(p_for, p_cast)} votes cast approve (two thirds needed); "
              f"disapprovals: {_share(all_against, len(cast))} votes cast (at most one "
              f"quarter)" + tail)
    return (APPROVED if first and second else NOT_APPROVED), reason


def _gb_review(record: Record) -> tuple[str, str]:
    participants = [m.id for m in record.roster if m.votes]
    returned = [m for m in participants if m in record.votes]
    source = f" ({RULES[GB_REVIEW].source})"
    if not participants or 3 * len(returned) < 2 * len(participants):
        return RE_REVIEW, (f"{_share(len(returned), len(participants))} P-members returned a "
                           "vote, fewer than two thirds: the draft is reviewed again" + source)
    approvals = sum(record.votes[m].vote in APPROVALS for m in returned)
    reason = (f"{_share(approvals, len(returned))} returned votes approve (three quarters "
              f"needed); {_share(len(returned), len(participants))} P-members returned a vote"
              + source)
    return (APPROVED if 4 * approvals >= 3 * len(returned) else NOT_APPROVED), reason


def _consensus(comments: Comments) -> tuple[str, str]:
    source = f" ({RULES[CONSENSUS].source})"
    if comments.undisposed:
        return PENDING, (f"{comments.undisposed} of {comments.total} comments have no "
                         "disposition yet" + source)
    if not comments.total:
        return APPROVED, "no comments were made; consensus, no vote threshold" + source
    return APPROVED, f"every comment ({comments.total}) has a disposition" + source


def decide(record: Record, comments: Comments) -> tuple[str, str]:
    """The result of a ballot that has closed (or is closing now), by its rule."""
    if record.rule == ISO_DIS:
        return _iso_dis(record, comments)
    if record.rule == GB_REVIEW:
        return _gb_review(record)
    return _consensus(comments)


def status(record: Record, today: dt.date, closing: bool = False) -> Status:
    """The ballot's status on ``today``; ``closing``: as ``clause ballot close`` decides it."""
    comments = Comments.of(record.path.parent)
    still_open = record.is_open and not closing
    if still_open:
        participants = [m for m in record.roster if m.votes]
        voted = sum(1 for m in participants if m.id in record.votes)
        ended = (f"voting ended on {record.closes}: close it with clause ballot close"
                 if today > record.closes else f"open until {record.closes}")
        result, reason = PENDING, (f"{ended}; {voted} of {len(participants)} P-members "
                                   "have voted")
    elif record.rule != CONSENSUS and record.result is not None and not closing:
        result, reason = record.result, record.reason or ""
    else:
        result, reason = decide(record, comments)
    return Status(record, still_open, result, reason, counts_of(record), missing_of(record),
                  comments)
