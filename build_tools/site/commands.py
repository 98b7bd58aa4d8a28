"""Click commands of the site: render, serve, publish, diff (registered in build_tools/cli.py)."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import click

from build_tools import gitio
from build_tools.site.config import ConfigError, find_project


def _log(message: str) -> None:
    click.echo(f"clause: {message}", err=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"clause: error: {message}", err=True)
    sys.exit(code)


@click.command()
@click.option("--since", metavar="REV", help="Also write redlines against this git revision.")
@click.option("--exports/--no-exports", default=False, show_default=True,
              help="Build the PDF and DOCX of each draft and link them.")
@click.option("--lint/--no-lint", default=True, show_default=True,
              help="Run the linter for the lint status on the home page.")
def render(since: str | None, exports: bool, lint: bool) -> None:
    """Write the site's Markdown pages (docs_dir of mkdocs.yml) from the drafts.

    Afterwards plain `mkdocs build` or `mkdocs serve` works on the result.
    """
    from build_tools.site.docs import render_project

    try:
        project = find_project()
        result = render_project(project, since=since, exports=exports, lint=lint, log=_log)
    except (ConfigError, gitio.GitError) as exc:
        _fail(str(exc))
        return
    for warning in result.warnings:
        _log(f"warning: {warning}")


@click.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True,
              metavar="IP:PORT", help="Address to serve on.")
@click.option("--interval", default=1.0, show_default=True, type=float,
              help="Seconds between checks of drafts/ and comments/ for changes.")
def serve(dev_addr: str, interval: float) -> None:
    """Render, serve the site, and re-render whenever a draft or comment file changes."""
    from build_tools.site.serve import serve as run

    try:
        project = find_project()
        project.render_dir()
    except ConfigError as exc:
        _fail(str(exc))
        return
    sys.exit(run(project, dev_addr, _log, interval))


@click.command()
@click.option("--out", default="site", show_default=True, type=click.Path(path_type=Path),
              help="Folder of the published site.")
@click.option("--tags", "pattern", metavar="PATTERN",
              help="Git tags to publish (glob; default from [tool.clause] tags, else 'v*').")
@click.option("--exports/--no-exports", default=True, show_default=True,
              help="Build the PDF and DOCX of each draft and publish them beside its page.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait for a publish already running, or fail at once.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Drafts exported at once, each in its own process [default: one per core].")
def publish(out: Path, pattern: str | None, exports: bool, wait: bool, jobs: int | None) -> None:
    """Build the versioned site: one build per release tag, plus dev/ for the working tree.

    Writes OUT/<tag>/, OUT/dev/, OUT/latest/, OUT/versions.json (mike's format, for the
    version selector) and OUT/index.html. Unchanged tags are reused; the previous site stays
    complete until the new one is ready.
    """
    from build_tools.site.publish import PublishError, PublishOptions
    from build_tools.site.publish import publish as run

    start = time.monotonic()
    # On SIGTERM (a CI cancel), unwind like Ctrl-C: background builds stop, staging is removed.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        project = find_project()
        project.docs_dir()
        opts = PublishOptions(out=out if out.is_absolute() else Path.cwd() / out,
                              tags=pattern or project.tags, exports=exports, wait=wait,
                              jobs=jobs)
        reports = run(project, opts, _log)
    except ConfigError as exc:
        _fail(str(exc))
        return
    except (PublishError, gitio.GitError) as exc:
        _fail(str(exc), 1)
        return
    finally:
        signal.signal(signal.SIGTERM, previous)
    built = sum(1 for r in reports if r.action == "built")
    reused = len(reports) - built
    _log(f"published {len(reports)} versions to {opts.out} ({built} built, {reused} reused) "
         f"in {time.monotonic() - start:.1f} s")


@click.command()
@click.argument("rev1")
@click.argument("rev2")
@click.argument("draft", required=False)
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the redline as a standalone HTML file.")
@click.option("--color/--no-color", default=None,
              help="Colour the terminal output (default: when it is a terminal).")
def diff(rev1: str, rev2: str, draft: str | None, html_file: Path | None,
         color: bool | None) -> None:
    """Show what changed in the drafts between two git revisions, clause by clause.

    DRAFT limits the output to one draft (file name, path or id). Insertions are green and
    underlined, deletions red and struck through; without colour they read {+inserted+} and
    [-deleted-].
    """
    from build_tools.site.redline import redline_document, redline_terminal
    from build_tools.site.revisions import NotARepository, diff_revisions

    try:
        project = find_project()
        refused: list[str] = []
        diffs = diff_revisions(project, rev1, rev2, draft, refused)
        for note in refused:
            _log(f"warning: {note}")
    except NotARepository as exc:
        _fail(str(exc))
        return
    except gitio.GitError as exc:
        _fail(str(exc))
        return
    if draft and not diffs:
        _fail(f"no draft {draft!r} in {rev1} or {rev2}")
    use_color = sys.stdout.isatty() if color is None else color
    document: list[tuple[str, object, str]] = []
    for item in diffs:
        label = f"{(item.new or item.old).id} ({item.rel})"  # type: ignore[union-attr]
        if item.redline is None:
            note = f"added in {rev2}" if item.old is None else f"removed in {rev2}"
            click.echo(f"{label}: {note}", color=use_color)
            document.append((label, None, note))
            continue
        for line in redline_terminal(item.redline, use_color):
            click.echo(line, color=use_color)
        document.append((label, item.redline, ""))
    if html_file is not None:
        html_file.write_text(redline_document(document, f"Changes from {rev1} to {rev2}"),  # type: ignore[arg-type]
                             encoding="utf-8")
        _log(f"wrote {html_file}")
