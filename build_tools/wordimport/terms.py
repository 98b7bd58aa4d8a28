"""Term entries in the terms clause of a Word draft (the recoverer's part that reads them).

A term entry starts at a numbered line: a heading "3.1", a "Term number" paragraph, a line that
is only a number, or a bold "3.1 term". The term follows on the same line or the next; the
lines before the definition are admitted, deprecated or symbol lines, or in a Chinese draft the
English equivalent (on the term's line after a wide space, or on a line of its own).
"""

from __future__ import annotations

from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport import patterns as P
from build_tools.wordimport.elements import Inlines, ListEl, Para, Section, Term
from build_tools.wordimport.patterns import labelled
from build_tools.wordimport.report import INFO, UNMAPPED
from build_tools.wordimport.units import Unit


class TermEntries:
    """Mixed into the recoverer, whose walk state it shares."""

    units: list[Unit]
    i: int
    lang: str
    stack: list[Section]
    term: Term | None
    defined: bool

    def peek(self, ahead: int = 0) -> Unit | None:
        raise NotImplementedError

    def note(self, kind: str, message: str, unit: Unit) -> None:
        raise NotImplementedError

    def flush_caption(self) -> None:
        raise NotImplementedError

    def term_start(self, unit: Unit) -> tuple[str, Inlines] | None:
        """(typed number, the term if on the same line) when ``unit`` starts a term entry."""
        style = P.style_key(unit.style)
        text = unit.text
        number_only = P.NUMBER_ONLY.match(text)
        numbered = P.HEADING.match(text)
        typed = (number_only or numbered).group("num") if (number_only or numbered) else ""
        if typed and not typed[0].isdigit():
            return None
        depth = typed.count(".") + 1 if typed else 0
        if unit.kind == "heading":
            if depth == 1 or (not typed and unit.level < 2):
                return None
        elif unit.kind == "para":
            if style in P.TERM_NUMBER_STYLES:
                pass
            elif not (number_only and depth >= 2) and not \
                    (numbered and depth >= 2 and A.all_bold(unit.inlines)):
                return None
        else:
            return None
        if not numbered:
            return typed, [] if number_only else A.unwrap_strong(unit.inlines)
        inlines = A.strip(A.drop_chars(unit.inlines, numbered.start("title")))
        return typed, A.unwrap_strong(inlines)

    def start_term(self, unit: Unit, typed: str, preferred: Inlines) -> None:
        self.flush_caption()
        anchors = unit.anchors()
        terms_clause = self.stack[0]
        del self.stack[1:]
        n = unit.n
        if not preferred:
            nxt = self.peek()
            if nxt is not None and nxt.kind == "para" and not P.NUMBER_ONLY.match(nxt.text):
                preferred = A.unwrap_strong(nxt.inlines)
                anchors += nxt.anchors()
                self.i += 1
            else:
                self.note(UNMAPPED, f"term entry {typed} has no term after its number", unit)
                preferred = [A.text_node(typed)]
        depth = typed.count(".") + 1 if typed else (unit.level if unit.kind == "heading" else 2)
        term = Term(n, typed, preferred, 3 if depth >= 3 else 2, anchors=anchors)
        self.split_english(term)
        last = next((i for i in reversed(terms_clause.items) if isinstance(i, Term)), None)
        if term.level == 3 and last is not None:
            last.subterms.append(term)
        else:
            term.level = 2
            terms_clause.items.append(term)
        self.term = term
        self.defined = False

    def split_english(self, term: Term) -> None:
        """"元宇宙　metaverse": the Chinese term and its English equivalent on one line."""
        if self.lang != "zh":
            return
        m = P.ZH_EN_TERM.match(A.plain(term.preferred).strip())
        if m:
            term.preferred = [A.text_node(m.group("zh").strip())]
            term.attributes.append(("en", [A.text_node(m.group("en").strip())]))

    def term_part(self, unit: Unit) -> None:
        term = self.term
        assert term is not None
        if unit.kind == "list":
            term.blocks.append(ListEl(unit.n, unit.node or {}))  # type: ignore[arg-type]
            return
        style = P.style_key(unit.style)
        text = unit.text
        if not self.defined and style != "definition":
            attribute = self.attribute(unit, term, style, text)
            if attribute is not None:
                term.attributes.append(attribute)
                return
        kind, inlines = labelled(self.lang, unit.inlines, text)
        if kind == "paragraph" and P.SOURCE_BARE.match(text):
            inlines = [A.text_node("["), *inlines, A.text_node("]")]
            kind = "source"
        elif kind == "paragraph" and P.SOURCE.match(text):
            kind = "source"
        elif kind == "paragraph" and not self.defined:
            kind = "definition"
            self.defined = True
        elif kind == "note" and self.lang == "zh":
            kind = "term-note"
        term.blocks.append(Para(unit.n, inlines, kind, unit.pins(), unit.anchors()))

    def attribute(self, unit: Unit, term: Term, style: str, text: str) -> tuple[str, Inlines] | None:
        """An admitted, deprecated, symbol or English-equivalent line before the definition."""
        keyed = P.ATTRIBUTE.match(text)
        if keyed:
            return keyed.group("key").lower(), A.strip(A.drop_chars(unit.inlines, keyed.end()))
        deprecated = P.DEPRECATED.match(text)
        if style in P.DEPRECATED_STYLES or deprecated:
            cut = deprecated.end() if deprecated else 0
            return "deprecated", A.unwrap_strong(A.drop_chars(unit.inlines, cut))
        if style in P.SYMBOL_STYLES:
            return "symbol", A.unwrap_strong(unit.inlines)
        if style in P.ADMITTED_STYLES or style in P.PREFERRED_STYLES:
            return "admitted", A.unwrap_strong(unit.inlines)
        short = self.short_term(text)
        if self.lang == "zh" and short and not P.CJK.search(text) and \
                not any(k == "en" for k, _ in term.attributes):
            return "en", A.unwrap_strong(unit.inlines)
        if short and A.all_bold(unit.inlines):
            return "admitted", A.unwrap_strong(unit.inlines)
        nxt = self.peek()
        if short and nxt is not None and nxt.kind == "para" and \
                labelled(self.lang, nxt.inlines, nxt.text)[0] == "paragraph" and \
                not P.SOURCE.match(nxt.text) and self.term_start(nxt) is None:
            self.note(INFO, f"read as an admitted term of {term.typed or 'a term entry'} (a short "
                      "line before the definition)", unit)
            return "admitted", A.unwrap_strong(unit.inlines)
        return None

    def short_term(self, text: str) -> bool:
        if not text or any(c in text for c in ",;:，；：。") or text.endswith("."):
            return False
        if P.CJK.search(text):
            return len(text) <= 16
        return len(text.split()) <= 4 and len(text) <= 40
