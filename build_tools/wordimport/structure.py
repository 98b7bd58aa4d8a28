"""Structure recovery: the flat units of a Word draft become clauses, term entries, notes,
tables with captions, figures and references.

A heading is a Word heading style, a heading style of the ISO or GB template, or a bold line
that starts with a typed number ("5.2 Interfaces") or says "Annex A (normative)"; the typed
number is removed (Clause numbers headings) and gives the level when it is there. Inside the
terms clause a numbered line starts a term entry, in the ISO layout (number, then the term on
its own line) or with the term after the number; the lines between the term and the definition
are admitted, deprecated or symbol lines (or, in a Chinese draft, the English equivalent).
Whatever is guessed is reported as ``info``; whatever does not fit is reported as ``unmapped``.
"""

from __future__ import annotations

from build_tools.i18n import labels as L
from build_tools.i18n.refs import IDENT_RE
from build_tools.model import ANNEX, BIBLIOGRAPHY, CLAUSE, NORMATIVE_REFERENCES, TERMS
from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport import patterns as P
from build_tools.wordimport.elements import (
    CodeEl,
    FigureEl,
    Inlines,
    ListEl,
    Para,
    Recovered,
    RefItem,
    Section,
    TableEl,
    Term,
)
from build_tools.wordimport.patterns import labelled
from build_tools.wordimport.report import INFO, UNMAPPED, Report
from build_tools.wordimport.tables import table_of
from build_tools.wordimport.terms import TermEntries
from build_tools.wordimport.units import Unit

CONTENTS = "contents"
INDEX = "index"
GENERATED = {CONTENTS: "the table of contents is not imported (Clause makes its own)",
             INDEX: "the index is not imported (Clause makes the indexes of a terminology "
                    "standard)"}


def special_kind(title: str) -> tuple[str | None, bool]:
    """(kind, recognised by Clause from the title alone) for a clause title."""
    kind = L.special_kind_for_title(title)
    if kind:
        return kind, True
    low = " ".join(title.lower().split())
    if low in P.CONTENTS_TITLES:
        return CONTENTS, True
    if low in P.INDEX_TITLES:
        return INDEX, True
    if low.startswith("terms, definitions") or low.startswith("terms and definitions") or \
            low.startswith("术语"):
        return TERMS, False
    return None, False


def _joined(unit: Unit) -> Inlines:
    """A heading's inlines, its line breaks made spaces."""
    out: Inlines = []
    for line in A.split_lines(unit.inlines):
        if out and line:
            out.append({"t": "Space"})
        out.extend(line)
    return out


class Head:
    def __init__(self, level: int, title: Inlines, typed: str = "", kind: str = CLAUSE,
                 obligation: str | None = None, exact: bool = True) -> None:
        self.level = level
        self.title = title
        self.typed = typed
        self.kind = kind
        self.obligation = obligation
        self.exact = exact  # False: the kind needs a class, the title alone does not say


class Recoverer(TermEntries):
    def __init__(self, units: list[Unit], lang: str, report: Report) -> None:
        self.units = units
        self.lang = lang
        self.report = report
        self.i = 0
        self.doc = Recovered()
        self.cover: list[Unit] = []
        self.stack: list[Section] = []
        self.term: Term | None = None
        self.defined = False  # the current term entry has its definition
        self.pending: tuple[str, Unit, str, Inlines] | None = None  # a caption above its table
        self.skipping = False

    # -- helpers
    def peek(self, ahead: int = 0) -> Unit | None:
        at = self.i + ahead
        return self.units[at] if at < len(self.units) else None

    def where(self) -> str:
        return self.stack[-1].shown if self.stack else ""

    def note(self, kind: str, message: str, unit: Unit) -> None:
        self.report.add(kind, message, unit.n, self.where(), unit.text)

    @property
    def section(self) -> Section | None:
        return self.stack[-1] if self.stack else None

    def in_terms(self) -> bool:
        return bool(self.stack) and self.stack[0].kind == TERMS

    def in_references(self) -> bool:
        return len(self.stack) == 1 and self.stack[0].kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY)

    # -- the walk
    def run(self) -> Recovered:
        while self.i < len(self.units):
            unit = self.units[self.i]
            self.i += 1
            if self.in_terms() and not self.skipping:
                start = self.term_start(unit)
                if start is not None:
                    self.start_term(unit, *start)
                    continue
            head = self.heading(unit)
            if head is not None:
                self.open(unit, head)
            elif self.skipping:
                continue
            elif not self.stack:
                self.cover.append(unit)
            elif self.term is not None and unit.kind in ("para", "list"):
                self.term_part(unit)
            else:
                self.term = None
                self.body(unit)
        self.flush_caption()
        return self.doc

    # -- headings
    def heading(self, unit: Unit) -> Head | None:
        style = P.style_key(unit.style)
        if unit.kind == "heading":
            level = unit.level
        elif unit.kind == "para" and style in P.HEADING_STYLES:
            level = P.HEADING_STYLES[style]
        elif unit.kind == "para" and self.bold_heading(unit):
            level = 0
        else:
            return None
        inlines = _joined(unit)
        text = A.plain(inlines)
        annex = P.ANNEX.match(text)
        if annex and (annex.group("ob") or unit.kind == "heading" or level):
            title = A.strip(A.drop_chars(inlines, annex.start("title")))
            obligation = P.obligation_of(annex.group("ob") or "")
            obligation, title = self.annex_lines(obligation, title)
            return Head(1, title, annex.group("letter"), ANNEX, obligation)
        typed = ""
        title = inlines
        numbered = P.HEADING.match(text) or P.NUMBER_ONLY.match(text)
        if numbered:
            typed = numbered.group("num")
            title = A.strip(A.drop_chars(inlines, numbered.start("title")))\
                if "title" in numbered.groupdict() else []
            level = typed.count(".") + 1
        kind, exact = special_kind(A.plain(title))
        if kind is None or (level > 1 and kind not in GENERATED):
            kind, exact = CLAUSE, True
        return Head(max(level, 1), title, typed, kind, exact=exact)

    def bold_heading(self, unit: Unit) -> bool:
        """A bold line that is a heading without a heading style."""
        text = unit.text
        if not A.all_bold(unit.inlines) or len(text) > 150 or text.endswith((".", "。", ":", "：")):
            return False
        annex = P.ANNEX.match(text)
        if annex and annex.group("ob"):
            return True
        if P.HEADING.match(text):
            return not self.in_terms()
        kind, _ = special_kind(text)
        return kind is not None and (not self.stack or kind != TERMS)

    def annex_lines(self, obligation: str | None, title: Inlines) -> tuple[str | None, Inlines]:
        """"Annex A" with "(normative)" and the title on the lines after it."""
        nxt = self.peek()
        if obligation is None and nxt is not None and nxt.kind == "para":
            m = P.OBLIGATION.match(nxt.text)
            if m:
                obligation = P.obligation_of(m.group("ob"))
                self.i += 1
                nxt = self.peek()
        if not A.plain(title).strip() and nxt is not None and nxt.kind == "para" and \
                len(nxt.text) < 150 and not nxt.text.endswith((".", "。")):
            title = A.unwrap_strong(nxt.inlines)
            self.i += 1
        return obligation, title

    def open(self, unit: Unit, head: Head) -> None:
        self.flush_caption()
        self.term = None
        if head.kind in GENERATED:
            self.skipping = True
            self.note(INFO, GENERATED[head.kind], unit)  # Clause writes it again: nothing lost
            return
        self.skipping = False
        level = head.level
        if head.kind != CLAUSE or not self.stack:
            level = 1
        elif level > self.stack[-1].level + 1:
            parent = next((s for s in reversed(self.stack) if s.level < level), None)
            fixed = (parent.level if parent else 0) + 1
            if fixed != level:
                self.note(UNMAPPED, f"a heading of level {level} under a heading of level "
                          f"{fixed - 1}: imported at level {fixed}", unit)
                level = fixed
        title = head.title
        if not A.plain(title).strip():
            self.note(UNMAPPED, "a heading without a title: give it one", unit)
            title = [A.text_node(head.typed or "Untitled")]
        if level > 6:
            self.note(UNMAPPED, f"a heading of level {level}: drafts go five levels below a "
                      "main clause; imported at level 6", unit)
            level = 6
        classes = [] if head.exact or head.kind == CLAUSE else [head.kind]
        section = Section(unit.n, title, head.kind, level, head.typed, head.obligation,
                          classes, anchors=unit.anchors())
        if head.kind == ANNEX and head.obligation is None:
            self.note(UNMAPPED, "the annex does not say whether it is normative or informative: "
                      "imported as informative", unit)
            section.obligation = "informative"
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if self.stack:
            self.stack[-1].children.append(section)
        else:
            self.doc.sections.append(section)
        self.stack.append(section)

    # -- the body of a clause
    def body(self, unit: Unit) -> None:
        section = self.section
        assert section is not None
        if unit.kind == "list":
            self.flush_caption()
            section.items.append(ListEl(unit.n, unit.node or {}))
        elif unit.kind == "table":
            table = table_of(unit, self.report, self.where())
            self.attach_caption(table, unit, "table")
            section.items.append(table)
        elif unit.kind == "figure":
            figure = FigureEl(unit.n, unit.node)
            self.attach_caption(figure, unit, "figure")
            section.items.append(figure)
        elif unit.kind == "code":
            self.flush_caption()
            node = unit.node or {}
            section.items.append(CodeEl(unit.n, node.get("c", [None, ""])[1]))
        elif unit.kind == "heading":  # a heading pandoc read that is not one of ours
            self.paragraph(unit)
        else:
            if self.caption(unit):
                return
            self.flush_caption()
            self.paragraph(unit)

    def paragraph(self, unit: Unit) -> None:
        section = self.section
        assert section is not None
        text = unit.text
        if not text and not unit.inlines:
            return
        if self.in_references():
            numbered = P.BIB_NUMBER.match(text)
            cut = numbered.end() if numbered else 0
            marked = any(a.startswith("ref-") for a in unit.anchors())
            if numbered or marked or IDENT_RE.match(text):
                section.items.append(RefItem(unit.n, A.strip(A.drop_chars(unit.inlines, cut)),
                                             unit.anchors()))
                return
        kind, inlines = labelled(self.lang, unit.inlines, text)
        section.items.append(Para(unit.n, inlines, kind, unit.pins(), unit.anchors()))

    # -- captions
    def caption_parts(self, unit: Unit, inlines: Inlines) -> tuple[str, str, Inlines] | None:
        """(table | figure, typed number, title) of a caption line, or None."""
        text = A.plain(inlines).strip()
        m = P.CAPTION.match(text)
        if not m:
            return None
        style = P.style_key(unit.style)
        styled = style in P.CAPTION_STYLES
        if not styled and not m.group("sep") and (text.endswith((".", "。")) or len(text) > 200):
            return None
        kind = P.CAPTION_KIND[m.group("kind").lower()]
        title = A.strip(A.drop_chars(A.strip(inlines), m.start("title")))
        return kind, m.group("num"), title

    def caption(self, unit: Unit) -> bool:
        """A caption line: attached to the table or figure beside it; False if it is not one."""
        parts = self.caption_parts(unit, unit.inlines)
        if parts is None:
            return False
        kind, typed, title = parts
        section = self.section
        assert section is not None
        last = section.items[-1] if section.items else None
        nxt = self.peek()
        wanted = "table" if kind == "table" else "figure"
        if nxt is not None and nxt.kind == wanted and not (kind == "figure" and isinstance(
                last, FigureEl) and not last.caption):
            self.flush_caption()
            self.pending = (kind, unit, typed, title)
            return True
        if isinstance(last, TableEl if kind == "table" else FigureEl) and not last.caption:
            last.caption, last.typed = title, typed
            last.anchors += unit.anchors()
            return True
        return False

    def flush_caption(self) -> None:
        """A caption whose table never came stays a paragraph, and is reported."""
        if self.pending is None:
            return
        kind, unit, _, _ = self.pending
        self.pending = None
        self.note(UNMAPPED, f"a {kind} caption without its {kind}: kept as a paragraph", unit)
        if self.section is not None:
            self.section.items.append(Para(unit.n, unit.inlines))

    def attach_caption(self, element: TableEl | FigureEl, unit: Unit, kind: str) -> None:
        """The caption line held for this table or figure, or the one Word attached to it (its
        Caption style). A caption below it is attached when that line comes (``caption``)."""
        if self.pending is not None and self.pending[0] == kind:
            _, cap, typed, title = self.pending
            self.pending = None
            element.caption, element.typed, element.anchors = title, typed, cap.anchors()
        else:
            self.flush_caption()
        if unit.caption:
            parts = self.caption_parts(unit, unit.caption)
            if parts is not None and parts[0] == kind:
                element.typed, element.caption = parts[1], parts[2]
            elif not element.caption:
                element.caption = A.strip(unit.caption)


def recover(units: list[Unit], lang: str, report: Report) -> tuple[Recovered, list[Unit]]:
    """The document's structure, and the units before its first heading (the cover)."""
    recoverer = Recoverer(units, lang, report)
    doc = recoverer.run()
    return doc, recoverer.cover
