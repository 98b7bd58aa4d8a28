"""Redlines: what changed in a draft between two versions, clause by clause, word by word.

Both sides are Draft models, and the texts compared are the model's (a table row by row from
its cells, a list item by item), never Markdown. Clauses and term entries are matched by
their explicit anchor, else by title; then the texts are compared with difflib on word tokens
(one token per character for Chinese). The result is data; ``redline_html`` and ``redline_terminal`` show it.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from build_tools.model import Block, Draft, Figure, ListBlock, Table, TermEntry
from build_tools.render import escape
from build_tools.render.layout import figure_caption, table_caption
from build_tools.render.plain import plain_text
from build_tools.render.site import stage_line

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
# Words with their trailing blank, punctuation on its own, one token per CJK character.
_TOKEN = re.compile(rf"\n\n|[{_CJK}]|[^\W{_CJK}]+[ \t]*|[^\w\s{_CJK}][ \t]*|\s+")
BREAK = "\n\n"
# Between the cells of a table row: a column rule a reader sees, not Markdown's pipe.
CELL_SEP = " \u2502 "


@dataclass
class Unit:
    """A clause (its own blocks, not its subclauses) or a term entry."""

    kind: str  # "document" | "clause" | "term"
    number: str
    title: str
    anchor: str | None
    explicit: bool
    paragraphs: list[str]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def body(self) -> str:
        return BREAK.join(self.paragraphs)


@dataclass
class Change:
    old: Unit | None
    new: Unit | None
    title: list[tuple[str, str]] = field(default_factory=list)  # segments of the title diff
    paragraphs: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def unit(self) -> Unit:
        unit = self.new or self.old
        assert unit is not None
        return unit

    @property
    def status(self) -> list[str]:
        if self.old is None:
            return ["added"]
        if self.new is None:
            return ["removed"]
        out = []
        if self.old.number != self.new.number and self.new.kind != "document":
            out.append(f"renumbered (was {self.old.number or 'unnumbered'})")
        if self.old.title != self.new.title:
            out.append("title changed")
        if self.old.body != self.new.body:
            out.append("modified")
        return out

    @property
    def changed(self) -> bool:
        return bool(self.status)

    @property
    def renumbered_only(self) -> bool:
        return len(self.status) == 1 and self.status[0].startswith("renumbered")


@dataclass
class Redline:
    old_label: str
    new_label: str
    draft_id: str
    changes: list[Change]

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.changed]

    def summary(self) -> str:
        counts = {"added": 0, "removed": 0, "modified": 0, "renumbered": 0}
        for change in self.changes:
            keys = {"modified" if s == "title changed" else s.split(" ")[0] for s in change.status}
            for key in keys:
                counts[key] += 1
        unchanged = sum(1 for c in self.changes if not c.changed)
        parts = [f"{n} {k}" for k, n in counts.items() if n]
        return (", ".join(parts) or "no changes") + f"; {unchanged} unchanged"


# --- the units of a draft -----------------------------------------------------------------


def _block_text(block: Block, lang: str) -> str:
    """A block as the lines a reader compares: a table's caption, then one line per row with
    its cells' text (a changed cell is a word change in its row, never pipe syntax), a list's
    items, a paragraph's text."""
    if isinstance(block, Table):
        label, sep, title = table_caption(block, lang)
        rows = [CELL_SEP.join(plain_text(c, lang) for c in row)
                for row in [block.header_cells, *block.row_cells]]
        return "\n".join([f"{label}{sep}{plain_text(title, lang)}".strip(), *rows])
    if isinstance(block, Figure):
        label, sep, title = figure_caption(block, lang)
        return f"{label}{sep}{plain_text(title, lang)}".strip()
    if isinstance(block, ListBlock):
        return "\n".join("  " * (i.depth - 1) + "• " + plain_text(i.phrase, lang)
                         for i in block.items)
    if block.kind in ("code", "html"):
        return block.source.strip()
    return plain_text(block, lang)


def _term_units(term: TermEntry, draft: Draft) -> Iterator[Unit]:
    lang = draft.language
    keys = {"admitted": "admitted: ", "deprecated": "DEPRECATED: ", "symbol": "symbol: ",
            "en": "en: "}
    order = list(keys)
    attributes = sorted((p for p in term.attribute_phrases if p[0] in keys),
                        key=lambda p: order.index(p[0]))
    lines = [keys[key] + plain_text(phrase, lang) for key, phrase in attributes]
    lines += [_block_text(b, lang) for b in term.blocks if b.kind != "term-attributes"]
    yield Unit("term", term.number, plain_text(term.preferred_phrase, lang) or term.preferred,
               term.anchor, term.anchor is not None, [ln for ln in lines if ln])
    for sub in term.subterms:
        yield from _term_units(sub, draft)


def units(draft: Draft) -> list[Unit]:
    lang = draft.language
    meta = [f"{draft.title_in(lang)}" for lang in draft.titles] + [stage_line(draft)]
    if draft.meta.get("date"):
        meta.append(str(draft.meta["date"]))
    out = [Unit("document", "", draft.id, None, False, meta)]
    for clause in draft.walk():
        paragraphs = [_block_text(b, lang) for b in clause.blocks if b.kind != "footnote"]
        title = plain_text(clause.title_phrase, lang) or clause.title
        out.append(Unit("clause", clause.number, title, clause.anchor,
                        clause.explicit_anchor, [p for p in paragraphs if p]))
        for term in clause.terms:
            out.extend(_term_units(term, draft))
    return out


# --- matching and diffing -----------------------------------------------------------------


def _norm(title: str) -> str:
    return " ".join(title.lower().split())


class _Titles:
    """The old units by kind and title, for the title pass of `match`, each queue in document
    order with used units dropped lazily: every old unit is taken or passed over once, so
    matching stays linear when every clause has been renamed."""

    def __init__(self, old: list[Unit], used: set[int]) -> None:
        self.used = used
        self.any: dict[tuple[str, str], deque[int]] = {}
        self.implicit: dict[tuple[str, str], deque[int]] = {}
        self.anchored: dict[tuple[str, str, str | None], deque[int]] = {}
        for i, unit in enumerate(old):
            key = (unit.kind, _norm(unit.title))
            self.any.setdefault(key, deque()).append(i)
            if unit.explicit:
                self.anchored.setdefault((*key, unit.anchor), deque()).append(i)
            else:
                self.implicit.setdefault(key, deque()).append(i)

    def _head(self, queue: deque[int] | None) -> int | None:
        while queue and queue[0] in self.used:
            queue.popleft()
        return queue[0] if queue else None

    def take(self, unit: Unit) -> int | None:
        """The first unused old unit of the same kind and title, unless both have explicit
        anchors that differ."""
        key = (unit.kind, _norm(unit.title))
        if not unit.explicit:
            found = self._head(self.any.get(key))
        else:
            heads = [self._head(self.implicit.get(key)),
                     self._head(self.anchored.get((*key, unit.anchor)))]
            found = min((i for i in heads if i is not None), default=None)
        if found is not None:
            self.used.add(found)
        return found


def match(old: list[Unit], new: list[Unit]) -> list[tuple[Unit | None, Unit | None]]:
    """Pairs in the new order, each removed unit placed after its nearest kept predecessor."""
    pair_of: dict[int, int] = {}  # index in new -> index in old
    used: set[int] = set()
    by_anchor = {(u.kind, u.anchor): i for i, u in enumerate(old) if u.explicit and u.anchor}
    for j, unit in enumerate(new):
        if unit.kind == "document":
            pair_of[j] = 0
            used.add(0)
            continue
        i = by_anchor.get((unit.kind, unit.anchor)) if unit.explicit else None
        if i is not None and i not in used:
            pair_of[j] = i
            used.add(i)
    titles = _Titles(old, used)
    for j, unit in enumerate(new):
        if j not in pair_of and (i := titles.take(unit)) is not None:
            pair_of[j] = i
    after: dict[int, list[int]] = {}  # new index (-1: start) -> removed old indexes
    last_new = -1
    old_to_new = {i: j for j, i in pair_of.items()}
    for i in range(len(old)):
        if i in old_to_new:
            last_new = old_to_new[i]
        else:
            after.setdefault(last_new, []).append(i)
    pairs: list[tuple[Unit | None, Unit | None]] = [(old[i], None) for i in after.get(-1, [])]
    for j, unit in enumerate(new):
        pairs.append((old[pair_of[j]] if j in pair_of else None, unit))
        pairs.extend((old[i], None) for i in after.get(j, []))
    return pairs


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _slide(ops: list[list]) -> list[list]:
    """Move each pure insertion or deletion as far right as it can go with the same result,
    so "blue. It shines." against "blue." reads "blue. <ins>It shines. </ins>" rather than
    "blue<ins>. It shines</ins>.": the edit then starts after a word or a full stop."""
    for k in range(1, len(ops) - 1):
        prev, cur, nxt = ops[k - 1], ops[k], ops[k + 1]
        if prev[0] != "=" or nxt[0] != "=" or cur[0] == "=":
            continue
        while nxt[1] and cur[1] and cur[1][0] == nxt[1][0]:  # deques: each step O(1)
            prev[1].append(cur[1].popleft())
            cur[1].append(nxt[1].popleft())
    return [op for op in ops if op[1]]


def diff_segments(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) with op "=", "+" or "-", on word tokens (character tokens for CJK)."""
    a, b = tokens(old), tokens(new)
    ops: list[list] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            ops.append(["=", deque(a[i1:i2])])
            continue
        if op in ("delete", "replace"):
            ops.append(["-", deque(a[i1:i2])])
        if op in ("insert", "replace"):
            ops.append(["+", deque(b[j1:j2])])
    return [(op, "".join(toks)) for op, toks in _slide(ops)]


def paragraphs_of(segments: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Segments split at paragraph breaks, so an <ins> never spans two paragraphs."""
    paras: list[list[tuple[str, str]]] = [[]]
    for op, text in segments:
        pieces = text.split(BREAK)
        for k, piece in enumerate(pieces):
            if k:
                paras.append([])
            if piece:
                paras[-1].append((op, piece))
    return [p for p in paras if p]


def redline(old: Draft, new: Draft, old_label: str, new_label: str) -> Redline:
    changes: list[Change] = []
    for a, b in match(units(old), units(new)):
        change = Change(a, b)
        change.title = diff_segments(a.title if a else "", b.title if b else "")
        change.paragraphs = paragraphs_of(diff_segments(a.body if a else "", b.body if b else ""))
        changes.append(change)
    return Redline(old_label, new_label, new.id, changes)


# --- views --------------------------------------------------------------------------------


def _html_segments(segments: list[tuple[str, str]]) -> str:
    out = []
    for op, text in segments:
        escaped = html.escape(text, quote=False).replace("\n", "<br>")
        out.append({"=": "{}", "+": "<ins>{}</ins>", "-": "<del>{}</del>"}[op].format(escaped))
    return "".join(out)


def _shown(change: Change) -> list[list[tuple[str, str]] | None]:
    """Changed paragraphs, with None for each run of unchanged ones (shown as "…")."""
    out: list[list[tuple[str, str]] | None] = []
    for para in change.paragraphs:
        if any(op != "=" for op, _ in para):
            out.append(para)
        elif not out or out[-1] is not None:
            out.append(None)
    return out


def _renumbered(red: Redline) -> list[str]:
    return [f"{c.unit.heading} (was {c.old.number if c.old else ''})"
            for c in red.changes if c.renumbered_only]


def _sections(red: Redline) -> Iterator[tuple[str, str, str]]:
    """(heading, status, escaped HTML body) for each changed unit, renumbered ones last."""
    for change in red.changed:
        if change.renumbered_only:
            continue
        unit = change.unit
        css = "redline-added" if change.old is None else (
            "redline-removed" if change.new is None else "redline-modified")
        body = [f'<div class="redline {css}">']
        if change.old and change.new and change.old.title != change.new.title:
            body.append(f'<p class="redline-title">{_html_segments(change.title)}</p>')
        for para in _shown(change):
            body.append('<p class="redline-skip">…</p>' if para is None
                        else f"<p>{_html_segments(para)}</p>")
        body.append("</div>")
        heading = unit.heading if unit.kind != "document" else "Document"
        yield heading, "; ".join(change.status), "\n".join(body)
    moved = _renumbered(red)
    if moved:
        items = "".join(f"<li>{html.escape(m)}</li>" for m in moved)
        yield "Renumbered, text unchanged", "", f'<ul class="redline-renumbered">{items}</ul>'


def redline_html(red: Redline, heading_level: int = 2) -> str:
    """For a site page: Markdown headings (in the page outline), escaped HTML bodies."""
    out = [f'<p class="redline-summary">{html.escape(red.summary())}</p>\n']
    hashes = "#" * heading_level
    for k, (heading, status, body) in enumerate(_sections(red), 1):
        badge = f' <span class="redline-status">{html.escape(status)}</span>' if status else ""
        out.append(f'{hashes} {escape.text(heading)}{badge} {{ id="change-{k}" }}\n')
        out.append(body + "\n")
    return "\n".join(out)


def redline_document(reds: list[tuple[str, Redline | None, str]], title: str) -> str:
    """A standalone HTML file (``clause diff --html``): (label, redline or None, note)."""
    css = (
        "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5}ins{background:#d4f5dc;text-decoration:underline}"
        "del{background:#fbd6d6;text-decoration:line-through}.redline-status{font-size:.7em;"
        "font-weight:400;color:#666;margin-left:.5em}.redline-skip{color:#999}"
        ".redline-summary{color:#444}"
    )
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">",
           f"<title>{html.escape(title)}</title><style>{css}</style></head><body>",
           f"<h1>{html.escape(title)}</h1>"]
    for label, red, note in reds:
        out.append(f"<h2>{html.escape(label)}</h2>")
        if red is None:
            out.append(f"<p>{html.escape(note)}</p>")
            continue
        out.append(f'<p class="redline-summary">{html.escape(red.summary())}</p>')
        for heading, status, body in _sections(red):
            badge = f'<span class="redline-status">{html.escape(status)}</span>' if status else ""
            out.append(f"<h3>{html.escape(heading)}{badge}</h3>\n{body}")
    out.append("</body></html>\n")
    return "\n".join(out)


def redline_terminal(red: Redline, color: bool) -> Iterator[str]:
    import click

    def seg(op: str, text: str) -> str:
        if op == "=":
            return text
        if color:
            return click.style(text, fg="green" if op == "+" else "red", underline=op == "+",
                               strikethrough=op == "-")
        return f"{{+{text}+}}" if op == "+" else f"[-{text}-]"

    yield f"{red.draft_id}: {red.old_label} → {red.new_label} ({red.summary()})"
    for change in red.changed:
        if change.renumbered_only:
            continue
        unit = change.unit
        title = unit.heading if unit.kind != "document" else "Document"
        head = f"== {title}  [{'; '.join(change.status)}]"
        yield click.style(head, bold=True) if color else head
        if change.old and change.new and change.old.title != change.new.title:
            yield "   title: " + "".join(seg(op, t) for op, t in change.title)
        for para in _shown(change):
            yield "   …" if para is None else "   " + "".join(seg(op, t) for op, t in para)
        yield ""
    moved = _renumbered(red)
    if moved:
        yield "== Renumbered, text unchanged: " + ", ".join(moved)
        yield ""
