"""The reviewer-comment model: one `Comment` per row of a comment table or YAML entry.

The model mirrors the YAML contract in FORMAT.md ("Reviewer comment files"). Readers keep what
they were given (a YAML file may hold ``type: TE``); `check.py` reports values outside the
vocabularies below instead of the readers silently fixing them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

# Types of comment, as in footnote 2 of the ISO/IEC/CEN/CENELEC template.
GENERAL = "ge"
TECHNICAL = "te"
EDITORIAL = "ed"
TYPES = (GENERAL, TECHNICAL, EDITORIAL)

# Dispositions: the ISO/IEC/CEN practice (RULES-REFERENCE 5.2) spelled as FORMAT.md does.
ACCEPTED = "accepted"
ACCEPTED_IN_PRINCIPLE = "accepted-in-principle"
PARTIALLY_ACCEPTED = "partially-accepted"
NOTED = "noted"
REJECTED = "rejected"
DISPOSITIONS = (ACCEPTED, ACCEPTED_IN_PRINCIPLE, PARTIALLY_ACCEPTED, NOTED, REJECTED)

GENERAL_CLAUSE = "General"

# The fields a comment keeps through YAML -> DOCX/XLSX -> YAML (the round-trip contract).
ROUND_TRIP_FIELDS = (
    "id",
    "line",
    "clause",
    "element",
    "type",
    "comment",
    "proposed_change",
    "disposition",
    "observation",
    "member",
)


@dataclass
class Comment:
    """One reviewer comment.

    ``line`` is the first line number the reviewer gave; ``line_text`` the cell as written
    ("12-15"). ``member`` is None in a YAML entry that inherits the file's member.
    ``source_row`` is the row of the table it was imported from; ``yaml_line`` and
    ``field_lines`` the 1-based lines of the entry and of each key in its YAML file, for messages.
    ``extra`` keeps source columns that map to no field, keyed by their original header.
    """

    id: str | None = None
    line: int | None = None
    line_text: str | None = None
    clause: str | None = None
    element: str | None = None
    type: str | None = None
    comment: str | None = None
    proposed_change: str | None = None
    disposition: str | None = None
    observation: str | None = None
    member: str | None = None
    source_row: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    yaml_line: int | None = None
    field_lines: dict[str, int] = field(default_factory=dict)

    def key(self) -> tuple[Any, ...]:
        """The round-trip fields, for comparing two comments regardless of provenance."""
        return tuple(getattr(self, name) for name in ROUND_TRIP_FIELDS)

    def line_of(self, name: str) -> int | None:
        """The YAML line of field ``name``, falling back to the entry's own line."""
        return self.field_lines.get(name, self.yaml_line)


@dataclass
class CommentFile:
    """One member's comments on one draft iteration (one YAML file, or one imported table).

    ``problems`` holds structural problems met while reading (an entry that is not a mapping,
    a field of the wrong YAML type), as (line, message); `check.py` reports them.
    ``key_lines`` maps each top-level key to its YAML line; ``unknown_keys`` lists top-level
    keys outside the contract with their lines.
    """

    document: str | None
    stage: str | None
    iteration: int | None
    member: str | None
    comments: list[Comment] = field(default_factory=list)
    path: Path | None = None
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    key_lines: dict[str, int] = field(default_factory=dict)
    unknown_keys: list[tuple[str, int | None]] = field(default_factory=list)

    def effective_member(self, comment: Comment) -> str | None:
        """The member a comment belongs to: its own, else the file's."""
        return comment.member or self.member


COMMENT_FIELD_NAMES = tuple(f.name for f in fields(Comment))
