"""The ``clause`` command line: thin; it parses options, calls one library function, prints."""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

import click

from build_tools import __version__


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def invoke(self, ctx: click.Context) -> object:
        # The last line of defence: a user error names its file and line, and even a bug in
        # Clause ends in one clear sentence (CLAUSE_DEBUG=1 shows the traceback).
        from build_tools.errors import LocatedError

        try:
            return super().invoke(ctx)
        except LocatedError as exc:
            click.echo(f"clause: {exc}", err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001
            if os.environ.get("CLAUSE_DEBUG"):
                raise
            click.echo(f"clause: internal error: {type(exc).__name__}: {exc} (please report it; "
                       "run with CLAUSE_DEBUG=1 for details)", err=True)
            sys.exit(2)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, _, attr = LAZY_COMMANDS[name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="clause")
def main() -> None:
    """Clause: lint, publish, export and ballot the drafts of a standards working group.

    Drafts are Markdown files with YAML front-matter in drafts/; reviewer comments live in
    comments/. Run a command with --help for its options.
    """


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default=None,
              help="Lowest severity that makes the exit code 1 [default: error, or fail-on in "
                   "[tool.clause]].")
@click.option("--select", multiple=True, help="Only these rules or families (e.g. TERM, VERB-01).")
@click.option("--ignore", multiple=True, help="Skip these rules or families.")
@click.option("--no-cache", is_flag=True,
              help="Do not read or write the lint cache (.clause-cache/, or $CLAUSE_CACHE_DIR; "
                   "entries are signed with a key of this machine, so one from elsewhere is "
                   "ignored).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Parallel processes [default: one per core].")
@click.option("--fix", is_flag=True,
              help="Repair what can be repaired mechanically and surely (GB year dashes, unit "
                   "spaces, decimal and minus signs, title and definition full stops, note labels, "
                   "leading articles, term sources), then report the rest.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix, also make the repairs that may change the meaning: rewordings "
                   "such as 必须 → 应, 'this standard' → 'this document' and 'may result' → "
                   "'can result'.")
@click.option("--no-comments", is_flag=True,
              help="Skip the checks of comments/ and committee.yaml (the CMT and ROSTER rules: "
                   "run when no PATHS are given).")
def lint(paths: tuple[Path, ...], fmt: str, fail_on: str | None, select: tuple[str, ...],
         ignore: tuple[str, ...], no_cache: bool, jobs: int | None, no_comments: bool,
         fix: bool, unsafe_fixes: bool) -> None:
    """Check drafts against ISO/IEC Directives Part 2 and GB/T 1.1—2020.

    PATHS are draft files or folders (default: the paths in [tool.clause], else drafts/).
    Exit status: 0 clean, 1 findings at or above the fail level, 2 usage or input errors.
    """
    from build_tools import project
    from build_tools.lint import cache as lint_cache
    from build_tools.lint import engine, report

    if unsafe_fixes and not fix:
        raise click.UsageError("--unsafe-fixes goes with --fix")
    try:
        settings = project.load(Path(paths[0]) if paths else None)
    except project.ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    targets = list(paths) or settings.targets()
    if not paths and not any(t.exists() for t in targets):
        raise click.UsageError("no drafts/ folder here: give the drafts to check as PATHS")
    try:
        rules = engine.active_rules([*settings.select, *_split(select)] or None,
                                    [*settings.ignore, *_split(ignore)],
                                    settings.severity)
        files = engine.discover(targets)
        progress = None
        if len(files) > 50 and sys.stderr.isatty():
            def progress(i: int, n: int) -> None:
                click.echo(f"\rparsed {i}/{n}", nl=i == n, err=True)
        cache = None
        if not no_cache:
            key = lint_cache.config_key([r.id for r in rules], settings.severity, settings.root)
            secret = lint_cache.machine_secret(settings.root if settings.in_repository else None)
            cache = lint_cache.LintCache(settings.cache_dir(), key, secret)
        engine.batch_gc()
        findings, drafts = engine.lint_paths(targets, rules, settings.root, progress, cache, jobs,
                                             files)
        if fix:
            from build_tools.lint.fix import apply_fixes

            repaired = apply_fixes(findings, unsafe=unsafe_fixes, files=files)
            for swept in repaired.swept:
                click.echo(f"{swept}: removed, left by an interrupted --fix", err=True)
            for applied in repaired.applied:
                click.echo(str(applied), err=True)
            for name, why in sorted(repaired.refused.items()):
                click.echo(f"{name}: not changed: {why}", err=True)
            if repaired.unsafe_left:
                click.echo(f"{repaired.unsafe_left} more repair(s) with --unsafe-fixes", err=True)
            if repaired.applied:
                findings, drafts = engine.lint_paths(targets, rules, settings.root, None, cache,
                                                     jobs)
    except engine.UsageError as exc:
        click.echo(f"clause lint: {exc}", err=True)
        sys.exit(2)
    # The CMT and ROSTER rules check comments/ and committee.yaml as a whole: with the drafts
    # of the repository, not PATHS.
    levels = {r.id: r.level for r in rules if r.family in ("comments", "committee")}
    if not paths and levels and not no_comments:
        from build_tools.workflow.checks import repository_findings
        findings = [*findings, *repository_findings(settings.root, levels)]
    output = report.render(fmt, findings, len(drafts))
    if output:
        click.echo(output)
    sys.exit(engine.exit_code(findings, fail_on or settings.fail_on))


@main.command("rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True)
def rules_cmd(rule_id: str | None, fmt: str) -> None:
    """List the drafting rules, or document RULE_ID with its examples."""
    from build_tools.lint import docs

    if rule_id:
        try:
            click.echo(docs.rule_doc(rule_id.upper(), fmt))
        except KeyError:
            click.echo(f"clause rules: unknown rule '{rule_id}' (see 'clause rules')", err=True)
            sys.exit(2)
        return
    if fmt == "json":
        click.echo(json.dumps(docs.rule_list(), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(docs.all_markdown())
    else:
        click.echo(docs.rule_table())


@main.command()
@click.option("--id", "draft_id", required=True, help="Document id, e.g. 'MVS 0003'.")
@click.option("--title", required=True, help="Title in the draft's language.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True)
@click.option("--doctype", type=click.Choice(["standard", "technical-specification",
                                              "technical-report", "guide"]),
              default="standard", show_default=True)
@click.option("--level", type=click.Choice(["national", "sector", "group"]), default="national",
              show_default=True, help="With --lang zh: the level of the Chinese deliverable "
                                      "(its gb: block, cover and identifier form).")
@click.option("--identifier", default=None,
              help="With --lang zh: the standard's number [default: the level's placeholder, "
                   "e.g. 'GB/T ×××××—××××'].")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="File to write [default: drafts/<id>.md].")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(draft_id: str, title: str, lang: str, doctype: str, level: str, identifier: str | None,
        out: Path | None, force: bool) -> None:
    """Create a draft with the mandatory clauses and the exact boilerplate.

    A Chinese draft (--lang zh) is a Chinese deliverable: its front-matter has a gb: block
    (level, identifier, CCS, issuer, proposer, administrator, drafting organizations,
    drafters) and its 前言 the paragraphs made from it; its 编制说明 starts beside it as
    <name>.report.md (see 'clause report').
    """
    from build_tools.project import report_of, unsafe_character, write_atomic
    from build_tools.scaffold import report_scaffold, scaffold, slug

    if lang != "zh" and (identifier or level != "national"):
        raise click.UsageError("--level and --identifier describe a Chinese deliverable: "
                               "use them with --lang zh")
    for option, value in (("--id", draft_id), ("--title", title)):
        char = unsafe_character(value)
        if char is not None:
            raise click.BadParameter(f"holds the control character {char}; give one line of "
                                     "text", param_hint=option)
        if not value.strip():
            raise click.BadParameter("is empty", param_hint=option)
    suffix = "-zh" if lang == "zh" else ""
    out = out or Path("drafts") / f"{slug(draft_id)}{suffix}.md"
    if out.exists() and not force:
        click.echo(f"clause new: {out} exists (use --force to overwrite)", err=True)
        sys.exit(2)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, scaffold(draft_id, title, lang, doctype, level=level,
                               identifier=identifier))
    click.echo(f"wrote {out}")
    report = report_of(out)
    if lang == "zh" and not report.exists():
        write_atomic(report, report_scaffold(title))
        click.echo(f"wrote {report} (its 编制说明; see 'clause report')")


@main.command()
def doctor() -> None:
    """Check that this machine can lint, publish and export, and that committee.yaml can take a
    ballot; say how to fix what is missing."""
    from build_tools.doctor import run_checks
    from build_tools.project import root_or_here

    checks = run_checks(root_or_here())
    for c in checks:
        mark = "ok  " if c.ok else (c.mark or ("MISSING" if c.required else "optional"))
        click.echo(f"{mark:<8} {c.name}: {c.detail}")
        if not c.ok:
            click.echo(f"         fix: {c.fix}")
    missing = [c for c in checks if c.required and not c.ok]
    click.echo(f"{len(missing)} required item(s) missing or in error." if missing else "Ready.")
    sys.exit(1 if missing else 0)


# Commands of each area, imported only when used: "clause lint" should not pay for openpyxl.
LAZY_COMMANDS = {
    "render": "build_tools.site.commands:render",
    "serve": "build_tools.site.commands:serve",
    "publish": "build_tools.site.commands:publish",
    "diff": "build_tools.site.commands:diff",
    "export": "build_tools.export.commands:export",
    "comments": "build_tools.workflow.comment_commands:comments",
    "ballot": "build_tools.workflow.commands:ballot",
    "stage": "build_tools.workflow.commands:stage",
    "import": "build_tools.wordimport.commands:import_cmd",
    "report": "build_tools.report.commands:report",
}
# -- end of commands
