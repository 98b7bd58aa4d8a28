"""Ballots: open one on a draft iteration, record the members' votes, close it with a result.

``open_ballot`` balloted the committed text of the draft: in a git repository the draft must
have no uncommitted change, and the record names HEAD as the commit of the balloted text. It
writes the ballot package into ``build/ballots/<stem>-<stage><iteration>/`` (the line-numbered
PDF and its line map, the DOCX, the blank ISO comment template and YAML comment file,
manifest.json with the SHA-256 of each file), then the record ``ballot.yaml`` and the line map
``ballot.lines.json`` into the iteration's comment folder, and commits those two (one commit).
The draft itself is not touched. A run killed half way leaves no committed record, and the
next run opens the ballot without ``--force``; a run that fails puts back what it wrote.

``cast_vote`` and ``close_ballot`` add to the record and commit it; ``close_ballot`` then
writes the disposition of comments report, with the vote table, into the package folder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools import gitio
from build_tools.comments.check import CommentFinding
from build_tools.comments.collate import collate, write_collated
from build_tools.comments.locate import (
    DraftFile,
    iteration_dir,
    iteration_files,
    iteration_folder,
    read_draft_file,
)
from build_tools.comments.stats import disposition_report, statistics, table
from build_tools.project import UnsafePath, path_segment, root_or_here, today, write_atomic

from .checks import check_paths
from .commit import Saved, save
from .errors import WorkflowError
from .record import (
    DISAPPROVE,
    LINES_NAME,
    VOTES,
    Record,
    Vote,
    new_record_text,
    normalize_vote,
    read_record,
    record_path,
    sha256_bytes,
    sha256_file,
    updated_text,
)
from .results import RULES, Status, default_rule, status
from .roster import load_roster

# C0 and C1 control characters: none belongs in an id or a title, and XML (the DOCX, the
# comment template) cannot hold most of them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def ballot_dir(root: Path, stem: str, stage: str, iteration: int) -> Path:
    """Where the ballot package is written (a build output, not committed)."""
    return root / "build" / "ballots" / f"{stem}-{iteration_folder(stage, iteration)}"


def current_iteration(info: DraftFile) -> tuple[str, int]:
    if info.stage is None or info.iteration is None:
        raise WorkflowError(info.path, 1, "the front-matter needs a stage and an integer iteration")
    try:
        path_segment(info.stage, "stage")  # it names the iteration's folders
    except UnsafePath as exc:
        raise WorkflowError(info.path, info.meta_lines.get("stage", 1), str(exc)) from None
    return info.stage, info.iteration


def title_of(info: DraftFile) -> str:
    title = info.meta.get("title")
    if isinstance(title, dict):
        title = title.get(info.language) or next(iter(title.values()), "")
    return str(title or info.id)


def document_label(info: DraftFile, stage: str, iteration: int) -> str:
    """The template's "Document:" field: "MVS 0001 WD 2"."""
    return f"{info.id} {stage} {iteration}"


def rules_of(info: DraftFile) -> str:
    rules = info.meta.get("rules")
    return str(rules) if rules in ("iso", "gb") else ("gb" if info.language == "zh" else "iso")


def _check_text_fields(info: DraftFile) -> None:
    """The fields written into the package are single lines of text."""
    for key in ("id", "title", "committee"):
        value = info.meta.get(key)
        items = value.items() if isinstance(value, dict) else [("", value)]
        for lang, text in items:
            found = _CONTROL.search(str(text)) if text is not None else None
            if found is None:
                continue
            name = f"{key}.{lang}" if lang else key
            line = info.meta_lines.get(name, info.meta_lines.get(key, 1))
            raise WorkflowError(info.path, line, f"{name} contains the control character "
                                f"U+{ord(found.group()):04X}; remove it (the ballot PDF, DOCX and "
                                "comment template cannot show it)")


BLANK_YAML = """\
# Comments of one member on {document}. Fill in member and one entry per comment, then
# return this file (or the DOCX template beside it) to the secretariat.
document: {id}
stage: {stage}
iteration: {iteration}
member: ""                         # your member code, e.g. CN-CESI
comments: []
#  - line: 112                     # line number in {pdf} (optional)
#    clause: "3.4"                 # clause, subclause or term number, or General
#    element: Note 1 to entry      # paragraph / figure / table / note (optional)
#    type: te                      # ge (general) | te (technical) | ed (editorial)
#    comment: The definition omits persistence.
#    proposed_change: Add "persistent" before "integrative".
"""


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


@dataclass
class BallotPackage:
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)  # pdf, lines, docx, template, yaml
    manifest: Path | None = None


def _write_package(info: DraftFile, folder: Path, stage: str, iteration: int,
                   opens: dt.date, closes: dt.date, progress: Any) -> BallotPackage:
    from build_tools.comments.docx_writer import write_docx
    from build_tools.export import export_drafts

    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = export_drafts([info.path], folder, ("pdf", "docx"), ballot=True,
                               progress=progress)[0]
    package = BallotPackage(folder, dict(result.outputs))
    stem = info.path.stem
    document = document_label(info, stage, iteration)
    package.files["template"] = write_docx(
        [], folder / f"{stem}-comments.docx", document=document, project=title_of(info),
        date=opens, stage=stage, iteration=iteration)
    pdf = result.outputs.get("pdf")
    package.files["yaml"] = write_atomic(folder / f"{stem}-comments.yaml", BLANK_YAML.format(
        document=document, id=_yaml_string(info.id), stage=_yaml_string(stage),
        iteration=iteration, pdf=pdf.name if pdf else "the ballot PDF"))
    manifest = {
        "document": info.id, "title": title_of(info), "stage": stage, "iteration": iteration,
        "opens": opens.isoformat(), "closes": closes.isoformat(),
        "draft": {"path": _shown(info.path), "sha256": sha256_file(info.path)},
        "files": [{"name": path.name, "role": role, "sha256": sha256_file(path),
                   "bytes": path.stat().st_size}
                  for role, path in sorted(package.files.items(), key=lambda kv: kv[1].name)],
    }
    package.manifest = write_atomic(folder / "manifest.json",
                                    json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return package


def _shown(path: Path) -> str:
    root = root_or_here(path)
    source = path.resolve()
    return source.relative_to(root).as_posix() if source.is_relative_to(root) else str(path)


@dataclass
class Opened:
    record: Record
    package: BallotPackage
    saved: Saved
    repaired: bool = False  # an earlier open was interrupted before its commit


def open_ballot(draft_path: Path, closes: dt.date, opens: dt.date | None = None,
                rule: str | None = None, out: Path | None = None, force: bool = False,
                progress: Any = None) -> Opened:
    """Open a ballot on the draft's current iteration (see the module docs)."""
    draft_path = Path(draft_path)
    info = read_draft_file(draft_path)
    stage, iteration = current_iteration(info)
    _check_text_fields(info)
    opens = opens or today()
    if closes <= opens:
        raise WorkflowError(None, None, f"the ballot closes ({closes}) before it opens ({opens})")
    rule = rule or default_rule(stage, rules_of(info))
    if rule not in RULES:
        raise WorkflowError(None, None, f"unknown result rule {rule!r} (rules: "
                            f"{', '.join(RULES)})")
    root = root_or_here(draft_path)
    roster = load_roster(root)
    path = record_path(root, draft_path.stem, stage, iteration)
    in_git = gitio.is_repository(root)
    label = document_label(info, stage, iteration)
    # A record is final once committed (outside git: once written, which is the last step).
    # One that is not was left by an open that was killed or failed: this run replaces it.
    interrupted = path.exists() and in_git and not gitio.is_committed(path)
    if path.exists() and not interrupted:
        try:
            existing = read_record(path)
        except WorkflowError:
            if not force:
                raise
            existing = None
        if existing is not None and existing.closed is not None:
            raise WorkflowError(path, None, f"the ballot on {label} closed on {existing.closed}; "
                                "a new ballot goes with the next iteration (clause stage)")
        if not force:
            dates = f" (opened {existing.opens}, closes {existing.closes})" if existing else ""
            raise WorkflowError(path, None, f"a ballot on {label} is already recorded{dates}; "
                                "use --force to open it again")
    commit = None
    if in_git:
        if not gitio.is_committed(draft_path):
            raise WorkflowError(draft_path, None, "the draft is not committed as it stands (it "
                                "has uncommitted changes, or is new): commit the text to ballot "
                                "first (the ballot record names the commit of the balloted text)")
        commit = gitio.head_commit(root)
    text_sha = sha256_file(draft_path)
    folder = Path(out) if out is not None else ballot_dir(root, draft_path.stem, stage, iteration)
    package = _write_package(info, folder, stage, iteration, opens, closes, progress)
    if sha256_file(draft_path) != text_sha:
        raise WorkflowError(draft_path, None, "the draft changed while the package was made; "
                            "open the ballot again")
    record = Record(path, info.id, _shown(draft_path), stage, iteration, commit, text_sha,
                    opens, closes, rule, list(roster.members))
    writes: dict[Path, str | bytes] = {}
    if (pdf := package.files.get("pdf")) is not None:
        record.pdf_sha256 = sha256_file(pdf)
    if (lines := package.files.get("lines")) is not None:
        data = lines.read_bytes()
        record.lines_sha256 = sha256_bytes(data)
        writes[path.with_name(LINES_NAME)] = data
    writes[path] = new_record_text(record)  # last: a written record is a finished open
    message = f"Ballot {label} opened: closes {closes}, rule {rule}"
    saved = save(root, message, writes)
    return Opened(record, package, saved, repaired=interrupted)


def current_record(draft_path: Path, stage: str | None = None,
                   iteration: int | None = None) -> tuple[DraftFile, Record]:
    """The draft and the ballot record of its current iteration (or of ``stage``
    ``iteration``); WorkflowError when no ballot is recorded there."""
    info = read_draft_file(Path(draft_path))
    if stage is None or iteration is None:
        now = current_iteration(info)
        stage, iteration = stage or now[0], iteration or now[1]
    root = root_or_here(info.path)
    path = record_path(root, info.path.stem, stage, iteration)
    record = read_record(path)
    if record is None:
        raise WorkflowError(path, None, f"no ballot is recorded on {info.id} {stage} "
                            f"{iteration}: open one with clause ballot open")
    return info, record


def ballot_status(draft_path: Path, stage: str | None = None,
                  iteration: int | None = None) -> Status:
    _, record = current_record(draft_path, stage, iteration)
    return status(record, today())


@dataclass
class Voted:
    record: Record
    member: str
    vote: str
    previous: str | None
    saved: Saved | None  # None: the same vote was already recorded
    warnings: list[str] = field(default_factory=list)


def cast_vote(draft_path: Path, member: str, vote: str, date: dt.date | None = None) -> Voted:
    """Record ``member``'s vote on the open ballot of the draft's current iteration."""
    _, record = current_record(draft_path)
    return record_vote(record, member, vote, date)


def record_vote(record: Record, member: str, vote: str, date: dt.date | None = None,
                written: dict[Path, bytes | None] | None = None, source: str = "") -> Voted:
    """Record a vote in ``record`` and commit it, with the files the caller ``written``."""
    value = normalize_vote(vote)
    if value is None:
        raise WorkflowError(None, None, f"{vote!r} is not a vote: {', '.join(VOTES)} (or "
                            "同意, 不同意, 弃权)")
    if not record.is_open:
        raise WorkflowError(record.path, None, f"the ballot on {record.label} closed on "
                            f"{record.closed}: no vote can be added")
    if record.member(member) is None:
        close = [m.id for m in record.roster if m.id.casefold() == member.casefold()]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise WorkflowError(record.path, None, f"{member} is not on the roster of the ballot on "
                            f"{record.label}{hint}; members: "
                            f"{', '.join(m.id for m in record.roster)}")
    date = date or today()
    if date < record.opens:
        raise WorkflowError(record.path, None, f"the ballot on {record.label} opens on "
                            f"{record.opens}; a vote dated {date} is before it")
    if date > record.closes:
        raise WorkflowError(record.path, None, f"the ballot on {record.label} closed for votes "
                            f"on {record.closes}; a vote cast on {date} is not counted")
    previous = record.votes.get(member)
    voted = Voted(record, member, value, previous.vote if previous else None, None)
    if value == DISAPPROVE and not _has_comments(record, member):
        voted.warnings.append(
            f"{member} disapproves without comments: a disapproval needs its technical reasons "
            "(ISO/IEC Directives, Part 1, 2.6.3)"
            + ("; until they arrive, the iso-dis rule does not count it"
               if record.rule == "iso-dis" else ""))
    if previous is not None and previous.vote == value and not written:
        return voted
    text = updated_text(record.path, {}, {member: Vote(value, date)})
    change = f" (was {previous.vote})" if previous and previous.vote != value else ""
    message = f"Ballot {record.label}: {member} votes {value}{change}{source}"
    voted.saved = save(root_or_here(record.path), message, {record.path: text}, written=written)
    record.votes[member] = Vote(value, date)
    return voted


def _has_comments(record: Record, member: str) -> bool:
    from .results import Comments

    return Comments.of(record.path.parent).by_member.get(member, 0) > 0


@dataclass
class Closed:
    record: Record
    status: Status
    saved: Saved | None  # None: it had closed before; only the report was written again
    files: dict[str, Path]
    findings: list[CommentFinding]
    stats: dict[str, Any]
    notes: list[str]


def close_ballot(draft_path: Path, early: str | None = None, out: Path | None = None,
                 fmt: str = "docx", comments: Path | None = None) -> Closed:
    """Close the ballot of the draft's current iteration: refused before its closing date
    unless ``early`` gives the reason; the result, the counts and the close date go into the
    record (committed). Then the disposition of comments report is written."""
    if fmt not in ("docx", "xlsx"):
        raise WorkflowError(None, None, f"the table is written as docx or xlsx, not {fmt!r}")
    info, record = current_record(draft_path)
    root = root_or_here(info.path)
    notes: list[str] = []
    saved = None
    now = today()
    if record.closed is not None:
        notes.append(f"the ballot closed on {record.closed} ({record.result}); the disposition "
                     "report is written again")
        result = status(record, now)
    else:
        if now < record.closes and early is None:
            raise WorkflowError(record.path, None, f"the ballot on {record.label} closes on "
                                f"{record.closes}; to close it before, give --early --reason TEXT")
        if early is not None and not early.strip():
            raise WorkflowError(None, None, "--early needs --reason: say why the ballot closes "
                                "before its date")
        result = status(record, now, closing=True)
        changes: dict[str, Any] = {"closed": now}
        if now < record.closes and early is not None:
            changes["early"] = early.strip()
        changes.update(result=result.result, reason=result.reason, counts=result.counts)
        text = updated_text(record.path, changes)
        saved = save(root, f"Ballot {record.label} closed: {result.result}", {record.path: text})
        record = read_record(record.path) or record
        result = status(record, now)
    files, findings, stats = _write_report(info, record, result, root, out, fmt, comments, notes)
    return Closed(record, result, saved, files, findings, stats, notes)


def vote_section(result: Status) -> str:
    """The ballot's votes for the disposition report: who voted what, who did not, result."""
    r = result.record
    rows = [[m.id, m.display_name(), m.status,
             r.votes[m.id].vote if m.id in r.votes else "(no vote)",
             r.votes[m.id].date or "" if m.id in r.votes else ""] for m in r.roster]
    closed = f", closed {r.closed}" + (f" early: {r.early}" if r.early else "") if r.closed else ""
    lines = ["## Votes", "",
             f"Ballot {r.opens} to {r.closes}{closed}; rule {r.rule} "
             f"({RULES[r.rule].source if r.rule in RULES else 'unknown rule'}).", "",
             *table(["Member", "Name", "Status", "Vote", "Date"], rows),
             f"Result: {result.result}. {result.reason}", ""]
    if result.missing:
        lines += [f"Not voted: {', '.join(result.missing)}.", ""]
    return "\n".join(lines)


def _write_report(info: DraftFile, record: Record, result: Status, root: Path, out: Path | None,
                  fmt: str, comments: Path | None,
                  notes: list[str]) -> tuple[dict[str, Path], list[CommentFinding], dict]:
    stage, iteration = record.stage, record.iteration
    folder = Path(out) if out is not None else ballot_dir(root, info.path.stem, stage, iteration)
    source = iteration_dir(root, info.path, stage, iteration, comments)
    paths = iteration_files(source)
    if not paths:
        notes.append(f"no comment files in {source}")
    files, findings = check_paths(root, paths) if paths else ([], [])
    collated = collate(files, info.id, stage, iteration)
    document = document_label(info, stage, iteration)
    date = today()
    stem = info.path.stem
    report = disposition_report(collated, document=document, project=title_of(info),
                                date=date.isoformat(),
                                ballot={"opens": record.opens, "closes": record.closes},
                                sections=[vote_section(result)])
    folder.mkdir(parents=True, exist_ok=True)
    written = {"report": write_atomic(folder / f"{stem}-disposition.md", report)}
    written["table"] = write_collated(collated, folder / f"{stem}-disposition.{fmt}",
                                      document=document, project=title_of(info), date=date,
                                      stage=stage, iteration=iteration)
    return written, findings, statistics(collated)
