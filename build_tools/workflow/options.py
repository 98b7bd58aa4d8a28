"""What the secretariat's commands share: errors as one line, the draft argument, dates."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

FORMATS = ("text", "json", "sarif", "github")


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


@contextmanager
def user_errors(command: str) -> Iterator[None]:
    """Errors the user can fix, as one line and exit 2: never a traceback."""
    from build_tools.comments.errors import CommentError
    from build_tools.export.errors import ExportError
    from build_tools.gitio import GitError

    from .errors import WorkflowError

    try:
        yield
    except (CommentError, WorkflowError, ExportError) as exc:
        fail(f"clause {command}: {exc}")
    except GitError as exc:
        fail(f"clause {command}: {exc}")
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"clause {command}: {where}{exc.strerror or exc}")


def repo_root() -> Path:
    from build_tools.project import root_or_here

    return root_or_here(Path.cwd())


def draft_path(value: str, lang: str | None) -> Path:
    """A draft given as a file, or as an id / file stem looked up in drafts/."""
    from build_tools.comments.locate import find_draft

    path = Path(value)
    if path.suffix == ".md" or path.is_file():
        if not path.is_file():
            raise click.BadParameter(f"{value}: no such file", param_hint="DRAFT")
        return path
    return find_draft(repo_root(), value, lang)


def date_option(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def emit_findings(findings: list[Any], fmt: str, files: int) -> None:
    from build_tools.lint import report
    from build_tools.lint.base import Finding

    converted = [Finding(f.path, f.line or 1, f.rule, f.severity, f.message) for f in findings]
    output = report.render(fmt, converted, files)
    if fmt == "text":
        output = output.replace(f"{files} draft{'s' if files != 1 else ''} checked",
                                f"{files} comment file{'s' if files != 1 else ''} checked")
    if output:
        click.echo(output)


def note(saved: Any) -> None:
    """Say that a step's files are not committed (outside git)."""
    if saved is not None and saved.note:
        click.echo(f"note: {saved.note}", err=True)
