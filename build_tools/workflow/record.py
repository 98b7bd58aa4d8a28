"""The ballot record: ``comments/<draft stem>/<stage><iteration>/ballot.yaml``.

``clause ballot open`` writes it, ``clause ballot vote``, ``clause ballot close`` and ``clause
stage --force`` add to it, and in a git repository each of them commits it (one commit each,
its message naming the ballot). Beside it, ``ballot.lines.json`` is the line map of the ballot
PDF, committed with it: the comments of the ballot are checked against that map and the text
at the recorded commit, never against later edits. The format is documented in
docs/FORMAT.md ("Ballot records")::

    draft: MVS 0002                # the draft's id
    file: drafts/mvs-0002-reference-architecture.md
    stage: CD
    iteration: 1
    commit: 5d8dd57…               # the commit of the balloted text (null outside git)
    text_sha256: 9f2c…             # of the draft file at that commit
    opens: 2026-12-01
    closes: 2027-01-31
    rule: consensus                # iso-dis | gb-review | consensus (workflow.results)
    pdf_sha256: …                  # the ballot PDF (build/ballots/…)
    lines_sha256: …                # ballot.lines.json, beside this file
    roster:                        # the roster as it stood when the ballot opened
      - {id: CN-CESI, name: China Electronics Standardization Institute, status: P}
    votes:
      CN-CESI: {vote: approve, date: 2026-12-10}
    # clause ballot close adds closed, early (the reason of an early close), result, reason
    # and counts; clause stage --force adds an entry to overrides.

Reading is safe (no YAML tag, no alias) and reports a broken record as a `WorkflowError` with
its line; writing goes through ruamel.yaml's round trip, so comments a secretariat adds to the
file survive every later write. This module is the format only: it writes nothing itself
(see `workflow.commit`) and is what the site reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from build_tools import frontmatter
from build_tools.comments.locate import iteration_folder
from build_tools.comments.yaml_read import round_trip_yaml

from .errors import WorkflowError
from .roster import STATUSES, Member

RECORD_NAME = "ballot.yaml"
LINES_NAME = "ballot.lines.json"
APPROVE, APPROVE_WITH_COMMENTS = "approve", "approve-with-comments"
DISAPPROVE, ABSTAIN = "disapprove", "abstain"
VOTES = (APPROVE, APPROVE_WITH_COMMENTS, DISAPPROVE, ABSTAIN)
PENDING, APPROVED, NOT_APPROVED, RE_REVIEW = "pending", "approved", "not-approved", "re-review"
RESULTS = (PENDING, APPROVED, NOT_APPROVED, RE_REVIEW)
MAX_BYTES = 2 * 1024 * 1024

# The words members write on a vote form or an IEEE export, and the Chinese 投票单's.
_VOTE_WORDS = {
    APPROVE: ("approve", "approved", "approval", "yes", "for", "accept", "同意", "赞成", "通过"),
    APPROVE_WITH_COMMENTS: ("approve with comments", "approve-with-comments",
                            "approval with comments", "approve with comment",
                            "yes with comments", "同意但有意见", "同意(有意见)", "有意见同意"),
    DISAPPROVE: ("disapprove", "disapproved", "disapproval", "disapprove with comments",
                 "no", "against", "negative", "reject", "不同意", "反对"),
    ABSTAIN: ("abstain", "abstained", "abstention", "弃权"),
}
_VOTE_LOOKUP = {word: vote for vote, words in _VOTE_WORDS.items() for word in words}


def normalize_vote(value: object) -> str | None:
    """approve | approve-with-comments | disapprove | abstain for what a member wrote
    ("Approve", "approve_with_comments", 同意, 不同意, 弃权), or None."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).casefold().strip().rstrip(".。")
    text = re.sub(r"\s+", " ", text.replace("_", " "))
    for candidate in (text, text.replace("-", " "), text.replace(" ", "")):
        if candidate in _VOTE_LOOKUP:
            return _VOTE_LOOKUP[candidate]
    return None


def record_path(root: Path, stem: str, stage: str, iteration: int) -> Path:
    return Path(root) / "comments" / stem / iteration_folder(stage, iteration) / RECORD_NAME


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Vote:
    vote: str
    date: dt.date | None = None


@dataclass
class Record:
    """One ballot, as its record says."""

    path: Path
    draft: str
    file: str
    stage: str
    iteration: int
    commit: str | None
    text_sha256: str
    opens: dt.date
    closes: dt.date
    rule: str
    roster: list[Member]
    pdf_sha256: str | None = None
    lines_sha256: str | None = None
    votes: dict[str, Vote] = field(default_factory=dict)
    closed: dt.date | None = None
    early: str | None = None
    result: str | None = None
    reason: str | None = None
    counts: dict[str, int] | None = None
    overrides: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.closed is None

    @property
    def label(self) -> str:
        """"MVS 0002 CD 1"."""
        return f"{self.draft} {self.stage} {self.iteration}"

    @property
    def lines_path(self) -> Path:
        return self.path.with_name(LINES_NAME)

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.roster if m.id == member_id), None)


# --- reading ----------------------------------------------------------------------------------


def _require(data: dict[str, Any], lines: dict[str, int], path: Path, key: str,
             kind: type | tuple[type, ...], what: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        state = "is missing" if key not in data else f"must be {what}"
        raise WorkflowError(path, lines.get(key, 1), f"ballot record: {key} {state}")
    return value


def _date(data: dict[str, Any], lines: dict[str, int], path: Path, key: str) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dt.date):
        raise WorkflowError(path, lines.get(key, 1), f"ballot record: {key} must be a date "
                            "(YYYY-MM-DD)")
    return value


def parse_record(text: str, path: Path) -> Record:
    """The record in ``text`` (the content of ``path``); WorkflowError naming the line of what
    is wrong, for a record edited by hand into something the workflow cannot use."""
    fm = frontmatter.read_yaml(text, "the ballot record")
    if fm.problems:
        raise WorkflowError(path, fm.problems[0].line, fm.problems[0].message)
    data, lines = fm.data, fm.lines
    req = lambda key, kind, what: _require(data, lines, path, key, kind, what)  # noqa: E731
    roster: list[Member] = []
    for index, entry in enumerate(req("roster", list, "a list of members")):
        where = f"roster[{index}]"
        if (not isinstance(entry, dict) or not isinstance(entry.get("id"), str)
                or entry.get("status") not in STATUSES):
            raise WorkflowError(path, lines.get(where, 1), "ballot record: each roster entry "
                                "has an id, a name and a status P or O")
        roster.append(Member(entry["id"], entry.get("name") or entry["id"], entry["status"],
                             lines.get(where, 1)))
    votes: dict[str, Vote] = {}
    raw_votes = data.get("votes") or {}
    if not isinstance(raw_votes, dict):
        raise WorkflowError(path, lines.get("votes", 1), "ballot record: votes must map member "
                            "ids to {vote, date}")
    for member, entry in raw_votes.items():
        line = lines.get(f"votes.{member}", 1)
        value = entry.get("vote") if isinstance(entry, dict) else entry
        if value not in VOTES:
            raise WorkflowError(path, line, f"ballot record: the vote of {member} is "
                                f"{value!r}, not one of {', '.join(VOTES)}")
        date = entry.get("date") if isinstance(entry, dict) else None
        votes[str(member)] = Vote(value, date if isinstance(date, dt.date) else None)
    rule = req("rule", str, "a rule name")
    result = data.get("result")
    if result is not None and result not in RESULTS:
        raise WorkflowError(path, lines.get("result", 1), f"ballot record: result {result!r} "
                            f"is not one of {', '.join(RESULTS)}")
    counts = data.get("counts")
    commit = data.get("commit")
    opens = _date(data, lines, path, "opens")
    closes = _date(data, lines, path, "closes")
    if opens is None or closes is None:
        raise WorkflowError(path, lines.get("opens" if opens is None else "closes", 1),
                            "ballot record: opens and closes are dates (YYYY-MM-DD)")
    return Record(
        path=path,
        draft=str(req("draft", (str, int), "the draft's id")),
        file=req("file", str, "the draft's path"),
        stage=req("stage", str, "a stage (quote a code such as \"30.20\")"),
        iteration=req("iteration", int, "a whole number"),
        commit=commit if isinstance(commit, str) and commit else None,
        text_sha256=req("text_sha256", str, "a SHA-256"),
        opens=opens,
        closes=closes,
        rule=rule,
        roster=roster,
        pdf_sha256=data.get("pdf_sha256") if isinstance(data.get("pdf_sha256"), str) else None,
        lines_sha256=(data.get("lines_sha256") if isinstance(data.get("lines_sha256"), str)
                      else None),
        votes=votes,
        closed=_date(data, lines, path, "closed"),
        early=data.get("early") if isinstance(data.get("early"), str) else None,
        result=result,
        reason=data.get("reason") if isinstance(data.get("reason"), str) else None,
        counts={str(k): int(v) for k, v in counts.items() if isinstance(v, int)}
        if isinstance(counts, dict) else None,
        overrides=[o for o in data.get("overrides") or [] if isinstance(o, dict)],
    )


def read_record(path: Path) -> Record | None:
    """The record at ``path``, or None when there is none; WorkflowError when it is broken."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise WorkflowError(path, None, "the ballot record is larger than 2 MB")
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise WorkflowError(path, None, f"the ballot record is not UTF-8 (byte {exc.start})") \
            from None
    except OSError as exc:
        raise WorkflowError(path, None, f"cannot read the ballot record: {exc.strerror or exc}") \
            from None
    return parse_record(text, path)


def records_of(root: Path, stem: str,
               broken: Callable[[WorkflowError], None] | None = None) -> list[Record]:
    """Every readable ballot record of the draft file ``stem``, oldest ballot first; each one
    that cannot be read goes to ``broken`` (default: it is skipped)."""
    folder = Path(root) / "comments" / stem
    found = []
    for path in sorted(folder.glob(f"*/{RECORD_NAME}")) if folder.is_dir() else []:
        try:
            record = read_record(path)
        except WorkflowError as exc:
            if broken is not None:
                broken(exc)
            continue
        if record is not None:
            found.append(record)
    return sorted(found, key=lambda r: (r.opens, r.iteration))


# --- writing ----------------------------------------------------------------------------------

HEADER = """\
Ballot record of {label}, kept by clause ballot (open, vote, close) and clause stage;
see docs/FORMAT.md, "Ballot records". Change it through those commands: each change is a
commit. Comments added to this file are kept.
"""


def _flow(mapping: dict[str, Any]) -> CommentedMap:
    out = CommentedMap(mapping)
    out.fa.set_flow_style()
    return out


def _vote_entry(vote: Vote) -> CommentedMap:
    entry = {"vote": vote.vote}
    if vote.date is not None:
        entry["date"] = vote.date
    return _flow(entry)


def new_record_text(record: Record) -> str:
    """The text of a new record (``clause ballot open``)."""
    data = CommentedMap()
    data.yaml_set_start_comment(HEADER.format(label=record.label))
    for key in ("draft", "file", "stage", "iteration", "commit", "text_sha256", "opens",
                "closes", "rule", "pdf_sha256", "lines_sha256"):
        data[key] = getattr(record, key)
    data.yaml_set_comment_before_after_key(
        "commit", before="the commit of the balloted text (null outside git), and the SHA-256 "
        "of the draft file at that commit")
    data.yaml_set_comment_before_after_key(
        "pdf_sha256", before=f"the SHA-256 of the ballot PDF and of {LINES_NAME}, its line map "
        "beside this file")
    roster = CommentedSeq(_flow(m.as_record()) for m in record.roster)
    data["roster"] = roster
    data.yaml_set_comment_before_after_key("roster", before="the roster as it stood when the "
                                           "ballot opened")
    data["votes"] = CommentedMap((k, _vote_entry(v)) for k, v in record.votes.items())
    return _dump(data)


def _dump(data: CommentedMap) -> str:
    out = io.StringIO()
    yaml = round_trip_yaml()
    yaml.width = 4096  # one member, one vote per line
    yaml.dump(data, out)
    return out.getvalue()


def updated_text(path: Path, changes: dict[str, Any], votes: dict[str, Vote] | None = None,
                 override: dict[str, Any] | None = None) -> str:
    """The record at ``path`` with top-level keys set (None removes one), votes set, and an
    override appended; everything else, comments included, as it was."""
    try:
        data = round_trip_yaml().load(path.read_text(encoding="utf-8-sig"))
    except Exception as exc:  # noqa: BLE001 - parse_record reported anything a user can fix
        raise WorkflowError(path, None, f"cannot rewrite the ballot record: {exc}") from None
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = _flow(value) if isinstance(value, dict) else value
    if votes:
        if not isinstance(data.get("votes"), dict):
            data["votes"] = CommentedMap()
        for member, vote in votes.items():
            data["votes"][member] = _vote_entry(vote)
    if override is not None:
        if not isinstance(data.get("overrides"), list):
            data["overrides"] = CommentedSeq()
        data["overrides"].append(_flow(override))
    return _dump(data)
