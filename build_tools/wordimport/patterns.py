"""How a Word draft says what a paragraph is: typed numbers, labels, captions, and the
paragraph styles of the ISO and GB templates and of Clause's own exports.

Styles are compared lower-cased, so "heading 1" (a Chinese Word's name for 标题 1) and
"Heading 1" are one style.
"""

from __future__ import annotations

import re

from build_tools.wordimport import pandoc_ast as A

# "5", "5.2.1", "A.1" followed by the title; a single letter is an annex only in "Annex A".
NUMBER = r"(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)"
HEADING = re.compile(rf"^(?P<num>{NUMBER})\.?[\s\u3000]+(?P<title>\S.*)$", re.S)
NUMBER_ONLY = re.compile(rf"^(?P<num>{NUMBER})\.?$")
ANNEX = re.compile(
    r"^(?:Annex|ANNEX|附\s*录)\s*(?P<letter>[A-Z])(?![\w.])\s*"
    r"(?:[(（]\s*(?P<ob>(?i:normative|informative)|规范性|资料性)(?:附录)?\s*[)）])?"
    r"[\s\u3000:：—–-]*(?P<title>.*)$", re.S)
OBLIGATION = re.compile(r"^[(（]\s*(?P<ob>(?i:normative|informative)|规范性|资料性)(?:附录)?\s*[)）]$")
OBLIGATIONS = {"normative": "normative", "informative": "informative", "规范性": "normative",
               "资料性": "informative"}

CAPTION = re.compile(
    r"^(?P<kind>Table|TABLE|Figure|FIGURE|Fig\.|表|图)\s*(?P<num>[A-Z]\.\d+|\d+)"
    r"(?:\s*(?P<sep>[—–:：.\-]|\u3000)\s*|\s+|$)(?P<title>.*)$", re.S)
CAPTION_KIND = {"table": "table", "figure": "figure", "fig.": "figure", "表": "table", "图": "figure"}

# Notes and examples as editors type them, and the label our format reads.
# "NOTE", "NOTE 1", "NOTE:" (any separator after the capitals), or "Note:" / "Note 1:" with
# a colon; "Note that …" is a sentence, not a note.
NOTE_EN = re.compile(r"^(?:NOTE[ \t\u00a0]*(?P<num>\d*)[ \t\u00a0]*(?:[:.\u2014–-][ \t]*|(?<=[ \t\u00a0])|$)"
                     r"|Note[ \t\u00a0]*(?P<num2>\d*)[ \t\u00a0]*:[ \t]*)")
EXAMPLE_EN = re.compile(r"^(?:EXAMPLE[ \t\u00a0]*(?P<num>\d*)[ \t\u00a0]*(?:[:.\u2014–-][ \t]*|(?<=[ \t\u00a0])|$)"
                        r"|Example[ \t\u00a0]*(?P<num2>\d*)[ \t\u00a0]*:[ \t]*)")
TERM_NOTE_EN = re.compile(r"^Note\s+\d+\s+to\s+entry\s*:")
NOTE_ZH = re.compile(r"^注\s*(?P<num>\d*)\s*[:：]\s*")
EXAMPLE_ZH = re.compile(r"^示例\s*(?P<num>\d*)\s*[:：]\s*")
SOURCE = re.compile(r"^\[(?:SOURCE|来源)\s*[:：]")
SOURCE_BARE = re.compile(r"^(?:SOURCE|来源)\s*[:：]")

ATTRIBUTE = re.compile(r"^(?P<key>admitted|deprecated|symbol|en)\s*[:：]\s*", re.I)
DEPRECATED = re.compile(r"^(?:DEPRECATED|Deprecated|deprecated|被取代|曾用名|废弃)\s*[:：]\s*")
BIB_NUMBER = re.compile(r"^\[\d+\]\s*")
CJK = re.compile(r"[\u3400-\u9fff]")
# "元宇宙　metaverse": a GB term line with its English equivalent after a wide space, a tab,
# two spaces, or one space after a Chinese character.
ZH_EN_TERM = re.compile(
    r"^(?P<zh>[^\t]*?[\u3400-\u9fff][^\t]*?)(?:[\u2003\u3000\t]|\s{2,}|(?<=[\u3400-\u9fff）)》])\s)"
    r"\s*(?P<en>[A-Za-z0-9][^\u3400-\u9fff]*[A-Za-z][^\u3400-\u9fff]*)$")

# Paragraph styles. Headings come from pandoc as headers whatever their names; these are the
# templates' other heading styles, by the level they stand for.
HEADING_STYLES = {
    "foreword title": 1, "introduction title": 1, "biblio title": 1, "annex": 1,
    "a2": 2, "a3": 3, "a4": 4, "a5": 5, "a6": 6,
    "标准文件_章标题": 1, "标准文件_一级条标题": 2, "标准文件_二级条标题": 3,
    "标准文件_三级条标题": 4, "标准文件_四级条标题": 5, "标准文件_五级条标题": 6,
    "标准文件_前言、引言标题": 1, "标准文件_参考文献、索引标题": 1, "标准文件_附录标识": 1,
}
TERM_NUMBER_STYLES = {"term number", "termnum", "标准文件_术语条一"}
PREFERRED_STYLES = {"preferred term", "term(s)", "terms"}
ADMITTED_STYLES = {"admitted term", "admittedterm", "altterms"}
DEPRECATED_STYLES = {"deprecated term", "deprecatedterm", "deprecatedterms"}
SYMBOL_STYLES = {"term symbol"}
TABLE_CAPTION_STYLES = {"table title", "table caption", "标准文件_表标题"}
FIGURE_CAPTION_STYLES = {"figure title", "image caption", "标准文件_图标题"}
CAPTION_STYLES = {"caption", "题注", *TABLE_CAPTION_STYLES, *FIGURE_CAPTION_STYLES}
CONTENTS_TITLES = {"contents", "table of contents", "目次", "目录"}
# The indexes Clause writes at the end of a terminology standard (render/indexes.py).
INDEX_TITLES = {"index", "alphabetical index", "索引", "汉语拼音索引", "英文对应词索引"}
# Word's own bookmarks: headings' table-of-contents marks, cross-reference marks, the cursor.
INTERNAL_BOOKMARK = re.compile(r"^_|^OLE_LINK|^_GoBack$")
ANCHOR = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")


def style_key(style: str) -> str:
    return " ".join(style.lower().split())


def obligation_of(text: str) -> str | None:
    """"normative" or "informative" from "(normative)", "（规范性）" or the bare word."""
    word = text.strip().lower()
    return OBLIGATIONS.get(word)


def is_anchor(name: str) -> bool:
    return bool(ANCHOR.match(name)) and not INTERNAL_BOOKMARK.match(name)


def labelled(lang: str, inlines: list[A.Node], text: str) -> tuple[str, list[A.Node]]:
    """(kind, inlines with the label written as our format reads it)."""
    if TERM_NOTE_EN.match(text):
        return "term-note", inlines
    zh = lang == "zh" or CJK.search(text[:4] or "")
    for pattern, kind, word in ((NOTE_EN, "note", "NOTE"),
                                (EXAMPLE_EN, "example", "EXAMPLE"),
                                (NOTE_ZH, "note", "注"), (EXAMPLE_ZH, "example", "示例")):
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        num = groups.get("num") or groups.get("num2") or ""
        rest = A.strip(A.drop_chars(inlines, m.end()))
        label = f"{word}{num}：" if word in ("注", "示例") else f"{word} {num}".strip() + " "
        if word == "注" and not zh:
            continue
        return kind, [A.text_node(label), *rest]
    return "paragraph", inlines
