"""SUB: subclause titles (Directives Part 2, 22.2; GB/T 1.1—2020, 7.3).

A subclause without a title is written as a heading with nothing but its anchor or attributes
(``## {#sec-x}``) or with no text at all (``##``): the parser gives it an empty title, and the
tool still numbers it (5.1, 5.2).
"""

from __future__ import annotations

from collections.abc import Iterator

from build_tools.lint.base import GB, ISO, Context, Example, Finding, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.model import ANNEX, CLAUSE, Clause, Draft

_BODY = PARTS_EN["body"]
_UNTITLED = _BODY.replace("## General", "## {#sec-general}") \
    .replace("## Interfaces", "## {#sec-interfaces}")
# Deeper subclauses without titles, as 22.2 allows: 4.1.1 and 4.1.2 under a titled 4.1.
_DEEP = _BODY.replace("A platform shall provide an avatar for each user.",
                      "### {#sec-avatar-shape}\n\nAn avatar shall have a shape.\n\n"
                      "### {#sec-avatar-name}\n\nAn avatar shall have a name.")


def _titled(clause: Clause) -> bool:
    return bool(clause.title.strip())


def _body_clauses(draft: Draft) -> Iterator[Clause]:
    """Clauses whose subclauses the rules look at: the technical clauses and annexes (the terms
    clause's headings are term entries, not subclauses)."""
    for clause in draft.walk():
        if clause.top.kind in (CLAUSE, ANNEX):
            yield clause


@register
class FirstLevelTitle(Rule):
    id = "SUB-01"
    family = "subclauses"
    severity = "warning"
    summary = "Each first-level subclause (5.1, A.1) has a title"
    source = f"{ISO}, 22.2"
    source_gb = f"{GB}, 7.3"
    doc = "\"Each first-level subclause should preferably be given a title\" (22.2): a " \
          "heading such as '## {#sec-x}' with no text gives 5.1 no title. Deeper subclauses " \
          "may be untitled. A 'should', so a warning."
    fail = [Example("en", {"body": _UNTITLED})]
    passing = [Example("en", {}), Example("en", {"body": _DEEP})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for clause in _body_clauses(draft):
            if clause.level == 2 and not _titled(clause):
                yield self.finding_at_line(draft, clause.line, f"subclause {clause.number} has "
                                           "no title; a first-level subclause should have one")


@register
class UniformTitles(Rule):
    id = "SUB-02"
    family = "subclauses"
    severity = "error"
    summary = "Within a clause, all subclauses of one level have titles, or none has"
    source = f"{ISO}, 22.2"
    source_gb = f"{GB}, 7.3"
    doc = "\"Within a clause or subclause, the use of titles shall be uniform for subclauses " \
          "at the same level\" (22.2): if 5.1 has a title, so does 5.2. The finding is on the " \
          "subclauses that differ from the first one."
    # (An untitled 5.2 beside a titled 5.1 is reported by SUB-01 as well.)
    fail = [Example("en", {"body": _DEEP.replace("### {#sec-avatar-name}",
                                                 "### Name {#sec-avatar-name}")}),
            Example("en", {"body": _DEEP.replace("### {#sec-avatar-shape}",
                                                 "### Shape {#sec-avatar-shape}")})]
    passing = [Example("en", {}), Example("en", {"body": _DEEP})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for clause in _body_clauses(draft):
            children = clause.children
            if len(children) < 2:
                continue
            first = _titled(children[0])
            for child in children[1:]:
                if _titled(child) != first:
                    has = "has a title" if _titled(child) else "has no title"
                    other = "" if first else "out"
                    yield self.finding_at_line(draft, child.line, f"{child.number} {has} but "
                                               f"{children[0].number} is with{other} one: the "
                                               f"subclauses of {clause.label or clause.number} "
                                               "all have titles or none has")
