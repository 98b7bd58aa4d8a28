"""``clause diff REV1 REV2 [DRAFT]``: redlines between two git revisions of the drafts."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from build_tools import gitio
from build_tools.model import Draft
from build_tools.parse import parse_file
from build_tools.site.config import Project, find_drafts
from build_tools.site.redline import Redline, redline


class NotARepository(Exception):
    pass


@dataclass
class DraftDiff:
    rel: str
    old: Draft | None
    new: Draft | None
    redline: Redline | None

    @property
    def status(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.redline and self.redline.changed else "unchanged"


def _drafts_at(repo: Path, project: Project, rev: str, dest: Path,
               refused: list[str]) -> dict[str, Draft]:
    commit = gitio.commit_of(repo, rev)
    prefix = project.root.resolve().relative_to(repo)
    gitio.extract(repo, commit, [(prefix / p).as_posix() for p in project.paths], dest, refused)
    root = dest / prefix
    return {p.relative_to(root).as_posix(): parse_file(p) for p in find_drafts(root, project.paths)}


def _selected(rel: str, draft: Draft, wanted: str | None) -> bool:
    if not wanted:
        return True
    name = Path(rel).name
    return wanted in (rel, name, Path(rel).stem, draft.id) or rel.endswith("/" + wanted.lstrip("./"))


def diff_revisions(project: Project, rev1: str, rev2: str, wanted: str | None = None,
                   refused: list[str] | None = None) -> list[DraftDiff]:
    """The drafts that differ between two revisions; ``refused`` gets the committed symlinks
    that were not read (gitio.extract)."""
    notes = refused if refused is not None else []
    repo = gitio.repo_root(project.root)
    if repo is None:
        raise NotARepository(f"clause diff compares git revisions, and {project.root} is not "
                             "in a git repository")
    with tempfile.TemporaryDirectory(prefix="clause-diff-") as tmp:
        old = _drafts_at(repo, project, rev1, Path(tmp) / "a", notes)
        new = _drafts_at(repo, project, rev2, Path(tmp) / "b", notes)
    out: list[DraftDiff] = []
    matched: set[str] = set()
    for rel, draft in new.items():
        before = old.get(rel)
        if before is None:
            same = [(r, d) for r, d in old.items()
                    if d.id == draft.id and d.language == draft.language and r not in new]
            if len(same) == 1:
                rel_old, before = same[0]
                matched.add(rel_old)
        else:
            matched.add(rel)
        if not (_selected(rel, draft, wanted) or (before and _selected(rel, before, wanted))):
            continue
        red = redline(before, draft, rev1, rev2) if before is not None else None
        out.append(DraftDiff(rel, before, draft, red))
    for rel, draft in old.items():
        if rel not in matched and _selected(rel, draft, wanted):
            out.append(DraftDiff(rel, draft, None, None))
    return out
