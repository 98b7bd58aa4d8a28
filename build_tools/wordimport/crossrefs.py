"""Numbers, anchors and typed cross-references of a recovered draft.

Elements are numbered as Clause will number them (the parser's rules: Foreword and
Introduction unnumbered, annexes A, B …, tables and figures per annex). A typed reference
("see 5.2", "Table 3", "Annex A", "(3.1)", "见5.2", "表3") means the number the Word draft
showed: the typed number where the heading or caption had one, else the number Word generated,
which is Clause's. Where the reference finds its target it becomes ``[](#anchor)``, and the
target gets an anchor; a hyperlink to a Word bookmark is resolved through the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.i18n.refs import IDENT_RE
from build_tools.model import ANNEX, BIBLIOGRAPHY, FOREWORD, INTRODUCTION
from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport import patterns as P
from build_tools.wordimport.elements import (
    FigureEl,
    Recovered,
    RefItem,
    Section,
    TableEl,
    Term,
)

Target = Section | Term | TableEl | FigureEl | RefItem

_NUM = r"(?:\d+(?:\.\d+)+|[A-Z]\.\d+(?:\.\d+)*)"
_EN = re.compile(
    rf"(?P<kw>\b(?:Clause|Subclause|clause|subclause)\s+)(?P<c>\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)(?![\w.]*\d)"
    r"|(?P<annex>\bAnnex\s+(?P<a>[A-Z])\b)"
    r"|(?P<tf>\b(?P<tk>Table|Figure)\s+(?P<n>[A-Z]\.\d+|\d+))(?![\w.]*\d)"
    rf"|(?<![\w./:\-])(?P<b>{_NUM})(?![\w/]|\.\d)")
_ZH = re.compile(
    r"(?P<chapter>第(?P<c>\d+)章)"
    r"|(?P<annex>附录(?P<a>[A-Z]))(?![A-Za-z0-9.])"
    r"|(?<![代列报发仪地视试意蓝草构绘制插统])(?P<tf>(?P<tk>表|图)(?P<n>[A-Z]\.\d+|\d+))(?![\d.])"
    rf"|(?<![A-Za-z0-9_./:\-])(?P<b>{_NUM})(?![A-Za-z0-9_/]|\.\d)")
# The words before a bare "5.2" that make it a reference to this document's 5.2.
_CUE_EN = re.compile(r"(?:\b(?:see|in|of|to|and|or|with|under|per|from|by|also|and/or|through)"
                     r"\s+|[(\[]|,\s)$")
_CUE_ZH = re.compile(r"(?:见|按|按照|依据|根据|符合|和|与|及|、|至|或|在|（|\()\s*$")
_OTHER_DOCUMENT = re.compile(IDENT_RE.pattern + r"[^,，]{0,30}[,，]\s*$")
_UNIT_AFTER = re.compile(r"\s*(?:%|°|[kMG]?Hz|[mkc]?m\b|m?s\b|[kMG]?B\b|px\b|kg\b|V\b|W\b)")


@dataclass
class Found:
    start: int
    end: int
    target: Target


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-")


class Targets:
    def __init__(self, doc: Recovered, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self.by_number: dict[str, dict[str, Target]] = {k: {} for k in
                                                       ("clause", "term", "table", "figure")}
        self.aliases: dict[str, Target] = {}  # every bookmark name -> its element
        self.used: set[str] = set()
        self.referenced: set[int] = set()
        self.mismatches: list[tuple[Section, str]] = []
        self._number()

    # -- numbering
    def _number(self) -> None:
        main = annex = 0
        for top in self.doc.sections:
            if top.kind in (FOREWORD, INTRODUCTION, BIBLIOGRAPHY):
                top.number = "0" if top.kind == INTRODUCTION and top.children else ""
            elif top.kind == ANNEX:
                top.number = chr(ord("A") + annex) if annex < 26 else f"A{annex}"
                annex += 1
            else:
                main += 1
                top.number = str(main)
            self._children(top)
        for top in self.doc.sections:
            prefix = top.number if top.kind == ANNEX else ""
            counts = {"table": 0, "figure": 0}
            for section in top.walk():
                for item in section.items:
                    if isinstance(item, TableEl | FigureEl):
                        kind = "table" if isinstance(item, TableEl) else "figure"
                        counts[kind] += 1
                        n = counts[kind]
                        item.label = f"{prefix}.{n}" if prefix else str(n)
                        self.by_number[kind].setdefault(item.typed or item.label, item)
        for section in self.doc.walk():
            shown = section.number if section.kind != INTRODUCTION or section.level > 1 else ""
            if section.typed and shown and section.typed != shown:
                self.mismatches.append((section, shown))
            key = section.typed or shown
            if key:
                self.by_number["clause"].setdefault(key, section)
            for item in section.items:
                if isinstance(item, Term):
                    for term in (item, *item.subterms):
                        self.by_number["term"].setdefault(term.typed or term.number, term)

    def _children(self, section: Section) -> None:
        for i, child in enumerate(section.children, 1):
            if section.number or section.kind == INTRODUCTION:
                child.number = f"{section.number or '0'}.{i}"
            self._children(child)
        n = 0
        for item in section.items:
            if isinstance(item, Term):
                n += 1
                item.number = f"{section.number}.{n}"
                for j, sub in enumerate(item.subterms, 1):
                    sub.number = f"{item.number}.{j}"

    # -- anchors
    def targets(self) -> list[Target]:
        out: list[Target] = []
        for section in self.doc.walk():
            out.append(section)
            for item in section.items:
                if isinstance(item, Term):
                    out.extend((item, *item.subterms))
                elif isinstance(item, TableEl | FigureEl | RefItem):
                    out.append(item)
        return out

    def assign(self, referenced_links: set[str]) -> None:
        """Anchors: the Word bookmark where it is a usable id; else a generated one for terms,
        tables and figures, and for clauses and references something points at."""
        targets = self.targets()
        for target in targets:
            for name in target.anchors:
                self.aliases.setdefault(name, target)
        linked = {id(self.aliases[name]) for name in referenced_links if name in self.aliases}
        for target in targets:
            names = [a for a in target.anchors if P.is_anchor(a) and a not in self.used]
            if names:
                self._set(target, names[0])
        for target in targets:
            if target.anchor:
                continue
            wanted = isinstance(target, Term | TableEl | FigureEl) or \
                id(target) in self.referenced or id(target) in linked
            if wanted:
                self._set(target, self._unique(self._generated(target)))

    def _set(self, target: Target, anchor: str) -> None:
        target.anchor = anchor
        self.used.add(anchor)

    def _unique(self, base: str) -> str:
        anchor, k = base, 2
        while anchor in self.used:
            anchor, k = f"{base}-{k}", k + 1
        return anchor

    def _generated(self, target: Target) -> str:
        if isinstance(target, Section):
            prefix = "annex" if target.kind == ANNEX and target.level == 1 else "sec"
            return f"{prefix}-{_slug(A.plain(target.title)) or _slug(target.number) or 'clause'}"
        if isinstance(target, Term):
            en = next((A.plain(v) for k, v in target.attributes if k == "en"), "")
            return f"term-{_slug(en or A.plain(target.preferred)) or _slug(target.number)}"
        if isinstance(target, TableEl):
            return f"tab-{_slug(A.plain(target.caption)) or _slug(target.label)}"
        if isinstance(target, FigureEl):
            return f"fig-{_slug(A.plain(target.caption)) or _slug(target.label)}"
        ident = IDENT_RE.match(A.plain(target.inlines).strip())
        return f"ref-{_slug(ident.group(0) if ident else A.plain(target.inlines)) or 'item'}"

    # -- typed references
    def find(self, text: str) -> list[Found]:
        """Typed references in ``text`` whose target exists in the draft."""
        out: list[Found] = []
        pattern = _ZH if self.lang == "zh" else _EN
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if groups.get("c"):
                # "Clause 5" and "第5章" are the label of clause 5; in "subclause 5.2" or
                # "Clause 5.2" the label is "5.2" and the word stays.
                number = m.group("c")
                target = self.by_number["clause"].get(number)
                whole = "." not in number and not (groups.get("kw") or "").lower().startswith("sub")
                start, end = (m.start() if whole else m.start("c")), m.end()
            elif groups.get("a"):
                target = self.by_number["clause"].get(m.group("a"))
                start, end = m.start(), m.end()
            elif groups.get("tf"):
                kind = "table" if m.group("tk") in ("Table", "表") else "figure"
                target = self.by_number[kind].get(m.group("n"))
                start, end = m.start("tf"), m.end("tf")
            else:
                number = m.group("b")
                before = text[: m.start()]
                cue = _CUE_ZH if self.lang == "zh" else _CUE_EN
                if not cue.search(before) or _UNIT_AFTER.match(text, m.end()):
                    continue
                if _OTHER_DOCUMENT.search(before[-60:]):
                    continue  # "ISO 1234:2019, 3.2" is 3.2 of that document
                target = self.by_number["clause"].get(number) or self.by_number["term"].get(number)
                start, end = m.start(), m.end()
            if target is not None:
                out.append(Found(start, end, target))
        return out

    def mark_referenced(self, text: str) -> None:
        for found in self.find(text):
            self.referenced.add(id(found.target))

    def label_of(self, target: Target) -> list[str]:
        """The texts a link to ``target`` shows when it shows its label ("Table 1", "5.2")."""
        zh = self.lang == "zh"
        if isinstance(target, Section):
            shown = target.typed or target.number
            if target.kind == ANNEX and target.level == 1:
                return [f"附录{shown}" if zh else f"Annex {shown}"]
            if target.level == 1 and target.number:
                return [f"第{shown}章" if zh else f"Clause {shown}"]
            return [shown or A.plain(target.title).strip()]
        if isinstance(target, Term):
            return [target.typed or target.number]
        if isinstance(target, TableEl | FigureEl):
            word = ("表" if zh else "Table ") if isinstance(target, TableEl) else \
                ("图" if zh else "Figure ")
            return [f"{word}{target.typed or target.label}"]
        return []
