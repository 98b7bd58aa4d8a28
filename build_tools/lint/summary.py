"""The slim model kept in the lint cache: what rules that look beyond one parse need.

Cross-draft rules (duplicate ids, one terminology) and rules that look at other files
(images) run on every lint; a cached draft gives them this summary, rebuilt as a real
``Draft`` so the rules do not know the difference.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from build_tools.model import TERMS, Block, Clause, Draft, Image, TermEntry
from build_tools.pairing import profile


def _scalar(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "path": str(draft.path),
        "meta": {k: _scalar(draft.meta.get(k)) for k in ("id", "language", "rules") if k in draft.meta},
        "meta_lines": {k: v for k, v in draft.meta_lines.items() if k == "id"},
        "has_front_matter": draft.has_front_matter,
        "fatal": draft.fatal,
        "terms": [[t.number, t.preferred, t.line,
                   [t.definition.text, t.definition.line] if t.definition else None]
                  for t in draft.terms],
        "images": [[i.src, i.line, i.alt] for i in draft.images],
        "suppressions": [[line, sorted(rules), draft.suppression_ends.get(line, line)]
                         for line, rules in draft.suppressions.items()],
        # What the PAIR rules compare with the other language version.
        "pair": None if draft.fatal else profile(draft).to_dict(),
    }


def from_dict(data: dict[str, Any]) -> Draft:
    draft = Draft(path=Path(data["path"]), text="", meta=dict(data["meta"]),
                  meta_lines=dict(data["meta_lines"]), has_front_matter=data["has_front_matter"])
    terms = Clause(title="", kind=TERMS, level=1, line=0)
    for number, preferred, line, definition in data["terms"]:
        entry = TermEntry(number=number, preferred=preferred, line=line)
        if definition:
            entry.definition = Block("definition", definition[1], definition[1], definition[0],
                                     definition[0])
        terms.terms.append(entry)
    draft.clauses = [terms]
    draft.images = [Image(src, line, alt) for src, line, alt in data["images"]]
    for line, rules, end in data["suppressions"]:
        draft.suppressions[line] = {r: "" for r in rules}
        draft.suppression_ends[line] = end
    if data.get("pair"):
        draft.memo["pair"] = data["pair"]
    if data["fatal"]:
        from build_tools.model import ParseProblem

        # Only a marker that the draft could not be read: FILE-01 reported it when it was linted.
        draft.problems.append(ParseProblem(1, "", "FILE-01", fatal=True))
    return draft
