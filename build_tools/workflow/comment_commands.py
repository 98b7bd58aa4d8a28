"""``clause comments``: import a member's table, check comment files, collate an iteration.

Thin, like cli.py: each command parses its options, calls one library function and prints.
Every error a user can fix is printed as ``file:line: message`` with exit status 2; findings
give exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import (
    FORMATS,
    draft_path,
    emit_findings,
    fail,
    note,
    repo_root,
    user_errors,
)


@click.group("comments")
def comments() -> None:
    """Reviewer comments: import tables, check files, collate an iteration."""


@comments.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--draft", "draft_id", required=True, help="Draft id (e.g. 'MVS 0001') or file.")
@click.option("--stage", default=None, help="Stage commented on [default: the draft's].")
@click.option("--iteration", type=click.IntRange(1), default=None,
              help="Iteration commented on [default: the draft's].")
@click.option("--member", default=None, help="Member code to file every row under "
              "[default: the MB/NC column of each row].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language version of the draft, when both share the id [default: en].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="YAML file [default: comments/<draft>/<stage><iteration>/<member>.yaml].")
@click.option("--no-lines", is_flag=True,
              help="Do not check line numbers (no PDF export when no ballot is recorded).")
def import_cmd(file: Path, draft_id: str, stage: str | None, iteration: int | None,
               member: str | None, lang: str | None, out: Path | None, no_lines: bool) -> None:
    """Import FILE (ISO template DOCX, XLSX, CSV, IEEE export, 征求意见汇总处理表) into YAML.

    The comments are merged into the member's file: entries already there are updated, new
    ones appended, nothing removed. A row whose MB/NC cell is empty is an error and nothing is
    imported (give --member to file every row under one member). Every row that could not be
    fully mapped, and every comment citing a clause or line the balloted text does not have,
    is printed with its row number and member. A vote column (Vote, 表决意见) records the
    member's vote in the open ballot and commits it with the comment file.

    Exit status: 0 all rows mapped, 1 rows reported, 2 the file cannot be imported.
    """
    from build_tools.comments.locate import read_draft_file

    from .importing import import_into

    with user_errors("comments import"):
        draft = read_draft_file(draft_path(draft_id, lang))
        stage = stage or draft.stage
        iteration = iteration or draft.iteration
        if stage is None or iteration is None:
            fail(f"clause comments import: {draft.path}: no stage/iteration; give --stage and "
                 "--iteration")
        done = import_into(repo_root(), file, draft, stage, iteration, member, out,
                           lines=not no_lines, on_wait=lambda line: click.echo(line, err=True))
    for row, message in done.problems:
        where = f"{file}: row {row}" if row is not None else str(file)
        click.echo(f"{where}: {message}")
    for line in done.notes:
        click.echo(f"note: {line}", err=True)
    merged = done.merged
    assert merged is not None
    click.echo(f"{done.target}: {len(merged.added)} added, {len(merged.updated)} updated, "
               f"{len(merged.unchanged)} unchanged ({len(done.result.comments)} rows read)")
    if done.vote is not None:
        click.echo(f"vote of {done.vote.member}: {done.vote.vote}, recorded in "
                   f"{done.vote.record.path}")
        note(done.vote.saved)
    sys.exit(1 if done.problems else 0)


@comments.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
              show_default=True, help="Lowest severity that makes the exit status 1.")
@click.option("--no-lines", is_flag=True, help="Do not check line numbers (no PDF export).")
def check_cmd(paths: tuple[Path, ...], fmt: str, fail_on: str, no_lines: bool) -> None:
    """Check comment files (default: comments/) and the drafts they comment on.

    The clause must exist in the balloted text of that iteration and the line must be in the
    ballot's line map, in that clause: both come from the ballot record (the text at its
    commit, its committed line map), never from later edits. An iteration that was not
    balloted is read from the working tree or git history. Exit status: 0 clean, 1 findings
    at or above --fail-on, 2 a path that does not exist.
    """
    from build_tools.lint.engine import exit_code

    from .checks import check_paths

    with user_errors("comments check"):
        root = repo_root()
        targets = list(paths) or [root / "comments"]
        if not paths and not targets[0].is_dir():
            fail("clause comments check: no comments/ folder here: give the files to check")
        files, findings = check_paths(root, targets, lines=not no_lines)
    emit_findings(findings, fmt, len(files))
    sys.exit(exit_code(findings, fail_on))  # type: ignore[arg-type] - same severity field


@comments.command("collate")
@click.argument("draft_id")
@click.option("--stage", default=None, help="Stage [default: the draft's current one].")
@click.option("--iteration", type=click.IntRange(1), default=None,
              help="Iteration [default: the draft's current one].")
@click.option("--comments", "comments_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Comments folder [default: comments/].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language version of the draft, when both share the id [default: en].")
@click.option("--format", "fmt", type=click.Choice(["docx", "xlsx", "csv", "md"]), default=None,
              help="Table format [default: from the --out suffix].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def collate_cmd(draft_id: str, stage: str | None, iteration: int | None,
                comments_dir: Path | None, lang: str | None, fmt: str | None, out: Path) -> None:
    """Collate all members' comments on one iteration of DRAFT_ID into one table.

    Document = draft id, stage and iteration; Project = the draft title; Date = today (or
    SOURCE_DATE_EPOCH).
    """
    from build_tools.comments.collate import collate_iteration, write_collated
    from build_tools.comments.locate import read_draft_file
    from build_tools.project import today

    from .ballot import document_label, title_of

    if fmt and out.suffix.lower() != f".{fmt}":
        out = out.with_name(out.name + f".{fmt}") if out.suffix == "" else out
        if out.suffix.lower() != f".{fmt}":
            fail(f"clause comments collate: --out {out} does not end in .{fmt}")
    with user_errors("comments collate"):
        path = draft_path(draft_id, lang)
        info = read_draft_file(path)
        collated, folder = collate_iteration(repo_root(), path, stage, iteration, comments_dir)
        stage, iteration = stage or info.stage, iteration or info.iteration
        document = document_label(info, stage, iteration) if stage and iteration else info.id
        written = write_collated(collated, out, document=document, project=title_of(info),
                                 date=today(), stage=stage, iteration=iteration)
    if not collated:
        click.echo(f"clause comments collate: no comments in {folder}", err=True)
    click.echo(f"{written}: {len(collated)} comments")
