"""FILE: drafts that cannot be read at all."""

from __future__ import annotations

from build_tools.lint.base import FMT, Example, Rule, register


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
    # Reported from the parse problems (Rule.problems): the parser finds what cannot be read.


@register
class SuppressionReason(Rule):
    id = "LINT-01"
    family = "file"
    summary = "A lint-ignore comment gives its reason"
    source = FMT
    doc = ("`<!-- lint-ignore RULE-ID: reason -->` on the line before a block suppresses that rule "
           "for that block. Without a reason the comment is ignored and reported, so that every "
           "exception stays explained.")
    fail = [Example("en", {"scope": "<!-- lint-ignore VERB-06 -->\nThis document defines terms."})]
    passing = [Example("en", {"scope": "<!-- lint-ignore VERB-06: quoted from the mandate -->\n"
                              "This document defines terms for audio and/or video."})]
    # Reported from the parse problems (Rule.problems).
