"""VERB: verbal forms for provisions (Directives Part 2, Clause 7; GB/T 1.1—2020, Annex C)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.i18n import boilerplate as B
from build_tools.i18n.verbal import AND_OR_RE, EN_FORBIDDEN, ZH_FORBIDDEN, provisions
from build_tools.lint.base import GB, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.model import ANNEX, FOREWORD, INTRODUCTION, SCOPE, Block, Clause, Draft

_KIND_WORD = {"requirement": "requirement", "recommendation": "recommendation",
              "permission": "permission"}
# Quotations are not here: they reproduce another document's words, not this one's provisions.
_CHECKED_KINDS = ("paragraph", "list", "note", "example", "footnote", "definition", "term-note")
# The forbidden Chinese forms and what GB/T 1.1 Annex C writes instead (an unsafe fix: the
# author confirms the sentence still says what was meant).
_ZH_INSTEAD = {"必须": "应", "应当": "应", "不得": "不应", "不可": "不应"}


def _provision_hits(draft: Draft, block: Block,
                    kinds: tuple[str, ...] = ("requirement", "recommendation", "permission"),
                    ) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, word, kind) of each verbal form in the block's prose."""
    text = B.strip_exempt(block.prose) if draft.language == "en" else block.prose
    for hit in provisions(text, draft.language, kinds):
        yield hit.start, hit.end, hit.word, hit.kind


def _where(clause: Clause) -> str:
    return clause.label or clause.title


@register
class InformativeElements(Rule):
    id = "VERB-01"
    family = "verbal-forms"
    summary = "No provisions (shall/should/may; 应/宜/可) in Foreword, Introduction or Scope"
    source = f"{ISO}, 12.2, 13.2, 14.2"
    source_gb = f"{GB}, 8.3, 8.4, 8.5"
    doc = ("These elements inform; they state no requirement, recommendation or permission. The "
           "Directives' own patent sentence is exempt.")
    fail = [Example("en", {"scope": "This document specifies avatars. Platforms shall follow it."}),
            Example("zh", {"scope": "本文件界定了术语。平台应遵守本文件。"})]
    passing = [Example("en", {}), Example("zh", {"scope": "本文件界定了应用于元宇宙的术语和定义。"})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.clauses:
            if clause.kind not in (FOREWORD, INTRODUCTION, SCOPE):
                continue
            for block in clause.all_blocks():
                if block.kind not in _CHECKED_KINDS or "VERB-01" in block.suppressed:
                    continue
                for start, end, word, kind in _provision_hits(draft, block):
                    yield self.finding_at(draft, block, start, end, f"'{word}' expresses a {kind} "
                                          f"in {_where(clause)}, which contains no provisions")


@register
class NotesExamples(Rule):
    id = "VERB-02"
    family = "verbal-forms"
    summary = "No provisions in notes, examples and footnotes"
    source = f"{ISO}, 24.5, 25.5, 26.5"
    source_gb = f"{GB}, 9.10, 9.11, 9.12"
    doc = "Notes and examples give information only; a document must be usable without them."
    fail = [Example("en", {"body": PARTS_EN["body"] + "\n\nNOTE Platforms should cache scenes."}),
            Example("zh", {"body": PARTS_ZH["body"] + "\n\n注：平台宜缓存场景。"})]
    passing = [Example("en", {"body": PARTS_EN["body"] + "\n\nNOTE Platforms can cache scenes."}),
               Example("zh", {"body": PARTS_ZH["body"] + "\n\n注：平台能够缓存场景以响应请求。"})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.walk():
            for block in clause.blocks:
                if block.kind in ("note", "example", "footnote") and "VERB-02" not in block.suppressed:
                    for start, end, word, kind in _provision_hits(draft, block):
                        yield self.finding_at(draft, block, start, end, f"'{word}' expresses a "
                                              f"{kind} in a {block.kind}")
            for term in clause.terms:
                for entry in (term, *term.subterms):
                    for block in (*entry.notes, *entry.examples):
                        for start, end, word, kind in _provision_hits(draft, block):
                            where = "note to entry" if "note" in block.kind else "example"
                            yield self.finding_at(draft, block, start, end,
                                                  f"'{word}' expresses a {kind} in a {where}")


@register
class InformativeAnnex(Rule):
    id = "VERB-03"
    family = "verbal-forms"
    summary = "No requirements or recommendations in an informative annex"
    source = f"{ISO}, 20.4"
    source_gb = f"{GB}, 9.6"
    doc = "An informative annex gives additional information; it cannot add provisions."
    fail = [Example("en", {"annexes": "# Use cases {.annex .informative #annex-u}\n\n"
                           "A platform shall log use.",
                           "body": PARTS_EN["body"] + "\n\nSee [](#annex-u)."})]
    passing = [Example("en", {"annexes": "# Use cases {.annex .informative #annex-u}\n\n"
                              "A platform can log use.",
                              "body": PARTS_EN["body"] + "\n\nSee [](#annex-u)."})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.clauses:
            if clause.kind != ANNEX or clause.obligation != "informative":
                continue
            for block in clause.all_blocks():
                if block.kind not in _CHECKED_KINDS or "VERB-03" in block.suppressed:
                    continue
                for start, end, word, kind in _provision_hits(draft, block):
                    if kind != "permission":
                        yield self.finding_at(draft, block, start, end, f"'{word}' expresses a "
                                              f"{kind} in informative {clause.label}")


@register
class TechnicalReport(Rule):
    id = "VERB-04"
    family = "verbal-forms"
    summary = "A technical report contains no requirements"
    source = f"{ISO}, 3.1.3 and 7.1"
    doc = "Technical reports are informative documents throughout."
    fail = [Example("en", {"front": PARTS_EN["front"] + "\ndoctype: technical-report"})]
    passing = [Example("en", {"front": PARTS_EN["front"] + "\ndoctype: technical-report",
                              "body": PARTS_EN["body"].replace("shall", "can")})]

    def check(self, draft: Draft, ctx: Context):
        if draft.doctype != "technical-report":
            return
        for clause in draft.walk():
            for block in clause.blocks:
                if block.kind not in ("paragraph", "list"):
                    continue
                for start, end, word, _ in _provision_hits(draft, block, ("requirement",)):
                    yield self.finding_at(draft, block, start, end,
                                          f"'{word}' expresses a requirement in a technical report")


def _scan(draft: Draft, table, rule: Rule):  # noqa: ANN001
    # One combined pattern per table: a block is scanned once, not once per word.
    combined = re.compile("|".join(f"(?P<w{i}>{p.pattern})" for i, (p, _, _) in enumerate(table)),
                          re.I)
    # Plain substring tests first: most blocks hold none of the words, and re's word-boundary
    # alternation is the slow part of linting.
    keys = {word.split()[0].lower() for _, word, _ in table}
    for block in draft.blocks():
        if rule.id in block.suppressed:
            continue
        prose = block.prose
        low = prose.lower()
        if not any(k in low for k in keys):
            continue
        for m in combined.finditer(prose):
            advice = table[int(m.lastgroup[1:])][2]
            yield rule.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}' is not a "
                                  f"verbal form of the Directives: {advice}")


@register
class ForbiddenEnglish(Rule):
    id = "VERB-05"
    family = "verbal-forms"
    summary = "No 'must', 'could', 'might', 'need to' or 'need not'"
    source = f"{ISO}, 7 (Tables 3 to 7)"
    languages = ("en",)
    doc = ("Only the forms of Tables 3 to 7 express provisions. 'must' is for external constraints; "
           "'could' and 'might' become 'can'; negative permissions were removed in 2021.")
    fail = [Example("en", {"body": PARTS_EN["body"].replace("shall provide an avatar",
                                                             "must provide an avatar")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        yield from _scan(draft, EN_FORBIDDEN, self)


@register
class AndOr(Rule):
    id = "VERB-06"
    family = "verbal-forms"
    severity = "warning"
    summary = "No 'and/or'"
    source = f"{ISO}, ISO house style (Clause 7)"
    languages = ("en",)
    doc = "Write 'either x or y, or both'."
    fail = [Example("en", {"scope": "This document defines terms for audio and/or video."})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        yield from _scan(draft, [(AND_OR_RE, "and/or", "write 'x or y, or both'")], self)


@register
class ForbiddenChinese(Rule):
    id = "VERB-07"
    family = "verbal-forms"
    summary = "不使用“必须”“应当”“不得”“不可”表示要求或禁止"
    source = f"{GB}, Annex C"
    languages = ("zh",)
    doc = "GB/T 1.1—2020 Annex C: requirements use 应 / 不应; 必须, 应当, 不得 and 不可 are not used."
    fail = [Example("zh", {"body": PARTS_ZH["body"].replace("平台应为", "平台必须为")})]
    passing = [Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        for block in draft.blocks():
            if self.id in block.suppressed:
                continue
            prose = block.prose
            for pattern, word, advice in ZH_FORBIDDEN:
                for m in pattern.finditer(prose):
                    yield self.finding_at(draft, block, m.start(), m.end(), f"“{word}”：{advice}",
                                          fix=_ZH_INSTEAD[word], replacement=_ZH_INSTEAD[word],
                                          safe=False)
