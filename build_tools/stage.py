"""The stage gate: advance a draft (WD 2 -> CD 1, or WD 2 -> WD 3) only when it is ready.

Ready means: the draft lints without errors, the comment files of its current iteration
check without errors, and every comment there has a disposition. Then the front-matter's
stage, iteration and date are rewritten in round-trip mode (everything else byte for byte) and
the ``ballot:`` block, which described the ballot of the iteration just left, is removed. With
``tag`` the draft is committed alone and the commit tagged ``<id>-<stage><iteration>``
(``mvs-0001-cd1``; ``mvs-0001-zh-cd1`` for a Chinese version, which shares the id), so the tag
names the text at that stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools import frontmatter, gitio, project
from build_tools.ballot import WorkflowError, current_iteration
from build_tools.comments.repository import check_paths, iteration_dir, iteration_files, today
from build_tools.comments.resolve import iteration_folder, read_draft_file
from build_tools.i18n.stages import ORDER, abbreviation_of, is_valid, next_stage
from build_tools.scaffold import slug


@dataclass
class StageResult:
    path: Path
    old: tuple[str, int]
    new: tuple[str, int]
    blockers: list[str] = field(default_factory=list)
    tag: str | None = None
    advanced: bool = False


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


def blockers(draft_path: Path, stage: str, iteration: int) -> list[str]:
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
            tag: bool = False) -> StageResult:
    """Advance the draft if nothing blocks it; the result lists the blockers otherwise."""
    draft_path = Path(draft_path)
    info = read_draft_file(draft_path)
    stage, iteration = current_iteration(info)
    new = target(stage, iteration, to, iteration_only)
    result = StageResult(draft_path, (stage, iteration), new)
    if tag:
        if not gitio.is_repository(draft_path):
            raise WorkflowError(draft_path, None, "--tag needs git: not a git repository")
        result.tag = tag_name(info.id, info.language, *new)
        if gitio.tag_exists(draft_path, result.tag):
            raise WorkflowError(draft_path, None, f"tag {result.tag} already exists")
    result.blockers = blockers(draft_path, stage, iteration)
    if result.blockers:
        return result
    text = project.read_source(draft_path).decode("utf-8-sig")
    changes = {"stage": new[0], "iteration": new[1], "date": today()}
    remove = ("ballot",) if "ballot" in info.meta else ()
    project.write_atomic(draft_path, frontmatter.update(text, changes, remove))
    result.advanced = True
    if tag and result.tag:
        message = f"{info.id}: {new[0]} {new[1]}"
        commit = gitio.commit_files(draft_path, [draft_path], message)
        gitio.create_tag(draft_path, result.tag, message, commit)
    return result
