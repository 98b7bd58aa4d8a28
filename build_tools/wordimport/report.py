"""What an import could not map, and the tracked changes and comments it found.

Every entry says where it is in the DOCX: the paragraph's number in reading order (headings,
paragraphs, list items and table cells each count; a table counts its cells), the clause it is
in, and the first words of the paragraph, which an editor can search for in Word.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

UNMAPPED = "unmapped"  # content that was changed or dropped to fit the draft format
CHANGE = "tracked-change"
COMMENT = "comment"
INFO = "info"  # how something was read, when it was a guess


@dataclass
class Entry:
    kind: str
    message: str
    paragraph: int | None = None  # 1-based, reading order
    clause: str = ""  # "5.2", "Foreword", "" before the first heading
    excerpt: str = ""

    def where(self) -> str:
        parts = []
        if self.paragraph:
            parts.append(f"paragraph {self.paragraph}")
        if self.clause:
            parts.append(f"in {self.clause}")
        if self.excerpt:
            parts.append(f'"{self.excerpt}"')
        return ", ".join(parts)


def excerpt(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


@dataclass
class Report:
    source: str
    entries: list[Entry] = field(default_factory=list)
    track_changes: str = "accept"

    def add(self, kind: str, message: str, paragraph: int | None = None, clause: str = "",
            text: str = "") -> None:
        self.entries.append(Entry(kind, message, paragraph, clause, excerpt(text) if text else ""))

    def of(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def lines(self) -> list[str]:
        out = []
        for e in self.entries:
            where = e.where()
            out.append(f"{self.source}: {where + ': ' if where else ''}{e.kind}: {e.message}")
        return out

    def summary(self) -> str:
        counts = Counter(e.kind for e in self.entries)
        changes = counts[CHANGE]
        done = {"accept": "accepted", "reject": "rejected"}.get(self.track_changes,
                                                                 self.track_changes)
        parts = [f"{counts[UNMAPPED]} item(s) not mapped exactly"]
        if changes:
            parts.append(f"{changes} tracked change(s) {done}")
        if counts[COMMENT]:
            parts.append(f"{counts[COMMENT]} comment(s) not imported")
        return "; ".join(parts)

    def to_json(self) -> str:
        return json.dumps({"source": self.source, "track_changes": self.track_changes,
                           "entries": [asdict(e) for e in self.entries]},
                          ensure_ascii=False, indent=2)
