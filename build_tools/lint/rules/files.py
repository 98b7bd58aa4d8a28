"""FILE: drafts that cannot be read at all."""

from __future__ import annotations

from build_tools.lint.base import FMT, Context, Example, Rule, register
from build_tools.model import Draft


@register
class Unreadable(Rule):
    id = "FILE-01"
    family = "file"
    summary = "The draft can be read: UTF-8 text, not empty, not binary, not too large"
    source = FMT
    needs_model = False
    doc = ("A draft is one UTF-8 Markdown file. Invalid UTF-8, UTF-16, binary data and empty "
           "files cannot be linted; the finding names the first bad line.")
    fail = [Example("en", {"raw": ""})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for p in draft.problems:
            if p.rule == "FILE-READ":
                yield self.finding(draft, p.line, p.message)
