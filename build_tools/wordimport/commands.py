"""``clause import``: the command line of the Word import (thin; see importer.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Language of the draft [default: the document's language, else read from "
                   "its text].")
@click.option("--id", "draft_id", default=None,
              help="Document id, e.g. 'MVS 0003' [default: from the cover or the document "
                   "properties].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Draft to write [default: drafts/<id>.md, drafts/<id>-zh.md in Chinese]; "
                   "figures go into figures/ beside it.")
@click.option("--track-changes", type=click.Choice(["accept", "reject"]), default="accept",
              show_default=True,
              help="Accept or reject the tracked changes of the DOCX; either way each one is "
                   "listed in the report.")
@click.option("--force", is_flag=True, help="Overwrite an existing draft and figures.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also write the report as JSON to this file.")
@click.option("--no-lint", is_flag=True, help="Do not lint the imported draft.")
def import_cmd(source: Path, lang: str | None, draft_id: str | None, out: Path | None,
               track_changes: str, force: bool, report_path: Path | None,
               no_lint: bool) -> None:
    """Import a Word draft (DOCX; .doc, .wps, .odt and .rtf through LibreOffice) as a draft.

    Headings come from Word's heading styles or from typed numbers ("5.2 Interfaces"), which
    are removed; term entries, notes, examples, tables and figures with their captions,
    footnotes and typed cross-references ("see 5.2", "Table 3") are recovered; the front-matter
    is filled from the cover and the document properties. The report lists, with the
    paragraph's number and first words, what could not be mapped exactly, each tracked change
    and each comment; then the new draft is linted.

    Exit status: 0 imported (whatever the report and the lint say), 2 the file cannot be read
    or an output is in the way.
    """
    from build_tools.lint import report as lint_report
    from build_tools.project import write_atomic
    from build_tools.wordimport.importer import import_docx

    result = import_docx(source, out, lang, draft_id, track_changes, force,
                         progress=lambda line: click.echo(line, err=True), lint=not no_lint)
    figures = f" and {len(result.figures)} figure(s) in {result.figures[0].parent}" \
        if result.figures else ""
    click.echo(f"wrote {result.draft}{figures}")
    for line in result.report.lines():
        click.echo(line)
    click.echo(result.report.summary())
    if report_path is not None:
        write_atomic(report_path, result.report.to_json() + "\n")
    if not no_lint:
        click.echo(lint_report.render("text", result.findings, 1))
    sys.exit(0)
