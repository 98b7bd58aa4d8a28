"""``clause comments import`` in a repository: a member's table into its YAML file, checked
against the balloted text, with the member's vote when the form has a vote column.

- A row without a member code is an error naming the row; nothing is written then.
- A comment that cites a clause or a line the balloted text does not have is reported with its
  member and row (it is imported as the member wrote it: the secretariat answers it with a
  disposition, and then it no longer blocks ``clause stage``).
- A vote column (IEEE "Vote", 表决意见) gives the member's vote: recorded in the open ballot of
  that iteration and committed with the member's comment file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.comments.check import reference_problems
from build_tools.comments.importers import ImportResult, import_comments
from build_tools.comments.locate import DraftFile, iteration_folder
from build_tools.comments.yamlio import MergeResult, merge_comments
from build_tools.project import UnsafePath, path_segment

from .ballot import Voted, record_vote
from .balloted import DraftResolver
from .commit import snapshot
from .errors import WorkflowError
from .record import normalize_vote, read_record, record_path

Problem = tuple[int | None, str]
NOT_THERE = ("CMT-010", "CMT-011", "CMT-016")  # a clause or a line the balloted text lacks


@dataclass
class Imported:
    result: ImportResult
    target: Path
    merged: MergeResult | None = None
    problems: list[Problem] = field(default_factory=list)  # rows to look at (exit 1)
    vote: Voted | None = None
    notes: list[str] = field(default_factory=list)


def _vote_of(result: ImportResult, member: str, problems: list[Problem]) -> str | None:
    """The one vote a member's rows give, or None (with a problem when they disagree)."""
    cells = result.votes.get(member, [])
    votes = {(row, normalize_vote(text), text) for row, text in cells}
    for row, vote, text in sorted(votes, key=lambda v: v[0]):
        if vote is None:
            problems.append((row, f"vote {text!r} is not approve, approve-with-comments, "
                                  "disapprove or abstain (同意, 不同意, 弃权)"))
    found = {vote for _, vote, _ in votes if vote is not None}
    if len(found) > 1:
        rows = ", ".join(str(row) for row, _, _ in sorted(votes))
        problems.append((None, f"rows {rows} give {member} different votes "
                               f"({', '.join(sorted(found))}): no vote recorded"))
        return None
    return found.pop() if found else None


def _target(root: Path, draft: DraftFile, stage: str, iteration: int, member_code: str,
            member_source: str) -> Path:
    """comments/<stem>/<stage><iteration>/<member>.yaml: the stage and the member code come
    from files (the draft, the sheet), so each must be one plain folder or file name."""
    try:
        folder = iteration_folder(stage, iteration)
    except UnsafePath as exc:
        if stage != draft.stage:
            raise WorkflowError("--stage", None, str(exc)) from None
        raise WorkflowError(draft.path, draft.meta_lines.get("stage"),
                            f"{exc}; give --stage or --out") from None
    try:
        name = path_segment(member_code, "member code")
    except UnsafePath as exc:
        raise WorkflowError(member_source, None, f"{exc}; give --member or --out") from None
    return root / "comments" / draft.path.stem / folder / f"{name}.yaml"


def import_into(root: Path, file: Path, draft: DraftFile, stage: str, iteration: int,
                member: str | None = None, out: Path | None = None,
                lines: bool = True, on_wait: Callable[[str], None] | None = None) -> Imported:
    """Import ``file`` into the comment file of its member for ``draft`` ``stage``
    ``iteration`` (see the module docs). ``on_wait`` hears it when another import holds that
    file (comments/yaml_write.py serialises them)."""
    result = import_comments(file, draft.id, stage, iteration, member)
    if result.errors:
        rows = "; ".join(f"row {row}: {message}" if row else message
                         for row, message in result.errors)
        raise WorkflowError(file, None, f"nothing imported: {rows}")
    if result.member is None:
        raise WorkflowError(file, None, "no member code (MB/NC) found; give --member")
    target = out or _target(root, draft, stage, iteration, result.member,
                            "--member" if member else str(file))
    imported = Imported(result, target, problems=list(result.problems))
    resolver = DraftResolver(root, lines=lines)
    info = resolver.resolve(draft.id, stage, iteration, draft.path.stem)
    where = f"{draft.id} {stage} {iteration}"
    if info is None:
        imported.notes += [f"references not checked: {note}" for notes in resolver.notes.values()
                           for note in notes]
    else:
        imported.notes += [note for notes in resolver.notes.values() for note in notes]
        for ref in reference_problems(result.comments, info, where):
            if ref.rule in NOT_THERE:  # a line in another clause is for comments check to say
                who = ref.comment.member or result.member
                imported.problems.append((ref.comment.source_row, f"{who}: {ref.message}"))
    before = snapshot([target])
    imported.merged = merge_comments(target, result.comments, document=draft.id, stage=stage,
                                     iteration=iteration, member=result.member,
                                     on_wait=on_wait)
    vote = _vote_of(result, result.member, imported.problems)
    for other in sorted(set(result.votes) - {result.member}):
        imported.problems.append((None, f"a vote of {other} is in the file, but its comments "
                                        f"are filed under {result.member}: not recorded"))
    if vote is not None:
        record = read_record(record_path(root, draft.path.stem, stage, iteration))
        if record is None:
            imported.notes.append(f"the form gives {result.member}'s vote ({vote}), but no "
                                  f"ballot is recorded on {where}: not recorded")
        elif (known := record.votes.get(result.member)) is not None and known.vote == vote:
            imported.notes.append(f"{result.member}'s vote ({vote}) is already recorded")
        else:
            try:
                imported.vote = record_vote(record, result.member, vote, written=before,
                                            source=f", imported from {file.name}")
            except WorkflowError as exc:  # closed, not on the roster: the comments stay imported
                imported.problems.append((None, f"vote not recorded: {exc.message}"))
    return imported
