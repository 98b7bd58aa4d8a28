"""What structure recovery finds: clauses, term entries, notes, tables, figures, references.

Content stays pandoc inlines until the draft is written, so cross-references can be resolved
once every target is known. ``n`` is always the element's paragraph number in the DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Inlines = list[dict[str, Any]]


@dataclass
class Para:
    n: int
    inlines: Inlines
    kind: str = "paragraph"  # paragraph | note | example | term-note | source
    pins: list[str] = field(default_factory=list)  # requirement pins at its end
    anchors: list[str] = field(default_factory=list)


@dataclass
class ListEl:
    n: int
    node: dict[str, Any]  # pandoc BulletList / OrderedList, changes decided


@dataclass
class RefItem:
    """One entry of Normative references or the Bibliography."""

    n: int
    inlines: Inlines
    anchors: list[str] = field(default_factory=list)
    anchor: str = ""


@dataclass
class TableEl:
    n: int
    header: list[Inlines]
    rows: list[list[Inlines]]
    caption: Inlines = field(default_factory=list)
    typed: str = ""  # the number typed in the caption: "1", "A.1"
    anchors: list[str] = field(default_factory=list)
    anchor: str = ""
    label: str = ""  # as Clause numbers it: "1", "A.1"
    notes: list[Para] = field(default_factory=list)  # from a last row "NOTE …"


@dataclass
class FigureEl:
    n: int
    image: dict[str, Any] | None  # pandoc Image inline
    caption: Inlines = field(default_factory=list)
    typed: str = ""
    anchors: list[str] = field(default_factory=list)
    anchor: str = ""
    label: str = ""
    src: str = ""  # the figure's path, relative to the draft, once its file is written


@dataclass
class CodeEl:
    n: int
    text: str


@dataclass
class Term:
    n: int
    typed: str  # "3.1" as typed ("" when Word numbered it)
    preferred: Inlines
    level: int = 2
    attributes: list[tuple[str, Inlines]] = field(default_factory=list)  # admitted, en …
    blocks: list[Para] = field(default_factory=list)
    subterms: list[Term] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    anchor: str = ""
    number: str = ""  # as Clause numbers it


Item = Para | ListEl | RefItem | TableEl | FigureEl | CodeEl | Term


@dataclass
class Section:
    n: int
    title: Inlines
    kind: str  # model.FOREWORD … model.CLAUSE, model.ANNEX
    level: int
    typed: str = ""  # "5.2", "A" as typed
    obligation: str | None = None  # annexes
    classes: list[str] = field(default_factory=list)  # when the title alone does not say
    items: list[Item] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    anchor: str = ""
    number: str = ""  # as Clause numbers it: "", "5.2", "A"

    def walk(self) -> list[Section]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    @property
    def shown(self) -> str:
        """How the report names it: its number, else its title."""
        from build_tools.wordimport.pandoc_ast import plain

        return self.number or self.typed or plain(self.title).strip()


@dataclass
class Recovered:
    sections: list[Section] = field(default_factory=list)
    preamble: list[Item] = field(default_factory=list)  # content before the first heading

    def walk(self) -> list[Section]:
        return [s for top in self.sections for s in top.walk()]

    def terms(self) -> list[Term]:
        out = []
        for section in self.walk():
            for item in section.items:
                if isinstance(item, Term):
                    out.append(item)
                    out.extend(item.subterms)
        return out

    def items_of(self, kind: type) -> list[Any]:
        return [i for s in self.walk() for i in s.items if isinstance(i, kind)]
