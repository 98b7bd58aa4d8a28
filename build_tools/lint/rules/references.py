"""REF and BOIL: boilerplate of Clauses 2 and 3, citations, identifiers."""

from __future__ import annotations

import difflib
import re

from build_tools.i18n import boilerplate as B
from build_tools.i18n.refs import IDENT_RE, base_ident, citation_key, is_gb_family
from build_tools.lint.base import GB, ISO, Context, Example, Finding, Rule, mentions, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.lint.rules.quantities import digit_texts
from build_tools.lint.rules.verbal import own_blocks
from build_tools.model import (
    NORMATIVE_REFERENCES,
    TERMS,
    Block,
    Citation,
    Clause,
    Draft,
    Reference,
)


def _paragraphs(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind == "paragraph"]


def _at_reference(rule: Rule, draft: Draft, ref: Reference, message: str) -> Finding:
    """A finding about a reference-list item: at the first character of its text."""
    if ref.phrase is not None and ref.phrase.map.starts:
        return rule.finding_at(draft, ref.phrase, 0, 0, message)
    return rule.finding_at_line(draft, ref.line, message)


def _difference(found: str, expected: str) -> str:
    """Where a paragraph departs from the fixed text, in words: 'has "…" where the fixed text
    has "…"' for the first difference (a reader fixes one at a time)."""
    zh = not expected.isascii()
    a = list(found) if zh else found.split()
    b = list(expected) if zh else expected.split()
    join = "".join if zh else " ".join
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        # A word of context either side, so the place can be found in the draft.
        ctx_a = join(a[max(i1 - 2, 0):i2 + 2])
        ctx_b = join(b[max(j1 - 2, 0):j2 + 2])
        if op == "delete":
            return f"the draft adds \"{join(a[i1:i2])}\" in \"{ctx_a}\""
        if op == "insert":
            return f"the draft lacks \"{join(b[j1:j2])}\" (\"{ctx_b}\")"
        return f"the draft has \"{ctx_a}\" where the fixed text has \"{ctx_b}\""
    return "the text differs"


def _lists_references(clause: Clause) -> bool:
    """Clause 2 lists documents: as a list, or (the GB layout) as paragraphs that each start
    with an identifier."""
    return bool(clause.references) or any(
        IDENT_RE.match(b.text.strip()) for b in _paragraphs(clause.blocks)[1:])


@register
class NormRefBoilerplate(Rule):
    id = "BOIL-01"
    family = "references"
    summary = "Clause 2 opens with the exact boilerplate (or says there are no references)"
    source = f"{ISO}, 15.5.1"
    source_gb = f"{GB}, 8.6"
    doc = ("The lead text of Normative references is fixed, word for word. Compared as a reader "
           "sees it: white space, line breaks, emphasis and the link around an address aside. "
           "When the lead differs, the message gives the fixed text and the first difference.")
    fail = [Example("en", {"normrefs": "These documents are needed.\n\n- ISO/IEC 2382:2015, "
                           "*Information technology — Vocabulary*"}),
            Example("zh", {"normrefs": "下列文件适用于本文件。\n\n- GB/T 5271.1—2000 信息技术 词汇"})]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        clause = draft.find(NORMATIVE_REFERENCES)
        if clause is None:
            return
        rules = draft.rules
        paras = _paragraphs(clause.blocks)
        listed = _lists_references(clause)
        expected = B.NORMREF_LEAD[rules] if listed else B.NORMREF_NONE[rules]
        found = B.normalise(paras[0].text) if paras else ""
        if found != B.normalise(expected):
            if not paras:
                message = f"Clause 2 must open with the exact text: \"{expected}\""
            elif listed:
                message = (f"the lead of Clause 2 differs from the fixed text \"{expected}\": "
                           f"{_difference(found, B.normalise(expected))}")
            else:
                message = (f"Clause 2 lists no document, so it reads exactly: \"{expected}\"")
            yield (self.finding_at(draft, paras[0], 0, 0, message, fix=expected) if paras
                   else self.finding_at_line(draft, clause.line, message, fix=expected))
        for extra in paras[1:]:
            if IDENT_RE.match(extra.text.strip()):
                continue
            yield self.finding_at(draft, extra, 0, 0, "Clause 2 holds only the boilerplate and "
                                  "the list of references")


@register
class TermsBoilerplate(Rule):
    id = "BOIL-02"
    family = "references"
    summary = "Clause 3 opens with one of the exact leads (and, in ISO, the terminology databases)"
    source = f"{ISO}, 16.5.2"
    source_gb = f"{GB}, 8.7.1"
    doc = "One of the four fixed leads; ISO drafts follow it with the paragraph on the ISO OBP and " \
          "IEC Electropedia databases."
    fail = [Example("en", {"terms": PARTS_EN["terms"].replace("For the purposes of this document",
                                                              "In this document")}),
            Example("zh", {"terms": PARTS_ZH["terms"].replace("界定的以及下列", "和下列")})]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        clause = draft.find(TERMS)
        if clause is None:
            return
        rules = draft.rules
        paras = _paragraphs(clause.blocks)
        if not paras or not B.terms_lead_matches(paras[0].text, rules):
            message = ("Clause 3 must open with one of the exact leads, e.g. "
                       f"\"{B.TERMS_LEADS[rules][0]}\"")
            yield (self.finding_at(draft, paras[0], 0, 0, message) if paras
                   else self.finding_at_line(draft, clause.line, message))
        if rules == "iso" and not B.normalise(paras[0].text if paras else "").startswith("No terms"):
            db = [b for b in paras[1:2] if B.normalise(b.text) == B.normalise(B.TERMS_DB)]
            lists = [b for b in clause.blocks if b.kind == "list"]
            items_ok = bool(lists) and [B.normalise(i.text) for i in lists[0].items] == \
                [B.normalise(t) for t in B.TERMS_DB_ITEMS]
            if not db or not items_ok:
                message = ("the lead must be followed by the terminology database paragraph: "
                           f"\"{B.TERMS_DB}\" and its two items")
                yield (self.finding_at(draft, paras[1], 0, 0, message) if len(paras) > 1
                       else self.finding_at_line(draft, clause.line, message))


@register
class DraftingBasis(Rule):
    id = "BOIL-03"
    family = "references"
    severity = "warning"
    summary = "The Foreword states the drafting rules the document follows"
    source = f"{ISO}, 12.3 (BOIL-05)"
    source_gb = f"{GB}, 8.3"
    doc = "ISO: \"This document was drafted in accordance with the editorial rules of the ISO/IEC " \
          "Directives, Part 2 …\"; GB: the exact sentence citing GB/T 1.1—2020 opens the 前言."
    fail = [Example("en", {"foreword": "This document was prepared by WG 1."}),
            Example("zh", {"foreword": "本文件由工作组提出。"}, also=("GB-04",))]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        from build_tools.model import FOREWORD

        clause = draft.find(FOREWORD)
        if clause is None:
            return
        want = B.normalise(B.DRAFTING_BASIS[draft.rules])
        paras = _paragraphs(clause.blocks)
        texts = [B.normalise(p.text) for p in paras]
        if draft.rules == "gb":
            ok = bool(texts) and texts[0].startswith(want)
        else:
            ok = any(B.DRAFTING_BASIS_RE.search(t) for t in texts)
        if not ok:
            message = f"the Foreword must state: \"{B.DRAFTING_BASIS[draft.rules]}\""
            yield (self.finding_at(draft, paras[0], 0, 0, message) if paras
                   else self.finding_at_line(draft, clause.line, message))


def cited(draft: Draft) -> list[Citation]:
    """Documents cited in the document's own prose: not in the reference lists, not in
    quotations or code (their prose is blank), not in a reproduced clause."""
    if "cited" in draft.memo:
        return draft.memo["cited"]
    own = {id(b) for b in own_blocks(draft)}
    out = [c for c in draft.citations if not c.in_list and c.block is not None and id(c.block) in own]
    draft.memo["cited"] = out
    return out


def _xref_targets(draft: Draft) -> set[str]:
    return {x.target for x in draft.xrefs}


@register
class NormRefCited(Rule):
    id = "REF-01"
    family = "references"
    summary = "Every normative reference is cited in the text"
    source = f"{ISO}, 15.5.2"
    source_gb = f"{GB}, 8.6"
    doc = ("Only documents referred to normatively in the text are listed in Clause 2. A document "
           "is one document however it is written: 'IETF RFC 9110' in the list is cited by "
           "'RFC 9110' or 'RFC-9110'; 'ISO 8601-1:2019' by 'ISO 8601-1'; 'GB/T 35273—2020' by "
           "'GB/T 35273', next to Chinese characters or not.")
    fail = [Example("en", {"normrefs": PARTS_EN["normrefs"] + "\n- ISO 8601-1:2019, *Date and time*"})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        keys = {c.key for c in cited(draft)}
        xrefs = _xref_targets(draft)
        for ref in draft.references(normative=True):
            if not IDENT_RE.match(ref.ident):
                continue  # not an identifier: REF-05 reports the item
            if citation_key(ref.ident) not in keys and (ref.anchor is None or ref.anchor not in xrefs):
                yield _at_reference(self, draft, ref, f"normative reference {ref.ident} is not "
                                    "cited in the text")


@register
class CitedListed(Rule):
    id = "REF-02"
    family = "references"
    summary = "Every document cited in the text is listed in Clause 2 or the Bibliography"
    source = f"{ISO}, 10.2 and 21"
    source_gb = f"{GB}, 8.6 and 8.13"
    doc = ("A reader must be able to find every cited document. Identifiers compare as one "
           "document however written (see REF-01).")
    fail = [Example("en", {"body": PARTS_EN["body"] + "\n\nScenes follow ISO/IEC 23090-14."})]
    passing = [Example("en", {"body": PARTS_EN["body"] + "\n\nScenes follow ISO/IEC 23090-14.",
                              "bibliography": PARTS_EN["bibliography"] +
                              "\n- ISO/IEC 23090-14:2025, *Scene description*"})]

    def check(self, draft: Draft, ctx: Context):
        # A document named anywhere in a list item is listed, even where the item does not
        # start with its identifier (REF-05 reports that).
        listed = {citation_key(r.ident) for r in draft.references()}
        listed |= {c.key for c in draft.citations if c.in_list}
        own = citation_key(draft.id) if draft.id else ""
        seen: set[str] = set()
        drafting_rules = (citation_key("GB/T 1.1"), citation_key("ISO/IEC Directives"))
        for cite in cited(draft):
            key = cite.key
            if key in listed or key == own or key in seen or key in drafting_rules:
                continue
            seen.add(key)
            yield self.finding_at(draft, cite.block, cite.start, cite.end, f"{cite.ident} is "
                                  "cited but listed neither in Normative references nor in the "
                                  "Bibliography")


_GB_HYPHEN_YEAR = re.compile(r"\b((?:GB/T|GB/Z|GB|SJ/T|YD/T|GA/T|T/[A-Z]{2,6})\s?\d+(?:\.\d+)*)"
                             r"([-:–])((?:19|20)\d\d)\b")


@register
class GbYearDash(Rule):
    id = "REF-03"
    family = "references"
    summary = "GB identifiers put '—' before the year (GB/T 1.1—2020)"
    source = f"{GB}, 9.5.4"
    doc = "Chinese standard numbers use the em dash (一字线) between number and year, never '-' or ':'."
    fail = [Example("zh", {"normrefs": PARTS_ZH["normrefs"].replace("5271.1—2000", "5271.1-2000")})]
    passing = [Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        if not mentions(draft, ("/t", "gb", "t/")):
            return
        for item in digit_texts(draft):  # the year is digits: no other block can hold one
            block = item.block
            prose = block.prose
            if "/T" not in prose and "GB" not in prose and "T/" not in prose:
                continue
            for m in _GB_HYPHEN_YEAR.finditer(prose):
                fixed = f"{m.group(1)}—{m.group(3)}"
                yield self.finding_at(draft, block, m.start(2), m.end(2),
                                      f"'{m.group(0)}' must read '{fixed}'", fix=fixed,
                                      replacement="—")


_YEAR_AFTER = re.compile(r"^[:—–-](?:19|20)\d\d\b")
_SPECIFIC = re.compile(r"^\s*,?\s*(?:(?:Clause|Subclause|Annex|Table|Figure)\s+[A-Z0-9]|"
                       r"\d+(?:\.\d+)+\b|第\s*\d+\s*章|附录[A-Z]|表\s*\d|图\s*\d)")


@register
class UndatedSpecific(Rule):
    id = "REF-04"
    family = "references"
    summary = "An undated reference does not point to a specific clause, table or figure"
    source = f"{ISO}, 10.4"
    source_gb = f"{GB}, 9.5.4.2"
    doc = ("Only a dated reference may cite a part of a document: 'ISO/IEC 2382:2015, 2121319'. "
           "An RFC is not revised in place (a new text gets a new number), so 'RFC 9110, 5.2' is "
           "a dated reference.")
    fail = [Example("en", {"body": PARTS_EN["body"] + "\n\nIdentity follows ISO/IEC 2382, Clause 3."})]
    passing = [Example("en", {"body": PARTS_EN["body"] +
                              "\n\nIdentity follows ISO/IEC 2382:2015, Clause 3."})]

    def check(self, draft: Draft, ctx: Context):
        for cite in cited(draft):
            ident, after = cite.ident, cite.following
            if cite.key.startswith("RFC") or base_ident(ident) != ident.strip():
                continue
            if _YEAR_AFTER.match(after) or not _SPECIFIC.match(after):
                continue
            yield self.finding_at(draft, cite.block, cite.start, cite.end, f"undated "
                                  f"reference {ident} points to "
                                  f"'{after.strip().split(' ', 2)[0:2][-1]}': add the year")


@register
class ReferenceItem(Rule):
    id = "REF-05"
    family = "references"
    summary = "Reference list items start with a document identifier"
    source = f"{ISO}, 15.5.3 and 21.4"
    source_gb = f"{GB}, 8.6"
    doc = "Each item of Normative references starts with the identifier ('ISO/IEC 2382:2015, " \
          "*Title*'; zh 'GB/T 5271.1—2000 标题')."
    fail = [Example("en", {"normrefs": PARTS_EN["normrefs"].replace(
        "- ISO/IEC 2382:2015, *Information technology — Vocabulary*",
        "- *Information technology — Vocabulary* (ISO/IEC 2382:2015)")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for ref in draft.references(normative=True):
            if not IDENT_RE.match(ref.ident):
                yield _at_reference(self, draft, ref, f"reference '{ref.source[:60]}' does not "
                                    "start with a document identifier")
            elif draft.rules == "gb" and is_gb_family(ref.ident) and "《" in ref.title:
                yield _at_reference(self, draft, ref, "titles in the GB reference list are not "
                                    "enclosed in 《》")


@register
class ThisDocument(Rule):
    id = "REF-06"
    family = "references"
    severity = "warning"
    summary = "The document calls itself 'this document' (zh '本文件')"
    source = f"{ISO}, 10.6"
    source_gb = f"{GB}, 9.5.4 (本文件)"
    doc = "Not 'this standard', 'this International Standard' or 'this specification'; in " \
          "Chinese not 本标准."
    fail = [Example("en", {"scope": "This standard defines terms used in metaverse standards."}),
            Example("zh", {"scope": "本标准界定了元宇宙标准中使用的术语和定义。"})]
    passing = [Example("en", {}), Example("zh", {})]
    def check(self, draft: Draft, ctx: Context):
        zh = draft.language == "zh"
        pattern = B.SELF_NAME_ZH if zh else B.SELF_NAME_EN
        # Every English match holds one of these (the pattern's spaces are single spaces).
        if not mentions(draft, ("本标准", "本规范") if zh else (
                "this standard", "this specification", "this technical", "this international")):
            return
        for block in own_blocks(draft):
            prose = block.prose
            if zh:
                if "本标准" not in prose and "本规范" not in prose:
                    continue
            elif "this" not in prose.lower():
                continue
            text = B.strip_exempt(prose)
            for m in pattern.finditer(text):
                # Unsafe: the sentence around it may need another word once it says "document".
                instead = "本文件" if zh else m.group(0).split()[0] + " document"
                yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}': write "
                                      f"{'本文件' if zh else 'this document'}", fix=instead,
                                      replacement=instead, safe=False)
