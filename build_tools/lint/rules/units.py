"""UNIT: numbers and units (Directives Part 2, 9; GB/T 1.1—2020, 9.3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.lint.base import GB, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.lint.rules.quantities import (
    UNITS,
    VERSION_WORD,
    NumberText,
    digit_texts,
    in_a_name,
    inside,
    matches_at,
    not_a_quantity,
    number_texts,
)
from build_tools.model import Draft

# Only ASCII letters and digits glue a number to a name ("H264", "v2"); Chinese text around
# "5mm" is not part of it, so "间隔5mm内" needs its space as much as "within 5mm" does.
# It is tried only where a run of digits starts (``_glued_starts``), not at every character.
_NO_SPACE = re.compile(rf"(\d(?<![A-Za-z0-9_.#/]\d)(?<![A-Za-z0-9]-\d)\d*(?:[.,]\d+)?)({UNITS})"
                       r"(?![A-Za-z0-9_/]|\.\d)")
# What can follow the digits of a number glued to its unit: a decimal sign or a unit. A run of
# digits followed by anything else (mostly a space) is not tried.
_GLUED_NEXT = frozenset(".," + "".join(unit[0] for unit in UNITS.split("|")))
_BAD_UNITS = ("sec", "secs", "hrs", "hr", "mins", "msec", "cc", "rpm", "ppm")
_BAD_UNIT = re.compile(rf"\d(?<!\w\d)\d*(?:[.,]\d+)?\s?({'|'.join(_BAD_UNITS)})\b")
_BAD_UNIT_FIRST = frozenset(unit[0] for unit in _BAD_UNITS)
_BAD_UNIT_NEXT = _BAD_UNIT_FIRST | {".", ","}
# A value with a tolerance and one unit for both: "95 ± 5 %", "23±2 °C" (not "(95 ± 5) %" nor
# "95 % ± 5 %").
_TOLERANCE = re.compile(rf"(\d(?<![\d.,]\d)\d*(?:[.,]\d+)?\s*±\s*\d+(?:[.,]\d+)?)(\s?)({UNITS})"
                        r"(?![A-Za-z0-9_/])")
# A space between a number and a plane-angle sign: "5 °", "3 ′" (but "20 °C" is right).
_ANGLE_SPACE = re.compile(r"(\d+(?:[.,]\d+)?)(\s+)([°′″])(?!\s?[CF](?![A-Za-z]))")


def _each_user(words: str) -> str:
    """The example body with ``words`` after "for each user"."""
    return PARTS_EN["body"].replace("for each user", f"for each user{words}")


def _glued_starts(item: NumberText) -> Iterator[int]:
    """Where _NO_SPACE can match: at the first digit of a run, and inside a run of another
    script's digits ("x٣5mm" holds "5mm"), as its look-behinds know only the ASCII digits."""
    text = item.text
    ascii_text = text.isascii()
    for a, b in item.runs:
        if text[b:b + 1] not in _GLUED_NEXT:
            continue
        if ascii_text or text[a:b].isascii():
            yield a
        else:
            yield from range(a, b)


def _bad_unit_starts(item: NumberText) -> Iterator[int]:
    """Where _BAD_UNIT can match: at the first digit of a run (it starts after no word
    character) followed by a decimal sign, or by a misspelt unit, with one space or none."""
    text = item.text
    for a, b in item.runs:
        after = text[b:b + 1]
        if after in _BAD_UNIT_NEXT or \
                (after.isspace() and text[b + 1:b + 2] in _BAD_UNIT_FIRST):
            yield a


def _tolerances(prose: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOLERANCE.finditer(prose)] if "±" in prose else []


@register
class NumberUnitSpace(Rule):
    id = "UNIT-01"
    family = "units"
    summary = "A space between a number and its unit symbol ('10 ms', '95 %')"
    source = f"{ISO}, 9.2.1 and 9.3"
    source_gb = f"{GB}, 9.3 and GB 3101"
    doc = ("'20 ms', '95 %', '300 K'; plane angles are the exception ('5°'). A number that is not "
           "a quantity is left alone: a version ('glTF 2.0', 'WebXR 1.0s', 'version 2.0A'), a "
           "decade ('the 2000s', 'the ’90s'), a display resolution ('4K'), a label ('Class "
           "2A'), a plural of a number ('10s of vendors'), an identifier ('ISO-8859-1', "
           "'HTTP/2'), an address ('https://example.com/?t=20ms') and code. The fix inserts the "
           "space; it is not offered where the number may be part of a name: in quotation "
           "marks, in the text of a link, in a compound ('60fps-capable') or between two "
           "capitalised words ('the Ultra 60fps Edition'). A tolerance without brackets ('95 ± "
           "5%') is UNIT-06's.")
    fail = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "within 20ms for each user")},
                    fixed=PARTS_EN["body"].replace("for each user", "within 20 ms for each user"))]
    passing = [Example("en", {"body": PARTS_EN["body"].replace("for each user", "within 20 ms for each user")}),
               Example("en", {"body": PARTS_EN["body"].replace(
                   "for each user", "for each user, loaded from glTF 2.0 files, in the WebXR 1.0s "
                   "profile, within 20 ms")}),
               Example("en", {"body": PARTS_EN["body"].replace(
                   "for each user", "for each user; displays of Class 2A, sold since the '90s "
                   "by 10s of vendors, show 4K video")})]

    def check(self, draft: Draft, ctx: Context):
        for item in digit_texts(draft):
            block, prose = item.block, item.text
            if block.kind == "source":
                continue
            tolerances = _tolerances(prose)
            for m in matches_at(_NO_SPACE, prose, _glued_starts(item)):
                number, unit = m.group(1), m.group(2)
                if not_a_quantity(prose, m.start(), number, unit) or inside(tolerances, m.start()):
                    continue
                fixed = f"{number} {unit}"
                if in_a_name(block, prose, m.start(), m.end()):
                    yield self.finding_at(draft, block, m.start(), m.end(),
                                          f"'{m.group(0)}' needs a space ('{fixed}'), unless it "
                                          "is part of a name: not fixed automatically")
                    continue
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
        for item in digit_texts(draft):
            block, prose = item.block, item.text
            for m in matches_at(_BAD_UNIT, prose, _bad_unit_starts(item)):
                if "." in m.group(0) and VERSION_WORD.search(prose[max(m.start() - 30, 0):m.start()]):
                    continue
                yield self.finding_at(draft, block, m.start(1), m.end(1),
                                      f"'{m.group(1)}' is not an SI unit symbol")


@register
class Tolerance(Rule):
    id = "UNIT-06"
    family = "units"
    severity = "warning"
    summary = "A value with a tolerance takes its unit once, after brackets: '(95 ± 5) %'"
    source = f"{ISO}, 9.2.1 and 9.3"
    doc = ("Write '(95 ± 5) %' or '95 % ± 5 %', and '(23 ± 2) °C' or '23 °C ± 2 °C', not "
           "'95 ± 5 %' or '23 ± 2 °C': without brackets the unit seems to belong to the "
           "tolerance alone (metanorma-iso: \"unbracketed tolerance before percent sign\"). The "
           "fix puts the value and its tolerance in brackets and the unit after them; it is "
           "safe.")
    fail = [Example("en", {"body": _each_user(" with a tracking availability of 99 ± 0,5 %")},
                    fixed=_each_user(" with a tracking availability of (99 ± 0,5) %")),
            Example("en", {"body": _each_user("; headsets are tested at 23 ± 2 °C")},
                    fixed=_each_user("; headsets are tested at (23 ± 2) °C"))]
    passing = [Example("en", {"body": _each_user(" with a tracking availability of (99 ± 0,5) "
                                                 "% at 23 °C ± 2 °C")})]

    def check(self, draft: Draft, ctx: Context):
        for item in number_texts(draft):
            block, prose = item.block, item.text
            if "±" not in prose:
                continue
            for m in _TOLERANCE.finditer(prose):
                fixed = f"({m.group(1)}) {m.group(3)}"
                yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}': put "
                                      f"the value and its tolerance in brackets: '{fixed}'",
                                      fix=fixed, replacement=fixed)


@register
class AngleSpace(Rule):
    id = "UNIT-07"
    family = "units"
    severity = "warning"
    summary = "No space between a number and °, ′ or ″ ('30°', not '30 °')"
    source = f"{ISO}, 9.3"
    doc = ("The plane-angle signs follow the number directly: '110°', '5′', '30″'. A temperature "
           "keeps its space, since '°C' is one unit symbol: '20 °C' (metanorma-iso: \"space "
           "between number and degrees/minutes/seconds\"). The fix removes the space; it is "
           "safe.")
    fail = [Example("en", {"body": _each_user(" with a horizontal field of view of 110 °")},
                    fixed=_each_user(" with a horizontal field of view of 110°"))]
    passing = [Example("en", {"body": _each_user(" with a horizontal field of view of 110° at "
                                                 "20 °C")})]

    def check(self, draft: Draft, ctx: Context):
        for item in number_texts(draft):
            block, prose = item.block, item.text
            if "°" not in prose and "′" not in prose and "″" not in prose:
                continue
            for m in _ANGLE_SPACE.finditer(prose):
                fixed = m.group(1) + m.group(3)
                yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}': no "
                                      f"space before '{m.group(3)}': '{fixed}'", fix=fixed,
                                      replacement="", edit_range=m.span(2))
