"""The stage gate: advance a draft (WD 2 -> CD 1, or WD 2 -> WD 3) only when it is ready.

Ready means: the draft lints without errors, the comment files of its current iteration check
without errors, every comment there has a disposition, and, when that iteration was balloted,
its ballot is closed and, to leave the stage, its result is "approved" (a ballot that did not
pass leads to the next iteration of the same stage, ``--iteration-only``). ``--force`` with a
reason overrides what blocks; the reason goes into the ballot record and the commit message.

Then the front-matter's stage, iteration and date are rewritten in round-trip mode (everything
else byte for byte), and the dates an older draft kept in its ``ballot:`` block are removed (its
``line_numbering`` stays: it says how every ballot PDF of the draft numbers lines). In a git repository the draft and the iteration's comment folder (its
ballot record and the members' files) are committed together; with ``tag`` the commit is
tagged ``<id>-<stage><iteration>`` (``mvs-0001-cd1``; ``mvs-0001-zh-cd1`` for a Chinese
version, which shares the id), so the tag names the text at that stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools import frontmatter, gitio, project
from build_tools.comments.locate import (
    iteration_dir,
    iteration_files,
    iteration_folder,
    read_draft_file,
)
from build_tools.i18n.stages import ORDER, abbreviation_of, is_valid, next_stage
from build_tools.scaffold import slug

from .ballot import current_iteration
from .checks import check_paths
from .commit import Saved, save
from .errors import WorkflowError
from .record import APPROVED, Record, read_record, record_path, updated_text
from .results import CONSENSUS, status


@dataclass
class StageResult:
    path: Path
    old: tuple[str, int]
    new: tuple[str, int]
    blockers: list[str] = field(default_factory=list)
    tag: str | None = None
    advanced: bool = False
    forced: bool = False  # advanced over blockers, with a reason
    ballot: Record | None = None
    saved: Saved | None = None


def _rank(stage: str) -> int:
    abbr = abbreviation_of(stage)
    return ORDER.index(abbr) if abbr in ORDER else -1


def target(stage: str, iteration: int, to: str | None, iteration_only: bool) -> tuple[str, int]:
    """The stage and iteration after this one; WorkflowError for a step that is not forward."""
    if iteration_only:
        if to is not None:
            raise WorkflowError(None, None, "give either --to or --iteration-only, not both")
        return stage, iteration + 1
    if to is None:
        following = next_stage(stage)
        if following is None:
            raise WorkflowError(None, None, f"{stage} is the last stage")
        return following, 1
    wanted = to.strip().upper() if not to.strip()[:1].isdigit() else to.strip()
    if not is_valid(wanted):
        raise WorkflowError(None, None, f"--to {to!r} is not a stage (PWI NP AWI WD CD DIS "
                            "FDIS PRF IS, or a code such as 30.20)")
    if _rank(wanted) <= _rank(stage):
        raise WorkflowError(None, None, f"{wanted} does not come after {stage}; use "
                            "--iteration-only for the next iteration of the same stage")
    return wanted, 1


def tag_name(draft_id: str, language: str, stage: str, iteration: int) -> str:
    lang = "-zh" if language == "zh" else ""
    return f"{slug(draft_id)}{lang}-{iteration_folder(stage, iteration).lower()}"


def _ballot_dates(block: object) -> tuple[str, ...]:
    """The front-matter keys that described the ballot just left (older drafts kept its dates
    there): the whole ``ballot:`` block, unless it also says how to number lines."""
    if not isinstance(block, dict):
        return ("ballot",) if block is not None else ()
    if set(block) <= {"opens", "closes"}:
        return ("ballot",)
    return tuple(f"ballot.{key}" for key in ("opens", "closes") if key in block)


def ballot_blockers(record: Record, same_stage: bool) -> list[str]:
    """What the ballot of the iteration says against leaving it."""
    if record.is_open:
        return [f"{record.path}: the ballot on {record.label} is open until {record.closes}: "
                "close it first (clause ballot close)"]
    if record.rule == CONSENSUS or same_stage:
        return []  # consensus: the comments without disposition are listed already
    result = status(record, project.today())
    if result.result == APPROVED:
        return []
    return [f"{record.path}: the ballot on {record.label} is {result.result}: {result.reason}; "
            f"the next {record.stage} goes with --iteration-only"]


def blockers(draft_path: Path, stage: str, iteration: int,
             same_stage: bool = False) -> list[str]:
    """What keeps the draft from leaving ``stage`` ``iteration``, one line each."""
    from build_tools.lint import engine

    out: list[str] = []
    try:
        settings = project.load(draft_path)
    except project.ConfigError as exc:
        raise WorkflowError(None, None, str(exc)) from None
    try:
        rules = engine.active_rules(settings.select, settings.ignore, settings.severity)
    except engine.UsageError as exc:
        raise WorkflowError(settings.pyproject, None, str(exc)) from None
    findings, _ = engine.lint_paths([draft_path], rules, settings.root, jobs=1)
    out += [f"{f.file}:{f.line}: lint {f.rule} {f.message}" for f in findings
            if f.severity == "error"]
    root = settings.root
    record = read_record(record_path(root, draft_path.stem, stage, iteration))
    if record is not None:
        out += ballot_blockers(record, same_stage)
    paths = iteration_files(iteration_dir(root, draft_path, stage, iteration))
    if not paths:
        return out
    files, comment_findings = check_paths(root, paths)
    out += [f"{f.path}:{f.line or 1}: {f.rule} {f.message}" for f in comment_findings
            if f.severity == "error"]
    for cf in files:
        for comment in cf.comments:
            if comment.disposition is None:
                name = comment.id or f"on line {comment.yaml_line}"
                out.append(f"{cf.path}:{comment.yaml_line or 1}: comment {name} has no "
                           "disposition")
    return out


def advance(draft_path: Path, to: str | None = None, iteration_only: bool = False,
            tag: bool = False, force: str | None = None) -> StageResult:
    """Advance the draft if nothing blocks it (or, with ``force`` = the reason, over what
    blocks it); the result lists the blockers otherwise."""
    draft_path = Path(draft_path)
    info = read_draft_file(draft_path)
    stage, iteration = current_iteration(info)
    new = target(stage, iteration, to, iteration_only)
    result = StageResult(draft_path, (stage, iteration), new)
    if force is not None and not force.strip():
        raise WorkflowError(None, None, "--force needs --reason: say why the gate is overridden")
    root = project.root_or_here(draft_path)
    if tag:
        if not gitio.is_repository(draft_path):
            raise WorkflowError(draft_path, None, "--tag needs git: not a git repository")
        result.tag = tag_name(info.id, info.language, *new)
        if gitio.tag_exists(draft_path, result.tag):
            raise WorkflowError(draft_path, None, f"tag {result.tag} already exists")
    result.blockers = blockers(draft_path, stage, iteration, same_stage=new[0] == stage)
    if result.blockers and force is None:
        return result
    result.forced = bool(result.blockers)
    result.ballot = read_record(record_path(root, draft_path.stem, stage, iteration))
    text = project.read_source(draft_path).decode("utf-8-sig")
    changes = {"stage": new[0], "iteration": new[1], "date": project.today()}
    remove = _ballot_dates(info.meta.get("ballot"))
    writes: dict[Path, str | bytes] = {
        draft_path: frontmatter.update(text, changes, remove)}
    message = f"{info.id}: {stage} {iteration} -> {new[0]} {new[1]}"
    if result.ballot is not None:
        outcome = status(result.ballot, project.today())
        message += f" (ballot {outcome.result})"
    if result.forced and force is not None:
        message += f"; gate overridden: {force.strip()}"
        if result.ballot is not None:
            writes[result.ballot.path] = updated_text(result.ballot.path, {}, override={
                "date": project.today(), "to": f"{new[0]} {new[1]}", "reason": force.strip(),
                "blockers": len(result.blockers)})
    folder = iteration_dir(root, draft_path, stage, iteration)
    result.saved = save(root, message, writes, include=[folder] if folder.is_dir() else [])
    result.advanced = True
    if result.tag and result.saved.commit:
        gitio.create_tag(draft_path, result.tag, message, result.saved.commit)
    return result
