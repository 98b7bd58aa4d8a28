"""What a number in running text is, for the UNIT rules: a quantity with its unit, or something
that only looks like one (a version, a decade, a label, an identifier, an address).

A rule reports a number only when it is sure the number is a quantity or a count, and proposes
a fix only when it is also sure of the replacement (issue 15, item 7: ``--fix`` never changes
meaning).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from build_tools.i18n.refs import find_citations
from build_tools.i18n.wordre import has_digit
from build_tools.lint.rules.verbal import prose_blocks
from build_tools.model import LINK, XREF, Block, Draft

# Unit symbols that follow a number (Directives Part 2, 9.3; the display units of our domain).
UNITS = ("mm|cm|km|m|µm|nm|ms|µs|ns|s|min|h|Hz|kHz|MHz|GHz|THz|kB|MB|GB|TB|KB|kbit|Mbit|Gbit|"
         "bit/s|kbit/s|Mbit/s|Gbit/s|dB|W|kW|mW|V|mV|A|mA|kg|g|mg|K|lx|cd|fps|ppi|dpi|%|°C")
# Words that name a unit: "2.5 seconds" is a quantity as much as "2.5 s".
_UNIT_WORDS = ("seconds?|minutes?|hours?|days?|metres?|meters?|millimetres?|millimeters?|"
               "centimetres?|centimeters?|kilometres?|kilometers?|bytes?|bits?|pixels?|frames?|"
               "degrees?|percent|per cent|kilograms?|grams?|volts?|watts?|hertz|amperes?")
# A unit right after a number: "20 ms", "2,5 s". Not "1 500 users", nor "2020 K-series": a
# unit followed by a hyphen is part of a compound that names a thing.
# Matched at a position (``UNIT_AFTER.match(text, end)``), never on a slice of the rest of the
# text: a copy of the rest for every number of a long table was quadratic.
UNIT_AFTER = re.compile(rf"\s?(?:{UNITS})(?![A-Za-z0-9_/-]|\.\d)|\s(?:{_UNIT_WORDS})\b(?!-)")

# A version: a decimal number right after a name written with capitals inside it ("glTF 2.0",
# "WebXR 1.0s") or after a word that announces a version ("version 2.0A", "v2").
VERSION_WORD = re.compile(r"(?:\b(?i:version|versions|release|revision|rev\.|draft|edition|"
                          r"level|profile|tier|v)\s*|\b[A-Za-z]*[a-z][A-Z][\w-]*\s)$")
# An all-capitals name ("USB 2.0A", "HDMI 2.1A") announces a version only before a one-letter
# symbol: "RTT 1.5s" is a time.
_CAPS_NAME = re.compile(r"\b[A-Z]{2,}[\w-]*\s$")
# A number that labels a thing rather than measuring it: "Class 2A", "Type 4K", "Zone 5m".
_LABEL_WORD = re.compile(r"\b(?i:class|classes|type|types|category|grade|group|zone|model|"
                         r"mode|phase|stage|step|item|option|port|pin|channel|lane|slot|row|"
                         r"column|cell|layer|part|no\.|number|id)\s$")
# A decade ("the 2000s", "the '90s", "the early 60s") and a display resolution ("4K") are not
# seconds or kelvins; "10s of vendors" is "tens of vendors".
_DECADE = re.compile(r"^(?:1[5-9]|20)\d0s$")
_SHORT_DECADE = re.compile(r"^[1-9]0s$")
_DECADE_BEFORE = re.compile(r"(?:['’‘]|\b(?i:the|early|late|mid)[\s-])$")
_RESOLUTION = re.compile(r"^(?:2|4|5|6|8|10|12|16)K$")
_PLURAL_OF = re.compile(r"^\s+of\b")

# Addresses: a unit rule must not touch "https://example.com/?t=20ms" (the fix would break the
# link target that an autolink shows as its text).
_ADDRESS = re.compile(r"\b(?:https?|ftp|wss?)://\S+|\bwww\.[\w.-]+\S*|[\w.+-]+@[\w-]+\.[\w.]+")


def not_a_quantity(prose: str, start: int, number: str, unit: str) -> bool:
    """``number`` + ``unit`` written at ``prose[start:]`` is a version, a decade, a resolution,
    a label or a plural of a number, not a measured value."""
    whole = number + unit
    before = prose[max(start - 30, 0):start]
    if _DECADE.match(whole) or _RESOLUTION.match(whole):
        return True
    if _SHORT_DECADE.match(whole) and _DECADE_BEFORE.search(before):
        return True
    if unit == "s" and _PLURAL_OF.match(prose[start + len(whole):start + len(whole) + 4]):
        return True
    if _LABEL_WORD.search(before):
        return True
    if "." not in number:
        return False
    return bool(VERSION_WORD.search(before) or
                (unit in ("A", "V", "W", "K") and _CAPS_NAME.search(before)))


class Spans:
    """Ranges of a text (identifiers, tolerances), asked "is this offset in one?" and "does
    one end just before it?" in log time: a table or a paragraph holds thousands of numbers,
    and a scan of every range for each of them made the number rules quadratic."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.ranges = sorted(ranges)
        self.starts = [a for a, _ in self.ranges]
        self.reach: list[int] = []  # the furthest end among the ranges up to each one
        furthest = -1
        for _, b in self.ranges:
            furthest = max(furthest, b)
            self.reach.append(furthest)
        self.ends = sorted(b for _, b in self.ranges)

    def __contains__(self, at: int) -> bool:
        k = bisect_right(self.starts, at) - 1
        return k >= 0 and self.reach[k] > at

    def __add__(self, other: Iterable[tuple[int, int]]) -> Spans:
        return Spans([*self.ranges, *other])

    def ends_between(self, low: int, high: int) -> list[int]:
        return self.ends[bisect_left(self.ends, low):bisect_right(self.ends, high)]


def inside(ranges: Spans | list[tuple[int, int]], at: int) -> bool:
    if isinstance(ranges, Spans):
        return at in ranges
    return any(a <= at < b for a, b in ranges)


def address_ranges(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text and "@" not in text:
        return []
    return [m.span() for m in _ADDRESS.finditer(text)]


def identifier_ranges(text: str) -> list[tuple[int, int]]:
    """Document identifiers ("ISO 80000-1:2009", "GB/T 35273—2020"): their digits are no
    number to group or to sign."""
    return [m.span() for m in find_citations(text)]


@dataclass(slots=True)
class NumberText:
    """A block of running text that holds digits, as the number rules read it."""

    block: Block
    text: str  # its prose with addresses blanked
    # The spans of its runs of digits, in order. A number starts at one of them, so a rule
    # tries its pattern there (``matches_at``) instead of scanning every character again.
    runs: list[tuple[int, int]]
    _idents: Spans | None = field(default=None, repr=False)

    @property
    def idents(self) -> Spans:
        if self._idents is None:
            self._idents = Spans(identifier_ranges(self.text))
        return self._idents


def digit_texts(draft: Draft) -> list[NumberText]:
    """Every block of the draft whose prose holds a digit, in order, reference lists and term
    sources included (UNIT-01 and UNIT-02 read them too): one scan of each block for all the
    number rules. The text is looked at before the prose (made from it by blanking code): it
    is at hand, and most blocks without a digit have none in either."""
    found = draft.memo.get("digit_texts")
    if found is None:
        found = draft.memo["digit_texts"] = [
            _number_text_of(block, prose) for block in draft.blocks()
            if has_digit(block.text) and (prose := block.prose) and has_digit(prose)]
    return found


def number_texts(draft: Draft) -> list[NumberText]:
    """The draft's own running text that holds digits (not the reference lists, term sources,
    quotations or code), read once for all the number rules."""
    found = draft.memo.get("number_texts")
    if found is None:
        by_block = {id(item.block): item for item in digit_texts(draft)}
        found = draft.memo["number_texts"] = [
            item for block in prose_blocks(draft)
            if block.kind != "source" and (item := by_block.get(id(block))) is not None]
    return found


def _number_text_of(block: Block, prose: str) -> NumberText:
    text = number_text(block, prose)
    return NumberText(block, text, digit_runs(text))


def digit_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of digits (``\\d+``) in ``text``."""
    runs = _ASCII_DIGIT_RUN if text.isascii() else _DIGIT_RUN
    return [m.span() for m in runs.finditer(text)]


# Written "\d\d*", not "\d+": a pattern that starts with a character class is searched for
# that class; "\d+" is tried at every character, at twice the cost. In ASCII text "\d" (the
# digits of any script) is "[0-9]", which is tested faster.
_DIGIT_RUN = re.compile(r"\d\d*")
_ASCII_DIGIT_RUN = re.compile(r"[0-9][0-9]*")


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern that can only match at one of
    ``starts`` (in order): it is tried there alone, not at every character. As with
    ``finditer``, a match does not start inside the one before it."""
    end = 0
    for at in starts:
        if at >= end and (m := pattern.match(text, at)) is not None:
            end = m.end()
            yield m


def number_text(block: Block, prose: str | None = None) -> str:
    """The block's prose with addresses blanked out (same length): the text the UNIT rules
    read. Code spans are blank already; quotations have no prose."""
    prose = block.prose if prose is None else prose
    spans = address_ranges(prose)
    if not spans:
        return prose
    parts, at = [], 0
    for a, b in spans:
        parts += [prose[at:a], "\x00" * (b - a)]
        at = b
    parts.append(prose[at:])
    return "".join(parts)


def link_text_ranges(block: Block) -> list[tuple[int, int]]:
    """File offsets of the text of links in ``block`` ("[60fps mode](…)" names a thing)."""
    return [(node.start, node.end) for phrase in block.phrases for node in phrase.walk()
            if node.kind in (LINK, XREF)]


def _ends_sentence(prose: str, at: int) -> bool:
    """The last character before ``at`` that is not white space ends a sentence or a lead-in
    (read backwards, not by stripping the whole text before it)."""
    i = at - 1
    while i >= 0 and prose[i].isspace():
        i -= 1
    return i >= 0 and prose[i] in ".:;"


def in_a_name(block: Block, prose: str, start: int, end: int) -> bool:
    """The text at ``prose[start:end]`` is part of a name, so a fix could change it: inside
    quotation marks, the text of a link, a compound ("60fps-capable"), or between two
    capitalised words ("the Ultra 60fps Edition")."""
    if prose[start - 1:start] in "\"“'‘" and prose[end:end + 1] in "\"”'’":
        return True
    if prose[end:end + 1] == "-" and prose[end + 1:end + 2].isalpha():
        return True
    before = prose[max(start - 20, 0):start].split()
    after = prose[end:end + 20].split()
    if before and after and before[-1][:1].isupper() and after[0][:1].isupper() and \
            not _ends_sentence(prose, start):
        return True
    if block.map is not None and block.phrases:
        at = block.map.offset(start)
        return inside(link_text_ranges(block), at)
    return False


@lru_cache(maxsize=64)
def group_digits(digits: str) -> str:
    """'12121' -> '12 121' (groups of three from the right)."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return " ".join(parts)
