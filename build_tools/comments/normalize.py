"""Normalising the cells of real comment sheets: text, type, clause, line, natural clause order.

Reviewers type "TE ", "Editorial", "cl. 3.1", "_whole document" or "12-15"; these functions
map such cells onto the model's vocabulary and return None for what they cannot map, so the
importer can report the row instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .model import EDITORIAL, GENERAL, GENERAL_CLAUSE, TECHNICAL


def normalize_text(value: Any) -> str | None:
    """Cell or YAML text with line ends unified and outer white space removed; "" -> None."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


_TYPE_WORDS = {
    GENERAL: ("ge", "g", "gen", "general", "一般", "一般性", "总体", "通用"),
    TECHNICAL: ("te", "t", "tech", "technical", "技术", "技术性"),
    EDITORIAL: ("ed", "e", "edit", "editorial", "编辑", "编辑性"),
}
_TYPE_LOOKUP = {word: code for code, words in _TYPE_WORDS.items() for word in words}


def normalize_type(value: Any) -> str | None:
    """'Ge', 'TE ', 'Editorial', IEEE 'Technical', 技术性 -> ge/te/ed; None when not a type."""
    text = normalize_text(value)
    if text is None:
        return None
    word = unicodedata.normalize("NFKC", text).lower()
    word = re.sub(r"\(.*?\)", "", word).strip().rstrip(".:;").strip()
    if word in _TYPE_LOOKUP:
        return _TYPE_LOOKUP[word]
    # IEEE categories read "Technical (required)" or "Editorial comment": the first word decides.
    first = re.split(r"[\s,/;-]+", word, maxsplit=1)[0]
    if first in ("general", "technical", "editorial"):
        return _TYPE_LOOKUP[first]
    return None


_GENERAL_WORDS = {
    "general",
    "_whole document",
    "whole document",
    "entire document",
    "the whole document",
    "all",
    "document",
    "general comment",
    "general comments",
    "全文",
    "整体",
    "总体",
    "通篇",
    "全部",
}
_CLAUSE_NUMBER = r"(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)"
# A prefix word counts only before a clause number, so "second" or "Clause" alone stay as written.
_PREFIX = re.compile(
    r"^(?:(?i:sub-?\s?clauses?|clauses?|cl|sections?|sec)\.?|§+|条款)\s*(?=[0-9A-Z])"
)
_ANNEX = re.compile(r"^(?:annex|appendix|附录)\s*([A-Za-z])((?:\.\d+)*)\.?$", re.IGNORECASE)
_ZH_CLAUSE = re.compile(r"^第?\s*(\d+(?:\.\d+)*)\s*[章条节款]$")
_LOWER_ANNEX = re.compile(r"^[a-z](?:\.\d+)+$")
_SEPARATORS = re.compile(r"(\s*[,;，；、]\s*|\s+and\s+|\s*&\s*)")


def _normalize_clause_part(part: str) -> str:
    if part.lower() in _GENERAL_WORDS:
        return GENERAL_CLAUSE
    part = _PREFIX.sub("", part)
    if m := _ANNEX.match(part):
        return m.group(1).upper() + m.group(2)
    if m := _ZH_CLAUSE.match(part):
        return m.group(1)
    if re.fullmatch(r"[0-9A-Za-z.]+\.", part):
        part = part.rstrip(".")
    if _LOWER_ANNEX.match(part):
        part = part[0].upper() + part[1:]
    return part


def normalize_clause(value: Any) -> str | None:
    """'Clause 3.1' / 'cl. 3.1' -> '3.1', 'Annex B' -> 'B', 'general' -> 'General'.

    A list such as "3.1, 3.2" is kept as written (each part normalised, the separators kept);
    `split_clauses` gives its parts.
    """
    text = normalize_text(value)
    if text is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    if text.lower() in _GENERAL_WORDS:
        return GENERAL_CLAUSE
    pieces = _SEPARATORS.split(text)
    out = [p if i % 2 else _normalize_clause_part(p) for i, p in enumerate(pieces)]
    return "".join(out) or None


_RANGE = re.compile(rf"^({_CLAUSE_NUMBER})\s*(?:-|–|—|~|～|至|to)\s*({_CLAUSE_NUMBER})$")


def split_clauses(value: Any) -> list[str]:
    """The clauses a clause cell names: "3.1, 3.2" -> ["3.1", "3.2"]; a range gives its ends."""
    text = normalize_clause(value)
    if text is None:
        return []
    parts: list[str] = []
    for piece in re.split(r"\s*[,;，；、/&]\s*|\s+and\s+", text):
        piece = piece.strip()
        if not piece:
            continue
        if m := _RANGE.match(piece):
            parts.extend((m.group(1), m.group(2)))
        else:
            parts.append(_normalize_clause_part(piece))
    return parts


_LINE_START = re.compile(r"^(?:(?:lines?|ln|l)\.?\s*|第\s*)?(\d+)(?!\d)", re.IGNORECASE)
_LINE_ANYWHERE = re.compile(r"(?:\blines?|\bln|\bl)\.?\s*(\d+)", re.IGNORECASE)


def parse_line(value: Any) -> tuple[int | None, str | None]:
    """A line cell -> (first line number or None, the cell as written or None).

    "12" -> (12, "12"); "12-15" -> (12, "12-15"); "p. 3, l. 12" -> (12, ...);
    "see above" -> (None, "see above").
    """
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return value, str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value), str(int(value))
    text = normalize_text(value)
    if text is None:
        return None, None
    text_nfkc = unicodedata.normalize("NFKC", text)
    if m := _LINE_START.match(text_nfkc):
        return int(m.group(1)), text
    if m := _LINE_ANYWHERE.search(text_nfkc):
        return int(m.group(1)), text
    return None, text


_SPECIAL_ORDER = {
    "general": 0,
    "title": 1,
    "foreword": 2,
    "前言": 2,
    "introduction": 3,
    "引言": 3,
    "bibliography": 6,
    "参考文献": 6,
}


def clause_sort_key(clause: str | None) -> tuple[Any, ...]:
    """Natural document order: General, Title, Foreword, Introduction, 1, 2, 3.1 .. 3.9, 3.10,
    annexes A, B .., Bibliography, then anything unrecognised, then no clause at all."""
    parts = split_clauses(clause)
    if not parts:
        return (9,)
    first = parts[0]
    low = first.lower()
    if low in _SPECIAL_ORDER:
        return (_SPECIAL_ORDER[low],)
    if re.fullmatch(r"\d+(?:\.\d+)*", first):
        numbers = tuple(int(n) for n in first.split("."))
        return (3 if numbers[0] == 0 else 4, *numbers)
    if re.fullmatch(r"[A-Z](?:\.\d+)*", first):
        letter, *rest = first.split(".")
        return (5, letter, *(int(n) for n in rest))
    return (7, low)
