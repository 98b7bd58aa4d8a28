"""VERB: verbal forms for provisions (Directives Part 2, Clause 7; GB/T 1.1—2020, Annex C)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.i18n import boilerplate as B
from build_tools.i18n.verbal import (
    AND_OR_RE,
    EN_FORBIDDEN,
    ZH_FORBIDDEN,
    possibilities,
    provisions,
)
from build_tools.lint.base import GB, ISO, Context, Example, Rule, mentions, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.model import (
    BIBLIOGRAPHY,
    FOREWORD,
    INTRODUCTION,
    NORMATIVE_REFERENCES,
    SCOPE,
    Block,
    Clause,
    Draft,
)

_KIND_WORD = {"requirement": "requirement", "recommendation": "recommendation",
              "permission": "permission"}
# Quotations are not here: they reproduce another document's words, not this one's provisions.
_CHECKED_KINDS = ("paragraph", "list", "note", "example", "footnote", "definition", "term-note")
# The forbidden Chinese forms and what GB/T 1.1 Annex C writes instead (an unsafe fix: the
# author confirms the sentence still says what was meant).
_ZH_INSTEAD = {"必须": "应", "应当": "应", "不得": "不应", "不可": "不应"}
# The general part of a Foreword as ISO/CS supplies it: its "should", "may", "shall" and "and/or"
# are exempt (boilerplate.EXEMPT_PATTERNS).
_ISO_CS_FOREWORD = (
    "The procedures used to develop this document and those intended for its further "
    "maintenance are described in the ISO/IEC Directives, Part 1. In particular, the different "
    "approval criteria needed for the different types of ISO documents should be noted. This "
    "document was drafted in accordance with the editorial rules of the ISO/IEC Directives, "
    "Part 2 (see [www.iso.org/directives](https://www.iso.org/directives)).\n\n"
    "Attention is drawn to the possibility that some of the elements of this document may be "
    "the subject of patent rights. ISO shall not be held responsible for identifying any or all "
    "such patent rights. Details of any patent rights identified during the development of the "
    "document will be in the Introduction and/or on the ISO list of patent declarations "
    "received (see www.iso.org/patents).\n\n"
    "Any feedback or questions on this document should be directed to the user's national "
    "standards body. A complete listing of these bodies can be found at www.iso.org/members.html.")


REPRODUCED = "reproduced"


def reproduced(clause: Clause) -> bool:
    """A clause whose heading carries ``.reproduced`` (or inside one): a licence, a legal text
    or another body's text given word for word. Its "shall" and "must" are that text's, not
    provisions of this document (docs/LINTING.md)."""
    node: Clause | None = clause
    while node is not None:
        if REPRODUCED in node.classes:
            return True
        node = node.parent
    return False


def own_blocks(draft: Draft) -> list[Block]:
    """The body's blocks written as this document's own text: reproduced clauses left out."""
    flat = draft.memo.get("own_blocks")
    if flat is None:
        if not any(REPRODUCED in c.classes for c in draft.walk()):
            flat = list(draft.blocks())
        else:
            flat = []
            for top in draft.clauses:
                for clause in top.walk():
                    if reproduced(clause):
                        continue
                    flat.extend(clause.blocks)
                    for term in clause.terms:
                        for entry in (term, *term.subterms):
                            flat.extend(entry.blocks)
        draft.memo["own_blocks"] = flat
    return flat


def prose_blocks(draft: Draft) -> Iterator[Block]:
    """The document's own running text: not code, quotations, reproduced clauses or the
    reference lists (their items carry other documents' titles as written)."""
    found = draft.memo.get("prose_blocks")
    if found is None:
        lists = {id(b) for c in draft.clauses if c.kind in (NORMATIVE_REFERENCES, BIBLIOGRAPHY)
                 for b in c.all_blocks()}
        found = draft.memo["prose_blocks"] = [b for b in own_blocks(draft)
                                              if id(b) not in lists and b.is_prose and b.text]
    return iter(found)


_OPEN_QUOTES = "\"'“‘「『"
_CLOSE_QUOTES = "\"'”’」』"


# A quoted phrase starts and ends with a letter: in '"http" and/or "https"' the quotes belong to
# the neighbours, and the "and/or" between them is used.
_BEFORE_QUOTE = re.compile(r"[" + re.escape(_OPEN_QUOTES) + r"](?:[A-Za-z][A-Za-z ]{0,11})?$")
_AFTER_QUOTE = re.compile(r"^(?:[A-Za-z ]{0,11}[A-Za-z])?[" + re.escape(_CLOSE_QUOTES) + "]")


def _mention(text: str, start: int, end: int) -> bool:
    """The word in quotation marks is named, not used: 'The key words "SHALL NOT", "MAY" …
    are to be interpreted as described in BCP 14', 'the verbal form “may” expresses
    permission'. Only a short quoted phrase is a name; a quoted sentence is text."""
    return bool(_BEFORE_QUOTE.search(text[max(start - 13, 0):start])
                and _AFTER_QUOTE.match(text[end:end + 13]))


def _provision_hits(draft: Draft, block: Block,
                    kinds: tuple[str, ...] = ("requirement", "recommendation", "permission"),
                    ) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, word, kind) of each verbal form in the block's prose."""
    text = B.strip_exempt(block.prose) if draft.language == "en" else block.prose
    for hit in provisions(text, draft.language, kinds):
        if not _mention(text, hit.start, hit.end):
            yield hit.start, hit.end, hit.word, hit.kind


def _where(clause: Clause) -> str:
    name = clause.label or clause.title
    # "the Introduction", "the Scope"; a numbered label ("Clause 1") or a Chinese one stays bare.
    return f"the {name}" if name[:1].isupper() and not name[-1:].isdigit() else name


def _informative_message(word: str, kind: str, clause: Clause, lang: str) -> str:
    where = _where(clause)
    message = f"'{word}' ({kind}) in {where}: {where} states no provisions"
    if kind == "permission":
        can = "'可能' or '能'" if lang == "zh" else "'can'"
        message += f"; if it expresses possibility, write {can}"
    return message


@register
class InformativeElements(Rule):
    id = "VERB-01"
    family = "verbal-forms"
    summary = "No provisions (shall/should/may; 应/宜/可) in Foreword, Introduction or Scope"
    source = f"{ISO}, 12.2, 13.2, 14.2"
    source_gb = f"{GB}, 8.3, 8.4, 8.5"
    doc = ("These elements inform; they state no requirement, recommendation or permission. The "
           "Foreword's general part that ISO/CS supplies (the procedures sentence with \"should be "
           "noted\", the patent paragraph, the feedback sentence) is exempt, and so is a clause "
           "marked `.reproduced`. A 'may' that expresses possibility is written 'can'.")
    fail = [Example("en", {"scope": "This document specifies avatars. Platforms shall follow it."}),
            Example("en", {"introduction": "Platforms may store avatars in any format; this "
                           "document defines what they exchange."}),
            Example("zh", {"scope": "本文件界定了术语。平台应遵守本文件。"})]
    passing = [Example("en", {"foreword": _ISO_CS_FOREWORD}),
               Example("en", {"introduction": "Avatars can differ between platforms, which is "
                              "why this document defines them."}),
               Example("zh", {"scope": "本文件界定了应用于元宇宙的术语和定义。"})]

    def check(self, draft: Draft, ctx: Context):
        for clause in draft.clauses:
            if clause.kind not in (FOREWORD, INTRODUCTION, SCOPE):
                continue
            own = {id(b) for b in own_blocks(draft)}
            for block in clause.all_blocks():
                if block.kind not in _CHECKED_KINDS or "VERB-01" in block.suppressed or \
                        id(block) not in own:
                    continue
                for start, end, word, kind in _provision_hits(draft, block):
                    yield self.finding_at(draft, block, start, end, _informative_message(
                        word, kind, clause, draft.language))


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
            if reproduced(clause):
                continue
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
class TechnicalReport(Rule):
    id = "VERB-04"
    family = "verbal-forms"
    summary = "A technical report contains no requirements"
    source = f"{ISO}, 3.1.3 and 7.1"
    doc = ("Technical reports are informative documents throughout, annexes and table cells "
           "included. (In other "
           "documents an informative annex may hold optional requirements, Directives Part 2, "
           "20.2, so no rule looks for them there. For GB drafts neither: RULES-REFERENCE 3.4, "
           "GB-ANX-02, cites no clause of GB/T 1.1—2020 that forbids 应 in a 资料性附录; the "
           "prohibition is one checker's practice.)")
    fail = [Example("en", {"front": PARTS_EN["front"] + "\ndoctype: technical-report"})]
    passing = [Example("en", {"front": PARTS_EN["front"] + "\ndoctype: technical-report",
                              "body": PARTS_EN["body"].replace("shall", "can")})]

    def check(self, draft: Draft, ctx: Context):
        if draft.doctype != "technical-report":
            return
        for clause in draft.walk():
            if reproduced(clause):
                continue
            for block in clause.blocks:
                if block.kind not in ("paragraph", "list", "table"):
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
    if not mentions(draft, keys):
        return
    english = draft.language == "en"
    for block in own_blocks(draft):
        if rule.id in block.suppressed:
            continue
        prose = B.strip_exempt(block.prose) if english else block.prose
        low = prose.lower()
        if not any(k in low for k in keys):
            continue
        for m in combined.finditer(prose):
            if _mention(prose, m.start(), m.end()):
                continue
            advice = table[int(m.lastgroup[1:])][2]
            yield rule.finding_at(draft, block, m.start(), m.end(), advice.format(m.group(0)))


@register
class ForbiddenEnglish(Rule):
    id = "VERB-05"
    family = "verbal-forms"
    summary = "No 'must', 'could', 'might', 'need to' or 'need not'"
    source = f"{ISO}, 7 (Tables 3 to 7)"
    languages = ("en",)
    doc = ("Only the forms of Tables 3 to 7 express provisions. 'must' is for external constraints; "
           "'could' and 'might' become 'can'; negative permissions were removed in 2021. Not "
           "checked: quotations (`>`), a clause marked `.reproduced` (a licence or legal text "
           "given word for word, docs/LINTING.md) and a word named in quotation marks "
           "('the key words \"MUST\", \"SHALL\" …').")
    fail = [Example("en", {"body": PARTS_EN["body"].replace("shall provide an avatar",
                                                             "must provide an avatar")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        table = [(p, w, f"'{{}}' is not a verbal form of the Directives: {a}")
                 for p, w, a in EN_FORBIDDEN]
        yield from _scan(draft, table, self)


@register
class AndOr(Rule):
    id = "VERB-06"
    # House style, not a verbal form: the id stays for configurations that name it.
    family = "style"
    severity = "warning"
    summary = "No 'and/or' (ISO house style)"
    source = f"{ISO}, ISO house style (Clause 7)"
    languages = ("en",)
    doc = ("'and/or' is ambiguous: write 'either x or y, or both'. This is ISO house style, not "
           "a verbal form. The Foreword's patent paragraph that ISO/CS supplies is exempt.")
    fail = [Example("en", {"scope": "This document defines terms for audio and/or video."})]
    passing = [Example("en", {"scope": "This document defines terms for audio or video, or "
                              "both."}),
               Example("en", {"foreword": _ISO_CS_FOREWORD})]

    def check(self, draft: Draft, ctx: Context):
        yield from _scan(draft, [(AND_OR_RE, "and/or", "'{}' (ISO house style): write 'x or y, "
                                  "or both'")], self)


@register
class MayForPossibility(Rule):
    id = "VERB-08"
    family = "verbal-forms"
    severity = "warning"
    summary = "'may' expresses permission only; possibility is 'can' ('may result in' → 'can result in')"
    source = f"{ISO}, 7.5 (Table 6)"
    languages = ("en",)
    doc = ("\"Do not use 'may' instead of 'can'\" for possibility and capability. Reported only "
           "where the words around 'may' cannot grant a permission: 'may result in', 'may lead "
           "to', 'may cause', 'may occur', 'may vary', 'may differ', 'may fail', 'may be due "
           "to', 'may be necessary', 'there may be'; and, to be reworded, 'may or may not', "
           "'may well', 'may have been', 'may no longer', 'may be unable to', 'it may be that'. "
           "'MAY' (the permission keyword of BCP 14), 'May' (the month), a permission such as "
           "'a platform may use its own format', quotations and the ISO/CS fixed texts of the "
           "Foreword are left alone. Such a 'may' is not counted as a permission by VERB-01, "
           "VERB-02 and TERM-04 either. The fix writes 'can' (unsafe: the author confirms the "
           "sentence); where 'can' alone does not fit, the finding asks for a rewording.")
    fail = [Example("en", {"introduction": "Latency above 20 ms may result in motion sickness, "
                           "which is why this document specifies it."},
                    fixed="Latency above 20 ms can result in motion sickness, which is why this "
                    "document specifies it."),
            Example("en", {"body": PARTS_EN["body"] + "\n\nNOTE Results may or may not differ "
                           "between platforms."})]
    passing = [Example("en", {"introduction": "Latency above 20 ms can result in motion "
                              "sickness, which is why this document specifies it."}),
               Example("en", {"body": PARTS_EN["body"] + "\n\nA platform may use its own "
                              "storage format for avatars."})]

    def check(self, draft: Draft, ctx: Context):
        if not mentions(draft, ("may",)):
            return
        for block in own_blocks(draft):
            if self.id in block.suppressed or "may" not in block.prose:
                continue
            text = B.strip_exempt(block.prose)
            reported_to = -1
            for p in possibilities(text):
                if p.phrase_start < reported_to or _mention(text, p.start, p.end):
                    continue
                reported_to = p.phrase_start + len(p.phrase)
                if p.can:
                    yield self.finding_at(draft, block, p.start, p.end, f"'{p.phrase}' expresses "
                                          "possibility: write 'can' ('may' is a permission)",
                                          fix="can", replacement="can", safe=False)
                else:
                    yield self.finding_at(draft, block, p.start, p.end, f"'{p.phrase}' expresses "
                                          "possibility: reword it with 'can' or 'cannot' ('may' "
                                          "is a permission)")


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
        for block in own_blocks(draft):
            if self.id in block.suppressed:
                continue
            prose = block.prose
            for pattern, word, advice in ZH_FORBIDDEN:
                for m in pattern.finditer(prose):
                    if _mention(prose, m.start(), m.end()):
                        continue
                    yield self.finding_at(draft, block, m.start(), m.end(), f"“{word}”：{advice}",
                                          fix=_ZH_INSTEAD[word], replacement=_ZH_INSTEAD[word],
                                          safe=False)
