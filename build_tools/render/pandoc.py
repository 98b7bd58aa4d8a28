"""Draft model -> pandoc Markdown, the input of the DOCX export.

Numbers, labels and captions come from the model. Draft text goes through
``render.inline.inline`` and is then written back from markdown-it's tokens with every ASCII
punctuation mark escaped: pandoc's Markdown reads more syntax than CommonMark (citations, raw
TeX or OpenXML, ``~sub~``, smart quotes), and none of it may reinterpret what an author typed.
Notes, examples and the parts of a term entry are fenced divs with ``custom-style``; the
reference document of ``export.reference_doc`` gives those styles their look.

The token helpers at the top are shared with the Typst writer of the PDF export.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from markdown_it.token import Token

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
from build_tools.parse import MARKDOWN
from build_tools.render.inline import inline

# The parser's own instance, so inline text means here what it meant there.
MD = MARKDOWN

# What pandoc may read: its Markdown minus everything that could smuggle raw output or
# reinterpret text (our own escaping already covers most; this is the second fence).
PANDOC_FROM = (
    "markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
    "-citations-implicit_figures-auto_identifiers-smart-yaml_metadata_block"
)

# Paragraph styles the DOCX carries (reference_doc.py defines them).
NOTE = "Note"
EXAMPLE = "Example"
TERM_NUMBER = "Term number"
PREFERRED = "Preferred term"
ADMITTED = "Admitted term"
DEPRECATED = "Deprecated term"
DEFINITION = "Definition"
TERM_NOTE = "Note to entry"
SOURCE = "Source"
TABLE_TITLE = "Table title"
FIGURE_TITLE = "Figure title"
CUSTOM_STYLES = (NOTE, EXAMPLE, TERM_NUMBER, PREFERRED, ADMITTED, DEPRECATED, DEFINITION,
                 TERM_NOTE, SOURCE, TABLE_TITLE, FIGURE_TITLE)

_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:")
_REQ_PIN = re.compile(r"\s*\{#req-[\w.\-]+\}")
_SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


# --- shared by the writers ------------------------------------------------------------------


@dataclass
class InlineRun:
    """Inline tokens of one piece of draft text, with the bodies of its inline footnotes."""

    tokens: list[Token]
    inline_notes: dict[int, list[Token]] = field(default_factory=dict)


def inline_run(source: str, draft: Draft, link_for: Callable[[str], str] | None,
               footnote_labels: Iterable[str] = ()) -> InlineRun:
    """``source`` through ``inline()`` (labels, attributes, HTML), then markdown-it's tokens."""
    text = _REQ_PIN.sub("", inline(source, draft, link_for))
    env: dict[str, Any] = {"footnotes": {"refs": {":" + x: -1 for x in footnote_labels},
                                         "list": {}}}
    tokens = MD.parseInline(text, env)
    children = tokens[0].children or [] if tokens else []
    notes = {i: entry.get("tokens") or [] for i, entry in env["footnotes"]["list"].items()
             if "tokens" in entry}
    return InlineRun(children, notes)


def footnote_sources(draft: Draft) -> dict[str, str]:
    """Footnote label -> its Markdown. The model keeps footnote blocks without their labels,
    so the label is read from the definition line the block points at."""
    lines = draft.text.split("\n")
    out: dict[str, str] = {}
    last = None
    for block in all_blocks(draft):
        if block.kind != "footnote":
            continue
        line = lines[block.line - 1] if 0 < block.line <= len(lines) else ""
        match = _FOOTNOTE_DEF.match(line)
        if match:
            last = match.group(1)
            out[last] = block.source
        elif last is not None:  # a later paragraph of the same footnote
            out[last] += " " + block.source
    return out


def all_blocks(draft: Draft) -> Iterable[Block]:
    yield from draft.preamble
    for clause in draft.clauses:
        yield from clause.all_blocks()


def clause_items(clause: Clause) -> list[Block | TermEntry | Clause]:
    """Blocks, term entries and subclauses of a clause in the order they were written: a table
    after some term entries stays after them."""
    items: list[Block | TermEntry | Clause] = [*clause.blocks, *clause.terms, *clause.children]
    return sorted(items, key=lambda item: item.line)


def split_label(block: Block) -> tuple[str, str]:
    """("NOTE 1", rest of the source) when the block's source starts with its label."""
    src = block.source.lstrip()
    label = block.label.strip()
    if label and src.startswith(label):
        return label, src[len(label):].lstrip()
    return "", src


def caption_sep(lang: str) -> str:
    return LABELS.get(lang, LABELS["en"])["caption_sep"]


def heading_sep(lang: str) -> str:
    """Between a clause number and its title: GB sets a full-width space."""
    return "\u3000" if lang == "zh" else " "


def annex_obligation(clause: Clause, lang: str) -> str:
    if clause.obligation not in ("normative", "informative"):
        return ""
    return LABELS.get(lang, LABELS["en"])[f"annex_{clause.obligation}"]


def image_key(src: str) -> str:
    """Figures keep the path as typed, markdown-it percent-encodes it; both map to one key."""
    return unquote(src.strip().strip("<>"))


def soft_break(before: str, after: str) -> str:
    """A line break inside a paragraph: nothing between two CJK characters, else a space."""
    if before and after and _CJK.match(before[-1]) and _CJK.match(after[0]):
        return ""
    return " "


def next_text(tokens: list[Token], i: int) -> str:
    for tok in tokens[i + 1:]:
        if tok.type == "text":
            return tok.content
        if tok.type not in ("em_open", "strong_open", "em_close", "strong_close"):
            return ""
    return ""


# --- pandoc Markdown ------------------------------------------------------------------------

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Literal text: every ASCII punctuation mark backslash-escaped (pandoc all_symbols_escapable)."""
    return _PUNCT.sub(r"\\\1", text)


def _code(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _href(url: str) -> str:
    return quote(url, safe="/:#?&=%@+,;~!$*'.-_")


class PandocWriter:
    """One draft -> one pandoc Markdown document (no metadata block: python-docx fills it)."""

    def __init__(self, draft: Draft, images: Mapping[str, str]) -> None:
        self.draft = draft
        self.lang = draft.language
        self.images = images
        self.ids: dict[str, str] = {}
        for n, anchor in enumerate(draft.targets, 1):
            self.ids[anchor] = anchor if _SAFE_ID.fullmatch(anchor) else f"x-{n}"
        self.notes_src = footnote_sources(draft)
        self.notes_id = {label: f"fn{n}" for n, label in enumerate(self.notes_src, 1)}

    # -- inline
    def link_for(self, anchor: str) -> str:
        return "#" + self.ids.get(anchor, anchor)

    def text(self, source: str) -> str:
        run = inline_run(source, self.draft, self.link_for, self.notes_src)
        return self._tokens(run.tokens, run)

    def _tokens(self, tokens: list[Token], run: InlineRun) -> str:
        out: list[str] = []
        links: list[str] = []
        script: list[str] = []  # open <sub>/<sup>: spaces inside need escaping
        for i, tok in enumerate(tokens):
            t = tok.type
            if t == "text":
                text = escape(tok.content)
                out.append(text.replace(" ", "\\ ") if script else text)
            elif t == "softbreak":
                out.append(soft_break("".join(out), next_text(tokens, i)))
            elif t == "hardbreak":
                out.append("\\\n")
            elif t in ("em_open", "em_close"):
                out.append("*")
            elif t in ("strong_open", "strong_close"):
                out.append("**")
            elif t in ("s_open", "s_close"):
                out.append("~~")
            elif t == "code_inline":
                out.append(_code(tok.content))
            elif t == "link_open":
                links.append(str(tok.attrs.get("href", "")))
                out.append("[")
            elif t == "link_close" and links:
                out.append(f"]({_href(links.pop())})")
            elif t == "image":
                out.append(self._image(tok))
            elif t == "html_inline":
                out.append(self._html(tok.content, script))
            elif t == "footnote_ref":
                out.append(self._footnote(tok, run))
        out.extend("^" if s == "sup" else "~" for s in reversed(script))
        return "".join(out)

    def _html(self, tag: str, script: list[str]) -> str:
        # Only the allowlisted, attribute-free tags of render.inline reach here.
        name = tag.strip("<>/ ").lower()
        closing = tag.startswith("</")
        if name == "br":
            return "\\\n"
        if name in ("sub", "sup"):
            if closing:
                if name in script:
                    script.remove(name)
                    return "^" if name == "sup" else "~"
                return ""
            script.append(name)
            return "^" if name == "sup" else "~"
        if name in ("em", "strong"):
            return "*" if name == "em" else "**"
        return ""

    def _image(self, tok: Token) -> str:
        alt = escape(tok.content)
        path = self.images.get(image_key(str(tok.attrs.get("src", ""))))
        return f"![{alt}]({_href(path)})" if path else alt

    def _footnote(self, tok: Token, run: InlineRun) -> str:
        meta = tok.meta or {}
        label = meta.get("label")
        if label is not None and label in self.notes_id:
            return f"[^{self.notes_id[label]}]"
        body = run.inline_notes.get(meta.get("id", -1))
        return f"^[{self._tokens(body, run)}]" if body else ""

    # -- blocks
    def render(self) -> str:
        parts: list[str] = [self.block(b) for b in self.draft.preamble]
        for clause in self.draft.clauses:
            parts.extend(self.clause(clause))
        for label, source in self.notes_src.items():
            parts.append(f"[^{self.notes_id[label]}]: {self.text(source)}")
        return "\n\n".join(p for p in parts if p) + "\n"

    def clause(self, clause: Clause) -> list[str]:
        title = self.text(clause.title)
        if clause.kind == ANNEX and clause.level == 1:
            obligation = annex_obligation(clause, self.lang)
            head = " ".join(x for x in (escape(clause.label), escape(obligation), title) if x)
        elif clause.number:
            head = escape(clause.number) + heading_sep(self.lang) + title
        else:
            head = title
        hashes = "#" * min(clause.level, 6)
        anchor = self.ids.get(clause.anchor or "", "")
        out = [f"{hashes} {head} {{#{anchor}}}" if anchor else f"{hashes} {head}"]
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

    def div(self, style: str, body: str, anchor: str | None = None) -> str:
        ident = f"#{self.ids[anchor]} " if anchor and anchor in self.ids else ""
        return f'::: {{{ident}custom-style="{style}"}}\n{body}\n:::'

    def labelled(self, block: Block, style: str) -> str:
        label, rest = split_label(block)
        sep = "" if self.lang == "zh" or not label else " "
        return self.div(style, escape(label) + sep + self.text(rest))

    def term(self, term: TermEntry) -> list[str]:
        labels = LABELS.get(self.lang, LABELS["en"])
        out = [self.div(TERM_NUMBER, escape(term.number), term.anchor)]
        preferred = f"**{self.text(term.preferred)}**"
        if term.en:
            preferred += "\u2003" + self.text(term.en)
        out.append(self.div(PREFERRED, preferred))
        out.extend(self.div(ADMITTED, self.text(a)) for a in term.admitted)
        if term.symbol:
            out.append(self.div(ADMITTED, self.text(term.symbol)))
        sep = "：" if self.lang == "zh" else ": "
        out.extend(self.div(DEPRECATED, escape(labels["deprecated"] + sep) + self.text(d))
                   for d in term.deprecated)
        if term.definition is not None:
            out.append(self.div(DEFINITION, self.text(term.definition.source)))
        known = {id(b) for b in (term.definition, term.source, *term.examples, *term.notes) if b}
        out.extend(self.block(b) for b in term.blocks if id(b) not in known)
        out.extend(self.labelled(b, EXAMPLE) for b in term.examples)
        out.extend(self.labelled(b, TERM_NOTE if b.kind == "term-note" else NOTE)
                   for b in term.notes)
        if term.source is not None:
            out.append(self.div(SOURCE, self.text(term.source.source)))
        for sub in term.subterms:
            out.extend(self.term(sub))
        return out

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
        if kind == "note":
            return self.labelled(block, NOTE)
        if kind == "term-note":
            return self.labelled(block, TERM_NOTE)
        if kind == "example":
            return self.labelled(block, EXAMPLE)
        if kind == "definition":
            return self.div(DEFINITION, self.text(block.source))
        if kind == "source":
            return self.div(SOURCE, self.text(block.source))
        if kind in ("code", "html"):
            body = block.source.rstrip("\n")
            fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
            return f"{fence}\n{body}\n{fence}"
        if kind == "quote":
            return "\n".join("> " + self.text(line) for line in block.source.split("\n"))
        return self.text(block.source)

    def list(self, block: ListBlock) -> str:
        lines = []
        first = 3 if block.ordered else 2
        for n, item in enumerate(block.items, 1):
            depth = max(item.depth, 1)
            indent = 0 if depth == 1 else first + 2 * (depth - 2)
            marker = f"{n}." if block.ordered and depth == 1 else "-"
            lines.append(" " * indent + f"{marker} " + self.text(item.source))
        return "\n".join(lines)

    def references(self, block: ListBlock, clause: Clause) -> str:
        """Normative references one per paragraph; the bibliography numbered [1], [2] …"""
        anchors = {ref.line: ref.anchor for ref in clause.references}
        out = []
        n = 0
        for item in block.items:
            if item.depth != 1:
                continue
            n += 1
            anchor = anchors.get(item.line)
            span = f"[]{{#{self.ids[anchor]}}}" if anchor and anchor in self.ids else ""
            prefix = escape(f"[{n}]") + " " if clause.kind == BIBLIOGRAPHY else ""
            out.append(span + prefix + self.text(item.source))
        return "\n\n".join(out)

    def caption(self, label: str, title: str) -> str:
        text = escape(label)
        if title:
            text += escape(caption_sep(self.lang)) + self.text(title)
        return text

    def table(self, table: Table) -> str:
        width = max([len(table.header), *(len(r) for r in table.rows)] or [1])

        def row(cells: list[str]) -> str:
            cells = [*cells, *[""] * (width - len(cells))][:width]
            return "| " + " | ".join(self.text(c) or " " for c in cells) + " |"

        lines = [row(table.header), "|" + "---|" * width, *(row(r) for r in table.rows)]
        title = self.div(TABLE_TITLE, self.caption(table.label, table.caption), table.anchor)
        notes = [self.block(n) for n in table.notes]
        return "\n\n".join([title, "\n".join(lines), *notes])

    def figure(self, figure: Figure) -> str:
        path = self.images.get(image_key(figure.src))
        # The title attribute is what Word shows as the picture's description (alt text).
        described = figure.title.replace("\\", "\\\\").replace('"', '\\"')
        image = (f'![{escape(figure.title)}]({_href(path)} "{described}")' if path
                 else escape(figure.title))
        title = self.div(FIGURE_TITLE, self.caption(figure.label, figure.title), figure.anchor)
        return image + "\n\n" + title


def to_pandoc(draft: Draft, images: Mapping[str, str] | None = None) -> str:
    """The draft as pandoc Markdown. ``images`` maps a figure's path as written (see
    ``image_key``) to the file pandoc may read; an image not in it is shown as its alt text."""
    return PandocWriter(draft, images or {}).render()
