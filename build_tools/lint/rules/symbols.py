"""SYM: the Symbols and abbreviated terms clause (Directives Part 2, Clause 17; GB/T 1.1—2020,
8.8; metanorma-iso: "Only one Symbols and Abbreviated Terms section in the standard",
"Symbols and Abbreviated Terms can only contain a definition list").

In a draft the definition list is a Markdown list with one symbol or abbreviated term per item,
followed by its explanation: ``- API: application programming interface`` (a colon, a dash or
a tab after the symbol), or with the symbol marked up as code or emphasis (``- *c* speed of
light in vacuum``). Subclauses (4.1 Symbols, 4.2 Abbreviated terms) hold such lists too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.lint.base import GB, ISO, Context, Example, Finding, Rule, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.model import SYMBOLS, Block, Draft, ListBlock, ListItem

# The lead-in ISO and GB write above the list.
_LEAD = re.compile(r"^\s*(?:For the purposes of this document|下列符号|下列缩略语|下列符号和缩略语)")
_ENTRY = re.compile(r"^\s*\S.{0,40}?(?::\s|：|\s[—–-]\s|\t)\s*\S")

_SYM_EN = """# Symbols and abbreviated terms

For the purposes of this document, the following abbreviated terms apply.

- API: application programming interface
- XR: extended reality

"""
_SYM_ZH = """# 符号和缩略语

下列缩略语适用于本文件。

- API：应用程序接口（application programming interface）
- XR：扩展现实（extended reality）

"""


def _en(symbols: str) -> dict[str, str]:
    return {"body": symbols + PARTS_EN["body"]}


def _entry(item: ListItem) -> bool:
    if _ENTRY.match(item.text):
        return True
    nodes = item.phrase.nodes if item.phrase is not None else []
    first = next((n for n in nodes if n.kind != "text" or n.text.strip()), None)
    return first is not None and first.kind in ("code", "emph", "strong") and \
        len(item.text.split()) > 1


def _symbol_blocks(draft: Draft) -> Iterator[Block]:
    for top in draft.clauses:
        if top.kind == SYMBOLS:
            yield from top.all_blocks()


@register
class OneSymbolsClause(Rule):
    id = "SYM-01"
    family = "symbols"
    severity = "error"
    summary = "At most one Symbols and abbreviated terms clause"
    source = f"{ISO}, 17"
    source_gb = f"{GB}, 8.8"
    doc = "Symbols and abbreviated terms are listed in one clause, which may be divided into " \
          "subclauses (4.1 Symbols, 4.2 Abbreviated terms)."
    fail = [Example("en", _en(_SYM_EN + _SYM_EN.replace("# Symbols and abbreviated terms",
                                                         "# Abbreviated terms")))]
    passing = [Example("en", _en(_SYM_EN)),
               Example("en", _en("# Symbols and abbreviated terms\n\n## Symbols\n\n"
                                 "For the purposes of this document, the following symbols "
                                 "apply.\n\n- *c*: speed of light in vacuum\n- *t*: time\n\n"
                                 "## Abbreviated terms\n\n" + _SYM_EN.split("terms\n\n", 1)[1]))]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        found = [c for c in draft.clauses if c.kind == SYMBOLS]
        for extra in found[1:]:
            yield self.finding_at_line(draft, extra.line, f"a second symbols clause "
                                       f"('{extra.title}'): list every symbol and abbreviated "
                                       f"term in '{found[0].title}'")


@register
class DefinitionList(Rule):
    id = "SYM-02"
    family = "symbols"
    severity = "warning"
    summary = "The Symbols and abbreviated terms clause holds a definition list"
    source = f"{ISO}, 17"
    source_gb = f"{GB}, 8.8"
    doc = "Besides its lead-in ('For the purposes of this document, the following symbols " \
          "apply.', zh '下列缩略语适用于本文件。') and notes, the clause holds only the list: " \
          "one item per symbol, 'symbol: explanation'. Other paragraphs, tables and figures, " \
          "and list items without an explanation, are reported."
    fail = [Example("en", _en(_SYM_EN.replace("- XR: extended reality\n",
                                              "- XR: extended reality\n\nAvatars are shown in "
                                              "XR and on screens.\n"))),
            Example("en", _en(_SYM_EN.replace("- API: application programming interface",
                                              "- API")))]
    passing = [Example("en", _en(_SYM_EN)),
               Example("zh", {"body": _SYM_ZH + PARTS_ZH["body"]})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for block in _symbol_blocks(draft):
            if isinstance(block, ListBlock):
                for item in block.items:
                    if not _entry(item):
                        yield self.finding_at_line(draft, item.line, "a list item of the symbols "
                                                   "clause gives a symbol and its explanation "
                                                   "('API: application programming interface')")
            elif block.kind in ("note", "html") or (block.kind == "paragraph" and
                                                    _LEAD.match(block.text)):
                continue
            else:
                yield self.finding_at_line(draft, block.line, f"the symbols clause holds only "
                                           f"a definition list (and its lead-in), not a "
                                           f"{block.kind}")
