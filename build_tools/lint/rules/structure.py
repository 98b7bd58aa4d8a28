"""STRUCT and NUM: element order, mandatory clauses, subclauses, numbering, titles."""

from __future__ import annotations

import re

from build_tools.lint.base import FMT, GB, ISO, Context, Example, Finding, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.model import (
    ANNEX,
    BIBLIOGRAPHY,
    CLAUSE,
    FOREWORD,
    INTRODUCTION,
    NORMATIVE_REFERENCES,
    SCOPE,
    SYMBOLS,
    TERMS,
    Draft,
    Phrase,
)

_ORDER = {FOREWORD: 0, INTRODUCTION: 1, SCOPE: 2, NORMATIVE_REFERENCES: 3, TERMS: 4, SYMBOLS: 5,
          CLAUSE: 6, ANNEX: 7, BIBLIOGRAPHY: 8}
_NAMES = {FOREWORD: "Foreword", INTRODUCTION: "Introduction", SCOPE: "Scope",
          NORMATIVE_REFERENCES: "Normative references", TERMS: "Terms and definitions",
          SYMBOLS: "Symbols and abbreviated terms", CLAUSE: "a technical clause", ANNEX: "an annex",
          BIBLIOGRAPHY: "Bibliography"}
_BODY = """# Requirements {#sec-requirements}

## General

A platform shall provide an avatar for each user.

## Interfaces

A platform shall provide the interfaces listed in [](#tab-interfaces).

Table: Interfaces of a platform {#tab-interfaces}

| Interface | Purpose |
|---|---|
| Identity | Sign-in of users |"""


@register
class Order(Rule):
    id = "STRUCT-01"
    family = "structure"
    summary = "Elements come in order: Foreword, Introduction, Scope, Normative references, " \
              "Terms, clauses, annexes, Bibliography"
    source = f"{ISO}, 6.1 and Table 2"
    source_gb = f"{GB}, 6.2 and Table 1"
    doc = "Scope is Clause 1, Normative references Clause 2, Terms and definitions Clause 3; " \
          "annexes follow the clauses and the Bibliography comes last."
    fail = [Example("en", {"body": "# Bibliography\n\n- IEEE 2048, *Metaverse*\n\n" + _BODY,
                           "bibliography": ""})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        last = -1
        last_kind = None
        for clause in draft.clauses:
            rank = _ORDER.get(clause.kind, 6)
            if rank < last:
                yield self.finding_at_line(draft, clause.line,
                                   f"{clause.title!r} ({_NAMES[clause.kind]}) comes after "
                                   f"{_NAMES[last_kind]}" if last_kind else clause.title)
            else:
                last, last_kind = rank, clause.kind
        expected = {SCOPE: "1", NORMATIVE_REFERENCES: "2", TERMS: "3"}
        for clause in draft.clauses:
            want = expected.get(clause.kind)
            if want and clause.number != want:
                yield self.finding_at_line(draft, clause.line, f"{_NAMES[clause.kind]} must be Clause "
                                   f"{want}, not Clause {clause.number}")


@register
class Mandatory(Rule):
    id = "STRUCT-02"
    family = "structure"
    summary = "Foreword, Scope, Normative references and Terms and definitions are present"
    source = f"{ISO}, 12, 14, 15, 16"
    source_gb = f"{GB}, 8.3, 8.5, 8.6, 8.7"
    doc = "These elements are mandatory even when they only carry boilerplate."
    fail = [Example("en", {"raw": "---\n" + PARTS_EN["front"] + "\n---\n# Scope\n\n"
                           "This document defines terms used in metaverse standards.\n"})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        if draft.fatal or not (draft.clauses or draft.preamble):
            return
        kinds = {c.kind for c in draft.clauses}
        for kind in (FOREWORD, SCOPE, NORMATIVE_REFERENCES, TERMS):
            if kind not in kinds:
                title = _NAMES[kind] if draft.language == "en" else {
                    FOREWORD: "前言", SCOPE: "范围", NORMATIVE_REFERENCES: "规范性引用文件",
                    TERMS: "术语和定义"}[kind]
                line = draft.clauses[0].line if draft.clauses else draft.meta_end + 1
                yield self.finding_at_line(draft, line, f"the mandatory clause '{title}' is missing")


@register
class NoSubclauses(Rule):
    id = "STRUCT-03"
    family = "structure"
    summary = "Foreword, Scope and Normative references have no subclauses"
    source = f"{ISO}, 12.4, 14.4, 15.4"
    source_gb = f"{GB}, 8.5, 8.6"
    doc = "These elements are short and are never subdivided."
    fail = [Example("en", {"scope": "## Subject\n\nThis document defines terms.\n\n"
                           "## Application\n\nIt applies to metaverse standards."})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.clauses:
            if clause.kind in (FOREWORD, SCOPE, NORMATIVE_REFERENCES) and clause.children:
                child = clause.children[0]
                yield self.finding_at_line(draft, child.line,
                                   f"'{clause.title}' must not have subclauses ('{child.title}')")


@register
class TechnicalClause(Rule):
    id = "STRUCT-04"
    family = "structure"
    summary = "At least one technical clause follows Terms and definitions"
    source = f"{ISO}, 6.1"
    source_gb = f"{GB}, 8.9"
    doc = "A standard has technical content after Clause 3 (a vocabulary has its terms instead)."
    fail = [Example("en", {"body": "", "terms": "No terms and definitions are listed in this "
                           "document.", "normrefs": "There are no normative references in this "
                           "document."})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        terms = draft.find(TERMS)
        if draft.fatal or terms is None:
            return
        if not any(c.kind == CLAUSE for c in draft.clauses) and not terms.terms:
            yield self.finding_at_line(draft, terms.line, "no technical clause follows Terms and definitions")


@register
class AnnexObligation(Rule):
    id = "STRUCT-05"
    family = "structure"
    summary = "Every annex says whether it is normative or informative"
    source = f"{ISO}, 20.2"
    source_gb = f"{GB}, 8.12 and 9.6"
    doc = "Write `# Title {.annex .normative}` or `{.annex .informative}`."
    fail = [Example("en", {"annexes": "# Use cases {.annex #annex-uses}\n\nSee [](#annex-uses).",
                           "body": _BODY + "\n\nUse cases are given in [](#annex-uses)."})]
    passing = [Example("en", {"annexes": "# Use cases {.annex .informative #annex-uses}\n\n"
                              "Use cases are described here.",
                              "body": _BODY + "\n\nUse cases are given in [](#annex-uses)."})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.clauses:
            if clause.kind == ANNEX and not clause.obligation_stated:
                yield self.finding_at_line(draft, clause.line,
                                   f"annex '{clause.title}' needs .normative or .informative",
                                   fix="{.annex .informative}")


@register
class AnnexCited(Rule):
    id = "STRUCT-06"
    family = "structure"
    summary = "Every annex is cited in the text"
    source = f"{ISO}, 20.2"
    source_gb = f"{GB}, 9.6"
    doc = "Each annex is referred to from the text, e.g. 'see [](#annex-uses)'."
    fail = [Example("en", {"annexes": "# Use cases {.annex .informative #annex-uses}\n\nText."})]
    passing = [Example("en", {"annexes": "# Use cases {.annex .informative #annex-uses}\n\nText.",
                              "body": _BODY + "\n\nUse cases are given in [](#annex-uses)."})]

    def check(self, draft: Draft, ctx: Context):
        cited = {x.target for x in draft.xrefs}
        for clause in draft.clauses:
            if clause.kind != ANNEX:
                continue
            own = {c.anchor for c in clause.walk()}
            external = {x.target for x in draft.xrefs
                        if not (clause.line <= x.line <= _end(draft, clause))}
            if clause.anchor not in external and not (own & cited - own) and \
                    not _text_mentions(draft, clause):
                yield self.finding_at_line(draft, clause.line,
                                   f"{clause.label} ('{clause.title}') is not cited in the text")


def _end(draft: Draft, clause) -> int:  # noqa: ANN001
    idx = draft.clauses.index(clause)
    if idx + 1 < len(draft.clauses):
        return draft.clauses[idx + 1].line - 1
    return 10**9


def _text_mentions(draft: Draft, annex) -> bool:  # noqa: ANN001
    needle = re.compile(rf"(?:Annex\s+{annex.number}\b|附录{annex.number}(?![A-Z]))")
    for clause in draft.clauses:
        if clause is annex:
            continue
        for block in clause.all_blocks():
            if needle.search(block.text):
                return True
    return False


@register
class HeadingLevels(Rule):
    id = "NUM-01"
    family = "numbering"
    summary = "Headings go down one level at a time, starting from '#'"
    source = f"{ISO}, 22.3"
    source_gb = f"{GB}, 7.3"
    doc = "A '###' subclause sits inside a '##' subclause; skipping a level breaks the numbering."
    fail = [Example("en", {"body": "# Requirements {#sec-requirements}\n\n## General\n\n"
                           "A platform shall provide an avatar for each user.\n\n"
                           "## Interfaces\n\n#### Identity\n\nA platform shall offer sign-in.\n\n"
                           "#### Rendering\n\nA platform shall display scenes."})]
    passing = [Example("en", {})]

    # Reported from the parse problems (Rule.problems): the parser sees the levels.


@register
class LoneSubclause(Rule):
    id = "NUM-02"
    family = "numbering"
    summary = "No lone subclause: a 5.1 needs a 5.2"
    source = f"{ISO}, 22.3.3"
    source_gb = f"{GB}, 7.3"
    doc = "A clause is subdivided only into two or more subclauses."
    fail = [Example("en", {"body": "# Requirements\n\n## General\n\nA platform shall work."})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.walk():
            if len(clause.children) == 1:
                child = clause.children[0]
                yield self.finding_at_line(draft, child.line,
                                   f"{child.number or child.title} is the only subclause of "
                                   f"{clause.number or clause.title}")


@register
class Hanging(Rule):
    id = "NUM-03"
    family = "numbering"
    summary = "No hanging paragraph between a clause heading and its first subclause"
    source = f"{ISO}, 22.3.3"
    source_gb = f"{GB}, 7.4"
    doc = "Text directly under a subdivided clause cannot be referred to unambiguously; move it " \
          "into a subclause such as 'General'."
    fail = [Example("en", {"body": _BODY.replace("## General", "This clause has text.\n\n## General")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.walk():
            if clause.children and clause.kind not in (FOREWORD, INTRODUCTION, BIBLIOGRAPHY):
                content = [b for b in clause.blocks if b.kind not in ("html",)]
                if content:
                    yield self.finding_at(draft, content[0], 0, 0,
                                       f"hanging paragraph in {clause.number or clause.title}: "
                                       "move the text into a subclause")


@register
class FullStopTitle(Rule):
    id = "NUM-04"
    family = "numbering"
    summary = "Titles and captions have no final full stop"
    source = f"{ISO}, 22.2 (ISO house style)"
    source_gb = f"{GB}, 7.3"
    doc = "Clause titles, table captions and figure titles end without '.' or '。'."
    fail = [Example("en", {"body": _BODY.replace("## General", "## General.")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.walk():
            if clause.title.rstrip().endswith((".", "。")) and not clause.title.endswith("..."):
                yield self._stop(draft, clause.title_phrase, clause.line,
                                 f"title '{clause.title}' ends with a full stop",
                                 clause.title.rstrip(".。"))
        for table in draft.tables:
            if table.caption.endswith((".", "。")):
                yield self._stop(draft, table.caption_phrase, table.caption_line or table.line,
                                 f"caption '{table.caption}' ends with a full stop",
                                 table.caption.rstrip(".。"))
        for fig in draft.figures:
            if fig.title.endswith((".", "。")):
                yield self._stop(draft, fig.title_phrase, fig.line,
                                 f"figure title '{fig.title}' ends with a full stop",
                                 fig.title.rstrip(".。"))

    def _stop(self, draft: Draft, phrase: Phrase | None, line: int, message: str, fixed: str,
              ) -> Finding:
        """At the final full stops of a title, with the edit that removes them."""
        text = phrase.prose.rstrip() if phrase is not None else ""
        if phrase is None or not text or not phrase.map.starts:
            return self.finding_at_line(draft, line, message, fix=fixed)
        start = len(text.rstrip(".。"))
        return self.finding_at(draft, phrase, start, len(text), message, fix=fixed,
                               replacement="")


def _at_phrase(rule: Rule, draft: Draft, phrase: Phrase | None, line: int, message: str,
               ) -> Finding:
    if phrase is not None and phrase.map.starts:
        return rule.finding_at(draft, phrase, 0, 0, message)
    return rule.finding_at_line(draft, line, message)


_HAND_NUMBER = re.compile(r"^(?:(?:Clause|Annex|第)\s*)?(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)\.?\s+\S")
_HAND_CAPTION = re.compile(r"^(?:Table|Figure|表|图)\s*[A-Z]?\.?\d+(?:\.\d+)?\s*(?:[—–-]|\s)")


@register
class HandNumbered(Rule):
    id = "NUM-05"
    family = "numbering"
    summary = "Headings, captions and figure titles are not numbered by hand"
    source = FMT
    doc = "The tool numbers clauses, tables and figures; a typed number goes wrong at the next edit."
    fail = [Example("en", {"body": _BODY.replace("## General", "## 4.1 General")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.walk():
            if _HAND_NUMBER.match(clause.title):
                yield self.finding_at_line(draft, clause.line,
                                   f"heading '{clause.title}' is numbered by hand; the tool numbers it")
        for term in draft.terms:
            if _HAND_NUMBER.match(term.preferred):
                yield self.finding_at_line(draft, term.line,
                                   f"term '{term.preferred}' is numbered by hand; the tool numbers it")
        for table in draft.tables:
            if _HAND_CAPTION.match(table.caption):
                yield _at_phrase(self, draft, table.caption_phrase, table.caption_line,
                                 f"caption '{table.caption}' has a typed number")
        for fig in draft.figures:
            if _HAND_CAPTION.match(fig.title):
                yield _at_phrase(self, draft, fig.title_phrase, fig.line,
                                 f"figure title '{fig.title}' has a typed number")
