"""``clause export``: the command line of the PDF and DOCX exports (thin; see exporter.py)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from build_tools.export.errors import ExportError


def _drafts(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder stands for its drafts, the same ones ``clause lint`` checks."""
    from build_tools.project import find_drafts

    return find_drafts(paths)


@click.command("export")
@click.argument("drafts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "formats", multiple=True, type=click.Choice(["pdf", "docx"]),
              help="Output format; repeat for both [default: pdf and docx].")
@click.option("--ballot/--no-ballot", default=None,
              help="Ballot copy: numbered lines and a line map <name>.lines.json beside the PDF "
                   "[default: as the draft's ballot: front-matter says].")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/exports"), show_default=True, help="Folder for the outputs.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Drafts exported at once, each in its own process [default: one per core].")
def export(drafts: tuple[Path, ...], formats: tuple[str, ...], ballot: bool | None,
           out_dir: Path, jobs: int | None) -> None:
    """Export DRAFTS (files or folders) to PDF (Typst) and DOCX (pandoc).

    Outputs are named after the draft file: mvs-0002-reference-architecture.pdf, .docx and,
    in a ballot, .lines.json (one {"line", "page", "clause"} per numbered line). With
    SOURCE_DATE_EPOCH set, repeated exports are byte-identical. Several drafts are exported
    in parallel; progress is printed in the order given. A draft with more than 5 000 table
    rows or about 450 pages is refused (docs/LIMITS.md). Exit status: 0 done, 2 a draft or
    figure that cannot be exported (the others are still exported).
    """
    from build_tools.export.exporter import export_drafts

    paths = _drafts(drafts)
    if not paths:
        click.echo("clause export: no drafts to export", err=True)
        sys.exit(2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            export_drafts(paths, out_dir, formats or ("pdf", "docx"), ballot,
                          progress=lambda line: click.echo(line, err=True), jobs=jobs)
        except ExportError as exc:
            click.echo(str(exc), err=True)
            sys.exit(2)
        finally:
            for w in caught:
                click.echo(f"warning: {w.message}", err=True)
