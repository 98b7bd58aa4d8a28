"""Markdown -> Draft model.

``build_tools.markdown`` parses the Markdown (the one markdown-it configuration); one pass
over its block tokens builds the clause tree; a second pass numbers
clauses, terms, tables and figures and registers every cross-reference target with its label.
Nothing here raises on bad input: what cannot be read becomes a ``ParseProblem``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from markdown_it.token import Token

from build_tools import frontmatter, project
from build_tools import inline_parse as IP
from build_tools.i18n import labels as L
from build_tools.i18n.refs import IDENT_RE, citation_key, find_citations
from build_tools.i18n.verbal import has_requirement
from build_tools.markdown import MARKDOWN, plain_children
from build_tools.model import (
    ANNEX,
    BIBLIOGRAPHY,
    CLAUSE,
    FOREWORD,
    IMAGE,
    INTRODUCTION,
    NORMATIVE_REFERENCES,
    PIN,
    TERMS,
    TEXT,
    XREF,
    Block,
    Citation,
    Clause,
    Draft,
    Figure,
    Footnote,
    Image,
    Inline,
    ListBlock,
    ListItem,
    ParseProblem,
    Phrase,
    Reference,
    Requirement,
    Table,
    Target,
    TermEntry,
    Xref,
)
from build_tools.positions import LineIndex, TextMap, join_maps

MAX_BYTES = 20 * 1024 * 1024

_ATTRS_RE = re.compile(r"\s*\{((?:[#.][\w:.\-]+|[\w-]+=\S+)(?:\s+(?:[#.][\w:.\-]+|[\w-]+=\S+))*)\}\s*$")
_IMAGE_RE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)\s*$')
_CAPTION_RE = re.compile(r"^(?:Table|表)\s*[:：]\s*(?P<title>.*)$", re.S)
_NOTE_EN = re.compile(r"^NOTE(?:\s+(\d+))?(?=\s|$)")
_EXAMPLE_EN = re.compile(r"^EXAMPLE(?:\s+(\d+))?(?=\s|$)")
_NOTE_ZH = re.compile(r"^注(\d*)\s*[：:]")
_EXAMPLE_ZH = re.compile(r"^示例(\d*)\s*[：:]")
_TERM_NOTE_EN = re.compile(r"^Note\s+(\d+)\s+to\s+entry\s*:")
_SOURCE_RE = re.compile(r"^\[(?:SOURCE\s*:|来源\s*[：:])")
_TERM_ATTR_RE = re.compile(r"^(admitted|deprecated|symbol|en|domain)\s*[:：]\s*(.*)$", re.I)
_SUPPRESS_RE = re.compile(r"<!--\s*lint-ignore\s+([A-Z][A-Z0-9-]*(?:\s*,\s*[A-Z][A-Z0-9-]*)*)\s*:?\s*(.*?)\s*-->", re.S)
# A sentence ends at ". " before a capital (the cut is the white space) or right after a CJK
# full stop (an empty cut). No look-behind: a pattern that starts with one is tried at every
# character, and this one runs on every requirement paragraph.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(\"“])|[。！？；]")
_REQ_PIN = re.compile(r"\{#(req-[\w.\-]+)\}\s*$")
_LABEL_STARTS = ("Note", "NOTE", "EXAMPLE", "注", "示例")  # what the patterns above can match
_LABEL_OPEN, _LABEL_CLOSE = "\ue000", "\ue001"
_LABEL_RE = re.compile("\ue000([^\ue001]*)\ue001")




def parse_attrs(text: str) -> tuple[str, str | None, list[str], dict[str, str]]:
    """Split a trailing ``{#id .class key=value}`` from heading or caption text."""
    # The pattern is anchored at the end but searched from every position: look at the end first.
    match = _ATTRS_RE.search(text) if text.rstrip().endswith("}") else None
    if not match:
        return text.strip(), None, [], {}
    anchor, classes, kv = IP.attr_parts(match.group(1))
    return text[: match.start()].strip(), anchor, classes, kv


def decode(data: bytes) -> tuple[str | None, ParseProblem | None]:
    """Bytes of a draft -> text with LF line ends, or the reason it cannot be read."""
    if not data.strip():
        return None, ParseProblem(1, "the file is empty", "FILE-01", fatal=True)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, ParseProblem(
            1, "the file is UTF-16 encoded; drafts must be UTF-8 (save it as UTF-8)", "FILE-01",
            fatal=True,
        )
    if b"\0" in data[:8192] or b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        return None, ParseProblem(line, "the file contains binary data (NUL bytes)", "FILE-01",
                                  fatal=True)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, ParseProblem(
            line, f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "FILE-01", fatal=True,
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def parse_file(path: Path | str) -> Draft:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            draft = Draft(path=path, text="")
            draft.problems.append(ParseProblem(
                1, f"the file is too large ({size // 1024 // 1024} MB; the limit is "
                f"{MAX_BYTES // 1024 // 1024} MB)", "FILE-01", fatal=True))
            return draft
        data = project.read_source(path)  # a symlink out of the repository is refused
    except OSError as exc:
        draft = Draft(path=path, text="")
        draft.problems.append(ParseProblem(1, f"cannot read the file: {exc.strerror}", "FILE-01",
                                           fatal=True))
        return draft
    return parse_bytes(data, path)


def parse_bytes(data: bytes, path: Path | str) -> Draft:
    text, problem = decode(data)
    if text is None:
        draft = Draft(path=Path(path), text="")
        assert problem is not None
        draft.problems.append(problem)
        return draft
    return parse_text(text, path)


def parse_text(text: str, path: Path | str = "draft.md") -> Draft:
    draft = Draft(path=Path(path), text=text)
    draft.index = LineIndex(text)
    fm = frontmatter.read(text)
    draft.has_front_matter = fm.present
    draft.meta = fm.data
    draft.meta_lines = fm.lines
    draft.meta_end = fm.end
    for p in fm.problems:
        draft.problems.append(ParseProblem(p.line, p.message, p.rule, fatal=p.fatal))
    for key, line in fm.duplicates:
        draft.problems.append(ParseProblem(line, f"duplicate front-matter key '{key}'", "FM-05"))
    if any(p.fatal for p in fm.problems) and fm.end <= 0:
        return draft
    offset = fm.body_offset
    starts = draft.index.starts
    body = text[starts[offset]:] if offset < len(starts) else ""
    try:
        tokens = MARKDOWN.parse(body)
    except RecursionError:
        draft.problems.append(ParseProblem(offset + 1, "the Markdown is nested too deeply to read",
                                           "FILE-01", fatal=True))
        return draft
    builder = _Builder(draft, offset)
    builder.run(tokens)
    _number(draft)
    _fill_labels(draft, builder)
    _citations(draft)
    _requirements(draft)
    return draft


def _label_for(draft: Draft) -> IP.Flattener:
    def label_of(node: Inline) -> str:
        if "#" in node.target:  # another draft's element: the site fills it from that model
            return node.target.partition("#")[2]
        return draft.label_of(node.target) or node.target

    return IP.Flattener(draft.index, label_of)


def _fill_labels(draft: Draft, builder: _Builder) -> None:
    """Put each empty cross-reference's label into the plain text, as a reader sees it: the
    phrases that hold one are flattened again now that every target is numbered."""
    flat = _label_for(draft)
    for node in builder.empty_xrefs:
        target = node.target
        if "#" not in target:
            node.label = draft.label_of(target) or ""
    for phrase in builder.labelled:
        flat.phrase(phrase)
    for block in builder.labelled_blocks:
        _block_text(block, draft.index)
        if isinstance(block, ListBlock):
            for item in block.items:
                if item.phrase is not None:
                    item.text = item.phrase.text


def _block_text(block: Block, index: LineIndex) -> None:
    """A block's text and map from its phrases (cells " | ", items and rows on their own line)."""
    if isinstance(block, Table):
        _table_text(block, index)
        return
    phrases = block.phrases
    if len(phrases) == 1:
        block.text, block.map, block.code = phrases[0].text, phrases[0].map, phrases[0].code
        return
    block.text, block.map = join_maps([(p.text, p.map) for p in phrases], "\n", index)
    code: list[tuple[int, int]] = []
    at = 0
    for p in phrases:
        code.extend((a + at, b + at) for a, b in p.code)
        at += len(p.text) + 1
    block.code = code


def _table_text(table: Table, index: LineIndex) -> None:
    """The cells' texts joined, " | " between cells and a line break between rows, in one
    pass (what ``join_maps`` of the rows of ``join_maps`` of the cells gives): a separator
    maps to the end of the cell or row before it. The cells' code spans go to their place in
    the joined text: a code span in a cell is no more prose than one in a paragraph."""
    tmap = TextMap(index=index)
    add = tmap.add
    texts: list[str] = []
    code: list[tuple[int, int]] = []
    at = 0
    for r, row in enumerate([table.header_cells, *table.row_cells]):
        if r:
            add(at, tmap.end, False)
            texts.append("\n")
            at += 1
        if not row:
            tmap.end = 0  # an empty row's map ends at 0, as join_maps of no part does
        for n, cell in enumerate(row):
            if n:
                add(at, tmap.end, False)
                texts.append(" | ")
                at += 3
            cmap = cell.map
            for s, o, lin in zip(cmap.starts, cmap.origins, cmap.linear, strict=True):
                add(at + s, o, lin)
            tmap.end = cmap.end
            if cell.code:
                code.extend((a + at, b + at) for a, b in cell.code)
            texts.append(cell.text)
            at += len(cell.text)
    tmap.length = at
    table.text = "".join(texts)
    table.map = tmap
    table.code = code


def _citations(draft: Draft) -> None:
    """Document identifiers cited in running text, as model elements with their position."""
    for block, in_list in _blocks_with_place(draft):
        prose = block.prose
        if not prose:
            continue
        for m in find_citations(prose):
            line, col = block.position(m.start())
            draft.citations.append(Citation(m.group(0), citation_key(m.group(0)), line, col,
                                            block, m.start(), m.end(), in_list))


def _blocks_with_place(draft: Draft) -> Iterator[tuple[Block, bool]]:
    for block in draft.preamble:
        yield block, False
    for clause in draft.clauses:
        listed = clause.kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY)
        for block in clause.all_blocks():
            yield block, listed


# --- building the tree --------------------------------------------------------------------


class _Inline(NamedTuple):
    source: str
    text: str
    xrefs: Sequence[Xref]
    images: Sequence[Image]
    links: Sequence[Xref]
    phrase: Phrase


_NONE: tuple = ()  # what plain text has to collect


class _Builder:
    def __init__(self, draft: Draft, offset: int) -> None:
        self.draft = draft
        self.offset = offset
        self.stack: list[Clause] = []
        self.term: TermEntry | None = None
        self.pending_caption: tuple[str, str | None, int, str, Phrase | None] | None = None
        self.pending_suppress: dict[str, str] = {}
        self.lang = draft.language
        self.index = draft.index
        self.flat = IP.Flattener(draft.index, lambda node: f"{_LABEL_OPEN}{node.target}{_LABEL_CLOSE}")
        self.empty_xrefs: list[Inline] = []
        self.labelled: list[Phrase] = []  # phrases whose text holds a label placeholder
        self.labelled_blocks: list[Block] = []
        self.footnote: Footnote | None = None

    # -- helpers
    def line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + self.offset + 1

    def end_line(self, token: Token) -> int:
        return (token.map[1] if token.map else 0) + self.offset

    def inline(self, token: Token, line: int, origin: IP.Origin | None = None,
               attrs: bool = True) -> _Inline:
        """The phrase of one inline token: nodes with positions, then its plain text."""
        content = token.content
        plain = token.meta.get("plain", False)
        if plain and content and "\n" not in content:
            # One line of text (a title, a cell, a short paragraph): one run in the file.
            if origin is None:
                first = (token.map[0] if token.map else 0) + self.offset
                return self._plain_line(content, IP.line_start(content, first, self.draft.text,
                                                               self.index), attrs)
            if origin.single and not origin.broken:
                return self._plain_line(content, origin.files[0], attrs)
        if origin is None:
            first = (token.map[0] if token.map else 0) + self.offset
            origin = IP.lines_origin(content, first, self.draft.text, self.index)
        if plain and not origin.broken:
            # Text and soft breaks only: no cross-reference, link or image to collect.
            nodes = IP.plain_nodes(content, origin)
            if attrs and content.endswith("}"):
                IP.split_trailing_attrs(nodes)
            phrase = self.phrase(content, nodes, origin(0), origin(len(content)))
            return _Inline(content, phrase.text, _NONE, _NONE, _NONE, phrase)
        # Plain content cut by escapes (a cell's "\\|"): aligned from the tokens it stands for.
        children = plain_children(content) if plain else token.children or []
        nodes = IP.build(children, content, origin)
        if attrs:
            IP.split_trailing_attrs(nodes)
        phrase = self.phrase(content, nodes, origin(0), origin(len(content)))
        if all(node.kind == TEXT for node in nodes):  # nothing to collect
            return _Inline(content, phrase.text, _NONE, _NONE, _NONE, phrase)
        xrefs: list[Xref] = []
        images: list[Image] = []
        links: list[Xref] = []
        for node in phrase.walk():
            if node.kind == XREF:
                ln, col = self.index.line_col(node.start)
                text = IP.plain_of(node.children).strip()
                if "#" in node.target:
                    links.append(Xref(node.target, text, ln, col))
                else:
                    xrefs.append(Xref(node.target, text, ln, col))
            elif node.kind == "link":
                ln, col = self.index.line_col(node.start)
                links.append(Xref(node.target, IP.plain_of(node.children).strip(), ln, col))
            elif node.kind == IMAGE:
                ln, col = self.index.line_col(node.start)
                images.append(Image(node.target, ln, node.text, col))
        return _Inline(content, phrase.text, xrefs, images, links, phrase)

    def _plain_line(self, content: str, start: int, attrs: bool) -> _Inline:
        """The most common phrase: one line of text without markup or escapes, written at
        file offset ``start`` (a short paragraph, a cell, a title). Its text is its source,
        one run in the file, unless a trailing ``{#id}`` is cut off."""
        if attrs and content.endswith("}"):
            end = start + len(content)
            node = Inline(TEXT, start, end, content)
            nodes = [node]
            IP.split_trailing_attrs(nodes)
            if len(nodes) == 2 and nodes[0] is node:  # "Title {#id}": the title is one run
                text = node.text
                phrase = Phrase(content, nodes, start, end, text,
                                TextMap([0], [start], [True], len(text), end, self.index))
                return _Inline(content, text, _NONE, _NONE, _NONE, phrase)
            phrase = self.phrase(content, nodes, start, end)
            return _Inline(content, phrase.text, _NONE, _NONE, _NONE, phrase)
        return _Inline(content, content, _NONE, _NONE, _NONE, self.run_phrase(content, start))

    def run_phrase(self, content: str, start: int) -> Phrase:
        """The phrase of text without markup written as one run at file offset ``start``: its
        text is its source."""
        end = start + len(content)
        return Phrase(content, [Inline(TEXT, start, end, content)], start, end, content,
                      TextMap([0], [start], [True], len(content), end, self.index))

    def phrase(self, source: str, nodes: list[Inline], start: int, end: int) -> Phrase:
        phrase = Phrase(source, nodes, start, end)
        self.flat.phrase(phrase)
        if _LABEL_OPEN in phrase.text:
            self.labelled.append(phrase)
            self.empty_xrefs.extend(n for n in phrase.walk() if n.kind == XREF)
        return phrase

    def last_labelled(self, phrase: Phrase, anywhere: bool = False) -> bool:
        """``phrase`` is the one just recorded as holding a label (or, ``anywhere``, one of
        them): by identity, as two cells with the same words are still two phrases."""
        labelled = self.labelled
        if anywhere:
            return any(p is phrase for p in labelled)
        return bool(labelled) and labelled[-1] is phrase

    def block_of(self, kind: str, tok: Token, inl: _Inline, end_line: int | None = None) -> Block:
        ph = inl.phrase
        block = Block(kind, self.line(tok), self.end_line(tok) if end_line is None else end_line,
                      inl.source, ph.text, phrases=[ph], map=ph.map, code=ph.code,
                      start=ph.start, end=ph.end)
        if self.last_labelled(ph):
            self.labelled_blocks.append(block)
        return block

    def current(self) -> Clause | None:
        return self.stack[-1] if self.stack else None

    def add_block(self, block: Block, inl: _Inline | None = None) -> None:
        if inl is not None and (inl.xrefs or inl.links or inl.images):
            self.draft.xrefs.extend(inl.xrefs)
            self.draft.images.extend(inl.images)
            self.draft.links.extend(inl.links)
        if self.pending_suppress:
            block.suppressed = frozenset(self.pending_suppress)
            self.draft.suppressions[block.line] = dict(self.pending_suppress)
            self.draft.suppression_ends[block.line] = block.end_line
            self.pending_suppress = {}
        if self.term is not None and not isinstance(block, (Table, Figure)):
            self._term_block(block)
            return
        clause = self.current()
        if clause is None:
            self.draft.preamble.append(block)
        else:
            clause.blocks.append(block)

    # -- term entries
    def _term_block(self, block: Block) -> None:
        term = self.term
        assert term is not None
        if block.kind == "paragraph" and not term.definition and not term.examples and not term.notes:
            lines = block.source.split("\n")
            matches = [_TERM_ATTR_RE.match(ln.strip()) for ln in lines]
            if all(matches):
                ph = block.phrase
                line_nodes = IP.split_lines(ph.nodes) if ph is not None else []
                for i, m in enumerate(matches):
                    assert m is not None
                    key, value = m.group(1).lower(), m.group(2).strip()
                    term.attributes_line[key] = block.line + i
                    if i < len(line_nodes):
                        # The "admitted:" key is plain text, as long in the text as typed.
                        nodes = IP.drop_prefix(line_nodes[i], m.start(2))
                        sub = self.phrase(IP.plain_of(nodes), nodes,
                                          nodes[0].start if nodes else ph.start,
                                          nodes[-1].end if nodes else ph.start)
                        term.attribute_phrases.append((key, sub))
                    if key == "admitted":
                        term.admitted.append(value)
                    elif key == "deprecated":
                        term.deprecated.append(value)
                    elif key == "symbol":
                        term.symbol = value
                    elif key == "en":
                        term.en = value
                block.kind = "term-attributes"
                term.blocks.append(block)
                return
        if block.kind == "paragraph" and _SOURCE_RE.match(block.text):
            block.kind = "source"
            term.source = block
        elif block.kind in ("note", "term-note"):
            block.kind = "term-note" if block.kind == "term-note" else "note"
            term.notes.append(block)
        elif block.kind == "example":
            term.examples.append(block)
        elif block.kind == "paragraph" and term.definition is None:
            block.kind = "definition"
            term.definition = block
        term.blocks.append(block)

    # -- the token walk
    def run(self, tokens: list[Token]) -> None:
        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            t = tok.type
            if t == "heading_open":
                self.heading(tok, tokens[i + 1])
                i += 3
                continue
            if t == "paragraph_open":
                self.paragraph(tok, tokens[i + 1])
                i += 3
                continue
            if t in ("bullet_list_open", "ordered_list_open"):
                j = _close_index(tokens, i)
                self.list_block(tokens[i : j + 1])
                i = j + 1
                continue
            if t == "table_open":
                j = _close_index(tokens, i)
                self.table(tokens[i : j + 1])
                i = j + 1
                continue
            if t == "blockquote_open":
                j = _close_index(tokens, i)
                inner = [self.inline(x, self.line(x)) for x in tokens[i + 1 : j]
                         if x.type == "inline"]
                source = "\n".join(x.source for x in inner)
                block = Block("quote", self.line(tok), self.end_line(tok), source, "",
                              phrases=[x.phrase for x in inner])
                if inner:
                    block.start, block.end = inner[0].phrase.start, inner[-1].phrase.end
                _block_text(block, self.index)
                if any(self.last_labelled(x.phrase, anywhere=True) for x in inner):
                    self.labelled_blocks.append(block)
                self.add_block(block)
                i = j + 1
                continue
            if t in ("fence", "code_block"):
                block = Block("code", self.line(tok), self.end_line(tok), tok.content, tok.content,
                              start=self.index.offset(self.line(tok)),
                              end=self.index.offset(self.end_line(tok) + 1))
                self.add_block(block)
                i += 1
                continue
            if t == "html_block":
                self.html(tok)
                i += 1
                continue
            if t == "footnote_block_open":
                j = _close_index(tokens, i)
                footnote: Footnote | None = None
                for x in tokens[i:j]:
                    if x.type == "footnote_open":
                        meta = x.meta or {}
                        label = str(meta.get("label", ""))
                        footnote = Footnote(label, int(meta.get("id", 0)) + 1)
                        if label and label not in self.draft.footnotes:
                            self.draft.footnotes[label] = footnote
                    elif x.type == "inline":
                        line = self.line(x)
                        inl = self.inline(x, line)
                        block = self.block_of("footnote", x, inl, line)
                        block.label = footnote.label if footnote else ""
                        if footnote is not None:
                            footnote.blocks.append(block)
                        self.add_block(block, inl)
                i = j + 1
                continue
            i += 1

    def html(self, tok: Token) -> None:
        content = tok.content
        match = _SUPPRESS_RE.search(content)
        if match:
            if not match.group(2).strip():
                self.draft.problems.append(ParseProblem(
                    self.line(tok), "a lint-ignore comment needs a reason after the rule id: "
                    "<!-- lint-ignore RULE-ID: reason -->", "LINT-01"))
                return
            for rule in re.split(r"\s*,\s*", match.group(1)):
                self.pending_suppress[rule] = match.group(2)
            return
        if content.lstrip().startswith("<!--"):
            return
        self.add_block(Block("html", self.line(tok), self.end_line(tok), content, content))

    def heading(self, tok: Token, inline: Token) -> None:
        level = int(tok.tag[1])
        line = self.line(tok)
        raw = inline.content
        title, anchor, classes, _ = parse_attrs(raw)
        title_phrase = self.inline(inline, line).phrase
        self.draft.xrefs.extend(self._xrefs_of(title_phrase))
        self.pending_caption = None
        if self.term is not None and level <= self.term.level:
            self.term = None
        # Inside the terms clause, "##" is a term entry ("###" a subordinate entry).
        terms_clause = self._terms_clause()
        if terms_clause is not None and level >= 2 and level <= 3 and not classes:
            self._new_term(terms_clause, title, anchor, line, level, raw)
            assert self.term is not None
            self.term.preferred_phrase = title_phrase
            return
        self.term = None
        kind = CLAUSE
        obligation = None
        if level == 1:
            for cls in classes:
                if cls in L.CLASS_KINDS:
                    kind = L.CLASS_KINDS[cls]
                    break
            else:
                kind = L.special_kind_for_title(title) or CLAUSE
            if "normative" in classes:
                obligation = "normative"
            elif "informative" in classes:
                obligation = "informative"
        stated = obligation is not None
        if kind == ANNEX and obligation is None:
            obligation = "informative"  # read as informative; STRUCT-05 asks the author to say
        clause = Clause(title=title, kind=kind, level=level, line=line, anchor=anchor,
                        explicit_anchor=anchor is not None, obligation=obligation,
                        obligation_stated=stated, classes=classes, heading_source=raw,
                        title_phrase=title_phrase)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if level > 1 and not self.stack:
            self.draft.problems.append(ParseProblem(
                line, f"heading level {level} before any '#' main clause", "NUM-01"))
            level = 1
            clause.level = 1
        if self.stack:
            parent = self.stack[-1]
            if level > parent.level + 1:
                self.draft.problems.append(ParseProblem(
                    line, f"heading jumps from level {parent.level} to {level}", "NUM-01"))
            clause.parent = parent
            clause.kind = CLAUSE
            parent.children.append(clause)
        else:
            self.draft.clauses.append(clause)
        self.stack.append(clause)

    def _xrefs_of(self, phrase: Phrase) -> list[Xref]:
        out = []
        for node in phrase.walk():
            if node.kind == XREF and "#" not in node.target:
                ln, col = self.index.line_col(node.start)
                out.append(Xref(node.target, IP.plain_of(node.children).strip(), ln, col))
        return out

    def _terms_clause(self) -> Clause | None:
        for clause in reversed(self.stack):
            if clause.level == 1:
                return clause if clause.kind == TERMS else None
        return None

    def _new_term(self, clause: Clause, title: str, anchor: str | None, line: int, level: int,
                  raw: str) -> None:
        while self.stack and self.stack[-1].level > 1:
            self.stack.pop()
        term = TermEntry(number="", preferred=title, line=line, anchor=anchor, level=level)
        if level == 3 and clause.terms:
            clause.terms[-1].subterms.append(term)
        else:
            term.level = 2
            clause.terms.append(term)
        self.term = term

    def paragraph(self, tok: Token, inline: Token) -> None:
        line = self.line(tok)
        content = inline.content
        inl = self.inline(inline, line)
        ph = inl.phrase
        nodes = [n for n in ph.nodes if n.kind != "attrs"] if content.startswith("![") else ()
        if len(nodes) == 1 and nodes[0].kind == IMAGE:
            _, anchor, classes, _ = parse_attrs(content)
            img = nodes[0]
            title_nodes = [Inline(TEXT, img.start + 2, img.start + 2 + len(img.text), img.text)]
            img_tok = next((t for t in inline.children or [] if t.type == "image"), None)
            if img_tok is not None and img_tok.children and "\n" not in img.text:
                # The alt text is the title as typed: its emphasis and code are markup.
                at = img.start + 2
                title_nodes = IP.build(img_tok.children, img.text,
                                       IP.Origin([(0, at)], len(img.text), at + len(img.text)))
            title = Phrase(img.text, title_nodes, img.start, img.end)
            self.flat.phrase(title)
            fig = self.block_of("figure", tok, inl)
            fig = Figure("figure", fig.line, fig.end_line, content, ph.text, phrases=fig.phrases,
                         map=fig.map, start=fig.start, end=fig.end, title=img.text.strip(),
                         src=_image_src(content, img.target), anchor=anchor, title_phrase=title)
            self.draft.images.extend(inl.images)
            if self.term is not None:
                self.term = None
            self._place(fig)
            return
        caption = _CAPTION_RE.match(content)
        if caption:
            title, anchor, _, _ = parse_attrs(caption.group("title"))
            key = len(content) - len(caption.group("title"))
            cap_nodes = IP.drop_prefix([n for n in ph.nodes if n.kind != "attrs"], key)
            cap = self.phrase(IP.plain_of(cap_nodes), cap_nodes,
                              cap_nodes[0].start if cap_nodes else ph.end, ph.end)
            self.pending_caption = (title, anchor, line, content, cap)
            self.draft.xrefs.extend(inl.xrefs)
            return
        if content.startswith("#######"):
            self.draft.problems.append(ParseProblem(
                line, "a heading deeper than '######' (more than five levels below a main clause)",
                "NUM-01"))
        block = self.block_of("paragraph", tok, inl)
        self._classify(block)
        if self.pending_caption is not None:
            # A caption must be followed directly by its table.
            self._orphan_caption()
        self.add_block(block, inl)

    def _classify(self, block: Block) -> None:
        text = block.text.lstrip()
        if not text.startswith(_LABEL_STARTS):  # most paragraphs: no label to look for
            return
        zh = self.lang == "zh"
        m = _TERM_NOTE_EN.match(text)
        if m:
            block.kind, block.number, block.label = "term-note", int(m.group(1)), m.group(0)
            return
        for kind, pattern in (("note", _NOTE_EN), ("example", _EXAMPLE_EN), ("note", _NOTE_ZH),
                              ("example", _EXAMPLE_ZH)):
            m = pattern.match(text)
            if m:
                block.kind = kind
                block.number = int(m.group(1)) if m.group(1) else None
                block.label = m.group(0)
                if zh and kind == "note" and self.term is not None and pattern is _NOTE_ZH:
                    block.kind = "term-note"
                return

    def _orphan_caption(self) -> None:
        assert self.pending_caption is not None
        _, _, line, _, _ = self.pending_caption
        self.draft.problems.append(ParseProblem(
            line, "a table caption must be followed directly by its table", "XREF-03"))
        self.pending_caption = None

    def _place(self, block: Block) -> None:
        clause = self.current()
        if self.pending_suppress:
            block.suppressed = frozenset(self.pending_suppress)
            self.draft.suppressions[block.line] = dict(self.pending_suppress)
            self.draft.suppression_ends[block.line] = block.end_line
            self.pending_suppress = {}
        if clause is None:
            self.draft.preamble.append(block)
        else:
            clause.blocks.append(block)

    def list_block(self, tokens: list[Token]) -> None:
        first = tokens[0]
        line = self.line(first)
        items: list[ListItem] = []
        depth = 0
        max_depth = 0
        sources: list[str] = []
        kinds: list[bool] = []
        labelled = False
        for tok in tokens:
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
                max_depth = max(max_depth, depth)
                kinds.append(tok.type == "ordered_list_open")
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                kinds.pop()
            elif tok.type == "inline":
                iline = self.line(tok)
                inl = self.inline(tok, iline)
                labelled = labelled or self.last_labelled(inl.phrase)
                self.draft.xrefs.extend(inl.xrefs)
                self.draft.images.extend(inl.images)
                self.draft.links.extend(inl.links)
                items.append(ListItem(iline, inl.text, tok.content, depth, inl.phrase,
                                      bool(kinds and kinds[-1])))
                sources.append(tok.content)
        phrases = [i.phrase for i in items if i.phrase is not None]
        block = ListBlock("list", line, self.end_line(first), "\n".join(sources), "",
                          phrases=phrases, ordered=first.type == "ordered_list_open",
                          items=items, max_depth=max_depth)
        if phrases:
            block.start, block.end = phrases[0].start, phrases[-1].end
        _block_text(block, self.index)
        if labelled:
            self.labelled_blocks.append(block)
        clause = self.current()
        if clause is not None and clause.kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY) and clause.level == 1:
            for item in items:
                if item.depth == 1:
                    clause.references.append(_reference(item, clause.kind == NORMATIVE_REFERENCES))
        if self.pending_caption is not None:
            self._orphan_caption()
        self.add_block(block)

    def table(self, tokens: list[Token]) -> None:
        first = tokens[0]
        line = self.line(first)
        header: list[str] = []
        rows: list[list[str]] = []
        header_cells: list[Phrase] = []
        row_cells: list[list[Phrase]] = []
        row: list[str] = []
        cells: list[Phrase] = []
        in_head = False
        origins: list[tuple[int, IP.Origin]] = []
        labelled = False
        draft = self.draft
        for k, tok in enumerate(tokens):
            t = tok.type
            if t == "inline":  # a cell: a third of the tokens, the others mostly td/th
                origin = origins[len(row)][1] if len(row) < len(origins) else None
                content = tok.content
                if origin is not None and origin.single and not origin.broken and content \
                        and tok.meta.get("plain") and not content.endswith("}"):
                    # The common cell: plain text, one run of its line.
                    cells.append(self.run_phrase(content, origin.files[0]))
                    row.append(content)
                    continue
                inl = self.inline(tok, self.line(tok) if tok.map else line, origin)
                if self.labelled:
                    labelled = labelled or self.last_labelled(inl.phrase)
                if inl.xrefs or inl.links or inl.images:
                    draft.xrefs.extend(inl.xrefs)
                    draft.links.extend(inl.links)
                    draft.images.extend(inl.images)
                row.append(tok.content)
                cells.append(inl.phrase)
            elif t == "tr_open":
                row, cells = [], []
                count = 0
                j = k + 1  # not tokens[k + 1:]: a copy of the rest per row is quadratic
                while j < len(tokens) and tokens[j].type != "tr_close":
                    count += tokens[j].type == "inline"
                    j += 1
                file_line = (tok.map[0] if tok.map else 0) + self.offset
                base = self.index.starts[file_line] if file_line < len(self.index.starts) else 0
                stop = (self.index.starts[file_line + 1] - 1
                        if file_line + 1 < len(self.index.starts) else self.index.length)
                origins = IP.cells_origin(draft.text[base:stop], base, count)
            elif t == "tr_close":
                if in_head:
                    header, header_cells = row, cells
                else:
                    rows.append(row)
                    row_cells.append(cells)
            elif t == "thead_open":
                in_head = True
            elif t == "thead_close":
                in_head = False
        caption, anchor, cline, csource, cphrase = ("", None, 0, "", None)
        if self.pending_caption is not None:
            caption, anchor, cline, csource, cphrase = self.pending_caption
            self.pending_caption = None
        table = Table("table", cline or line, self.end_line(first), csource, "", caption=caption,
                      caption_line=cline, anchor=anchor, header=header, rows=rows,
                      caption_phrase=cphrase, header_cells=header_cells, row_cells=row_cells,
                      phrases=[*header_cells, *(c for r in row_cells for c in r)])
        table.start = self.index.offset(line)
        table.end = self.index.offset(self.end_line(first) + 1)
        _block_text(table, self.index)
        if labelled:
            self.labelled_blocks.append(table)
        if self.term is not None:
            self.term = None
        self._place(table)


def _close_index(tokens: list[Token], i: int) -> int:
    depth = 0
    open_type = tokens[i].type
    close_type = open_type.replace("_open", "_close")
    for j in range(i, len(tokens)):
        if tokens[j].type == open_type:
            depth += 1
        elif tokens[j].type == close_type:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _image_src(content: str, parsed: str) -> str:
    """The figure path as typed (markdown-it percent-encodes it)."""
    m = _IMAGE_RE.match(_ATTRS_RE.sub("", content).strip())
    return m.group("src").strip("<>") if m else parsed


def _reference(item: ListItem, normative: bool) -> Reference:
    source, anchor, _, _ = parse_attrs(item.source)
    text, _, _, _ = parse_attrs(item.text)
    match = IDENT_RE.match(text.strip())
    if match:
        ident = match.group(0)
        title = text.strip()[match.end():].lstrip(" ,，").strip()
    else:
        ident, _, title = text.strip().partition(",")
    return Reference(ident=ident.strip(), title=title.strip().strip("*"), line=item.line,
                     source=source, anchor=anchor, normative=normative, phrase=item.phrase)


# --- numbering ------------------------------------------------------------------------------


def _number(draft: Draft) -> None:
    lang = draft.language
    main = 0
    annex = 0
    tables = {"": 0}
    figures = {"": 0}
    for clause in draft.clauses:
        if clause.kind in (FOREWORD, INTRODUCTION):
            clause.number = "0" if clause.kind == INTRODUCTION and clause.children else ""
            clause.label = clause.title
        elif clause.kind == BIBLIOGRAPHY:
            clause.label = clause.title
        elif clause.kind == ANNEX:
            letter = chr(ord("A") + annex) if annex < 26 else f"A{annex}"
            annex += 1
            clause.number = letter
            clause.label = L.label(lang, "annex", letter)
        else:
            main += 1
            clause.number = str(main)
            clause.label = L.label(lang, "clause", clause.number)
        _number_children(clause, lang)
    for clause in draft.clauses:
        prefix = clause.number if clause.kind == ANNEX else ""
        tables.setdefault(prefix, 0)
        figures.setdefault(prefix, 0)
        for sub in clause.walk():
            for block in sub.blocks:
                if isinstance(block, Table):
                    tables[prefix] += 1
                    n = f"{prefix}.{tables[prefix]}" if prefix else str(tables[prefix])
                    block.number = tables[prefix]
                    block.label = L.label(lang, "table", n)
                elif isinstance(block, Figure):
                    figures[prefix] += 1
                    n = f"{prefix}.{figures[prefix]}" if prefix else str(figures[prefix])
                    block.number = figures[prefix]
                    block.label = L.label(lang, "figure", n)
    for ref_clause in (draft.find(BIBLIOGRAPHY),):
        if ref_clause:
            for i, ref in enumerate(ref_clause.references, 1):
                ref.number = i
    _register_targets(draft)


def _number_children(clause: Clause, lang: str) -> None:
    for i, child in enumerate(clause.children, 1):
        if clause.number or clause.kind == INTRODUCTION:
            base = clause.number or "0"
            child.number = f"{base}.{i}"
            child.label = child.number
        else:
            child.label = child.title
        _number_children(child, lang)
    for i, term in enumerate(clause.terms, 1):
        term.number = f"{clause.number}.{i}"
        for j, sub in enumerate(term.subterms, 1):
            sub.number = f"{term.number}.{j}"


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w\u4e00-\u9fff]+", "-", text.lower()).strip("-")
    return slug or "section"


def _register_targets(draft: Draft) -> None:
    targets = draft.targets

    def add(anchor: str | None, target: Target, generated: bool = False) -> None:
        if anchor is None:
            return
        if anchor in targets:
            if not generated:
                draft.duplicate_anchors.append((anchor, target.line))
            return
        targets[anchor] = target

    for clause in draft.walk():
        kind = "annex" if clause.kind == ANNEX else "clause"
        if clause.anchor:
            add(clause.anchor, Target(clause.anchor, kind, clause.label, clause.line, clause.title))
        for block in clause.blocks:
            if isinstance(block, Table) and block.anchor:
                add(block.anchor, Target(block.anchor, "table", block.label, block.line, block.caption))
            elif isinstance(block, Figure) and block.anchor:
                add(block.anchor, Target(block.anchor, "figure", block.label, block.line, block.title))
        for term in clause.terms:
            for entry in (term, *term.subterms):
                if entry.anchor:
                    add(entry.anchor, Target(entry.anchor, "term", entry.number, entry.line,
                                             entry.preferred))
        for ref in clause.references:
            if ref.anchor:
                label = f"[{ref.number}]" if ref.number else ref.ident
                add(ref.anchor, Target(ref.anchor, "reference", label, ref.line, ref.ident))
    # Generated ids for clauses without an explicit anchor (not stable across edits).
    for clause in draft.walk():
        if not clause.anchor:
            base = _slug(clause.number or clause.title) if clause.number else _slug(clause.title)
            anchor = f"sec-{base}"
            k = 2
            while anchor in targets:
                anchor = f"sec-{base}-{k}"
                k += 1
            clause.anchor = anchor
            kind = "annex" if clause.kind == ANNEX else "clause"
            add(anchor, Target(anchor, kind, clause.label, clause.line, clause.title), True)


# --- requirements ---------------------------------------------------------------------------


def _sentences(block: Block) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    text = block.text
    cuts = [(m.start() + 1, m.end()) if m.end() - m.start() > 1 else (m.end(), m.end())
            for m in _SENTENCE_END.finditer(text)]
    if isinstance(block, ListBlock) and len(block.phrases) > 1:
        # A list item that ends a sentence (or carries a pin) ends it even when the next item
        # starts in lower case; items ending in ":" or ";" continue the sentence.
        at = 0
        for phrase in block.phrases[:-1]:
            at += len(phrase.text)
            if phrase.text.rstrip().endswith((".", "!", "?", "。", "！", "？")) or \
                    any(node.kind == PIN for node in phrase.nodes):
                cuts.append((at, at + 1))
            at += 1
        cuts.sort()
    start = 0
    for a, b in cuts:
        if a < start:
            continue
        if text[start:a].strip():
            out.append((text[start:a], start))
        start = b
    if text[start:].strip():
        out.append((text[start:], start))
    return out


def _pins(block: Block) -> list[tuple[int, str]]:
    """(text offset where it stood, id) of each requirement pin of a block."""
    out: list[tuple[int, str]] = []
    at = 0
    for phrase in block.phrases:
        for node in phrase.nodes:
            if node.kind == PIN:
                out.append((at + len(phrase.text), node.target))
        at += len(phrase.text) + 1
    return out


def _requirements(draft: Draft) -> None:
    lang = draft.language
    if draft.doctype == "technical-report":
        return
    for top in draft.clauses:
        for clause in top.walk():
            if clause.informative or top.kind in (TERMS, NORMATIVE_REFERENCES):
                continue
            count = 0
            for block in clause.blocks:
                if block.kind not in ("paragraph", "list"):
                    continue
                if ("应" not in block.text) if lang == "zh" else ("shall" not in block.text.lower()):
                    continue
                pins = _pins(block)
                sentences = _sentences(block)
                for n, (sentence, offset) in enumerate(sentences):
                    if not has_requirement(sentence, lang):
                        continue
                    count += 1
                    text = " ".join(sentence.split()) if lang != "zh" else "".join(sentence.split())
                    # A pin {#req-…} names the sentence it ends: the one before its place.
                    end = sentences[n + 1][1] if n + 1 < len(sentences) else len(block.text) + 1
                    pin = next((p for at, p in pins if offset < at <= end), None)
                    number = clause.number or clause.title
                    req_id = pin or f"R-{number}-{count}"
                    req = Requirement(req_id, number, text, block.line_at(offset), bool(pin))
                    draft.requirements.append(req)
                    if req.pinned and req.id not in draft.targets:
                        draft.targets[req.id] = Target(req.id, "requirement", req.id, req.line, text)
