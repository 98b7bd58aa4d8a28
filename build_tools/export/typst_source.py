"""Draft model -> Typst source for the PDF (the functions it calls are in templates/clause.typ).

Typst is written from the model rather than through pandoc: numbers, labels and captions are
the model's own, the inline text is read by the same markdown-it as the parser, and the step
saves pandoc's start-up and conversion time. Every heading the writer emits becomes one PDF
bookmark; ``headings`` lists their locators in that order, which is how the line map finds
the clause of a line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown_it.token import Token

from build_tools.export.cover import Cover
from build_tools.i18n.labels import LABELS
from build_tools.model import (
    ANNEX,
    BIBLIOGRAPHY,
    NORMATIVE_REFERENCES,
    Block,
    Clause,
    Draft,
    Figure,
    ListBlock,
    Table,
    TermEntry,
)
from build_tools.render.pandoc import (
    InlineRun,
    annex_obligation,
    caption_sep,
    clause_items,
    footnote_sources,
    heading_sep,
    image_key,
    inline_run,
    next_text,
    soft_break,
    split_label,
)

# Characters that always mean markup in Typst, and sequences that do only in context.
_ESCAPE = re.compile(r"""[\\#*_`$<>@\[\]~'"]|-(?=[-?])|\.(?=\.)|/(?=/)""")
_LINE_START = re.compile(r"^(\s*)([-+=/]|\d+\.)")
_LINK_TO_LABEL = re.compile(r"#link\(<(x\d+)>\)\[")
# Closes an embedded call in running text: without the ";" a following "(", "[" or "." would
# continue the call ("#emph[a](b)" calls the emphasis).
END = "];"


def escape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\\" + m.group(0), text)


def markup_start(markup: str) -> str:
    """A fragment that starts a paragraph must not start a list, heading or term list."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), markup, count=1)


def string(value: object) -> str:
    """A Typst string literal."""
    out = []
    for ch in str(value):
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or ch == "\x7f":
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def value(obj: object) -> str:
    """A Python value (str, int, bool, None, list, dict) as a Typst literal."""
    if obj is None:
        return "none"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, (list, tuple)):
        return "(" + "".join(value(x) + ", " for x in obj) + ")"
    if isinstance(obj, dict):
        if not obj:
            return "(:)"
        return "(" + ", ".join(f"{string(k)}: {value(v)}" for k, v in obj.items()) + ")"
    return string(obj)


def content(markup: str) -> str:
    return f"[{markup}]"


@dataclass
class TypstSource:
    text: str
    headings: list[str] = field(default_factory=list)  # locator of each heading, in order


class TypstWriter:
    def __init__(self, draft: Draft, images: Mapping[str, str]) -> None:
        self.draft = draft
        self.lang = draft.language
        self.images = images
        self.labels = {anchor: f"x{n}" for n, anchor in enumerate(draft.targets, 1)}
        self.placed: set[str] = set()
        self.headings: list[str] = []
        self.notes_src = footnote_sources(draft)
        self.note_depth = 0
        self.labelled_anchors = self._labelled_anchors()

    # -- labels and links
    def link_for(self, anchor: str) -> str:
        return "#" + anchor

    def label(self, anchor: str | None, line: int) -> str:
        """``<xN>`` for the element that owns ``anchor`` (first owner only; Typst refuses a
        link to a label that occurs twice)."""
        target = self.draft.targets.get(anchor or "")
        if not anchor or target is None or target.line != line or anchor in self.placed:
            return ""
        self.placed.add(anchor)
        return f"<{self.labels[anchor]}>"

    # -- inline
    def text(self, source: str) -> str:
        """Draft text as Typst markup. It may open a content block, so a leading "- ", "1."
        or "=" is escaped wherever it lands (an escaped character prints the same)."""
        run = inline_run(source, self.draft, self.link_for, self.notes_src)
        return markup_start(self._tokens(run.tokens, run))

    def _tokens(self, tokens: list[Token], run: InlineRun) -> str:
        out: list[str] = []
        closers: list[str] = []  # one "]" (or "") per open element, innermost last
        html_open: list[str] = []
        for i, tok in enumerate(tokens):
            t = tok.type
            if t == "text":
                out.append(escape(tok.content))
            elif t == "softbreak":
                out.append(soft_break("".join(out[-3:]), next_text(tokens, i)))
            elif t == "hardbreak":
                out.append("#linebreak();")
            elif t in ("em_open", "strong_open", "s_open"):
                out.append({"em_open": "#emph[", "strong_open": "#strong[",
                            "s_open": "#strike["}[t])
                closers.append(END)
            elif t in ("em_close", "strong_close", "s_close", "link_close"):
                out.append(closers.pop() if closers else "")
            elif t == "code_inline":
                out.append(f"#raw({string(tok.content)});")
            elif t == "link_open":
                out.append(self._link_open(str(tok.attrs.get("href", ""))))
                closers.append(END)
            elif t == "image":
                out.append(self._image(tok))
            elif t == "html_inline":
                out.append(self._html(tok.content, html_open))
            elif t == "footnote_ref":
                out.append(self._footnote(tok, run))
        out.extend(END for _ in html_open)
        out.extend(reversed(closers))
        return "".join(out)

    def _link_open(self, href: str) -> str:
        if href.startswith("#"):
            anchor = href[1:]
            if anchor in self.labelled_anchors:
                return f"#link(<{self.labels[anchor]}>)["
            return "#["  # a target without an element of its own (a requirement): plain text
        return f"#link({string(href)})["

    def _html(self, tag: str, html_open: list[str]) -> str:
        # Only the allowlisted, attribute-free tags of render.inline reach here.
        name = tag.strip("<>/ ").lower()
        if name == "br":
            return "#linebreak();"
        opener = {"sub": "#sub[", "sup": "#super[", "em": "#emph[", "strong": "#strong[",
                  "small": "#text(size: 0.85em)[", "code": "#[", "kbd": "#[", "abbr": "#["}
        if name not in opener:
            return ""
        if tag.startswith("</"):
            if name in html_open:
                html_open.remove(name)
                return END
            return ""
        html_open.append(name)
        return opener[name]

    def _image(self, tok: Token) -> str:
        path = self.images.get(image_key(str(tok.attrs.get("src", ""))))
        if not path:
            return escape(tok.content)
        return f"#box(image({string(path)}, height: 1.2em));"

    def _footnote(self, tok: Token, run: InlineRun) -> str:
        if self.note_depth:
            return ""  # a footnote inside a footnote: Typst would recurse
        meta = tok.meta or {}
        label = meta.get("label")
        self.note_depth += 1
        try:
            if label is not None and label in self.notes_src:
                body = self.text(self.notes_src[label])
            else:
                body = self._tokens(run.inline_notes.get(meta.get("id", -1), []), run)
        finally:
            self.note_depth -= 1
        return f"#footnote[{body}];"

    # -- document
    def render(self, cover: Cover, line_numbering: str | None,
               page: Mapping[str, object]) -> TypstSource:
        meta = {
            **page,
            "lang": self.lang,
            "id": cover.id,
            "title": cover.titles[0][1] if cover.titles else cover.id,
            "authors": cover.authors,
            "stage": cover.stage,
            "date": cover.date,
            "date-label": cover.label("date_line"),
            "committee": cover.committee,
            "titles": [{"lang": lang, "text": text} for lang, text in cover.titles],
            "warning": cover.warning,
            "watermark": cover.watermark,
            "contents": LABELS.get(self.lang, LABELS["en"])["contents"],
            "line-numbering": line_numbering,
        }
        parts = ['#import "clause.typ": *', f"#show: draft.with({value(meta)})"]
        parts.extend(self.block(b) for b in self.draft.preamble)
        for clause in self.draft.clauses:
            parts.extend(self.clause(clause))
        text = "\n\n".join(p for p in parts if p) + "\n"
        # A link whose target element never got its label (a duplicate anchor) stays text.
        placed = {self.labels[a] for a in self.placed}
        text = _LINK_TO_LABEL.sub(lambda m: m.group(0) if m.group(1) in placed else "#[", text)
        return TypstSource(text, self.headings)

    def _labelled_anchors(self) -> set[str]:
        """Anchors whose element gets a Typst label: a link to any other would not compile."""
        out: set[str] = set()
        for clause in self.draft.walk():
            out.add(clause.anchor or "")
            for block in clause.blocks:
                if isinstance(block, (Table, Figure)) and block.anchor:
                    out.add(block.anchor)
            for term in clause.terms:
                out.update(e.anchor or "" for e in (term, *term.subterms))
            for ref in clause.references:
                out.add(ref.anchor or "")
        return {a for a in out if a and a in self.draft.targets}

    def clause(self, clause: Clause) -> list[str]:
        title = self.text(clause.title)
        level = min(clause.level, 6)
        label = self.label(clause.anchor, clause.line)
        if clause.kind == ANNEX and clause.level == 1:
            obligation = annex_obligation(clause, self.lang)
            head = (f"#annex-heading({content(escape(clause.label))}, "
                    f"{content(escape(obligation)) if obligation else 'none'}, {content(title)})")
        elif clause.number:
            # A real space (or U+3000) so that bookmarks read "5.2 Title"; h() widens it.
            sep = heading_sep(self.lang) + ("" if self.lang == "zh" else "#h(0.4em);")
            head = f"#heading(level: {level})[{escape(clause.number)}{sep}{title}]"
        else:
            head = f"#heading(level: {level})[{title}]"
        self.headings.append(clause.locator)
        out = [head + label]
        if clause.level == 1 and clause.kind in (ANNEX, BIBLIOGRAPHY):
            out.insert(0, "#pagebreak(weak: true)")
        for item in clause_items(clause):
            if isinstance(item, Clause):
                out.extend(self.clause(item))
            elif isinstance(item, TermEntry):
                out.extend(self.term(item))
            elif isinstance(item, ListBlock) and clause.kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY):
                out.append(self.references(item, clause))
            else:
                out.append(self.block(item))
        return out

    def term(self, term: TermEntry) -> list[str]:
        labels = LABELS.get(self.lang, LABELS["en"])
        preferred = self.text(term.preferred)
        if term.en:
            preferred += f"#h(1em)#text(weight: \"regular\")[{self.text(term.en)}]"
        level = min(term.level, 6)
        self.headings.append(term.number)
        out = [f"#term-heading({level}, {content(escape(term.number))}, {content(preferred)})"
               + self.label(term.anchor, term.line)]
        out.extend(f"#term-line[{self.text(a)}]" for a in term.admitted)
        if term.symbol:
            out.append(f"#term-line[{self.text(term.symbol)}]")
        sep = "：" if self.lang == "zh" else ": "
        out.extend(f"#term-line[{escape(labels['deprecated'] + sep)}{self.text(d)}]"
                   for d in term.deprecated)
        if term.definition is not None:
            out.append(f"#term-line[{self.text(term.definition.source)}]")
        known = {id(b) for b in (term.definition, term.source, *term.examples, *term.notes) if b}
        out.extend(self.block(b) for b in term.blocks if id(b) not in known)
        out.extend(self.labelled(b) for b in (*term.examples, *term.notes))
        if term.source is not None:
            out.append(f"#term-source[{self.text(term.source.source)}]")
        for sub in term.subterms:
            out.extend(self.term(sub))
        return out

    def labelled(self, block: Block) -> str:
        """NOTE 1 / EXAMPLE / Note 1 to entry / 注1：, label set apart from the text."""
        label, rest = split_label(block)
        gap = "" if not label or self.lang == "zh" else "#h(0.7em)"
        return f"#note({content(escape(label) + gap)}, {content(self.text(rest))})"

    def block(self, block: Block) -> str:
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            return self.figure(block)
        if isinstance(block, ListBlock):
            return self.list(block)
        kind = block.kind
        if kind in ("footnote", "term-attributes"):
            return ""
        if kind in ("note", "term-note", "example"):
            return self.labelled(block)
        if kind in ("code", "html"):
            return (f"#block(width: 100%, inset: 6pt, fill: luma(96%), "
                    f"raw(block: true, {string(block.source.rstrip(chr(10)))}))")
        if kind == "quote":
            lines = [self.text(line) for line in block.source.split("\n")]
            return f"#quote(block: true)[{'#linebreak()'.join(lines)}]"
        if kind in ("definition", "source"):
            return f"#term-line[{self.text(block.source)}]"
        return self.text(block.source)

    def list(self, block: ListBlock) -> str:
        items = [(max(item.depth, 1), self.text(item.source)) for item in block.items]
        return "#" + self._list(items, 0, 1, block.ordered)[0]

    def _list(self, items: list[tuple[int, str]], i: int, depth: int,
              ordered: bool) -> tuple[str, int]:
        """Typst list for the run of items at ``depth`` starting at ``i``; deeper items nest
        under the item before them (the model keeps depths, not the tree)."""
        parts: list[str] = []
        while i < len(items) and items[i][0] >= depth:
            if items[i][0] > depth:  # a deeper item with no parent at this depth
                sub, i = self._list(items, i, depth + 1, False)
                parts.append(f"[#{sub}]")
                continue
            body = items[i][1]
            i += 1
            if i < len(items) and items[i][0] > depth:
                sub, i = self._list(items, i, depth + 1, False)
                body += f" #{sub}"
            parts.append(content(body))
        func = "enum" if ordered else "list"
        return f"{func}({', '.join(parts)}{',' if len(parts) == 1 else ''})", i

    def references(self, block: ListBlock, clause: Clause) -> str:
        anchors = {ref.line: ref.anchor for ref in clause.references}
        out = []
        n = 0
        for item in block.items:
            if item.depth != 1:
                continue
            n += 1
            label = self.label(anchors.get(item.line), item.line)
            number = content(escape(f"[{n}]")) if clause.kind == BIBLIOGRAPHY else "none"
            mark = f"#metadata(none){label} " if label else ""
            out.append(f"{mark}#reference-entry({number}, {content(self.text(item.source))})")
        return "\n\n".join(out)

    def caption(self, label: str, title: str) -> str:
        text = escape(label)
        if title:
            text += escape(caption_sep(self.lang)) + self.text(title)
        return content(text)

    def table(self, table: Table) -> str:
        width = max([len(table.header), *(len(r) for r in table.rows)] or [1])

        def cells(row: list[str]) -> list[str]:
            padded = [*row, *[""] * (width - len(row))][:width]
            return [content(self.text(c)) for c in padded]

        header = "(" + "".join(c + ", " for c in cells(table.header)) + ")"
        body = "".join(", " + c for row in table.rows for c in cells(row))
        caption = self.caption(table.label, table.caption)
        label = self.label(table.anchor, table.line)
        out = [f"#table-block({caption}, {width}, {header}{body}){label}"]
        out.extend(self.block(n) for n in table.notes)
        return "\n\n".join(out)

    def figure(self, figure: Figure) -> str:
        path = self.images.get(image_key(figure.src))
        caption = self.caption(figure.label, figure.title)
        label = self.label(figure.anchor, figure.line)
        if not path:
            return f"#figure(kind: image, supplement: none, numbering: none, caption: {caption}, [])" + label
        return f"#figure-block({string(path)}, {caption}){label}"


def to_typst(draft: Draft, cover: Cover, images: Mapping[str, str],
             line_numbering: str | None, page: Mapping[str, object]) -> TypstSource:
    """Typst source of the whole document. ``line_numbering``: None, "continuous", "per-page";
    ``page``: the template's page settings ("margin-left-mm", "line-number-font")."""
    return TypstWriter(draft, images).render(cover, line_numbering, page)
