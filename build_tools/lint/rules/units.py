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
_NO_SPACE = re.compile(rf"(?<![A-Za-z0-9_.])(\d+(?:[.,]\d+)?)({_UNITS})(?![A-Za-z0-9_/])")
_DIGIT_LETTER = re.compile(r"\d\s?[A-Za-zµ%°]")  # cheap test before the long alternations
_BAD_UNIT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(sec|secs|hrs|hr|mins|msec|cc|rpm|ppm)\b")


@register
class NumberUnitSpace(Rule):
    id = "UNIT-01"
    family = "units"
    summary = "A space between a number and its unit symbol ('10 ms', '95 %')"
    source = f"{ISO}, 9.2.1 and 9.3"
    source_gb = f"{GB}, 9.3 and GB 3101"
    doc = "'20 ms', '95 %', '4 K'; plane angles are the exception ('5°')."
    fail = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "within 20ms for each user")})]
    passing = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "within 20 ms for each user")})]

    def check(self, draft: Draft, ctx: Context):
        for block in draft.blocks():
            if block.kind == "source":
                continue
            prose = block.prose
            if not _DIGIT_LETTER.search(prose):
                continue
            for m in _NO_SPACE.finditer(prose):
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
                yield self.finding_at(draft, block, m.start(1), m.end(1),
                                      f"'{m.group(1)}' is not an SI unit symbol")
