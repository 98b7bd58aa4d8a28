"""The recovered structure written as a draft in our format (docs/FORMAT.md)."""

from __future__ import annotations

from build_tools.i18n.labels import TITLES
from build_tools.model import ANNEX
from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport.elements import (
    CodeEl,
    FigureEl,
    Item,
    ListEl,
    Para,
    Recovered,
    RefItem,
    Section,
    TableEl,
    Term,
)
from build_tools.wordimport.markdown import InlineWriter, escape


def _attrs(anchor: str, classes: list[str]) -> str:
    parts = [f"#{anchor}"] if anchor else []
    parts += [f".{c}" for c in classes]
    return f" {{{' '.join(parts)}}}" if parts else ""


class DraftWriter:
    def __init__(self, doc: Recovered, inline: InlineWriter, lang: str) -> None:
        self.doc = doc
        self.inline = inline
        self.lang = lang

    def body(self) -> str:
        blocks: list[str] = []
        for item in self.doc.preamble:
            blocks.extend(self.item(item, None))
        for section in self.doc.sections:
            blocks.extend(self.section(section))
        notes = [f"[^{n}]: {text}" for n, text in enumerate(self.inline.footnotes, 1)]
        return "\n\n".join([b for b in blocks if b] + notes) + "\n"

    def section(self, section: Section) -> list[str]:
        title = self.inline.write(section.title, cell=True, link_typed=False)
        classes = list(section.classes)
        if section.kind == ANNEX and section.level == 1:
            classes = ["annex", section.obligation or "informative"]
        elif not title and section.kind in TITLES.get(self.lang, {}):
            title = TITLES[self.lang][section.kind]
        out = ["#" * section.level + " " + title + _attrs(section.anchor, classes)]
        for item in section.items:
            lines = self.item(item, section)
            if isinstance(item, RefItem) and out and out[-1].startswith("- "):
                out[-1] += "\n" + lines[0]  # one list, not a list per reference
            else:
                out.extend(lines)
        for child in section.children:
            out.extend(self.section(child))
        return out

    def item(self, item: Item, section: Section | None) -> list[str]:
        if isinstance(item, Para):
            return [self.para(item)]
        if isinstance(item, Term):
            return self.term(item)
        if isinstance(item, TableEl):
            return self.table(item)
        if isinstance(item, FigureEl):
            return [self.figure(item)]
        if isinstance(item, ListEl):
            return ["\n".join(self.list_lines(item.node, 0))]
        if isinstance(item, RefItem):
            return [self.reference(item)]
        if isinstance(item, CodeEl):
            fence = "```" if "```" not in item.text else "~~~~"
            return [f"{fence}\n{item.text.rstrip()}\n{fence}"]
        return []

    def para(self, para: Para) -> str:
        text = self.inline.write(para.inlines, link_typed=para.kind != "source")
        if para.pins and text:
            text += f" {{#{para.pins[0]}}}"
        return text

    def reference(self, ref: RefItem) -> str:
        text = self.inline.write(ref.inlines, link_typed=False)
        return f"- {text}{_attrs(ref.anchor, [])}"

    def term(self, term: Term) -> list[str]:
        head = self.inline.write(term.preferred, cell=True, link_typed=False)
        out = ["#" * term.level + " " + head + _attrs(term.anchor, [])]
        for key, value in term.attributes:
            out.append(f"{key}: {self.inline.write(value, cell=True, link_typed=False)}")
        for block in term.blocks:
            out.extend(self.item(block, None))
        for sub in term.subterms:
            out.extend(self.term(sub))
        return out

    def table(self, table: TableEl) -> list[str]:
        out = []
        if table.caption or table.anchor:
            caption = self.inline.write(table.caption, cell=True, link_typed=False)
            lead = "表：" if self.lang == "zh" else "Table: "
            out.append(f"{lead}{caption}{_attrs(table.anchor, [])}")
        width = max(len(table.header), *(len(r) for r in table.rows), 1)

        def row(cells: list[A.Node] | list) -> str:
            texts = [self.inline.write(c, cell=True) for c in cells]
            texts += [""] * (width - len(texts))
            return "| " + " | ".join(t or " " for t in texts) + " |"

        lines = [row(table.header), "|" + "---|" * width, *(row(r) for r in table.rows)]
        out.append("\n".join(lines))
        out.extend(self.para(n) for n in table.notes)
        return out

    def figure(self, figure: FigureEl) -> str:
        title = self.inline.write(figure.caption, cell=True, link_typed=False)
        if not figure.src:
            return escape(title)
        src = figure.src.replace(" ", "%20").replace(")", "%29")
        alt = title.replace("[", "\\[").replace("]", "\\]")
        return f"![{alt}]({src}){_attrs(figure.anchor, []).lstrip()}"

    def list_lines(self, node: dict, indent: int) -> list[str]:
        ordered = node["t"] == "OrderedList"
        items = node["c"][1] if ordered else node["c"]
        start = node["c"][0][0] if ordered else 1
        lines: list[str] = []
        for k, blocks in enumerate(items, start):
            marker = f"{k}." if ordered else "-"
            pad = " " * (indent + len(marker) + 1)
            texts: list[str] = []
            subs: list[str] = []
            for block in blocks:
                if block["t"] in ("Para", "Plain"):
                    texts.append(self.inline.write(block["c"]))
                elif block["t"] in ("BulletList", "OrderedList"):
                    subs.extend(self.list_lines(block, len(pad)))
                else:
                    text = A.block_text(block).strip()
                    if text:
                        texts.append(escape(" ".join(text.split())))
            body = " ".join(t.replace("\\\n", " ") for t in texts if t)
            lines.append(" " * indent + f"{marker} " + body.replace("\n", "\n" + pad))
            lines.extend(subs)
        return lines
