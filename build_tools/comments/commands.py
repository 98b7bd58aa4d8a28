"""``clause comments``, ``clause ballot`` and ``clause stage``: the secretariat's commands.

Thin, like cli.py: each command parses its options, calls one library function and prints.
Every error a user can fix is printed as ``file:line: message`` with exit status 2; findings
give exit status 1.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

FORMATS = ("text", "json", "sarif", "github")


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


@contextmanager
def _user_errors(command: str) -> Iterator[None]:
    """Errors the user can fix, as one line and exit 2: never a traceback."""
    from build_tools.ballot import WorkflowError
    from build_tools.comments.errors import CommentError
    from build_tools.export.errors import ExportError
    from build_tools.gitio import GitError

    try:
        yield
    except (CommentError, WorkflowError, ExportError) as exc:
        _fail(f"clause {command}: {exc}")
    except GitError as exc:
        _fail(f"clause {command}: {exc}")
    except OSError as exc:
        _fail(f"clause {command}: {exc.filename or ''}: {exc.strerror or exc}")


def _root() -> Path:
    from build_tools.project import root_or_here

    return root_or_here(Path.cwd())


def _draft(value: str, lang: str | None) -> Path:
    """A draft given as a file, or as an id / file stem looked up in drafts/."""
    from build_tools.comments.resolve import find_draft

    path = Path(value)
    if path.suffix == ".md" or path.is_file():
        if not path.is_file():
            raise click.BadParameter(f"{value}: no such file", param_hint="DRAFT")
        return path
    return find_draft(_root(), value, lang)


def _date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _emit(findings: list[Any], fmt: str, files: int) -> None:
    from build_tools.lint import report
    from build_tools.lint.base import Finding

    converted = [Finding(f.path, f.line or 1, f.rule, f.severity, f.message) for f in findings]
    output = report.render(fmt, converted, files)
    if fmt == "text":
        output = output.replace(f"{files} draft{'s' if files != 1 else ''} checked",
                                f"{files} comment file{'s' if files != 1 else ''} checked")
    if output:
        click.echo(output)


# --- clause comments ------------------------------------------------------------------------


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
              "[default: the MB/NC column].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language version of the draft, when both share the id [default: en].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="YAML file [default: comments/<draft>/<stage><iteration>/<member>.yaml].")
def import_cmd(file: Path, draft_id: str, stage: str | None, iteration: int | None,
               member: str | None, lang: str | None, out: Path | None) -> None:
    """Import FILE (ISO template DOCX, XLSX, CSV, IEEE export, 征求意见汇总处理表) into YAML.

    The comments are merged into the member's file: entries already there are updated, new
    ones appended, nothing removed. Every row that could not be fully mapped is printed with
    its row number. Exit status: 0 all rows mapped, 1 rows reported, 2 the file cannot be read.
    """
    from build_tools.comments import import_comments, merge_comments
    from build_tools.comments.resolve import iteration_folder, read_draft_file

    with _user_errors("comments import"):
        root = _root()
        draft = read_draft_file(_draft(draft_id, lang))
        stage = stage or draft.stage
        iteration = iteration or draft.iteration
        if stage is None or iteration is None:
            _fail(f"clause comments import: {draft.path}: no stage/iteration; give --stage and "
                  "--iteration")
        result = import_comments(file, draft.id, stage, iteration, member)
        for row, message in result.problems:
            where = f"{file}: row {row}" if row is not None else str(file)
            click.echo(f"{where}: {message}")
        if result.member is None:
            _fail(f"clause comments import: {file}: no member code (MB/NC) found; give --member")
        target = out or (root / "comments" / draft.path.stem / iteration_folder(stage, iteration)
                         / f"{result.member}.yaml")
        merged = merge_comments(target, result.comments, document=draft.id, stage=stage,
                                iteration=iteration, member=result.member,
                                on_wait=lambda line: click.echo(line, err=True))
    click.echo(f"{target}: {len(merged.added)} added, {len(merged.updated)} updated, "
               f"{len(merged.unchanged)} unchanged ({len(result.comments)} rows read)")
    sys.exit(1 if result.problems else 0)


@comments.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
              show_default=True, help="Lowest severity that makes the exit status 1.")
@click.option("--no-lines", is_flag=True, help="Do not check line numbers (no PDF export).")
def check_cmd(paths: tuple[Path, ...], fmt: str, fail_on: str, no_lines: bool) -> None:
    """Check comment files (default: comments/) and the drafts they comment on.

    The clause must exist in that iteration of the draft (read from git history when the draft
    has moved on) and the line must be in that iteration's ballot line map, in that clause.
    Exit status: 0 clean, 1 findings at or above --fail-on, 2 a path that does not exist.
    """
    from build_tools.comments.repository import check_paths
    from build_tools.lint.engine import exit_code

    with _user_errors("comments check"):
        root = _root()
        targets = list(paths) or [root / "comments"]
        if not paths and not targets[0].is_dir():
            _fail("clause comments check: no comments/ folder here: give the files to check")
        files, findings = check_paths(root, targets, lines=not no_lines)
    _emit(findings, fmt, len(files))
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
    from build_tools.ballot import document_label, title_of
    from build_tools.comments import write_collated
    from build_tools.comments.repository import collate_iteration, today
    from build_tools.comments.resolve import read_draft_file

    if fmt and out.suffix.lower() != f".{fmt}":
        out = out.with_name(out.name + f".{fmt}") if out.suffix == "" else out
        if out.suffix.lower() != f".{fmt}":
            _fail(f"clause comments collate: --out {out} does not end in .{fmt}")
    with _user_errors("comments collate"):
        path = _draft(draft_id, lang)
        info = read_draft_file(path)
        collated, folder = collate_iteration(_root(), path, stage, iteration, comments_dir)
        stage, iteration = stage or info.stage, iteration or info.iteration
        document = document_label(info, stage, iteration) if stage and iteration else info.id
        written = write_collated(collated, out, document=document, project=title_of(info),
                                 date=today(), stage=stage, iteration=iteration)
    if not collated:
        click.echo(f"clause comments collate: no comments in {folder}", err=True)
    click.echo(f"{written}: {len(collated)} comments")


# --- clause ballot --------------------------------------------------------------------------


@click.group("ballot")
def ballot() -> None:
    """Open a ballot on a draft iteration, and close it with a disposition of comments."""


@ballot.command("open")
@click.argument("draft")
@click.option("--closes", required=True, callback=_date, help="Closing date (YYYY-MM-DD).")
@click.option("--opens", callback=_date, default=None,
              help="Opening date [default: today, or SOURCE_DATE_EPOCH].")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Package folder [default: build/ballots/<draft>-<stage><iteration>/].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
@click.option("--force", is_flag=True, help="Open again over a recorded ballot or package.")
def ballot_open(draft: str, closes: dt.date, opens: dt.date | None, out: Path | None,
                lang: str | None, force: bool) -> None:
    """Write the ballot package of DRAFT and record the ballot in its front-matter.

    The package: line-numbered PDF and its line map, DOCX, the blank ISO comment template, a
    blank YAML comment file and manifest.json with the SHA-256 of each file.
    """
    from build_tools.ballot import open_ballot

    with _user_errors("ballot open"):
        package = open_ballot(_draft(draft, lang), closes, opens, out, force,
                              progress=lambda line: click.echo(line, err=True))
    for role, path in sorted(package.files.items()):
        click.echo(f"{role:<9} {path}")
    click.echo(f"manifest  {package.manifest}")


@ballot.command("close")
@click.argument("draft")
@click.option("--format", "fmt", type=click.Choice(["docx", "xlsx"]), default="docx",
              show_default=True, help="Format of the collated table beside the report.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder [default: build/ballots/<draft>-<stage><iteration>/].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def ballot_close(draft: str, fmt: str, out: Path | None, lang: str | None) -> None:
    """Check and collate the comments on DRAFT's current iteration; write the disposition of
    comments report (Markdown with statistics, and DOCX or XLSX). Removes nothing.

    Exit status: 0 written and clean, 1 written but the comment files have errors.
    """
    from build_tools.ballot import close_ballot

    with _user_errors("ballot close"):
        report = close_ballot(_draft(draft, lang), out, fmt)
    for f in report.findings:
        click.echo(f"{f.path}:{f.line or 1}: {f.severity} {f.rule} {f.message}")
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    stats = report.stats
    summary = ", ".join(f"{k} {v}" for k, v in stats["by_disposition"].items() if v)
    click.echo(f"{stats['total']} comments ({summary or 'none'})")
    for path in report.files.values():
        click.echo(f"wrote {path}")
    sys.exit(1 if any(f.severity == "error" for f in report.findings) else 0)


# --- clause stage ---------------------------------------------------------------------------


@click.command("stage")
@click.argument("draft")
@click.option("--to", "to", default=None, help="Stage to advance to [default: the next one].")
@click.option("--iteration-only", is_flag=True, help="Next iteration of the same stage.")
@click.option("--tag", is_flag=True, help="Commit the draft and tag it <id>-<stage><iteration>.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def stage(draft: str, to: str | None, iteration_only: bool, tag: bool, lang: str | None) -> None:
    """Advance DRAFT to the next stage (iteration 1) or, with --iteration-only, iteration.

    Only when the draft lints without errors and every comment on the current iteration has
    a disposition. Rewrites stage, iteration and date (and drops the finished ballot block);
    the rest of the file is kept byte for byte. Exit status: 0 advanced, 1 blocked, 2 error.
    """
    from build_tools.stage import advance

    with _user_errors("stage"):
        result = advance(_draft(draft, lang), to, iteration_only, tag)
    old, new = result.old, result.new
    if result.blockers:
        click.echo(f"{result.path}: stays at {old[0]} {old[1]}; "
                   f"{len(result.blockers)} item(s) block {new[0]} {new[1]}:")
        for line in result.blockers:
            click.echo(f"  {line}")
        sys.exit(1)
    click.echo(f"{result.path}: {old[0]} {old[1]} -> {new[0]} {new[1]}")
    if result.tag:
        click.echo(f"tagged {result.tag}")


COMMANDS: list[Callable[..., Any]] = [comments, ballot, stage]
