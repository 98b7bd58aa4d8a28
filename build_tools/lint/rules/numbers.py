"""UNIT-03 to UNIT-05 and UNIT-08: how numbers are written (Directives Part 2, 9.1 and Table B.1;
ISO House Style, numbers; for GB drafts, GB/T 1.1—2020, 9.3 and GB/T 15835).

Each rule reports a number only where it is sure the number is a value (not an identifier, a
version, a date, an address or code) and fixes it only where it is also sure of the new text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.i18n.wordre import words
from build_tools.lint.base import GB, ISO, Context, Example, Finding, Rule, draft_text, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.lint.rules.quantities import (
    UNIT_AFTER,
    VERSION_WORD,
    NumberText,
    Spans,
    group_digits,
    in_a_name,
    inside,
    matches_at,
    not_a_quantity,
    number_texts,
)
from build_tools.lint.rules.verbal import prose_blocks
from build_tools.model import Draft

_HOUSE = "ISO House Style (numbers)"
_BODY = PARTS_EN["body"]
_SENTENCE = "A platform shall provide an avatar for each user."


def _body(sentence: str) -> str:
    return _BODY.replace(_SENTENCE, sentence)


def _locator(text: str, idents: Spans, at: int) -> bool:
    """The number at ``at`` locates something in a cited document: the entry or clause after
    "ISO/IEC 2382:2015, " ("2121319", "3.1.2")."""
    return any(text[b:at].strip() in ("", ",") for b in idents.ends_between(at - 2, at))


# A number that names or counts something other than a value: after an all-capitals name ("EO
# 14028", "ETSI EN 301 549"), a label word, or a sign that makes it a reference.
_NAMED_BEFORE = re.compile(r"(?:\b[A-Z]{2,}[\w/-]*\s|\b(?i:no\.|nos\.|number|numbers|id|code|"
                           r"port|pin|patent|ticket|issue|issues|serial|build|page|pages|line|"
                           r"lines|version|release|revision|draft|model|order|account|phone|"
                           r"postcode|zip)\s|[#№])$")
_PLUS_MINUS = re.compile(r"\s?±")
_QUOTES_OPEN = "\"“'‘"
_QUOTES_CLOSE = "\"”'’"
# Characters that make digits part of a token rather than a number standing alone.
_GLUE_BEFORE = "._/:#@$€£¥\\'’,="
_GLUE_AFTER = "_/:'’"


def _glue(char: str) -> bool:
    """A letter or digit of a Latin-script token; Chinese text around a number is not part of
    it ("平台应在11,1 ms内")."""
    return char.isascii() and char.isalnum()


def _standalone(text: str, a: int, b: int) -> bool:
    """text[a:b] (digits) stands alone as a number: not glued into a token ("x25519",
    "REC-did-core-20220719", "2023/130", "12:30"), not a date or range ("2020-01-05", "10000-
    20000"), not a literal in quotation marks."""
    before, after = text[a - 1:a], text[b:b + 1]
    if before and (_glue(before) or before in _GLUE_BEFORE):
        return False
    if before in "-‐" and a >= 2 and _glue(text[a - 2]):
        return False
    if after and (after in _GLUE_AFTER or (after == "-" and _glue(text[b + 1:b + 2]))):
        return False
    if before in "-−+" and a >= 1:
        before = text[a - 2:a - 1] if a >= 2 else ""
    return not (before in _QUOTES_OPEN and before and after in _QUOTES_CLOSE and after)


def _comma_group_starts(item: NumberText) -> Iterator[int]:
    """Where DigitGroups._COMMAS can match: three digits (or the whole run, if shorter) before
    a run's end followed by a comma. Any earlier start would need a comma after at most three
    digits; a later one would find the same groups after it."""
    text = item.text
    for a, b in item.runs:
        if text[b:b + 1] == ",":
            yield max(a, b - 3)


@register
class DigitGroups(Rule):
    id = "UNIT-03"
    family = "units"
    severity = "warning"
    summary = "Numbers of five digits or more are grouped in threes with a space: '12 121'"
    source = f"{ISO}, 9.1 and {_HOUSE}"
    rules_sets = ("iso",)
    doc = ("'15 000 users', '1 500 ms', '1 500 000', not '15000' or '1,500,000'. One comma "
           "group ('15,000') is not reported: with the decimal comma it is fifteen, and only the "
           "author knows which was meant. "
           "Four-digit numbers are reported only before a unit ('1500 ms'), since most of them "
           "are years. Left alone: years, identifiers ('ISO "
           "10303', 'EO 14028', 'REC-did-core-20220719'), numbers after a label ('port 8080', "
           "'issue 12345', '#12345'), literals in quotation marks, dates, addresses and code. "
           "The fix is safe before a unit; elsewhere it needs --unsafe-fixes, as the number may "
           "be a code after all. GB drafts are not checked: GB/T 1.1—2020 no longer prescribes "
           "the grouping and GB/T 15835 allows both ways (RULES-REFERENCE, GB-NUMV-01).")
    fail = [Example("en", {"body": _body("A platform shall host at least 15000 concurrent users "
                                         "in one virtual world.")},
                    fixed=_body("A platform shall host at least 15 000 concurrent users in one "
                                "virtual world.")),
            Example("en", {"body": _body("A platform shall provide an avatar for each user "
                                         "within 1500 ms.")},
                    fixed=_body("A platform shall provide an avatar for each user within "
                                "1 500 ms.")),
            Example("en", {"body": _body("A platform shall host at least 1,500,000 registered "
                                         "users.")},
                    fixed=_body("A platform shall host at least 1 500 000 registered users."))]
    passing = [Example("en", {"body": _body(
        "A platform shall host at least 15 000 concurrent users. Since 2021, session keys use "
        "the x25519 curve and identifiers follow REC-did-core-20220719; the service listens on "
        "port 44300 and answers \"12345\" to a probe.")})]

    _COMMAS = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?![\d,])")

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for item in number_texts(draft):
            block, text = item.block, item.text
            for a, b in item.runs:
                if b - a >= 4:
                    yield from self._digits(draft, item, a, b)
            if "," in text:
                for m in matches_at(self._COMMAS, text, _comma_group_starts(item)):
                    if not _standalone(text, m.start(), m.end()) or \
                            inside(item.idents, m.start()):
                        continue
                    fixed = m.group(0).replace(",", " ")
                    yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}': "
                                          f"group the digits with spaces: '{fixed}'", fix=fixed,
                                          replacement=fixed)

    def _digits(self, draft: Draft, item: NumberText, a: int, b: int) -> Iterator[Finding]:
        block, text = item.block, item.text
        digits = text[a:b]
        unit = UNIT_AFTER.match(text, b)
        if len(digits) == 4 and not unit:
            return  # a year, or a number ISO lets stand ungrouped
        if not _standalone(text, a, b) or _glue(text[b:b + 1]):
            return  # "x25519"; "20000ms" is UNIT-01's to space first
        if text[b:b + 1] in ".," and text[b + 1:b + 2].isdigit():
            return  # "12345,6": the whole value is UNIT-04's to read
        if _NAMED_BEFORE.search(text[max(a - 12, 0):a]) or inside(item.idents, a) or \
                _locator(text, item.idents, a):
            return
        fixed = group_digits(digits)
        sure = bool(unit) and not in_a_name(block, text, a, b)
        yield self.finding_at(draft, block, a, b, f"'{digits}': group the digits in threes "
                              f"with a space: '{fixed}'", fix=fixed, replacement=fixed, safe=sure)


_DECIMAL = re.compile(r"(\d+)([.,])(\d+)")
# A vector or array written as data: "[0.0, 1.0, 0.0]" (a comma there would be ambiguous).
_ARRAY = re.compile(r"\[\s*[-−+]?\d[\d.,\s+−-]*\]")


def _decimal_starts(item: NumberText) -> list[tuple[int, int]]:
    """The runs of digits followed by a point or a comma and a digit: where _DECIMAL can match
    (it is tried at every one, as a decimal with the other sign hides the number after it)."""
    text = item.text
    # isdecimal() is what "\d" matches.
    return [(a, b) for a, b in item.runs
            if text[b + 1:b + 2].isdecimal() and text[b] in ".,"]


def _decimal_value(draft: Draft, text: str, m: re.Match[str]) -> str | None:
    """What follows ``m`` when the number is surely a value ("2.5 mm", "99,9 %", "0.5 ± 0.1",
    "" after a leading zero: "0.75"), else None ("5.2" is a clause or a version; "1.2.3" and
    "1,234,567" are not decimals)."""
    a, b = m.span()
    if not _standalone(text, a, b) or text[a - 1:a] in ".," or \
            (text[b:b + 1] in ".," and text[b + 1:b + 2].isdigit()):
        return None
    before = text[max(a - 30, 0):a]
    if VERSION_WORD.search(before) or _NAMED_BEFORE.search(before[-12:]):
        return None
    unit = UNIT_AFTER.match(text, b) or _PLUS_MINUS.match(text, b)
    if unit is None and _glue(text[b:b + 1]):
        return None  # "0.5x", "1.0beta"
    if unit is None:
        leading_zero = m.group(1) == "0" and draft.clause_by_number(m.group(0)) is None
        return "" if leading_zero else None
    if not_a_quantity(text, a, m.group(0), unit.group(0).strip()):
        return None
    return unit.group(0)


@register
class DecimalSign(Rule):
    id = "UNIT-04"
    family = "units"
    severity = "warning"
    summary = "The decimal sign: a comma in ISO drafts ('2,5 mm'), a point in GB drafts ('2.5 mm')"
    source = f"{ISO}, 9.1 and Table B.1"
    source_gb = f"{GB}, 9.3 (GB/T 15835, GB 3101)"
    doc = ("ISO documents write the decimal sign as a comma on the line in every language; GB "
           "documents write a point (RULES-REFERENCE, GB-NUMV-01). The rule follows the draft's "
           "`rules:` setting. It reads only numbers that are surely values: before a unit "
           "symbol or a unit word ('2.5 mm', '0.5 seconds'), before '±', or with a leading "
           "zero ('0.75'); a clause number ('see 5.2'), a version ('glTF 2.0', 'HTTP 1.1') and "
           "an address are not values. The fix is safe, except where three digits follow the "
           "sign ('1.500 m', '1,500 m'): that may be a thousands separator, so the finding says "
           "both readings and leaves the choice to you.")
    fail = [Example("en", {"body": _body("A platform shall render each frame within 11.1 ms.")},
                    fixed=_body("A platform shall render each frame within 11,1 ms.")),
            Example("zh", {"body": PARTS_ZH["body"].replace("平台应为每个用户提供化身。",
                                                            "平台应在11,1 ms内渲染每一帧。")},
                    fixed=PARTS_ZH["body"].replace("平台应为每个用户提供化身。",
                                                   "平台应在11.1 ms内渲染每一帧。"))]
    passing = [Example("en", {"body": _body("A platform shall render each frame within 11,1 ms "
                                            "and load glTF 2.0 scenes over HTTP 1.1 as given "
                                            "in 5.2.")}),
               Example("zh", {"body": PARTS_ZH["body"].replace(
                   "平台应为每个用户提供化身。", "平台应在11.1 ms内渲染每一帧。")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        wrong, right = (",", ".") if draft.rules == "gb" else (".", ",")
        for item in number_texts(draft):
            block, text = item.block, item.text
            starts = _decimal_starts(item)
            if not any(text[b] == wrong for _, b in starts):
                continue
            idents = item.idents + (a.span() for a in _ARRAY.finditer(text))
            tolerances = Spans(t.span() for t in _TOLERANCE_NUMBERS.finditer(text)) \
                if "±" in text else Spans()
            for m in matches_at(_DECIMAL, text, (a for a, _ in starts)):
                if m.group(2) != wrong or inside(idents, m.start()) or \
                        _locator(text, idents, m.start()):
                    continue
                unit = _decimal_value(draft, text, m)
                if unit is None:
                    continue
                whole, frac = m.group(1), m.group(3)
                fixed = f"{whole}{right}{frac}"
                at = (m.start(2), m.end(2))
                if len(frac) == 3 and whole != "0":
                    grouped = group_digits(whole + frac)
                    yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}': "
                                          f"the decimal sign is '{right}' ('{fixed}'); if "
                                          f"'{wrong}' separates thousands here, write "
                                          f"'{grouped}'")
                    continue
                # Glued to its unit, the number is UNIT-01's to edit first; inside an
                # unbracketed tolerance UNIT-06 rewrites the whole value.
                glued = bool(unit) and not unit[:1].isspace() and not unit.startswith("±")
                editable = not glued and not inside(tolerances, m.start())
                yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}': the "
                                      f"decimal sign is '{right}': '{fixed}'", fix=fixed,
                                      replacement=right if editable else None, edit_range=at)


_TOLERANCE_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?\s*±\s*\d+(?:[.,]\d+)?")
# A hyphen-minus that starts a number: after a space, a bracket or an operator.
_HYPHEN_MINUS = re.compile(r"(?:^|(?<=[\s(\[=<>≤≥:;,/]))-(\d+(?:[.,]\d+)*)")
# "revisions -20, -29 and -34" of an Internet-Draft; "option -9" of a command.
_SUFFIX_BEFORE = re.compile(r"(?:\b(?i:revisions?|drafts?|versions?|rev\.?|options?|flags?|"
                            r"switch(?:es)?)\b[\s\d,;-]*(?:\b(?:and|or)\s)?|"
                            r"\bdraft-[\w.-]+\s+(?:(?:to|from|and)\s+)?)$")


def _hyphen_starts(item: NumberText) -> list[int]:
    """Where _HYPHEN_MINUS can match: at a hyphen right before a run of digits."""
    text = item.text
    return [a - 1 for a, _ in item.runs if text[a - 1:a] == "-"]


def _alone_on_its_line(text: str, m: re.Match[str]) -> bool:
    """"-13" on a line of its own: the label of a revision in a change log, not a value."""
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    return text[start:end if end >= 0 else len(text)].strip() == m.group(0)


@register
class MinusSign(Rule):
    id = "UNIT-05"
    family = "units"
    severity = "warning"
    summary = "A negative number takes the minus sign '−' (U+2212), not a hyphen"
    source = f"{ISO}, 9.1 and {_HOUSE}"
    rules_sets = ("iso",)
    doc = ("'−5 °C', '−3 dB', not '-5 °C' (metanorma-iso: \"hyphen instead of minus sign "
           "U+2212\"). Only a hyphen that starts a number is read: after a space, a bracket or "
           "an operator, so ranges ('10-20'), dates and identifiers ('ISO 8601-1') are left "
           "alone, and so are the revision suffixes of a draft ('revisions -20 and -34') and a "
           "command's options ('option -9'). The fix is safe before a unit; a bare number needs "
           "--unsafe-fixes.")
    fail = [Example("en", {"body": _body("A head-mounted display shall operate at ambient "
                                         "temperatures down to -10 °C.")},
                    fixed=_body("A head-mounted display shall operate at ambient temperatures "
                                "down to −10 °C."))]
    passing = [Example("en", {"body": _body("A head-mounted display shall operate at ambient "
                                            "temperatures from −10 °C to 40 °C, as compared "
                                            "between revisions -20 and -34 of the draft, with "
                                            "dates such as 2026-01-31.")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for item in number_texts(draft):
            block, text = item.block, item.text
            hyphens = _hyphen_starts(item)
            if not hyphens:
                continue
            idents = item.idents
            for m in matches_at(_HYPHEN_MINUS, text, hyphens):
                end = m.end()
                after = text[end:end + 1]
                if (after and ((_glue(after) and not after.isdigit()) or after in "_/-")) or inside(idents, m.start()) \
                        or _SUFFIX_BEFORE.search(text[max(m.start() - 40, 0):m.start()]) \
                        or _alone_on_its_line(text, m):
                    continue
                fixed = "−" + m.group(1)
                sure = bool(UNIT_AFTER.match(text, end))
                yield self.finding_at(draft, block, m.start(), end, f"'{m.group(0)}': write the "
                                      f"minus sign (U+2212): '{fixed}'", fix=fixed,
                                      replacement="−", safe=sure,
                                      edit_range=(m.start(), m.start() + 1))


@register
class Billion(Rule):
    id = "UNIT-08"
    family = "units"
    severity = "warning"
    summary = "No 'billion' or 'trillion': the words mean different numbers in different countries"
    source = f"{ISO}, 9.1 and {_HOUSE}"
    languages = ("en",)
    doc = ("'Billion' is 10⁹ in English usage today and 10¹² in many other languages and in older "
           "British usage, so a translated standard can be wrong by a factor of a thousand. "
           "Write the number with its power of ten ('2 × 10⁹ transactions') or the digits "
           "('2 000 000 000'); metanorma-iso reports it as an \"ambiguous number\". No fix: the "
           "right number is the author's to write.")
    fail = [Example("en", {"body": _body("A ledger shall record up to 2 billion transactions "
                                         "per day.")})]
    passing = [Example("en", {"body": _body("A ledger shall record up to 2 × 10⁹ transactions "
                                            "per day.")})]
    _WORD = words(r"billions?", r"trillions?")

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        # Most drafts hold neither word: one look at the whole text (made once, for all the
        # rules) costs less than one at each block.
        if "illion" not in draft_text(draft):
            return
        for block in prose_blocks(draft):
            prose = block.prose
            if "illion" not in prose:
                continue
            for m in self._WORD.finditer(prose):
                yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}' is an "
                                      "ambiguous number (10⁹ or 10¹²): write the digits or a "
                                      "power of ten")
