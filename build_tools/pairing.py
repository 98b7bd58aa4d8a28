"""Bilingual pairs: the English and the Chinese version of one standard, kept in step.

Two drafts that share an ``id`` and differ in ``language`` are a pair (FORMAT.md). What the
comparison needs of a draft is its ``Profile``: the clauses and term entries with their
numbers, lines and counts of notes, examples, tables, figures and requirements, and the
normative references. A profile is plain data, so the lint cache keeps it and the PAIR rules
run on cached drafts too; the site's side-by-side page aligns the same profiles.

Alignment: a clause matches the clause of the other version with the same explicit anchor
(``{#id}``), else, when neither has a counterpart that way, the clause with the same number;
a term entry of the Chinese version matches the English entry whose preferred term is its
``en:`` equivalent. A reference matches one with the same identifier (year aside), a part of
it ("ISO/IEC 2382-1" of "ISO/IEC 2382"), or the document it declares it adopts
("GB/T 5271.1—2000 …（ISO/IEC 2382-1:1993，IDT）").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from build_tools.i18n.refs import base_ident
from build_tools.model import ANNEX, Clause, Draft, Figure, Table, TermEntry

COUNTED = ("notes", "examples", "tables", "figures", "requirements")
_ADOPTS = re.compile(r"[（(]\s*((?:ISO|IEC|ITU|IEEE|CEN|EN)[^，,（）()]*?)\s*[，,]\s*"
                     r"(?:IDT|MOD|NEQ)\s*[）)]")


@dataclass
class Item:
    """A clause (``kind`` "clause") or a term entry ("term") of a profile."""

    kind: str
    number: str
    title: str  # the clause title or the preferred term
    line: int
    column: int = 1
    anchor: str = ""  # the explicit anchor ({#id}) of a clause, the anchor of a term
    place: str = ""  # a clause's number, or its kind when unnumbered ("foreword")
    match_key: str = ""  # a term's English designation (preferred, or en: in Chinese)
    parent: int = -1  # index of the enclosing clause in Profile.items
    annex: bool = False
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Ref:
    ident: str
    line: int
    column: int = 1
    adopts: list[str] = field(default_factory=list)  # base identifiers it declares it adopts

    @property
    def base(self) -> str:
        return base_ident(self.ident)


@dataclass
class Profile:
    path: str
    id: str
    language: str
    items: list[Item] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    refs_line: int = 0  # the Normative references heading (0: the clause is absent)

    def to_dict(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies field by field, which made it a twentieth of
        # the linter's time (every draft's profile goes to the lint cache and the workers).
        return {"path": self.path, "id": self.id, "language": self.language,
                "items": [{**vars(i), "counts": dict(i.counts)} for i in self.items],
                "refs": [{**vars(r), "adopts": list(r.adopts)} for r in self.refs],
                "refs_line": self.refs_line}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        return cls(data["path"], data["id"], data["language"],
                   [Item(**i) for i in data["items"]], [Ref(**r) for r in data["refs"]],
                   data["refs_line"])


def _counts(clause: Clause | None, term: TermEntry | None, requirements: int) -> dict[str, int]:
    if term is not None:
        return {"notes": len(term.notes), "examples": len(term.examples)}
    assert clause is not None
    notes = examples = tables = figures = 0
    for block in clause.blocks:  # one walk, not four: every clause of every draft is counted
        if block.kind == "note":
            notes += 1
        elif block.kind == "example":
            examples += 1
        elif isinstance(block, Table):
            tables += 1
        elif isinstance(block, Figure):
            figures += 1
    return {"notes": notes, "examples": examples, "tables": tables, "figures": figures,
            "requirements": requirements}


def match_key(text: str) -> str:
    """How two English designations compare: case, hyphens and spacing aside."""
    return " ".join(re.sub(r"[-‐‑–_/]+", " ", text.casefold()).split())


def elements(draft: Draft) -> Iterator[tuple[Clause, TermEntry | None]]:
    """What a profile lists, in its order: each clause (entry None), then its term entries,
    each followed by its subterms. ``Profile.items[i]`` is the i-th of these."""
    for clause in draft.walk():
        yield clause, None
        for term in clause.terms:
            for entry in (term, *term.subterms):
                yield clause, entry


def profile(draft: Draft) -> Profile:
    """The draft's profile: computed from the model once, or the one the lint cache kept."""
    kept = draft.memo.get("pair")
    if isinstance(kept, Profile):
        return kept
    if isinstance(kept, dict):
        draft.memo["pair"] = Profile.from_dict(kept)
        return draft.memo["pair"]
    out = Profile(str(draft.path), draft.id, draft.language)
    requirements: dict[str, int] = {}
    for req in draft.requirements:
        requirements[req.clause] = requirements.get(req.clause, 0) + 1
    where: dict[int, int] = {}
    for clause, entry in elements(draft):
        annex = clause.top.kind == ANNEX
        if entry is None:
            parent = where.get(id(clause.parent), -1) if clause.parent is not None else -1
            where[id(clause)] = len(out.items)
            out.items.append(Item(
                "clause", clause.number, clause.title, clause.line, draft.first_column(clause.line),
                clause.anchor if clause.explicit_anchor and clause.anchor else "",
                clause.number or clause.kind, "", parent, annex,
                _counts(clause, None, requirements.get(clause.number, 0))))
        else:
            english = entry.en if draft.language != "en" else entry.preferred
            out.items.append(Item(
                "term", entry.number, entry.preferred, entry.line,
                draft.first_column(entry.line), entry.anchor or "", "", match_key(english or ""),
                where[id(clause)], annex, _counts(None, entry, 0)))
    clause = next((c for c in draft.clauses if c.kind == "normative-references"), None)
    if clause is not None:
        out.refs_line = clause.line
        for ref in clause.references:
            adopts = [base_ident(m.group(1).strip()) for m in _ADOPTS.finditer(ref.source)]
            out.refs.append(Ref(ref.ident, ref.line, draft.first_column(ref.line), adopts))
    draft.memo["pair"] = out
    return out


# --- pairs and alignment ------------------------------------------------------------------


def pairs(drafts: list[Draft]) -> list[tuple[Draft, Draft]]:
    """(English, Chinese) for each id held by exactly one draft of each language."""
    by_id: dict[str, dict[str, list[Draft]]] = {}
    for d in drafts:
        if d.has_front_matter and "id" in d.meta and not d.fatal:
            by_id.setdefault(d.id, {}).setdefault(d.language, []).append(d)
    out = []
    for langs in by_id.values():
        en, zh = langs.get("en", []), langs.get("zh", [])
        if len(en) == 1 and len(zh) == 1:
            out.append((en[0], zh[0]))
    return out


@dataclass
class Alignment:
    """The items of two profiles matched: ``a_to_b[i]`` is the index in ``b`` of the item
    matching ``a.items[i]`` (None: it has no counterpart); ``b_to_a`` the reverse."""

    a: Profile
    b: Profile
    a_to_b: list[int | None]
    b_to_a: list[int | None]

    def counterpart_before(self, side: str, index: int) -> Item | None:
        """On the other side, the counterpart of the nearest item before ``index`` (on
        ``side``, "a" or "b") that has one: where a missing item would go."""
        mine, other, mapping = ((self.a, self.b, self.a_to_b) if side == "a"
                                else (self.b, self.a, self.b_to_a))
        for i in range(index - 1, -1, -1):
            j = mapping[i]
            if j is not None:
                return other.items[j]
        return None

    def rows(self) -> list[tuple[int | None, int | None]]:
        """Both sequences merged for reading side by side: (index in ``a``, index in ``b``),
        in ``a``'s order, an item of ``b`` without a counterpart where ``b`` has it (after
        the items of ``b`` before it), None on the side that lacks the item."""
        out: list[tuple[int | None, int | None]] = []
        shown = [False] * len(self.b.items)
        nxt = 0  # the first item of b not yet looked at for b-only rows

        def b_only_until(stop: int) -> None:
            nonlocal nxt
            while nxt < stop:
                if self.b_to_a[nxt] is None and not shown[nxt]:
                    shown[nxt] = True
                    out.append((None, nxt))
                nxt += 1

        for i, j in enumerate(self.a_to_b):
            if j is not None:
                b_only_until(j)
                shown[j] = True
            out.append((i, j))
        b_only_until(len(self.b.items))
        return out

    def ordinal(self, profile_: Profile, mapping: list[int | None], index: int) -> int:
        """The item's place among the matched items of its kind under the same parent."""
        item = profile_.items[index]
        return sum(1 for i, other in enumerate(profile_.items[:index])
                   if other.parent == item.parent and other.kind == item.kind
                   and mapping[i] is not None)


def align(a: Profile, b: Profile) -> Alignment:
    a_to_b: list[int | None] = [None] * len(a.items)
    b_to_a: list[int | None] = [None] * len(b.items)

    def pair(i: int, j: int) -> None:
        a_to_b[i], b_to_a[j] = j, i

    def free(items: list[Item], mapping: list[int | None], kind: str) -> list[int]:
        return [i for i, x in enumerate(items) if x.kind == kind and mapping[i] is None]

    for key in ("anchor", "place"):
        index: dict[str, int] = {}
        for j in free(b.items, b_to_a, "clause"):
            value = getattr(b.items[j], key)
            if value:
                index.setdefault(value, j)
        for i in free(a.items, a_to_b, "clause"):
            value = getattr(a.items[i], key)
            j = index.get(value) if value else None
            if j is not None and b_to_a[j] is None:
                pair(i, j)
    terms: dict[str, int] = {}
    for j in free(b.items, b_to_a, "term"):
        terms.setdefault(b.items[j].match_key, j)
    for i in free(a.items, a_to_b, "term"):
        j = terms.get(a.items[i].match_key) if a.items[i].match_key else None
        if j is not None and b_to_a[j] is None:
            pair(i, j)
    # An entry without its English designation (TERM-08 reports it) pairs by anchor.
    anchors = {b.items[j].anchor: j for j in free(b.items, b_to_a, "term") if b.items[j].anchor}
    for i in free(a.items, a_to_b, "term"):
        item = a.items[i]
        j = anchors.get(item.anchor) if item.anchor else None
        if j is not None and b_to_a[j] is None and not (item.match_key and b.items[j].match_key):
            pair(i, j)
    return Alignment(a, b, a_to_b, b_to_a)


def refs_match(ref: Ref, others: list[Ref]) -> bool:
    """Whether ``ref`` cites a document that one of ``others`` cites (see the module's docs)."""
    mine = {ref.base, *ref.adopts}
    for other in others:
        theirs = {other.base, *other.adopts}
        if mine & theirs:
            return True
        if any(x.startswith(y + "-") or y.startswith(x + "-") for x in mine for y in theirs):
            return True
    return False
