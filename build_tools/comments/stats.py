"""Counts of collated comments, and the disposition of comments (DoC) report in Markdown.

The type and disposition counts always carry every category (zeros included) so a page or a
report lays out the same columns for every ballot; "open" counts comments without a
disposition, "unknown" comments without a valid type.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .dispositions import LABELS
from .model import DISPOSITIONS, TYPES, Comment
from .normalize import clause_sort_key
from .table_writers import _md, markdown_table

OPEN = "open"
UNKNOWN = "unknown"
TYPE_NAMES = {"ge": "General", "te": "Technical", "ed": "Editorial", UNKNOWN: "No type"}


def type_of(comment: Comment) -> str:
    return comment.type if comment.type in TYPES else UNKNOWN


def disposition_of(comment: Comment) -> str:
    return comment.disposition if comment.disposition in DISPOSITIONS else OPEN


def statistics(comments: list[Comment]) -> dict[str, Any]:
    """{"total", "by_clause", "by_member", "by_type", "by_disposition"}; clauses in document
    order, members alphabetically, types ge/te/ed/unknown, dispositions in DISPOSITIONS order
    then "open"."""
    clauses = Counter(c.clause or "" for c in comments)
    members = Counter(c.member or "" for c in comments)
    types = Counter(type_of(c) for c in comments)
    dispositions = Counter(disposition_of(c) for c in comments)
    return {
        "total": len(comments),
        "by_clause": {k: clauses[k] for k in sorted(clauses, key=clause_sort_key)},
        "by_member": {k: members[k] for k in sorted(members)},
        "by_type": {k: types[k] for k in (*TYPES, UNKNOWN)},
        "by_disposition": {k: dispositions[k] for k in (*DISPOSITIONS, OPEN)},
    }


def _row(cells: list[Any]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


def table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    """A Markdown table (cells escaped), then a blank line."""
    return [_row(headers), "|" + "|".join("---" for _ in headers) + "|", *map(_row, rows), ""]


def _label(disposition: str) -> str:
    return LABELS.get(disposition, "Open")


def disposition_report(comments: list[Comment], *, document: str, project: str, date: str,
                       ballot: dict[str, Any] | None = None,
                       sections: list[str] | None = None) -> str:
    """The DoC report: header, ``sections`` (Markdown, e.g. the vote table of the ballot),
    statistics by member, type and disposition, then every comment with its disposition and
    observation."""
    stats = statistics(comments)
    kinds = [*DISPOSITIONS, OPEN]
    lines = [f"# Disposition of comments: {_md(document)}", "", f"Project: {_md(project)}", ""]
    if ballot:
        lines += [f"Ballot: {_md(ballot.get('opens'))} to {_md(ballot.get('closes'))}", ""]
    resolved = stats["total"] - stats["by_disposition"][OPEN]
    lines += [f"Date: {_md(date)}", "",
              f"{stats['total']} comments from {len(stats['by_member'])} members; "
              f"{resolved} with a disposition, {stats['by_disposition'][OPEN]} open.", ""]
    for section in sections or ():
        lines += [section.rstrip("\n"), ""]
    by_member = []
    for member in stats["by_member"]:
        own = [c for c in comments if (c.member or "") == member]
        row: list[Any] = [member or "(none)"]
        row += [sum(1 for c in own if type_of(c) == t) for t in TYPES]
        row += [len(own)] + [sum(1 for c in own if disposition_of(c) == d) for d in kinds]
        by_member.append(row)
    lines += ["## By member", ""]
    lines += table(["Member", *TYPES, "Total", *map(_label, kinds)], by_member)
    by_type = []
    for kind, count in stats["by_type"].items():
        own = [c for c in comments if type_of(c) == kind]
        by_type.append([TYPE_NAMES[kind], count, *(sum(1 for c in own if disposition_of(c) == d)
                                                    for d in kinds)])
    lines += ["## By type", ""]
    lines += table(["Type", "Total", *map(_label, kinds)], by_type)
    lines += ["## By disposition", ""]
    lines += table(["Disposition", "Comments"],
                    [[_label(k), v] for k, v in stats["by_disposition"].items()])
    lines += ["## Comments", "", markdown_table(comments)]
    return "\n".join(lines)
