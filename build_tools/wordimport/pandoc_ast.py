"""pandoc's JSON AST: running the DOCX reader, and the helpers every pass over its inlines needs.

The reader runs with ``+styles`` (every paragraph keeps its Word style name as a
``custom-style`` div, which is how Clause's own exports mark term entries, notes and captions),
without ``auto_identifiers`` (a heading keeps only the bookmark Word gave it) and with
``--track-changes=all``, so insertions, deletions and comments arrive as spans this package
accepts, rejects and reports itself. Inlines are pandoc's JSON objects (``{"t": "Str", "c":
"word"}``); nothing here reads Word's XML.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pypandoc

READER = "docx+styles-auto_identifiers"
PANDOC_TIMEOUT = 300

Node = dict[str, Any]  # one pandoc block or inline


class PandocError(RuntimeError):
    pass


def read_ast(docx: Path, media_dir: Path) -> dict[str, Any]:
    """The document's AST; its pictures are written under ``media_dir``."""
    args = [pypandoc.get_pandoc_path(), str(docx), "-f", READER, "-t", "json",
            "--track-changes=all", f"--extract-media={media_dir}"]
    try:
        done = subprocess.run(args, capture_output=True, timeout=PANDOC_TIMEOUT,
                              env={**os.environ, "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        raise PandocError(f"pandoc did not finish reading it within {PANDOC_TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PandocError(message[-1] if message else f"pandoc failed ({done.returncode})")
    return json.loads(done.stdout)


# --- attributes ----------------------------------------------------------------------------


def attr_of(node: Node) -> tuple[str, list[str], dict[str, str]]:
    """(id, classes, key-values) of a node that carries an Attr."""
    ident, classes, pairs = node["c"][1] if node["t"] == "Header" else node["c"][0]
    return ident, list(classes), dict(pairs)


# --- plain text ----------------------------------------------------------------------------

_CONTAINERS = ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
               "SmallCaps")


def plain(inlines: list[Node], notes: bool = False) -> str:
    """What a reader sees of ``inlines``; footnote bodies only with ``notes``."""
    out: list[str] = []
    for node in inlines:
        t = node["t"]
        c = node.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append("\n")
        elif t in _CONTAINERS:
            out.append(plain(c, notes))
        elif t == "Quoted":
            quote = "“”" if c[0]["t"] == "DoubleQuote" else "‘’"
            out.append(quote[0] + plain(c[1], notes) + quote[1])
        elif t in ("Code", "Math"):
            out.append(c[1])
        elif t == "Span" or t == "Cite":
            out.append(plain(c[1], notes))
        elif t in ("Link", "Image"):
            out.append(plain(c[1], notes))
        elif t == "Note":
            if notes:
                out.append(" ".join(block_text(b) for b in c))
        elif t == "RawInline":
            pass
    return "".join(out)


def block_text(block: Node) -> str:
    t = block["t"]
    c = block.get("c")
    if t in ("Para", "Plain"):
        return plain(c)
    if t == "Header":
        return plain(c[2])
    if t == "LineBlock":
        return "\n".join(plain(line) for line in c)
    if t in ("Div", "BlockQuote"):
        inner = c[1] if t == "Div" else c
        return "\n".join(block_text(b) for b in inner)
    if t in ("BulletList", "OrderedList"):
        items = c if t == "BulletList" else c[1]
        return "\n".join(block_text(b) for item in items for b in item)
    if t == "CodeBlock":
        return c[1]
    return ""


# --- cutting inlines -----------------------------------------------------------------------


def strip(inlines: list[Node]) -> list[Node]:
    """Without leading and trailing spaces and line breaks."""
    items = list(inlines)
    while items and items[0]["t"] in ("Space", "SoftBreak", "LineBreak"):
        items.pop(0)
    while items and items[-1]["t"] in ("Space", "SoftBreak", "LineBreak"):
        items.pop()
    if items and items[0]["t"] == "Str" and items[0]["c"] != items[0]["c"].lstrip():
        items[0] = {"t": "Str", "c": items[0]["c"].lstrip()}
    return items


def drop_chars(inlines: list[Node], n: int) -> list[Node]:
    """``inlines`` without the first ``n`` characters of their plain text (formatting of the
    rest kept): how a typed number or a label is cut from a heading or a note."""
    out: list[Node] = []
    left = n
    for node in inlines:
        if left <= 0:
            out.append(node)
            continue
        size = len(plain([node]))
        if size <= left:
            left -= size
            continue
        t = node["t"]
        if t == "Str":
            out.append({"t": "Str", "c": node["c"][left:]})
        elif t in _CONTAINERS:
            out.append({"t": t, "c": drop_chars(node["c"], left)})
        elif t in ("Span", "Link"):
            c = list(node["c"])
            c[1] = drop_chars(c[1], left)
            out.append({"t": t, "c": c})
        else:
            out.append(node)  # an atom (code, math) cut inside: keep it whole
        left = 0
    return out


def split_lines(inlines: list[Node]) -> list[list[Node]]:
    """The inlines between line breaks (a heading typed "Annex A⏎(normative)⏎Title")."""
    lines: list[list[Node]] = [[]]
    for node in inlines:
        if node["t"] == "LineBreak":
            lines.append([])
        else:
            lines[-1].append(node)
    return [strip(line) for line in lines]


def unwrap_strong(inlines: list[Node]) -> list[Node]:
    """The content of a run that is bold throughout (a term written in bold), else as is."""
    items = strip(inlines)
    if len(items) == 1 and items[0]["t"] == "Strong":
        return strip(items[0]["c"])
    return items


def all_bold(inlines: list[Node]) -> bool:
    items = [n for n in strip(inlines) if n["t"] not in ("Space", "SoftBreak")]
    return bool(items) and all(n["t"] == "Strong" for n in items)


def text_node(text: str) -> Node:
    return {"t": "Str", "c": text}
