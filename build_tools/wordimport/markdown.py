"""pandoc inlines -> the Markdown of a draft (docs/FORMAT.md), one line per paragraph.

Text is escaped only where CommonMark, the footnote and attribute syntax or our own labels
would read it as markup, so an imported draft reads like one typed by hand. Typed
cross-references in running text become ``[](#anchor)``; links to bookmarks become links to
the target's anchor (with their text unless it is the target's label); footnotes are
numbered in order and written at the end of the draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport.crossrefs import Targets
from build_tools.wordimport.elements import Inlines

_ALWAYS = re.compile(r"([\\`*{}])")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_LT = re.compile(r"<(?=[A-Za-z/!?])")
_AMP = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_OPEN = re.compile(r"\[(?=\^)|!(?=\[)")
_CLOSE = re.compile(r"\](?=[(\[:])")
_TILDES = re.compile(r"~(?=~)")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|=+\s*$|-{3,}\s*$|(\d{1,9})([.)])(?=\s|$))")


def escape(text: str, cell: bool = False) -> str:
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _LT.sub(r"\\<", text)
    text = _AMP.sub(r"\\&", text)
    text = _OPEN.sub(lambda m: "\\" + m.group(0), text)
    text = _CLOSE.sub(r"\\]", text)
    text = _TILDES.sub(r"\\~", text)
    if cell:
        text = text.replace("|", "\\|")
    return text


def guard_line_start(line: str) -> str:
    """A paragraph line that CommonMark would read as a heading, quote, list item or rule."""
    m = _LINE_START.match(line)
    if not m:
        return line
    lead = m.group(1)
    rest = line[len(lead):]
    if m.group(3):  # "1." → "1\."
        return lead + m.group(3) + "\\" + rest[len(m.group(3)):]
    return lead + "\\" + rest


class InlineWriter:
    """Writes inlines with one draft's targets and footnotes."""

    def __init__(self, targets: Targets, image_src: Callable[[dict], str],
                 warn: Callable[[str], None]) -> None:
        self.targets = targets
        self.image_src = image_src
        self.warn = warn  # reports what a paragraph loses (underline, formulas …)
        self.footnotes: list[str] = []
        self.cell = False
        self.link_typed = True

    def write(self, inlines: Inlines, cell: bool = False, link_typed: bool = True) -> str:
        self.cell, self.link_typed = cell, link_typed
        out = self._inlines(A.strip(inlines), in_link=False)
        out = re.sub(r"[ \t]+\n", "\n", out).strip()
        if cell:
            out = out.replace("\n", " ")
        return guard_line_start(out)

    # -- text runs, where typed references are found
    def _text(self, text: str, in_link: bool) -> str:
        if in_link or not self.link_typed:
            return escape(text, self.cell)
        out: list[str] = []
        at = 0
        for found in self.targets.find(text):
            anchor = getattr(found.target, "anchor", "")
            if not anchor or found.start < at:
                continue
            out.append(escape(text[at:found.start], self.cell))
            out.append(f"[](#{anchor})")
            at = found.end
        out.append(escape(text[at:], self.cell))
        return "".join(out)

    def _inlines(self, inlines: Inlines, in_link: bool) -> str:
        parts: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                parts.append(self._text("".join(run), in_link))
                run.clear()

        for node in inlines:
            t = node["t"]
            c = node.get("c")
            if t == "Str":
                run.append(c)
            elif t in ("Space", "SoftBreak"):
                run.append(" ")
            else:
                flush()
                parts.append(self._node(node, in_link))
        flush()
        return "".join(parts)

    def _wrap(self, mark: str, inner: str) -> str:
        """Emphasis markers hug the text: spaces go outside them, as CommonMark wants."""
        stripped = inner.strip()
        if not stripped:
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        tail = inner[len(inner.rstrip()):]
        return f"{lead}{mark}{stripped}{mark}{tail}"

    def _node(self, node: dict, in_link: bool) -> str:
        t = node["t"]
        c = node.get("c")
        if t == "LineBreak":
            return " " if self.cell else "\\\n"
        if t == "Emph":
            return self._wrap("*", self._inlines(c, in_link))
        if t == "Strong":
            return self._wrap("**", self._inlines(c, in_link))
        if t == "Strikeout":
            return self._wrap("~~", self._inlines(c, in_link))
        if t in ("Superscript", "Subscript"):
            tag = "sup" if t == "Superscript" else "sub"
            return f"<{tag}>{self._inlines(c, in_link)}</{tag}>"
        if t in ("Underline", "SmallCaps"):
            self.warn("underlined text" if t == "Underline" else "small capitals")
            return self._inlines(c, in_link)
        if t == "Quoted":
            quote = "“”" if c[0]["t"] == "DoubleQuote" else "‘’"
            return quote[0] + self._inlines(c[1], in_link) + quote[1]
        if t == "Code":
            text = c[1]
            fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
            pad = " " if text.startswith("`") or text.endswith("`") else ""
            return f"{fence}{pad}{text}{pad}{fence}"
        if t == "Math":
            self.warn("a formula (written as its text)")
            return escape(c[1], self.cell)
        if t in ("Span", "Cite"):
            return self._inlines(c[1], in_link)
        if t == "Link":
            return self._link(c, in_link)
        if t == "Image":
            src = self.image_src(node)
            alt = escape(A.plain(c[1]).strip())
            return f"![{alt}]({src})" if src else alt
        if t == "Note":
            return self._footnote(c)
        if t == "RawInline":
            self.warn("a field or raw markup pandoc could not read")
        return ""

    def _link(self, c: list, in_link: bool) -> str:
        url = c[2][0]
        inner = self._inlines(c[1], True)
        text = A.plain(c[1]).strip()
        if url.startswith("#"):
            target = self.targets.aliases.get(url[1:])
            anchor = getattr(target, "anchor", "") if target is not None else ""
            if not anchor:
                self.warn("a link to a bookmark that is not a clause, term, table, figure or "
                          "reference (kept as text)")
                return inner
            if target is not None and text in self.targets.label_of(target):
                return f"[](#{anchor})"
            return f"[{inner}](#{anchor})"
        if in_link:
            return inner
        if text == url and re.match(r"^[a-z]+:", url):
            return f"<{url}>"
        return f"[{inner}]({url.replace(' ', '%20').replace(')', '%29')})"

    def _footnote(self, blocks: list[dict]) -> str:
        self.footnotes.append("")  # reserve the number before nested content takes one
        number = len(self.footnotes)
        saved = (self.cell, self.link_typed)
        paragraphs = [self.write(b["c"]) for b in blocks if b["t"] in ("Para", "Plain")]
        self.cell, self.link_typed = saved
        self.footnotes[number - 1] = "\n\n    ".join(p.replace("\n", "\n    ")
                                                    for p in paragraphs if p)
        return f"[^{number}]"
