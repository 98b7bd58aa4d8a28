"""The Draft model: the single source of truth every view reads.

Numbering, labels, term numbers and requirement ids are computed once, by the parser,
and stored here. The model goes down to the inline element (``Inline``): every element keeps
its source position in the file (front-matter included), and the plain text of every block
maps back to the file (``positions.TextMap``), so findings, comments and line maps point at
the exact line and column of the Markdown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.positions import LineIndex, Span, TextMap

# Clause kinds, in the order ISO/IEC Directives Part 2 and GB/T 1.1 prescribe.
FOREWORD = "foreword"
INTRODUCTION = "introduction"
SCOPE = "scope"
NORMATIVE_REFERENCES = "normative-references"
TERMS = "terms"
SYMBOLS = "symbols"
CLAUSE = "clause"
ANNEX = "annex"
BIBLIOGRAPHY = "bibliography"

SPECIAL_KINDS = (FOREWORD, INTRODUCTION, SCOPE, NORMATIVE_REFERENCES, TERMS, SYMBOLS, ANNEX, BIBLIOGRAPHY)


# Inline kinds. Containers (emph, strong, strike, link, xref) hold children; the others are
# leaves. "attrs" is a trailing {#id .class} and "pin" a requirement pin {#req-…}: markup,
# never text.
TEXT, EMPH, STRONG, STRIKE, CODE, LINK, XREF, IMAGE = (
    "text", "emph", "strong", "strike", "code", "link", "xref", "image")
FOOTNOTE_REF, PIN, ATTRS, SOFTBREAK, HARDBREAK, HTML = (
    "footnote-ref", "pin", "attrs", "softbreak", "hardbreak", "html")
CONTAINERS = (EMPH, STRONG, STRIKE, LINK, XREF)


@dataclass(slots=True)
class Inline:
    """One inline element. ``start``/``end`` are file offsets of its Markdown (end exclusive).

    text: literal content of text, code and html; the alt text of an image.
    target: href of a link, anchor of an xref (``[](#id)``, or ``other.md#id`` across drafts),
    src of an image, label of a footnote reference, id of a pin or attrs.
    label: the resolved label of an xref ("Table 1", "3.4"), filled once the draft is numbered.
    """

    kind: str
    start: int
    end: int
    text: str = ""
    target: str = ""
    children: list[Inline] = field(default_factory=list)
    label: str = ""
    offsets: list[int] | None = field(default=None, repr=False)  # text chars not 1:1 in the file

    def walk(self) -> Iterator[Inline]:
        yield self
        for child in self.children:
            yield from child.walk()


def masked(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with the given ranges replaced by NULs: no word, digit or space matches there,
    and every offset still means the same character."""
    if not ranges:
        return text
    parts = []
    at = 0
    for a, b in ranges:
        parts.append(text[at:a])
        parts.append("\x00" * (b - a))
        at = b
    parts.append(text[at:])
    return "".join(parts)


def _cached_prose(element: Phrase | Block, is_prose: bool) -> str:
    """The masked text of a phrase or block, made once: rules ask for it thousands of times per
    draft. The cache holds the text and code ranges it was made from, so a text set again
    (labels filled in after numbering) is masked again."""
    if not is_prose:
        return ""
    text, code = element.text, element.code
    cached = element._prose
    if cached is not None and cached[0] is text and cached[1] is code:
        return cached[2]
    prose = masked(text, code)
    element._prose = (text, code, prose)
    return prose


@dataclass(slots=True)
class Phrase:
    """A run of inline content: a paragraph, a heading title, a list item, a table cell, a
    caption. ``text`` is what a reader sees (labels of cross-references filled in, markup and
    footnote markers gone); ``map`` takes an offset in it back to the file; ``code`` lists the
    ranges of ``text`` that came from code spans (not prose)."""

    source: str
    nodes: list[Inline]
    start: int
    end: int
    text: str = ""
    map: TextMap = field(default_factory=TextMap, repr=False)
    code: list[tuple[int, int]] = field(default_factory=list)

    def walk(self) -> Iterator[Inline]:
        for node in self.nodes:
            yield from node.walk()

    _prose: tuple[str, list[tuple[int, int]], str] | None = field(default=None, repr=False,
                                                                   compare=False)

    @property
    def prose(self) -> str:
        """``text`` with code spans blanked out (same length, so offsets are the same)."""
        return _cached_prose(self, True)


@dataclass
class Citation:
    """A document identifier cited in running text ("ISO 8601-1:2019", "GB/T 35273—2020")."""

    ident: str  # as written
    key: str  # one form for one document: "RFC9110", "GB/T35273"
    line: int
    column: int
    block: Block | None = field(default=None, repr=False, compare=False)
    start: int = 0  # offsets of the identifier in block.text
    end: int = 0
    in_list: bool = False  # written in Normative references or the Bibliography

    @property
    def following(self) -> str:
        """The text right after the identifier (", 5.2" cites an element of it)."""
        return self.block.text[self.end:self.end + 40] if self.block is not None else ""


@dataclass(slots=True)
class Block:
    """A block inside a clause: paragraph, note, example, list, table, figure, code, html, quote.

    ``source`` is the block's Markdown as written (inline markup kept); ``text`` is its plain
    text (a list's items and a table's rows on lines of their own) and ``map`` takes an offset
    of ``text`` back to the file: ``position(i)`` is the (line, column) of character i.
    ``phrases`` are the block's pieces of inline content in written order.
    """

    kind: str
    line: int
    end_line: int
    source: str = ""
    text: str = ""
    number: int | None = None  # for notes/examples: the number typed by the author ("NOTE 2")
    label: str = ""  # "NOTE 2", "EXAMPLE", "注1：" as typed
    suppressed: frozenset[str] = frozenset()
    phrases: list[Phrase] = field(default_factory=list, repr=False)
    map: TextMap | None = field(default=None, repr=False)
    code: list[tuple[int, int]] = field(default_factory=list, repr=False)
    start: int = 0  # file offsets of the block's first and last character
    end: int = 0
    _prose: tuple[str, list[tuple[int, int]], str] | None = field(default=None, repr=False,
                                                                   compare=False)

    @property
    def phrase(self) -> Phrase | None:
        return self.phrases[0] if self.phrases else None

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of character ``offset`` of ``text``."""
        if self.map is None:
            return self.line + self.text.count("\n", 0, offset), 1
        return self.map.line_col(offset)

    def line_at(self, offset: int) -> int:
        return self.position(offset)[0]

    @property
    def is_prose(self) -> bool:
        """Quotations reproduce another document's words; code and HTML are not text."""
        return self.kind not in ("quote", "code", "html")

    @property
    def prose(self) -> str:
        """``text`` with code spans blanked out; empty for quotations, code and HTML."""
        cached = self._prose  # the common case first: rules ask some 300 times per draft
        if cached is not None and cached[0] is self.text and cached[1] is self.code:
            return cached[2]
        return _cached_prose(self, self.is_prose)


@dataclass(slots=True)
class ListItem:
    line: int
    text: str
    source: str
    depth: int = 1
    phrase: Phrase | None = field(default=None, repr=False)
    ordered: bool = False


@dataclass(slots=True)
class ListBlock(Block):
    ordered: bool = False
    items: list[ListItem] = field(default_factory=list)
    max_depth: int = 1


@dataclass(slots=True)
class Table(Block):
    caption: str = ""
    caption_line: int = 0
    anchor: str | None = None
    header: list[str] = field(default_factory=list)  # the cells' Markdown
    rows: list[list[str]] = field(default_factory=list)
    label: str = ""  # "Table 1", "Table A.1", "表1"
    notes: list[Block] = field(default_factory=list)
    caption_phrase: Phrase | None = field(default=None, repr=False)
    header_cells: list[Phrase] = field(default_factory=list, repr=False)
    row_cells: list[list[Phrase]] = field(default_factory=list, repr=False)


@dataclass(slots=True)
class Figure(Block):
    title: str = ""
    src: str = ""
    anchor: str | None = None
    label: str = ""  # "Figure 1", "图A.1"
    title_phrase: Phrase | None = field(default=None, repr=False)


@dataclass
class Reference:
    """An item of the Normative references or Bibliography clause."""

    ident: str  # "ISO/IEC 2382:2015", "GB/T 5271.1—2000"
    title: str
    line: int
    source: str
    anchor: str | None = None
    normative: bool = True
    number: int = 0  # bibliography [n]
    phrase: Phrase | None = field(default=None, repr=False)

    @property
    def base_ident(self) -> str:
        """Identifier without the year: "ISO/IEC 2382", "GB/T 5271.1"."""
        from build_tools.i18n.refs import base_ident

        return base_ident(self.ident)

    @property
    def dated(self) -> bool:
        return self.base_ident != self.ident.strip()


@dataclass
class TermEntry:
    number: str  # "3.4"
    preferred: str
    line: int
    anchor: str | None = None
    admitted: list[str] = field(default_factory=list)
    deprecated: list[str] = field(default_factory=list)
    symbol: str | None = None
    en: str | None = None  # English equivalent (zh drafts)
    definition: Block | None = None
    examples: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    source: Block | None = None
    blocks: list[Block] = field(default_factory=list)  # every block in written order
    attributes_line: dict[str, int] = field(default_factory=dict)
    subterms: list[TermEntry] = field(default_factory=list)
    level: int = 2
    preferred_phrase: Phrase | None = field(default=None, repr=False)
    # The phrases of the attribute lines, without their "admitted:" keys, in written order.
    attribute_phrases: list[tuple[str, Phrase]] = field(default_factory=list, repr=False)

    @property
    def label(self) -> str:
        return self.number


@dataclass
class Clause:
    title: str
    kind: str
    level: int  # 1 for main clauses and annexes
    line: int
    number: str = ""  # "", "1", "5.2.1", "A", "A.1"
    anchor: str | None = None
    explicit_anchor: bool = False
    # Annexes: "normative" | "informative". An annex that does not say is read as informative
    # (so no provision of it counts); ``obligation_stated`` tells STRUCT-05 it was not said.
    obligation: str | None = None
    obligation_stated: bool = False
    classes: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    children: list[Clause] = field(default_factory=list)
    terms: list[TermEntry] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    parent: Clause | None = field(default=None, repr=False)
    heading_source: str = ""
    label: str = ""  # "Clause 5", "5.2", "Annex A", "A.1", "Foreword"; zh "第5章", "附录A"
    title_phrase: Phrase | None = field(default=None, repr=False)

    def walk(self) -> Iterator[Clause]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def locator(self) -> str:
        """How a comment or a line map cites this clause: "5.2", "A", or the title if unnumbered."""
        return self.number or self.title

    @property
    def top(self) -> Clause:
        clause = self
        while clause.parent is not None:
            clause = clause.parent
        return clause

    @property
    def informative(self) -> bool:
        """True where provisions are not allowed (Directives Part 2, 12-14, 20)."""
        top = self.top
        if top.kind in (FOREWORD, INTRODUCTION, SCOPE, BIBLIOGRAPHY):
            return True
        return top.kind == ANNEX and top.obligation == "informative"

    def all_blocks(self) -> Iterator[Block]:
        """Blocks of this clause and its subclauses, term entries included, in order."""
        for clause in self.walk():
            yield from clause.blocks
            for term in clause.terms:
                yield from _term_blocks(term)


def _term_blocks(term: TermEntry) -> Iterator[Block]:
    yield from term.blocks
    for sub in term.subterms:
        yield from _term_blocks(sub)


@dataclass
class Requirement:
    id: str  # "R-5.2-3" or the author's pinned "req-…"
    clause: str
    text: str
    line: int
    pinned: bool = False
    verb: str = "shall"


@dataclass
class Target:
    """Anything a cross-reference can point at."""

    id: str
    kind: str  # clause, annex, table, figure, term, reference, requirement
    label: str
    line: int
    title: str = ""


@dataclass(slots=True)
class Xref:
    target: str
    text: str  # "" for [](#id): filled with the target's label
    line: int
    column: int = 1
    in_code: bool = False


@dataclass
class Footnote:
    """A footnote definition ``[^label]: …``; ``number`` is its place in reference order."""

    label: str
    number: int
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Image:
    src: str
    line: int
    alt: str = ""
    column: int = 1


@dataclass
class ParseProblem:
    """Input the parser could not take as our format; it becomes a lint finding."""

    line: int
    message: str
    rule: str  # the id of the registered lint rule that reports it (FILE-01, FM-01 …)
    column: int = 1
    fatal: bool = False


@dataclass
class Draft:
    path: Path
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)  # key -> line (and "key.sub")
    meta_end: int = 0  # line of the closing "---" (0 without front-matter)
    has_front_matter: bool = False
    preamble: list[Block] = field(default_factory=list)  # blocks before the first heading
    clauses: list[Clause] = field(default_factory=list)
    targets: dict[str, Target] = field(default_factory=dict)
    duplicate_anchors: list[tuple[str, int]] = field(default_factory=list)
    xrefs: list[Xref] = field(default_factory=list)
    links: list[Xref] = field(default_factory=list)  # non-anchor links (href in target)
    images: list[Image] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)
    suppressions: dict[int, dict[str, str]] = field(default_factory=dict)  # line -> rule -> reason
    suppression_ends: dict[int, int] = field(default_factory=dict)  # block line -> its last line
    footnotes: dict[str, Footnote] = field(default_factory=dict)  # label -> definition
    citations: list[Citation] = field(default_factory=list)
    index: LineIndex = field(default_factory=lambda: LineIndex(""), repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # rule scratch

    def span(self, start: int, end: int) -> Span:
        return self.index.span(start, end)

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.index.line_col(offset)

    def first_column(self, line: int) -> int:
        """Column of the first character written on ``line`` (a heading's '#', a key)."""
        starts = self.index.starts
        if not 0 < line <= len(starts):
            return 1
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        text = self.text[starts[line - 1]:end]
        return len(text) - len(text.lstrip()) + 1 if text.strip() else 1

    # --- front-matter views -------------------------------------------------------------
    @property
    def id(self) -> str:
        value = self.meta.get("id")
        return str(value) if value is not None else self.path.stem

    @property
    def language(self) -> str:
        lang = self.meta.get("language")
        return lang if lang in ("en", "zh") else "en"

    @property
    def rules(self) -> str:
        rules = self.meta.get("rules")
        if rules in ("iso", "gb"):
            return rules
        return "gb" if self.language == "zh" else "iso"

    @property
    def doctype(self) -> str:
        return str(self.meta.get("doctype") or "standard")

    def title_in(self, lang: str | None = None) -> str:
        title = self.meta.get("title")
        lang = lang or self.language
        if isinstance(title, dict):
            value = title.get(lang) or next(iter(title.values()), "")
            return str(value)
        return str(title or self.id)

    @property
    def titles(self) -> dict[str, str]:
        title = self.meta.get("title")
        if isinstance(title, dict):
            return {str(k): str(v) for k, v in title.items()}
        return {self.language: str(title or self.id)}

    def release(self) -> None:
        """Cut the one kind of reference cycle a model has, each clause's link to its parent,
        so that the model is freed as soon as its holder lets go of it, not when the garbage
        collector next walks every object. For a process that parses many drafts one after
        another and is done with this one (the lint workers); the tree is unusable after."""
        for clause in self.walk():
            clause.parent = None
        self.memo.clear()

    # --- the tree -----------------------------------------------------------------------
    def walk(self) -> Iterator[Clause]:
        # The tree is complete once parsed and rules walk it many times: keep the flat list.
        flat = self.memo.get("walk")
        if flat is None:
            flat = self.memo["walk"] = [c for top in self.clauses for c in top.walk()]
        return iter(flat)

    def blocks(self) -> Iterator[Block]:
        """Every block of the body once, term entries included, in order."""
        flat = self.memo.get("blocks")
        if flat is None:
            flat = self.memo["blocks"] = [b for top in self.clauses for b in top.all_blocks()]
        return iter(flat)

    def find(self, kind: str) -> Clause | None:
        return next((c for c in self.clauses if c.kind == kind), None)

    def clause_by_number(self, number: str) -> Clause | None:
        return next((c for c in self.walk() if c.number == number), None)

    def clause_at(self, line: int) -> Clause | None:
        """The innermost clause whose heading is at or before ``line``."""
        found = None
        for clause in self.walk():
            if clause.line <= line:
                found = clause
            else:
                break
        return found

    @property
    def terms(self) -> list[TermEntry]:
        out: list[TermEntry] = []
        for clause in self.walk():
            for term in clause.terms:
                out.append(term)
                out.extend(term.subterms)
        return out

    @property
    def locators(self) -> list[str]:
        """Every division a comment can cite, in document order: clauses, then their term entries."""
        out: list[str] = []
        for clause in self.walk():
            out.append(clause.locator)
            for term in clause.terms:
                out.append(term.number)
                out.extend(sub.number for sub in term.subterms)
        return out

    @property
    def tables(self) -> list[Table]:
        return [b for c in self.walk() for b in c.blocks if isinstance(b, Table)]

    @property
    def figures(self) -> list[Figure]:
        return [b for c in self.walk() for b in c.blocks if isinstance(b, Figure)]

    def references(self, normative: bool | None = None) -> list[Reference]:
        out: list[Reference] = []
        for kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY):
            clause = self.find(kind)
            if clause is None:
                continue
            for ref in clause.references:
                if normative is None or ref.normative == normative:
                    out.append(ref)
        return out

    def label_of(self, target_id: str) -> str | None:
        target = self.targets.get(target_id)
        return target.label if target else None

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)
