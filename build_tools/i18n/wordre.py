"""Whole-word patterns that Python's re can search for fast, and a fast test for digits.

``\\bmust\\b`` makes re try the pattern at every character of a text: a pattern that starts
with an assertion gets no first-character search. Rules run such patterns over every block of
every draft, and that was most of the linter's time. ``[Mm](?<!\\w[Mm])(?i:ust)\\b`` matches
exactly the same words, but starts with a character class, so re jumps from one "m" to the next
(ten times faster on a draft; tests/lint/test_wordre.py checks the two agree).
"""

from __future__ import annotations

import re


def words(*alternatives: str, ignore_case: bool = True, end: str = r"\b",
          flags: int = 0, not_after: str = r"\w") -> re.Pattern[str]:
    """``\\b(?:alt1|alt2|…)`` + ``end``, case-insensitive unless told otherwise. Each
    alternative is a regular expression that starts with a letter ("needs? to",
    "shall(?:\\s+not)?"); groups inside keep their numbers, and the alternatives are tried in
    the order given. ``not_after`` is the character class that may not come before a match
    (``(?<!…)`` in place of ``\\b``: "[A-Za-z0-9_/]" lets a CJK character come first)."""
    firsts: list[str] = []
    for alt in alternatives:
        if not alt[:1].isalpha():
            raise ValueError(f"a word pattern starts with a letter: {alt!r}")
        firsts.append(alt[0])
    letters = {c for f in firsts for c in ((f.lower(), f.upper()) if ignore_case else (f,))}
    cls = "".join(sorted(letters))
    if len(alternatives) == 1:
        rest = alternatives[0][1:]
    else:
        # Each rest only after its own first letter: "m" + "ould" must not match "mould".
        rest = "|".join(f"(?<={re.escape(alt[0])}){alt[1:]}" for alt in alternatives)
    body = f"(?i:{rest})" if ignore_case else f"(?:{rest})"
    return re.compile(f"[{cls}](?<!{not_after}[{cls}]){body}{end}", flags)


_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """``text`` holds a digit (``\\d``: of any script). Ten searches for an ASCII digit cost a
    sixth of a regular-expression scan; only text in other scripts needs the scan."""
    if "0" in text or "1" in text or "2" in text or "3" in text or "4" in text or \
            "5" in text or "6" in text or "7" in text or "8" in text or "9" in text:
        return True
    return not text.isascii() and _DIGIT.search(text) is not None
