"""NOTE and EX: numbering of notes and examples within one subdivision."""

from __future__ import annotations

from build_tools.lint.base import GB, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.model import Block, Draft

_BODY = PARTS_EN["body"]


def _numbering(blocks: list[Block], kind: str, zh: bool) -> list[tuple[Block, str]]:
    items = [b for b in blocks if b.kind == kind]
    out: list[tuple[Block, str]] = []
    if zh:
        out += [(b, f"'{b.label}' uses an ASCII colon; GB labels end with a full-width colon")
                for b in items if b.label.endswith(":")]
    word = {"note": "注" if zh else "NOTE", "example": "示例" if zh else "EXAMPLE"}[kind]
    if len(items) == 1 and items[0].number is not None:
        out.append((items[0], f"a single {word.lower() if not zh else word} is not numbered"))
    elif len(items) > 1:
        for i, block in enumerate(items, 1):
            if block.number != i:
                shown = f"{word} {i}" if not zh else f"{word}{i}："
                out.append((block, f"expected '{shown}' here ({len(items)} in this subdivision)"))
    return out


def _label(block: Block) -> tuple[int, int]:
    """Where the label ("NOTE 2", "示例1：") is written in a note's or an example's text."""
    text = block.text
    lead = len(text) - len(text.lstrip())
    if block.label and text.startswith(block.label, lead):
        return lead, lead + len(block.label)
    return 0, 0


class _Numbering(Rule):
    kind = "note"

    def check(self, draft: Draft, ctx: Context):
        zh = draft.language == "zh"
        for clause in draft.walk():
            for block, message in _numbering(clause.blocks, self.kind, zh):
                yield self.finding_at(draft, block, *_label(block), message)
        if self.kind == "example":
            for term in draft.terms:
                for block, message in _numbering(term.examples, "example", zh):
                    yield self.finding_at(draft, block, *_label(block), message)


@register
class NoteNumbers(_Numbering):
    id = "NOTE-01"
    family = "notes-examples"
    summary = "Several notes in one subdivision are NOTE 1, NOTE 2 …; a single note is unnumbered"
    source = f"{ISO}, 24.2"
    source_gb = f"{GB}, 9.11"
    doc = "Numbering restarts in each subdivision; zh '注：' alone, '注1：', '注2：' when several."
    kind = "note"
    fail = [Example("en", {"body": _BODY + "\n\nNOTE One.\n\nNOTE Two."})]
    passing = [Example("en", {"body": _BODY + "\n\nNOTE 1 One.\n\nNOTE 2 Two."})]


@register
class ExampleNumbers(_Numbering):
    id = "EX-01"
    family = "notes-examples"
    summary = "Several examples in one subdivision are EXAMPLE 1, EXAMPLE 2 …; a single one is unnumbered"
    source = f"{ISO}, 25.2"
    source_gb = f"{GB}, 9.10"
    doc = "Same numbering principle as notes; zh '示例：' alone, '示例1：' when several."
    kind = "example"
    fail = [Example("en", {"body": _BODY + "\n\nEXAMPLE 1 A single example."})]
    passing = [Example("en", {"body": _BODY + "\n\nEXAMPLE A single example."})]
