"""The fast whole-word patterns (i18n/wordre.py) match exactly what ``\\b…\\b`` matches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.i18n import refs
from build_tools.i18n.wordre import words

CASES = [
    (("must",), True, r"\b"),
    (("must", "could", "might", r"needs? to", "need not"), True, r"\b"),
    ((r"shall(?:\s+not)?",), True, r"\b"),
    (("may",), True, r"\b(?!\s+\d)"),
    (("and/or",), True, r"\b"),
    ((r"on-(line)", r"cyber[\s-]+(secur(?:ity|e))"), True, r"\b"),
    ((r"this (?:International )?(?:standard|specification)",), False, r"\b"),
]

VOCAB = ["must", "Must", "MUST", "mould", "could", "Mightily", "might", "need to", "needs to",
         "need not", "shall", "SHALL NOT", "shall  not", "should", "may", "May 2024", "may 5",
         "and/or", "on-line", "cyber security", "cyber-secure", "this standard",
         "this International specification", "This standard", "_must", "9must", "应must", "é",
         "x", " ", "\n", ".", "(", ")", "-", "/", "'", "“", "\t", "amust", "must_"]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("alts", "ignore_case", "end"), CASES)
@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=30).map("".join))
def test_same_matches_as_word_boundary(alts: tuple[str, ...], ignore_case: bool, end: str,
                                       text: str) -> None:
    slow = re.compile(r"\b(?:" + "|".join(alts) + ")" + end, re.I if ignore_case else 0)
    assert _spans(words(*alts, ignore_case=ignore_case, end=end), text) == _spans(slow, text)


def test_same_matches_on_the_real_corpus(corpus: Path) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((corpus / "md-drafts" / "ietf").rglob("*.md"))[:20]]
    assert texts
    for alts, ignore_case, end in CASES:
        slow = re.compile(r"\b(?:" + "|".join(alts) + ")" + end, re.I if ignore_case else 0)
        fast = words(*alts, ignore_case=ignore_case, end=end)
        for text in texts:
            assert _spans(fast, text) == _spans(slow, text)


def test_an_alternative_must_start_with_a_letter() -> None:
    with pytest.raises(ValueError):
        words(r"\d+ms")


# The document identifiers (i18n/refs.py) are written with words() and a "not after" class
# that lets a CJK character come first; the reference is the look-behind pattern they replace.
_ID_END = rf"\s?(?:{refs._NUMBER})(?:(?P<sep>[:—–-])(?P<year>(?:19|20)\d\d|—))?"
_CITED_END = rf"[\s\-]?(?:{refs._NUMBER})(?:(?:[:—–]|(?<=\d)-)(?:(?:19|20)\d\d|—))?"
IDENTIFIERS = [
    (refs.IDENT_RE, re.compile(rf"(?<![A-Za-z0-9_/]){refs._PUBLISHER}{_ID_END}")),
    (refs._CITED, re.compile(rf"(?<![A-Za-z0-9_/]){refs._PUBLISHER}{_CITED_END}")),
]
ID_VOCAB = ["ISO", "ISO/IEC", "IEC", "IEEE", " Std", "GB/T", "GB", "T/CESA", "ITU-T", "IETF",
            " RFC", "RFC", "W3C", "ETSI TS", " TR", " JTC 1", " ", "-", ":", "—", "2382", "8601",
            "1", ".", "2015", "19", "X.", "A", "应符合", "的", "x", "/", "_", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ID_VOCAB), max_size=25).map("".join))
def test_identifiers_match_as_the_look_behind_pattern(text: str) -> None:
    for fast, slow in IDENTIFIERS:
        assert _spans(fast, text) == _spans(slow, text)
        assert bool(fast.match(text)) == bool(slow.match(text))


def test_identifiers_on_the_real_corpus(corpus: Path) -> None:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.rglob("*.md"))]
    assert texts
    for text in texts:
        for fast, slow in IDENTIFIERS:
            assert _spans(fast, text) == _spans(slow, text)
