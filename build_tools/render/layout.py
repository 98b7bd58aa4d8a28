"""The one traversal of a document: what comes in which order, with which label and separator.

The site, the DOCX (pandoc input) and the PDF (Typst) writers subclass ``Layout`` and only say
how each piece looks (the ``emit_*`` methods and ``inline``); the walk, the order of a term
entry, the annex heading with its obligation, caption labels and separators in en and zh are
decided here once, so the three outputs cannot disagree.

No writer reads Markdown: inline content arrives as ``Inline`` nodes of the model.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from build_tools.i18n.labels import LABELS
from build_tools.inline_parse import drop_prefix
from build_tools.model import (
    ANNEX,
    BIBLIOGRAPHY,
    INTRODUCTION,
    NORMATIVE_REFERENCES,
    Block,
    Clause,
    Draft,
    Figure,
    Footnote,
    Inline,
    ListBlock,
    ListItem,
    Phrase,
    Reference,
    Table,
    TermEntry,
)
from build_tools.render.indexes import TermIndex, term_indexes


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["en"])


def caption_sep(lang: str) -> str:
    """Between "Table 1" and the title: " — " (en), "　" (zh)."""
    return labels(lang)["caption_sep"]


def heading_sep(lang: str) -> str:
    """Between a clause number and its title: GB sets a full-width space."""
    return "\u3000" if lang == "zh" else " "


def label_sep(lang: str) -> str:
    """Between "DEPRECATED"/"被取代" and the term."""
    return "：" if lang == "zh" else ": "


def nodes_of(phrase: Phrase | None) -> list[Inline]:
    return [n for n in phrase.nodes if n.kind != "attrs"] if phrase is not None else []


@dataclass
class Heading:
    clause: Clause
    level: int  # 1 for main clauses and annexes
    number: str  # "" when unnumbered (Foreword, Introduction, Bibliography)
    sep: str  # between number and title
    title: list[Inline]
    annex_label: str = ""  # "Annex A" / "附录A" for a main annex
    obligation: str = ""  # "(normative)" / "（规范性）" for a main annex

    @property
    def anchor(self) -> str:
        return self.clause.anchor or ""


@dataclass
class TermPart:
    """One line of a term entry after its heading. ``kind``: admitted, deprecated, symbol,
    definition, example, note, term-note, source, or block (anything else the author wrote)."""

    kind: str
    nodes: list[Inline] = field(default_factory=list)
    label: str = ""  # "DEPRECATED: ", "NOTE 1", "Note 1 to entry:", "示例："
    block: Block | None = None


@dataclass
class ListNode:
    """A list item with the items nested under it (the model keeps depths; this is the tree)."""

    item: ListItem | None
    ordered: bool
    children: list[ListNode] = field(default_factory=list)


def items(clause: Clause) -> list[Block | TermEntry | Clause]:
    """Blocks, term entries and subclauses of a clause in the order they were written: a table
    after some term entries stays after them."""
    out: list[tuple[int, int, Block | TermEntry | Clause]] = [(b.line, 0, b) for b in clause.blocks]
    out += [(t.line, 1, t) for t in clause.terms]
    out += [(c.line, 2, c) for c in clause.children]
    return [x for _, _, x in sorted(out, key=lambda x: (x[0], x[1]))]


def heading(clause: Clause, lang: str) -> Heading:
    title = nodes_of(clause.title_phrase)
    if clause.kind == ANNEX and clause.level == 1:
        ob = clause.obligation or "informative"
        return Heading(clause, 1, clause.number, heading_sep(lang), title, clause.label,
                       labels(lang)[f"annex_{ob}"])
    number = clause.number if clause.kind != INTRODUCTION or clause.level > 1 else ""
    return Heading(clause, clause.level, number, heading_sep(lang) if number else "", title)


def labelled(block: Block) -> tuple[str, list[Inline]]:
    """("NOTE 1", the rest) for a note, example or note to entry whose text starts with its
    label; ("", everything) otherwise."""
    nodes = nodes_of(block.phrase)
    label = block.label.strip()
    if label and block.text.lstrip().startswith(label):
        lead = len(block.text) - len(block.text.lstrip())
        return label, drop_prefix(nodes, lead + len(block.label))
    return "", nodes


def term_parts(term: TermEntry, lang: str) -> list[TermPart]:
    """A term entry in the order ISO/IEC Directives Part 2, 16.5 and GB/T 1.1—2020, 8.6 print
    it: admitted terms, deprecated terms, symbol, definition, anything else the author wrote,
    examples, notes to entry, source."""
    out: list[TermPart] = []
    phrases = dict.fromkeys(("admitted", "deprecated", "symbol"), None)
    by_key: dict[str, list[Phrase]] = {k: [] for k in phrases}
    for key, phrase in term.attribute_phrases:
        if key in by_key:
            by_key[key].append(phrase)
    deprecated = labels(lang)["deprecated"] + label_sep(lang)
    out.extend(TermPart("admitted", nodes_of(p)) for p in by_key["admitted"])
    out.extend(TermPart("deprecated", nodes_of(p), deprecated) for p in by_key["deprecated"])
    out.extend(TermPart("symbol", nodes_of(p)) for p in by_key["symbol"][-1:])
    if term.definition is not None:
        out.append(TermPart("definition", nodes_of(term.definition.phrase),
                            block=term.definition))
    known = {id(b) for b in (term.definition, term.source, *term.examples, *term.notes) if b}
    out.extend(TermPart("block", block=b) for b in term.blocks
               if id(b) not in known and b.kind != "term-attributes")
    for example in term.examples:
        label, rest = labelled(example)
        out.append(TermPart("example", rest, label, example))
    for note in term.notes:
        label, rest = labelled(note)
        out.append(TermPart("term-note" if note.kind == "term-note" else "note", rest, label, note))
    if term.source is not None:
        out.append(TermPart("source", nodes_of(term.source.phrase), block=term.source))
    return out


def list_tree(block: ListBlock) -> list[ListNode]:
    """The items as a tree: an item deeper than the one before it nests under it."""
    root = ListNode(None, block.ordered)
    stack: list[tuple[int, ListNode]] = [(0, root)]
    for item in block.items:
        depth = max(item.depth, 1)
        while stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1]
        while stack[-1][0] < depth - 1:  # a deeper item without a parent at each depth
            filler = ListNode(None, False)
            parent.children.append(filler)
            stack.append((stack[-1][0] + 1, filler))
            parent = filler
        node = ListNode(item, item.ordered if item.ordered or depth > 1 else block.ordered)
        parent.children.append(node)
        stack.append((depth, node))
    return root.children


def references(block: ListBlock, clause: Clause) -> list[tuple[str, Reference | None, ListItem]]:
    """Entries of a Normative references or Bibliography list: ("[n]" in the bibliography,
    the model's reference, the item)."""
    by_line = {ref.line: ref for ref in clause.references}
    out = []
    n = 0
    for item in block.items:
        if item.depth != 1:
            continue
        n += 1
        number = f"[{n}]" if clause.kind == BIBLIOGRAPHY else ""
        out.append((number, by_line.get(item.line), item))
    return out


def table_caption(table: Table, lang: str) -> tuple[str, str, list[Inline]]:
    """("Table 1", " — ", title nodes); the separator is empty without a title."""
    title = nodes_of(table.caption_phrase)
    return table.label, caption_sep(lang) if title else "", title


def figure_caption(figure: Figure, lang: str) -> tuple[str, str, list[Inline]]:
    title = nodes_of(figure.title_phrase) if figure.title else []
    return figure.label, caption_sep(lang) if title else "", title


def table_width(table: Table) -> int:
    return max([len(table.header_cells), *(len(r) for r in table.row_cells)] or [1])


# What the columns of a table share in the DOCX and the PDF: the text width of an A4 page
# (165 mm) in half-ems of the table text (a lower-case Latin letter; a capital is wider, a
# Chinese character two), counted at the 11 pt of the DOCX, and the inner margins of a cell.
TABLE_UNITS = 84
CELL_MARGINS = 2
SHORT_HEADING = 12  # a heading cell this wide or narrower is kept on one line
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_WORDS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")


def _units(text: str) -> float:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1.4 if ch.isupper() else 1
               for ch in text)


def _longest_word(text: str) -> int:
    """The widest piece a line cannot break: a word (split after a hyphen before a letter,
    where Unicode line breaking allows it: "CN-" "HUAWEI-001") or one Chinese character."""
    pieces = (p for word in _WORDS.findall(text) for p in re.split(r"(?<=-)(?=[^\W\d])", word))
    return max((_units(p) for p in pieces), default=0)


def column_widths(table: Table) -> list[float]:
    """How the columns share the text width in the DOCX and the PDF (fractions that sum to 1).

    As LaTeX's tabulary does: a column that fits takes its longest line; otherwise the
    columns share the width in proportion to how much text each holds in all, so a column of
    long comments gets the room and a column of numbers does not. No column is narrower than
    its longest word, and a short heading stays on one line."""
    width = table_width(table)
    least, longest, total = [1.0] * width, [1.0] * width, [0.0] * width
    for r, row in enumerate([table.header_cells, *table.row_cells]):
        for c, cell in enumerate(row[:width]):
            text = cell.text.strip()
            units = _units(text)
            longest[c] = max(longest[c], units)
            total[c] += units
            least[c] = max(least[c], units if r == 0 and units <= SHORT_HEADING
                           else _longest_word(text))
    room = TABLE_UNITS - CELL_MARGINS * width
    share = list(longest)
    if sum(longest) > room:
        # Columns whose share is below their longest word get that word's width; the others
        # share what is left, again in proportion to their text.
        weight = [max(n, 1) for n in total]
        free, left = set(range(width)), float(room)
        while free:
            whole = sum(weight[c] for c in free)
            narrow = {c for c in free if left * weight[c] / whole < least[c]}
            if not narrow:
                for c in free:
                    share[c] = left * weight[c] / whole
                break
            for c in narrow:
                share[c] = least[c]
                left -= least[c]
            free -= narrow
    widths = [s + CELL_MARGINS for s in share]
    return [w / sum(widths) for w in widths]


def padded(cells: list[Phrase], width: int) -> list[list[Inline]]:
    out = [nodes_of(c) for c in cells[:width]]
    return out + [[] for _ in range(width - len(out))]


def footnotes(draft: Draft) -> list[Footnote]:
    """Footnotes in the order they are first referred to (their number)."""
    return sorted(draft.footnotes.values(), key=lambda f: f.number)


def contents(draft: Draft, depth: int = 2) -> list[tuple[int, str, str]]:
    """What the table of contents (目次) lists: (level, text, anchor) of each clause to
    ``depth`` and of the indexes, in order ("1　范围", "附录A（资料性）　用例", "汉语拼音索引")."""
    lang = draft.language
    out: list[tuple[int, str, str]] = []
    for clause in draft.walk():
        if clause.level > depth:
            continue
        h = heading(clause, lang)
        if h.annex_label:
            gap = "" if lang == "zh" else " "
            text = f"{h.annex_label}{gap}{h.obligation}{h.sep}{clause.title}"
        else:
            text = f"{h.number}{h.sep}{clause.title}" if h.number else clause.title
        out.append((clause.level, text, clause.anchor or ""))
    out.extend((1, index.title, index.anchor) for index in term_indexes(draft))
    return out


def is_reference_list(block: Block, clause: Clause | None) -> bool:
    return (isinstance(block, ListBlock) and clause is not None and clause.level == 1
            and clause.kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY))


class Layout:
    """The walk. Subclasses implement ``inline`` and the ``emit_*`` methods; each returns the
    writer's text for that piece, and ``join`` puts pieces together."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.lang = draft.language

    # -- the walk (writers do not override these)
    def document(self) -> list[str]:
        parts = [self.block(b, None) for b in self.draft.preamble]
        for clause in self.draft.clauses:
            parts.extend(self.clause(clause))
        # The indexes of a terminology standard are its last element (GB/T 1.1—2020, 8.14).
        parts.extend(self.emit_index(index) for index in term_indexes(self.draft))
        return [p for p in parts if p]

    def clause(self, clause: Clause) -> list[str]:
        out = [self.emit_heading(heading(clause, self.lang))]
        for item in items(clause):
            if isinstance(item, Clause):
                out.extend(self.clause(item))
            elif isinstance(item, TermEntry):
                out.extend(self.term(item))
            else:
                out.append(self.block(item, clause))
        return [o for o in out if o]

    def clause_alone(self, clause: Clause) -> list[str]:
        """The clause's heading and its own blocks, without its term entries and subclauses:
        the side-by-side page of a bilingual pair gives each of those a row of its own."""
        out = [self.emit_heading(heading(clause, self.lang))]
        out.extend(self.block(item, clause) for item in items(clause)
                   if not isinstance(item, (Clause, TermEntry)))
        return [o for o in out if o]

    def term(self, term: TermEntry, with_subterms: bool = True) -> list[str]:
        parts = []
        for part in term_parts(term, self.lang):
            if part.kind == "block":
                assert part.block is not None
                parts.append(self.block(part.block, None))
            else:
                parts.append(self.emit_term_part(part))
        subs = [x for sub in term.subterms for x in self.term(sub)] if with_subterms else []
        return self.emit_term(term, nodes_of(term.preferred_phrase),
                              [p for p in parts if p], subs)

    def block(self, block: Block, clause: Clause | None) -> str:
        if isinstance(block, Table):
            return self.emit_table(block)
        if isinstance(block, Figure):
            return self.emit_figure(block)
        if isinstance(block, ListBlock):
            if is_reference_list(block, clause):
                assert clause is not None
                return self.emit_references(references(block, clause), clause)
            return self.emit_list(block, list_tree(block))
        kind = block.kind
        if kind in ("footnote", "term-attributes"):
            return ""  # footnotes are emitted by the writer where its format wants them
        if kind in ("note", "term-note", "example"):
            label, rest = labelled(block)
            return self.emit_note(kind, label, rest, block)
        if kind in ("code", "html"):
            return self.emit_code(block)
        if kind == "quote":
            return self.emit_quote([nodes_of(p) for p in block.phrases], block)
        if kind in ("definition", "source"):
            return self.emit_term_part(TermPart(kind, nodes_of(block.phrase), block=block))
        return self.emit_paragraph(nodes_of(block.phrase), block)

    def footnote_text(self, footnote: Footnote) -> list[list[Inline]]:
        return [nodes_of(b.phrase) for b in footnote.blocks]

    # -- what a writer says
    def inline(self, nodes: list[Inline]) -> str:
        raise NotImplementedError

    def emit_heading(self, h: Heading) -> str:
        raise NotImplementedError

    def emit_term(self, term: TermEntry, preferred: list[Inline], parts: list[str],
                  subterms: list[str]) -> list[str]:
        raise NotImplementedError

    def emit_term_part(self, part: TermPart) -> str:
        raise NotImplementedError

    def emit_paragraph(self, nodes: list[Inline], block: Block) -> str:
        raise NotImplementedError

    def emit_note(self, kind: str, label: str, nodes: list[Inline], block: Block) -> str:
        raise NotImplementedError

    def emit_list(self, block: ListBlock, tree: list[ListNode]) -> str:
        raise NotImplementedError

    def emit_references(self, entries: list[tuple[str, Reference | None, ListItem]],
                        clause: Clause) -> str:
        raise NotImplementedError

    def emit_table(self, table: Table) -> str:
        raise NotImplementedError

    def emit_figure(self, figure: Figure) -> str:
        raise NotImplementedError

    def emit_code(self, block: Block) -> str:
        raise NotImplementedError

    def emit_quote(self, paragraphs: list[list[Inline]], block: Block) -> str:
        raise NotImplementedError

    def emit_index(self, index: TermIndex) -> str:
        raise NotImplementedError
