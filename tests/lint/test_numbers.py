"""How numbers are written (UNIT-03 to UNIT-08): the findings an ISO or GB editor would make on
realistic requirement text, at the exact line and column, and none on what only looks like a
number to fix (years, identifiers, versions, clause numbers, codes, data literals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import PARTS_EN, PARTS_ZH, assemble
from build_tools.lint.fix import apply_fixes
from build_tools.parse import parse_text

UNIT = active_rules(select=["UNIT"])
SENTENCE = "A platform shall provide an avatar for each user."
ZH_SENTENCE = "平台应为每个用户提供化身。"


def _draft(paragraph: str, lang: str = "en", rules: str | None = None) -> str:
    parts = {"body": (PARTS_ZH if lang == "zh" else PARTS_EN)["body"].replace(
        ZH_SENTENCE if lang == "zh" else SENTENCE, paragraph)}
    if rules:
        parts["front"] = (PARTS_ZH if lang == "zh" else PARTS_EN)["front"] + f"\nrules: {rules}"
    return assemble(lang, parts)


def _lint(text: str, rules=UNIT):
    return lint_models([parse_text(text, "draft.md")], rules)


def _where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _found(text: str, rule: str) -> list[tuple[int, int, str | None, bool | None]]:
    return [(f.line, f.column, f.edit.replacement if f.edit else None,
             f.edit.safe if f.edit else None) for f in _lint(text) if f.rule == rule]


# --- UNIT-03: digits in groups of three ----------------------------------------------------

def test_large_numbers_are_grouped_and_only_units_make_the_fix_safe() -> None:
    text = _draft("A platform shall host at least 15000 concurrent users and 1,500,000 "
                  "registered users, and shall render a new scene within 1500 ms.")
    assert _found(text, "UNIT-03") == [
        (*_where(text, "15000"), "15 000", False),  # a count: perhaps a code, so unsafe
        (*_where(text, "1,500,000"), "1 500 000", True),  # commas in threes: sure
        (*_where(text, "1500 ms"), "1 500", True),  # before a unit: a quantity
    ]


def test_what_only_looks_like_a_large_number_is_left_alone() -> None:
    text = _draft(
        "Since 2021, a platform shall follow ISO 10303-21 and EO 14028, listen on port 44300, "
        "log issue #12345 and the value \"12345\", store dates as 2026-01-31, identify the "
        "scheme by REC-did-core-20220719, allow ranges of 10000-20000 and send "
        "`max-age=31536000` or https://example.com/12345 to clients; the entry ISO/IEC "
        "2382:2015, 2121319 applies.")
    assert _found(text, "UNIT-03") == []


def test_gb_drafts_are_not_told_to_group_digits() -> None:
    text = _draft("平台应支持15000个并发用户。", lang="zh")
    assert _found(text, "UNIT-03") == []


# --- UNIT-04: the decimal sign ---------------------------------------------------------------

def test_iso_decimal_sign_is_a_comma() -> None:
    text = _draft("A platform shall render each frame within 11.1 ms and keep 0.75 of the "
                  "frame budget for the compositor.")
    assert _found(text, "UNIT-04") == [(*_where(text, "11.1"), ",", True),
                                       (*_where(text, "0.75"), ",", True)]


def test_gb_decimal_sign_is_a_point() -> None:
    text = _draft("平台应在11,1 ms内渲染每一帧，定位误差不大于2.5 mm。", lang="zh")
    assert _found(text, "UNIT-04") == [(*_where(text, "11,1"), ".", True)]


def test_an_english_gb_draft_follows_its_rules_setting() -> None:
    text = _draft("A platform shall render each frame within 11,1 ms.", rules="gb")
    assert _found(text, "UNIT-04") == [(*_where(text, "11,1"), ".", True)]


def test_three_digits_after_the_sign_may_be_thousands_so_no_fix() -> None:
    text = _draft("The tracking volume shall be at least 1.500 m wide.")
    [finding] = [f for f in _lint(text) if f.rule == "UNIT-04"]
    assert finding.edit is None
    assert "'1.500': the decimal sign is ',' ('1,500'); if '.' separates thousands here, " \
           "write '1 500'" in finding.message


def test_numbers_that_are_not_values_keep_their_point() -> None:
    text = _draft("A platform shall load glTF 2.0 scenes over HTTP 1.1 as specified in 4.2, "
                  "use version 0.9 of the schema and the up vector [0.0, 1.0, 0.0].")
    assert _found(text, "UNIT-04") == []


def test_a_glued_unit_is_spaced_first_then_the_sign_is_fixed(tmp_path: Path) -> None:
    """UNIT-01 and UNIT-04 both see '1.5s': only UNIT-01 carries an edit, so --fix never
    refuses the file for overlapping edits; a second run fixes the sign."""
    path = tmp_path / "draft.md"
    path.write_text(_draft("A platform shall answer within 1.5s."), encoding="utf-8")
    for _ in range(2):
        findings = lint_models([parse_text(path.read_text(encoding="utf-8"), path)], UNIT)
        report = apply_fixes(findings)
        assert not report.refused, report.refused
    assert "within 1,5 s." in path.read_text(encoding="utf-8")


# --- UNIT-05: the minus sign -----------------------------------------------------------------

def test_a_hyphen_before_a_number_is_a_minus_sign() -> None:
    text = _draft("A head-mounted display shall operate down to -10 °C and accept gain "
                  "offsets of -3.")
    assert _found(text, "UNIT-05") == [(*_where(text, "-10"), "−", True),
                                       (*_where(text, "-3."), "−", False)]


def test_ranges_identifiers_and_revision_suffixes_keep_their_hyphen() -> None:
    text = _draft("A platform shall accept values 10-20 as in ISO 8601-1:2019 and the changes "
                  "between revisions -20, -29 and -34 of draft-ietf-quic-transport, then bump "
                  "draft-irtf-cfrg-vdaf to -19.\n\n-13")
    assert _found(text, "UNIT-05") == []


def test_gb_drafts_are_not_checked_for_the_minus_sign() -> None:
    assert _found(_draft("平台应在-10 °C下工作。", lang="zh"), "UNIT-05") == []


# --- UNIT-06, UNIT-07, UNIT-08 --------------------------------------------------------------

def test_tolerance_gets_brackets_and_unit_01_stays_silent() -> None:
    text = _draft("Tracking shall be available 99 ± 0,5 % of the time at 23±2 °C and "
                  "95 ± 5% humidity.")
    assert _found(text, "UNIT-06") == [
        (*_where(text, "99 ±"), "(99 ± 0,5) %", True),
        (*_where(text, "23±2"), "(23±2) °C", True),
        (*_where(text, "95 ±"), "(95 ± 5) %", True),
    ]
    assert _found(text, "UNIT-01") == []


def test_bracketed_tolerances_pass() -> None:
    text = _draft("Tracking shall be available (99 ± 0,5) % of the time at 23 °C ± 2 °C.")
    assert _found(text, "UNIT-06") == []


def test_no_space_before_a_plane_angle() -> None:
    text = _draft("The horizontal field of view shall be at least 110 ° at 20 °C.")
    assert _found(text, "UNIT-07") == [(*_where(text, "110 °"), "", True)]


def test_billion_is_ambiguous() -> None:
    text = _draft("A ledger shall record up to 2 billion transactions per day.")
    [finding] = [f for f in _lint(text) if f.rule == "UNIT-08"]
    assert (finding.line, finding.column) == _where(text, "billion")
    assert finding.edit is None and "10⁹ or 10¹²" in finding.message


@pytest.mark.parametrize("paragraph", [
    "A platform shall render each frame within 11.1 ms at 23 ± 2 °C down to -10 °C and show "
    "a 110 ° field of view to 15000 users within 1500 ms.",
])
def test_fix_all_number_findings_in_one_run(tmp_path: Path, paragraph: str) -> None:
    """Every safe number fix of one paragraph is made in one run, none overlapping."""
    path = tmp_path / "draft.md"
    path.write_text(_draft(paragraph), encoding="utf-8")
    findings = lint_models([parse_text(path.read_text(encoding="utf-8"), path)], UNIT)
    report = apply_fixes(findings)
    assert not report.refused, report.refused
    assert ("A platform shall render each frame within 11,1 ms at (23 ± 2) °C down to −10 °C "
            "and show a 110° field of view to 15000 users within 1 500 ms.") in \
        path.read_text(encoding="utf-8")
