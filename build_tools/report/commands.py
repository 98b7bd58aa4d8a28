"""``clause report``: the command line of the 编制说明 (thin; see compose.py)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from build_tools.export.errors import ExportError


@click.command("report")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "formats", multiple=True, type=click.Choice(["docx", "pdf"]),
              help="Output format; repeat for both [default: docx].")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/reports"), show_default=True, help="Folder for the outputs.")
@click.option("--init", "init", is_flag=True,
              help="Write the companion file <name>.report.md beside DRAFT with the headings "
                   "of a 编制说明, then stop.")
def report(draft: Path, formats: tuple[str, ...], out_dir: Path, init: bool) -> None:
    """Build the 编制说明 of DRAFT (the explanatory report of a 征求意见稿 or 送审稿).

    The editors write its text in <name>.report.md beside the draft (start one with --init);
    Clause adds the drafting organizations and drafters, the stages and ballots from git, and
    the comment statistics of each round (采纳 / 部分采纳 / 未采纳), with each round's
    征求意见汇总处理表 attached. Comments on the other language version of the same document
    (same id) count as the document's. Writes <name>.report.docx (and .pdf) into --out.
    Exit status: 0 done, 2 a file that cannot be read or a report that cannot be made.
    """
    from build_tools.project import report_of, write_atomic

    if not draft.is_file():
        click.echo(f"clause report: {draft}: no such draft", err=True)
        sys.exit(2)
    if init:
        from build_tools.parse import parse_file
        from build_tools.scaffold import report_scaffold

        target = report_of(draft)
        if target.exists():
            click.echo(f"clause report: {target} exists; edit it", err=True)
            sys.exit(2)
        parsed = parse_file(draft)
        write_atomic(target, report_scaffold(parsed.titles.get("zh") or parsed.title_in()))
        click.echo(f"wrote {target}")
        return
    from build_tools.comments.errors import CommentError
    from build_tools.report.compose import build_report

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            made, written = build_report(draft, out_dir, tuple(dict.fromkeys(formats or
                                                                             ("docx",))))
        except (ExportError, CommentError) as exc:
            click.echo(f"clause report: {exc}", err=True)
            sys.exit(2)
        finally:
            for w in caught:
                click.echo(f"warning: {w.message}", err=True)
    for note in made.notes:
        click.echo(f"note: {note}", err=True)
    total = sum(len(r.comments) for r in made.rounds)
    click.echo(f"{len(made.steps)} stage(s) from git, {len(made.rounds)} comment round(s) with "
               f"{total} comment(s)", err=True)
    for path in written.values():
        click.echo(f"wrote {path}")
