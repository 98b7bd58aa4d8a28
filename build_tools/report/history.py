"""The history of a draft's stages and ballots, read from its versions in git.

Every commit that changed the draft is a version; its front-matter says the stage, the
iteration and the draft's date. The ballot of an iteration is its record,
comments/<stem>/<stage><iteration>/ballot.yaml (workflow.record); drafts balloted before the
records existed carried the ballot's dates in their front-matter. One ``Step`` per stage and
iteration, in the order they were reached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from build_tools import frontmatter, gitio
from build_tools.project import root_or_here
from build_tools.workflow.record import records_of


@dataclass
class Step:
    stage: str
    iteration: int
    first: dt.date  # the day the first commit of this iteration was made
    last: dt.date  # the day of its last commit
    date: str  # the draft's own date (front-matter) in its last version
    commits: int
    commit: str  # the first commit of the iteration
    ballot: tuple[str, str] | None = None  # (opens, closes) as recorded
    result: str | None = None  # the ballot's result once it closed (workflow.results)


class NoHistory(Exception):
    """The draft is not in a git repository, or git is missing: said in the report."""


def _day(when: int) -> dt.date:
    return dt.datetime.fromtimestamp(when, dt.UTC).date()


def history(path: Path) -> list[Step]:
    """The stages and iterations of ``path``, oldest first (NoHistory without git)."""
    if not gitio.is_repository(path):
        raise NoHistory(f"{path} is not in a git repository: the report lists no stages")
    try:
        versions = gitio.file_versions(path)
    except gitio.GitError as exc:
        raise NoHistory(str(exc)) from None
    steps: list[Step] = []
    for commit, when, text in versions:
        meta = frontmatter.read(text).data
        stage, iteration = meta.get("stage"), meta.get("iteration")
        if not isinstance(stage, str) or not isinstance(iteration, int):
            continue
        day = _day(when)
        if not steps or (steps[-1].stage, steps[-1].iteration) != (stage, iteration):
            steps.append(Step(stage, iteration, day, day, "", 0, commit))
        step = steps[-1]
        step.last, step.commits = day, step.commits + 1
        step.date = str(meta.get("date") or step.date)
        ballot = meta.get("ballot")
        if isinstance(ballot, dict) and (ballot.get("opens") or ballot.get("closes")):
            step.ballot = (str(ballot.get("opens") or ""), str(ballot.get("closes") or ""))
    by_iteration = {(s.stage, s.iteration): s for s in steps}
    for record in records_of(root_or_here(path), path.stem):
        step = by_iteration.get((record.stage, record.iteration))
        if step is not None:
            step.ballot = (record.opens.isoformat(), record.closes.isoformat())
            step.result = record.result
    return steps
