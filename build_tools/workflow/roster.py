"""The roster of the working group: ``committee.yaml`` at the repository root (the path is
``committee`` in ``[tool.clause]``)::

    committee: MIIT Metaverse Standardization Working Group    # optional
    members:
      - id: CN-CESI            # the member code used in comment files
        name: China Electronics Standardization Institute      # or {en: …, zh: …}
        status: P              # P (participating: votes) | O (observer)

Reading never raises for what the file says: each problem is a `RosterProblem` with its line
and the rule that reports it (ROSTER-01 structure, ROSTER-02 unknown key, ROSTER-03 duplicate
id), so ``clause lint`` and ``clause doctor`` show them all. ``load_roster`` refuses a roster
with errors, for the commands that need a sound one (``clause ballot open``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from build_tools import frontmatter, project

from .errors import WorkflowError

TOP_KEYS = ("committee", "members")
MEMBER_KEYS = ("id", "name", "status")
PARTICIPATING, OBSERVER = "P", "O"
STATUSES = (PARTICIPATING, OBSERVER)
# A member code names the member's comment file: letters, digits, "-", "_" and "." only.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MAX_BYTES = 1024 * 1024


class RosterProblem(NamedTuple):
    rule: str  # ROSTER-01 structure, ROSTER-02 unknown key, ROSTER-03 duplicate id
    line: int
    message: str


@dataclass(frozen=True)
class Member:
    id: str
    name: str | dict[str, str]  # as written: one name, or one per language
    status: str
    line: int = 1

    def display_name(self, lang: str = "en") -> str:
        if isinstance(self.name, dict):
            return self.name.get(lang) or next(iter(self.name.values()), self.id)
        return self.name or self.id

    @property
    def votes(self) -> bool:
        return self.status == PARTICIPATING

    def as_record(self) -> dict[str, Any]:
        """The member as the ballot record keeps it (the roster as it stood)."""
        return {"id": self.id, "name": self.name, "status": self.status}


@dataclass
class Roster:
    path: Path
    members: list[Member] = field(default_factory=list)
    committee: str | None = None
    problems: list[RosterProblem] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [m.id for m in self.members]

    def get(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def closest(self, member_id: str) -> str | None:
        match = difflib.get_close_matches(member_id, self.ids(), n=1, cutoff=0.6)
        return match[0] if match else None


def roster_path(root: Path) -> Path:
    """Where the roster of the repository at ``root`` is (it may not exist)."""
    try:
        return project.load(root).committee_file()
    except project.ConfigError:
        return Path(root) / project.DEFAULT_COMMITTEE


def _closest(word: str, choices: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _name(value: Any) -> str | dict[str, str] | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if (isinstance(value, dict) and value
            and all(isinstance(v, str) and v.strip() for v in value.values())):
        return {str(k): v.strip() for k, v in value.items()}
    return None


def parse_roster(text: str, path: Path) -> Roster:
    """The roster in ``text`` (the content of ``path``), with every problem found."""
    roster = Roster(path)
    problem = roster.problems.append
    fm = frontmatter.read_yaml(text, "committee.yaml")
    for p in fm.problems:
        problem(RosterProblem("ROSTER-01", p.line, p.message))
    if fm.problems and not fm.data:
        return roster
    data, lines = fm.data, fm.lines
    for key, line in fm.duplicates:
        problem(RosterProblem("ROSTER-01", line, f"key {key!r} is written twice"))
    for key in data:
        if key not in TOP_KEYS:
            problem(RosterProblem("ROSTER-02", lines.get(key, 1),
                                  f"unknown key {key!r}{_closest(key, TOP_KEYS)}"))
    committee = data.get("committee")
    if committee is not None and not isinstance(committee, str):
        problem(RosterProblem("ROSTER-01", lines.get("committee", 1),
                              "committee must be the committee's name"))
    roster.committee = committee if isinstance(committee, str) else None
    members = data.get("members")
    if not isinstance(members, list) or not members:
        what = "is missing" if "members" not in data else "must be a list of members"
        problem(RosterProblem("ROSTER-01", lines.get("members", 1),
                              f"members {what}: one entry per member, with id, name and status"))
        return roster
    first_line: dict[str, int] = {}
    for index, entry in enumerate(members):
        where = f"members[{index}]"
        line = lines.get(where, lines.get("members", 1))
        if not isinstance(entry, dict):
            problem(RosterProblem("ROSTER-01", line, f"member {index + 1} must be a mapping "
                                  "with id, name and status"))
            continue
        for key in entry:
            if key not in MEMBER_KEYS:
                problem(RosterProblem("ROSTER-02", lines.get(f"{where}.{key}", line),
                                      f"unknown key {key!r} in member {index + 1}"
                                      f"{_closest(key, MEMBER_KEYS)}"))
        ident, status, name = entry.get("id"), entry.get("status"), _name(entry.get("name"))
        bad = len(roster.problems)
        if not isinstance(ident, str) or not ID_PATTERN.match(ident):
            shown = "is missing" if ident is None else f"{ident!r} is not a member code"
            problem(RosterProblem("ROSTER-01", lines.get(f"{where}.id", line),
                                  f"member {index + 1}: id {shown} (letters, digits, '-', '_' "
                                  "and '.', as in CN-CESI: it names the member's comment file)"))
        if status not in STATUSES:
            hint = (f" (did you mean {str(status).upper()!r}?)"
                    if str(status).upper() in STATUSES else "")
            shown = "is missing" if status is None else f"{status!r} is not P or O"
            problem(RosterProblem("ROSTER-01", lines.get(f"{where}.status", line),
                                  f"member {index + 1}: status {shown}: P (participating "
                                  f"member: votes) or O (observer){hint}"))
        if name is None:
            problem(RosterProblem("ROSTER-01", lines.get(f"{where}.name", line),
                                  f"member {index + 1}: name must be the organisation's name "
                                  "(or one per language: {en: …, zh: …})"))
        if len(roster.problems) > bad:
            continue
        assert isinstance(ident, str) and isinstance(status, str) and name is not None
        if ident in first_line:
            problem(RosterProblem("ROSTER-03", lines.get(f"{where}.id", line),
                                  f"member id {ident!r} is already used on line "
                                  f"{first_line[ident]}"))
            continue
        first_line[ident] = lines.get(f"{where}.id", line)
        roster.members.append(Member(ident, name, status, line))
    return roster


def read_roster(path: Path) -> Roster | None:
    """The roster at ``path`` with its problems, or None when there is no such file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return Roster(path, problems=[RosterProblem(
                "ROSTER-01", 1, f"the file is larger than {MAX_BYTES // 1024} KB")])
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return Roster(path, problems=[RosterProblem("ROSTER-01", 1,
                                                    f"cannot read it: {exc.strerror or exc}")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Roster(path, problems=[RosterProblem("ROSTER-01", 1,
                                                    f"not UTF-8 text (byte {exc.start})")])
    return parse_roster(text, path)


def load_roster(root: Path) -> Roster:
    """The roster of the repository at ``root``, which must exist and have no errors."""
    path = roster_path(root)
    roster = read_roster(path)
    if roster is None:
        raise WorkflowError(path, None, "no roster: a ballot goes to the members listed in "
                            f"{path.name} (members with id, name and status P or O; see "
                            "docs/FORMAT.md, 'The committee')")
    errors = [p for p in roster.problems if p.rule != "ROSTER-02"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; run clause lint)" if len(errors) > 1 else ""
        raise WorkflowError(path, first.line, first.message + more)
    return roster
