"""Dispositions: reading the words secretariats use, and carrying them in the observation cell.

The ISO template has no disposition column, so DOCX, XLSX and CSV written by Clause put the
disposition at the start of the "Observations of the secretariat" cell::

    Accepted — <observation>            Accepted in principle — <observation>
    Partially accepted — <observation>  Noted — <observation>   Rejected — <observation>

A cell with a disposition and no observation holds the label alone ("Accepted"). A cell with an
observation but no disposition whose text would itself read as a label ("Noted — see 3.2") is
written behind the escape "— ", which `decode_observation` removes; so the encoding is lossless.
"""

from __future__ import annotations

import re

from .model import ACCEPTED, ACCEPTED_IN_PRINCIPLE, NOTED, PARTIALLY_ACCEPTED, REJECTED

LABELS = {
    ACCEPTED: "Accepted",
    ACCEPTED_IN_PRINCIPLE: "Accepted in principle",
    PARTIALLY_ACCEPTED: "Partially accepted",
    NOTED: "Noted",
    REJECTED: "Rejected",
}
SEPARATOR = " — "
ESCAPE = "— "

# Longest phrases first: "accepted" must not win over "accepted in principle".
_EN_WORDS: tuple[tuple[str, str], ...] = (
    (r"accepted\s+in\s+principle", ACCEPTED_IN_PRINCIPLE),
    (r"accepted[\s-]+with\s+modifications?", ACCEPTED_IN_PRINCIPLE),
    (r"(?:partially|partly)[\s-]+accepted|accepted\s+in\s+part", PARTIALLY_ACCEPTED),
    (r"not[\s-]+accepted", REJECTED),
    (r"accepted", ACCEPTED),
    (r"noted", NOTED),
    (r"rejected", REJECTED),
    (r"revised", ACCEPTED_IN_PRINCIPLE),  # IEEE SA: accepted in principle with other text
)
_EN = re.compile(
    r"^\s*(?:" + "|".join(f"({w})" for w, _ in _EN_WORDS) + r")"
    r"(?=\s*(?:[—–:;,.\-]|\n|$))\s*(?:[—–:;,.\-]\s*)?",
    re.IGNORECASE,
)
# GB 处理意见: no separator is required, Chinese runs words together ("采纳，已修改").
_ZH_WORDS: tuple[tuple[str, str], ...] = (
    ("部分采纳", PARTIALLY_ACCEPTED),
    ("原则上采纳", ACCEPTED_IN_PRINCIPLE),
    ("原则采纳", ACCEPTED_IN_PRINCIPLE),
    ("未采纳", REJECTED),
    ("不采纳", REJECTED),
    ("不予采纳", REJECTED),
    ("已采纳", ACCEPTED),
    ("采纳", ACCEPTED),
)
_ZH_REST = re.compile(r"^[\s,.;:，。；：、]+")
# Single-letter codes of an IEEE status cell (D11 maps A/V/J to ACCEPTED/REVISED/REJECTED).
_CODES = {"a": ACCEPTED, "v": ACCEPTED_IN_PRINCIPLE, "j": REJECTED, "r": REJECTED}


def parse_disposition(text: str | None) -> tuple[str | None, str | None]:
    """Split a leading disposition word off a cell: "Accepted. Done" -> ("accepted", "Done").

    Returns (None, text) when the text starts with no disposition word.
    """
    if text is None:
        return None, None
    if m := _EN.match(text):
        index = next(i for i, group in enumerate(m.groups()) if group is not None)
        return _EN_WORDS[index][1], text[m.end() :] or None
    stripped = text.lstrip()
    for word, disposition in _ZH_WORDS:
        if stripped.startswith(word):
            rest = _ZH_REST.sub("", stripped[len(word) :]).strip()
            return disposition, rest or None
    return None, text


def parse_status_cell(text: str | None) -> tuple[str | None, str | None]:
    """A cell of a disposition column (IEEE status, 处理意见): the word, and any text after it."""
    if text is None:
        return None, None
    if text.strip().lower() in _CODES:
        return _CODES[text.strip().lower()], None
    return parse_disposition(text)


def decode_observation(cell: str | None) -> tuple[str | None, str | None]:
    """An ISO observation cell -> (disposition, observation). The inverse of `encode_observation`."""
    if cell is None:
        return None, None
    if cell.startswith(ESCAPE):
        return None, cell[len(ESCAPE) :] or None
    return parse_disposition(cell)


def encode_observation(disposition: str | None, observation: str | None) -> str:
    """(disposition, observation) -> the text of an ISO observation cell."""
    if disposition in LABELS:
        label = LABELS[disposition]
        return f"{label}{SEPARATOR}{observation}" if observation else label
    if disposition:
        # Outside the vocabulary (a YAML typo the checker reports): keep it readable and visible.
        label = disposition
        return f"{label}{SEPARATOR}{observation}" if observation else label
    if not observation:
        return ""
    if decode_observation(observation) != (None, observation):
        return ESCAPE + observation
    return observation
