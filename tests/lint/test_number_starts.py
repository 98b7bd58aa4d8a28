"""The number rules try their patterns only where a run of digits starts or ends
(``quantities.matches_at``), not at every character. That is only allowed if it finds what a
scan of the whole text finds: for every text, each pattern's matches at its start positions must
be the ones ``finditer`` gives, in order. Checked on generated text drawn from pieces rich in
what the patterns read (ASCII, Arabic-Indic and full-width digits, decimal signs, hyphens,
units and misspelt units, tolerances, identifiers' punctuation)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.lint.rules import numbers, units
from build_tools.lint.rules.quantities import NumberText, digit_runs, matches_at

PIECES = ["0", "1", "5", "12", "999", "2020", "15000", "٣", "٤٥", "１２", ".", ",", " ", "  ", "-",
          "−", "±", " ± ", "°", " °C", "′", "ms", " ms", "mm", "m", "s", "sec", "secs", " hrs",
          "hr", "mins", "msec", "cc", "rpm", "ppm", "%", " %", "kbit/s", "µm", "K", "A", "x", "a",
          "_", "/", "#", ":", "(", "[", "]", "=", "\n", "seconds", "-capable", "Hz", "的", "'",
          "’"]
# Few pieces, so that long numbers ("1,999,999", "12.999.5", "-٣,999") come up often too.
DENSE = ["1", "12", "999", "1234", ",999", "٣", "１", ",", ".", "-", " ", "±", "ms", "sec", "x", "%"]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=30),
                  st.lists(st.sampled_from(DENSE), max_size=20)).map("".join)


def _item(text: str) -> NumberText:
    return NumberText(None, text, digit_runs(text))  # type: ignore[arg-type]


def _found(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_runs_are_what_a_digit_pattern_finds(text: str) -> None:
    assert digit_runs(text) == [m.span() for m in re.finditer(r"\d+", text)]


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_each_pattern_finds_at_its_starts_what_a_scan_finds(text: str) -> None:
    item = _item(text)
    cases = [(units._NO_SPACE, units._glued_starts(item)),
             (units._BAD_UNIT, units._bad_unit_starts(item)),
             (numbers.DigitGroups._COMMAS, numbers._comma_group_starts(item)),
             (numbers._DECIMAL, [a for a, _ in numbers._decimal_starts(item)]),
             (numbers._HYPHEN_MINUS, numbers._hyphen_starts(item))]
    for pattern, starts in cases:
        assert _found(matches_at(pattern, text, starts)) == _found(pattern.finditer(text)), \
            pattern.pattern


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_decimal_candidates_are_the_texts_with_that_sign(text: str) -> None:
    starts = numbers._decimal_starts(_item(text))
    for sign in ".,":
        has = any(text[b] == sign for _, b in starts)
        assert has == bool(re.search(rf"\d{re.escape(sign)}\d", text))
