"""``clause ballot`` (open, vote, status, close) and ``clause stage``: the secretariat's
commands for a ballot, from the roster to the next stage.

Thin, like cli.py: each command parses its options, calls one library function and prints.
Every error a user can fix is printed as ``file:line: message`` with exit status 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from .options import date_option, draft_path, note, user_errors

RULE_HELP = ("Result rule: iso-dis (ISO/IEC Directives Part 1, 2.6.3), gb-review (letter review "
             "of a 送审稿), consensus [default: consensus for WD and CD, iso-dis for DIS and "
             "FDIS, gb-review for a GB draft from the 送审稿 on].")


@click.group("ballot")
def ballot() -> None:
    """Ballots on a draft iteration: open, record votes, see the status, close.

    A ballot goes to the members of committee.yaml. Its record,
    comments/<draft>/<stage><iteration>/ballot.yaml, is committed by each command in a git
    repository.
    """


@ballot.command("open")
@click.argument("draft")
@click.option("--closes", required=True, callback=date_option, help="Closing date (YYYY-MM-DD).")
@click.option("--opens", callback=date_option, default=None,
              help="Opening date [default: today, or SOURCE_DATE_EPOCH].")
@click.option("--rule", type=click.Choice(["iso-dis", "gb-review", "consensus"]), default=None,
              help=RULE_HELP)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Package folder [default: build/ballots/<draft>-<stage><iteration>/].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
@click.option("--force", is_flag=True, help="Open again over a recorded, still open ballot.")
def ballot_open(draft: str, closes: dt.date, opens: dt.date | None, rule: str | None,
                out: Path | None, lang: str | None, force: bool) -> None:
    """Open a ballot on DRAFT's current iteration, as committed.

    Writes the package (line-numbered PDF and its line map, DOCX, the blank ISO comment
    template, a blank YAML comment file, manifest.json with the SHA-256 of each file), then
    the ballot record and its line map into comments/<draft>/<stage><iteration>/, and commits
    them. In git the draft must have no uncommitted change: the record names the commit of
    the balloted text. Outside git the record is written but not committed.
    """
    from .ballot import open_ballot

    with user_errors("ballot open"):
        opened = open_ballot(draft_path(draft, lang), closes, opens, rule, out, force,
                             progress=lambda line: click.echo(line, err=True))
    if opened.repaired:
        click.echo("note: an earlier open of this ballot was interrupted; its files were "
                   "replaced", err=True)
    for role, path in sorted(opened.package.files.items()):
        click.echo(f"{role:<9} {path}")
    click.echo(f"manifest  {opened.package.manifest}")
    record = opened.record
    click.echo(f"record    {record.path}")
    click.echo(f"ballot on {record.label} open from {record.opens} to {record.closes}, rule "
               f"{record.rule}, {len(record.roster)} members"
               + (f"; commit {opened.saved.commit[:12]}" if opened.saved.commit else ""))
    note(opened.saved)


@ballot.command("vote")
@click.argument("draft")
@click.option("--member", required=True, help="Member code, as on the roster (e.g. CN-CESI).")
@click.option("--vote", "vote", required=True,
              help="approve | approve-with-comments | disapprove | abstain (同意 | 不同意 | 弃权).")
@click.option("--date", callback=date_option, default=None,
              help="Date the vote was cast [default: today, or SOURCE_DATE_EPOCH].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def ballot_vote(draft: str, member: str, vote: str, date: dt.date | None,
                lang: str | None) -> None:
    """Record a member's vote in the open ballot on DRAFT's current iteration (and commit it).

    A vote cast again replaces the earlier one (git keeps both). A disapproval without
    comments from that member is recorded with a warning: the reasons are required.
    """
    from build_tools.project import today

    from .ballot import cast_vote
    from .results import status

    with user_errors("ballot vote"):
        voted = cast_vote(draft_path(draft, lang), member, vote, date)
    for warning in voted.warnings:
        click.echo(f"warning: {warning}", err=True)
    if voted.saved is None:
        click.echo(f"{voted.record.label}: {member} {voted.vote} (already recorded)")
        return
    was = f" (was {voted.previous})" if voted.previous and voted.previous != voted.vote else ""
    after = status(voted.record, today())
    voters = [m for m in voted.record.roster if m.votes]
    click.echo(f"{voted.record.label}: {member} {voted.vote}{was}; "
               f"{len(voters) - len(after.missing)} of {len(voters)} P-members have voted")
    note(voted.saved)


def _status_text(result: Any) -> str:
    from .results import RULES

    r = result.record
    rule = RULES.get(r.rule)
    state = (f"closed on {r.closed}" + (f" early ({r.early})" if r.early else "")
             if r.closed else "open")
    voters = [m for m in r.roster if m.votes]
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    lines = [f"Ballot on {r.label}: {state}, {r.opens} to {r.closes}",
             f"rule: {r.rule}" + (f" ({rule.source}): {rule.summary}" if rule else ""),
             f"votes: {len(voters) - len(result.missing)} of {len(voters)} P-members have voted; "
             f"all votes cast: {counts}"]
    width = max((len(m.id) for m in r.roster), default=0)
    for m in r.roster:
        vote = r.votes.get(m.id)
        shown = f"{vote.vote:<22} {vote.date or ''}" if vote else "(no vote)"
        n = result.comments.by_member.get(m.id, 0)
        lines.append(f"  {m.id:<{width}}  {m.status}  {shown}".rstrip()
                     + (f"  ({n} comment{'s' * (n != 1)})" if n else ""))
    if result.missing:
        lines.append(f"not voted: {', '.join(result.missing)}")
    lines.append(f"result: {result.result}: {result.reason}")
    return "\n".join(lines)


@ballot.command("status")
@click.argument("draft")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--stage", default=None, help="Stage of the ballot [default: the draft's].")
@click.option("--iteration", type=click.IntRange(1), default=None,
              help="Iteration of the ballot [default: the draft's].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def ballot_status_cmd(draft: str, fmt: str, stage: str | None, iteration: int | None,
                      lang: str | None) -> None:
    """The ballot on DRAFT's current iteration: dates, votes, who has not voted, result.

    JSON: {"draft", "stage", "iteration", "open", "opens", "closes", "rule", "votes",
    "missing", "counts", "result", "reason"}; while the ballot is open the result is
    "pending".
    """
    from .ballot import ballot_status

    with user_errors("ballot status"):
        result = ballot_status(draft_path(draft, lang), stage, iteration)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(_status_text(result))


@ballot.command("close")
@click.argument("draft")
@click.option("--early", is_flag=True, help="Close before the closing date (with --reason).")
@click.option("--reason", default=None, help="Why the ballot closes early (recorded).")
@click.option("--format", "fmt", type=click.Choice(["docx", "xlsx"]), default="docx",
              show_default=True, help="Format of the collated table beside the report.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder [default: build/ballots/<draft>-<stage><iteration>/].")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def ballot_close(draft: str, early: bool, reason: str | None, fmt: str, out: Path | None,
                 lang: str | None) -> None:
    """Close the ballot on DRAFT's current iteration and write the disposition of comments.

    Refused before the closing date unless --early --reason TEXT. The result (by the
    ballot's rule), the vote counts and the close date go into the ballot record, which is
    committed; then the disposition of comments report (Markdown with the vote table and
    statistics, and the collated table as DOCX or XLSX) is written. Run again on a closed
    ballot, it writes the report again (dispositions come after the close).

    Exit status: 0 written and clean, 1 written but the comment files have errors.
    """
    from .ballot import close_ballot

    if reason is not None and not early:
        raise click.UsageError("--reason goes with --early")
    if early and not (reason or "").strip():
        raise click.UsageError("--early needs --reason TEXT: say why the ballot closes early")
    with user_errors("ballot close"):
        closed = close_ballot(draft_path(draft, lang), reason if early else None, out, fmt)
    for f in closed.findings:
        click.echo(f"{f.path}:{f.line or 1}: {f.severity} {f.rule} {f.message}")
    for line in closed.notes:
        click.echo(f"note: {line}", err=True)
    st = closed.status
    click.echo(f"Ballot on {closed.record.label}: {st.result}: {st.reason}")
    stats = closed.stats
    summary = ", ".join(f"{k} {v}" for k, v in stats["by_disposition"].items() if v)
    click.echo(f"{stats['total']} comments ({summary or 'none'})")
    for path in closed.files.values():
        click.echo(f"wrote {path}")
    note(closed.saved)
    sys.exit(1 if any(f.severity == "error" for f in closed.findings) else 0)


@click.command("stage")
@click.argument("draft")
@click.option("--to", "to", default=None, help="Stage to advance to [default: the next one].")
@click.option("--iteration-only", is_flag=True, help="Next iteration of the same stage.")
@click.option("--tag", is_flag=True, help="Tag the commit <id>-<stage><iteration>.")
@click.option("--force", is_flag=True, help="Advance over what blocks (with --reason).")
@click.option("--reason", default=None, help="Why the gate is overridden (recorded).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None)
def stage(draft: str, to: str | None, iteration_only: bool, tag: bool, force: bool,
          reason: str | None, lang: str | None) -> None:
    """Advance DRAFT to the next stage (iteration 1) or, with --iteration-only, iteration.

    Only when the draft lints without errors, every comment on the current iteration has a
    disposition, and the iteration's ballot (if one was held) is closed and, to leave the
    stage, approved. --force --reason TEXT overrides; the reason goes into the ballot record
    and the commit message. Rewrites stage, iteration and date (and drops ballot dates from
    the front-matter); the rest of the file is kept byte for byte. In git the draft and the iteration's comment
    folder are committed together. Exit status: 0 advanced, 1 blocked, 2 error.
    """
    from .stage import advance

    if reason is not None and not force:
        raise click.UsageError("--reason goes with --force")
    if force and not (reason or "").strip():
        raise click.UsageError("--force needs --reason TEXT: say why the gate is overridden")
    with user_errors("stage"):
        result = advance(draft_path(draft, lang), to, iteration_only, tag,
                         reason if force else None)
    old, new = result.old, result.new
    if result.blockers and not result.advanced:
        click.echo(f"{result.path}: stays at {old[0]} {old[1]}; "
                   f"{len(result.blockers)} item(s) block {new[0]} {new[1]}:")
        for line in result.blockers:
            click.echo(f"  {line}")
        sys.exit(1)
    if result.forced:
        click.echo(f"{result.path}: {len(result.blockers)} item(s) overridden: {reason}")
        for line in result.blockers:
            click.echo(f"  {line}")
    click.echo(f"{result.path}: {old[0]} {old[1]} -> {new[0]} {new[1]}"
               + (f" (commit {result.saved.commit[:12]})"
                  if result.saved and result.saved.commit else ""))
    if result.tag:
        click.echo(f"tagged {result.tag}")
    note(result.saved)

