"""UNIT: numbers and units (Directives Part 2, 9; GB/T 1.1—2020, 9.3)."""

from __future__ import annotations

import re

from build_tools.lint.base import GB, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.model import Draft

_UNITS = ("mm|cm|km|m|µm|nm|ms|µs|ns|s|min|h|Hz|kHz|MHz|GHz|THz|kB|MB|GB|TB|KB|kbit|Mbit|Gbit|"
          "bit/s|kbit/s|Mbit/s|Gbit/s|dB|W|kW|mW|V|mV|A|mA|kg|g|mg|K|lx|cd|fps|ppi|dpi|%|°C")
# Only ASCII letters and digits glue a number to a name ("H264", "v2"); Chinese text around
# "5mm" is not part of it, so "间隔5mm内" needs its space as much as "within 5mm" does.
_NO_SPACE = re.compile(rf"(?<![A-Za-z0-9_.#/])(?<![A-Za-z0-9]-)(\d+(?:[.,]\d+)?)({_UNITS})"
                       r"(?![A-Za-z0-9_/]|\.\d)")
_DIGIT_LETTER = re.compile(r"\d\s?[A-Za-zµ%°]")  # cheap test before the long alternations
_BAD_UNIT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(sec|secs|hrs|hr|mins|msec|cc|rpm|ppm)\b")
# Numbers that are not quantities. A version ("glTF 2.0", "WebXR 1.0s", "OpenXR 1.1A", "version
# 2.0A", "v2"): a decimal number right after a name written with capitals inside it, or after a
# word that announces a version. A decade ("the 2000s") and a display resolution ("4K") are not
# seconds or kelvins.
_VERSION_WORD = re.compile(r"(?:\b(?i:version|versions|release|revision|rev\.|draft|edition|"
                           r"level|profile|tier|v)\s*|\b[A-Za-z]*[a-z][A-Z][\w-]*\s)$")
# An all-capitals name ("USB 2.0A", "HDMI 2.1A") announces a version only before a one-letter
# symbol: "RTT 1.5s" is a time.
_CAPS_NAME = re.compile(r"\b[A-Z]{2,}[\w-]*\s$")
_DECADE = re.compile(r"^(?:1[5-9]|20)\d0s$")
_RESOLUTION = re.compile(r"^(?:2|4|5|6|8|10|12|16)K$")


def _not_a_quantity(prose: str, m: re.Match[str]) -> bool:
    whole = m.group(0)
    if _DECADE.match(whole) or _RESOLUTION.match(whole):
        return True
    number = m.group(1)
    if "." not in number:
        return False
    before = prose[max(m.start() - 30, 0):m.start()]
    return bool(_VERSION_WORD.search(before) or
                (m.group(2) in ("A", "V", "W", "K") and _CAPS_NAME.search(before)))


@register
class NumberUnitSpace(Rule):
    id = "UNIT-01"
    family = "units"
    summary = "A space between a number and its unit symbol ('10 ms', '95 %')"
    source = f"{ISO}, 9.2.1 and 9.3"
    source_gb = f"{GB}, 9.3 and GB 3101"
    doc = ("'20 ms', '95 %', '300 K'; plane angles are the exception ('5°'). A number that is not "
           "a quantity is left alone: a version ('glTF 2.0', 'WebXR 1.0s', 'version 2.0A'), a "
           "decade ('the 2000s'), a display resolution ('4K'), an identifier ('ISO-8859-1', "
           "'HTTP/2') and code.")
    fail = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "within 20ms for each user")})]
    passing = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "within 20 ms for each user")}),
               Example("en", {"body": PARTS_EN["body"].replace(
                   "for each user", "for each user, loaded from glTF 2.0 files, in the WebXR 1.0s "
                   "profile, within 20 ms")})]

    def check(self, draft: Draft, ctx: Context):
        for block in draft.blocks():
            if block.kind == "source":
                continue
            prose = block.prose
            if not _DIGIT_LETTER.search(prose):
                continue
            for m in _NO_SPACE.finditer(prose):
                if _not_a_quantity(prose, m):
                    continue
                fixed = f"{m.group(1)} {m.group(2)}"
                yield self.finding_at(draft, block, m.start(), m.end(),
                                      f"'{m.group(0)}' needs a space: '{fixed}'", fix=fixed,
                                      replacement=fixed)


@register
class UnitSymbols(Rule):
    id = "UNIT-02"
    family = "units"
    severity = "warning"
    summary = "SI unit symbols, not abbreviations such as 'sec', 'hrs', 'ppm'"
    source = f"{ISO}, 9.3"
    source_gb = f"{GB}, 9.3"
    doc = "Write s, h, min, cm³, r/min; 'ppm' is a language-specific abbreviation."
    fail = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "for each user within 2 sec")})]
    passing = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "for each user within 2 s")})]

    def check(self, draft: Draft, ctx: Context):
        for block in draft.blocks():
            prose = block.prose
            if not _DIGIT_LETTER.search(prose):
                continue
            for m in _BAD_UNIT.finditer(prose):
                if "." in m.group(0) and _VERSION_WORD.search(prose[max(m.start() - 30, 0):m.start()]):
                    continue
                yield self.finding_at(draft, block, m.start(1), m.end(1),
                                      f"'{m.group(1)}' is not an SI unit symbol")
