"""REF-07 to REF-11: how the text refers to normative elements, and what the reference lists
must say of a document (Directives Part 2, 10.2, 10.4, 15.5 and 20.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.i18n.refs import IDENT_RE, base_ident, citation_key
from build_tools.lint.base import ISO, Context, Example, Finding, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.lint.rules.references import cited
from build_tools.lint.rules.verbal import own_blocks
from build_tools.model import (
    ANNEX,
    CLAUSE,
    FOOTNOTE_REF,
    NORMATIVE_REFERENCES,
    TERMS,
    Block,
    Clause,
    Draft,
    Reference,
)

_BODY = PARTS_EN["body"]
_NORMREFS = PARTS_EN["normrefs"]
_SENTENCE = "A platform shall provide an avatar for each user."
_SEE = re.compile(r"\b[Ss]ee(?:\s+also)?\s+$")
_ANNEX = """# Latency test method {.annex .normative #annex-latency}

The motion-to-photon latency is measured with a photodiode on the display."""


def _body(sentence: str) -> str:
    return _BODY.replace(_SENTENCE, sentence)


def normative_text(draft: Draft) -> dict[int, Clause]:
    """The blocks that state provisions, by id, with their clause: paragraphs, lists and tables
    of the technical clauses and normative annexes (not notes, examples or footnotes, which
    are informative, nor the Foreword, Introduction, Scope, the reference lists, the terms or
    an informative annex)."""
    found = draft.memo.get("normative_text")
    if found is None:
        own = {id(b) for b in own_blocks(draft)}
        found = {}
        for clause in draft.walk():
            top = clause.top
            if clause.informative or top.kind in (NORMATIVE_REFERENCES, TERMS):
                continue
            for block in clause.blocks:
                if block.kind in ("paragraph", "list", "table") and id(block) in own:
                    found[id(block)] = clause
        draft.memo["normative_text"] = found
    return found


@register
class SeeNormativeReference(Rule):
    id = "REF-07"
    family = "references"
    severity = "warning"
    summary = "A normative reference is not cited with 'see' in a provision"
    source = f"{ISO}, 15.5.3"
    languages = ("en",)
    doc = ("'see' makes a reference informative: 'see ISO 712' points the reader to a document "
           "without requiring anything of it, which contradicts its place in Clause 2. Write "
           "'in accordance with ISO 712', 'as specified in ISO 712' or 'given in ISO 712'; if "
           "the document is only for information, list it in the Bibliography (metanorma-iso: "
           "\"'see' is pointing to a normative reference\"). Notes, examples and footnotes are "
           "informative, so a 'see' there is right; so is one pointing to a document of the "
           "Bibliography.")
    fail = [Example("en", {"body": _body("A platform shall log the identity of each user (see "
                                         "ISO/IEC 2382:2015).")})]
    passing = [Example("en", {"body": _body("A platform shall log the identity of each user in "
                                            "accordance with ISO/IEC 2382:2015.\n\nNOTE For "
                                            "the vocabulary, see ISO/IEC 2382:2015.")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        normative = {citation_key(r.ident) for r in draft.references(normative=True)}
        where = normative_text(draft)
        for cite in cited(draft):
            block = cite.block
            if block is None or id(block) not in where or cite.key not in normative:
                continue
            if _SEE.search(block.text[max(cite.start - 12, 0):cite.start]):
                yield self.finding_at(draft, block, cite.start, cite.end, f"'see {cite.ident}' "
                                      "cites a normative reference as information: write 'in "
                                      f"accordance with {cite.ident}' (or 'as specified in'), "
                                      "or list the document in the Bibliography")


# "see 5.2", "see Clause 5", "see Annex A", "see A.3" — a place in this document.
_SEE_PLACE = re.compile(r"\b[Ss]ee(?:\s+also)?\s+(?:(?:Clause|Subclause)\s+(\d+(?:\.\d+)*)|"
                        r"Annex\s+([A-Z](?:\.\d+)*)|(\d+(?:\.\d+)+|[A-Z]\.\d+(?:\.\d+)*))"
                        r"(?![\w.]|\.\d)")
# "see 5.2 of ISO 712": a place in another document.
_OF_DOCUMENT = re.compile(r"^\s*(?:of|in)\s+")


def _see_places(draft: Draft) -> list[tuple[Block, re.Match[str], Clause]]:
    """Each "see <clause or annex of this document>" in normative text, with that clause
    (REF-08 and REF-09 share the one reading)."""
    found = draft.memo.get("see_places")
    if found is not None:
        return found
    found = []
    where = normative_text(draft)
    for block in own_blocks(draft):
        if id(block) not in where:
            continue
        prose = block.prose
        if "ee " not in prose:
            continue
        for m in _SEE_PLACE.finditer(prose):
            rest = prose[m.end():m.end() + 40]
            if _OF_DOCUMENT.match(rest) and IDENT_RE.match(_OF_DOCUMENT.sub("", rest)):
                continue
            number = next(g for g in m.groups() if g)
            target = draft.clause_by_number(number)
            if target is not None:
                found.append((block, m, target))
    draft.memo["see_places"] = found
    return found


@register
class SeeNormativeAnnex(Rule):
    id = "REF-08"
    family = "references"
    severity = "warning"
    summary = "A normative annex is not referred to with 'see' in a provision"
    source = f"{ISO}, 20.2 and 15.5.3"
    languages = ("en",)
    doc = ("The way the text refers to a normative annex makes its status clear (20.2): "
           "'in accordance with Annex A', 'as specified in Annex A', 'Annex A specifies'. "
           "'see Annex A' refers to it for information only (metanorma-iso: \"'see' is pointing "
           "to a normative section\"). Notes and examples may say 'see'; a reference to an "
           "informative annex says 'see' rightly.")
    fail = [Example("en", {"body": _body("A platform shall keep the motion-to-photon latency "
                                         "below 20 ms (see [](#annex-latency))."),
                           "annexes": _ANNEX})]
    passing = [Example("en", {"body": _body("A platform shall keep the motion-to-photon "
                                            "latency below 20 ms, measured in accordance with "
                                            "[](#annex-latency)."),
                              "annexes": _ANNEX})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for block, m, target in _see_places(draft):
            top = target.top
            if top.kind == ANNEX and top.obligation == "normative" and top.obligation_stated:
                place = m.group(0)[m.group(0).index(" ") + 1:].strip()
                yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}' "
                                      f"refers to normative {place} for information only: "
                                      f"write 'in accordance with {place}' or 'as specified "
                                      f"in {place}'")


@register
class SeeNormativeClause(Rule):
    id = "REF-09"
    family = "references"
    severity = "info"
    summary = "A provision points to another normative clause as a requirement, not with 'see'"
    source = f"{ISO}, 15.5.3"
    languages = ("en",)
    doc = ("'see 5.2' in a requirement points to 5.2 for information; when the requirement "
           "depends on 5.2, write 'as specified in 5.2' or 'in accordance with 5.2' (metanorma-"
           "iso reports \"'see' is pointing to a normative section\"). Reported as information "
           "only: many published standards write '(see 4.1)' as a plain pointer, and the "
           "clause is normative anyway. Notes, examples and the informative elements are not "
           "read.")
    fail = [Example("en", {"body": _body("A platform shall provide an avatar for each user "
                                         "(see 4.2).")})]
    passing = [Example("en", {"body": _body("A platform shall provide an avatar for each user "
                                            "through the interfaces specified in 4.2.")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for block, m, target in _see_places(draft):
            if target.top.kind == CLAUSE:
                place = m.group(0)[m.group(0).index(" ") + 1:].strip()
                yield self.finding_at(draft, block, m.start(), m.end(), f"'{m.group(0)}' in a "
                                      f"provision: if it depends on {place}, write 'as "
                                      f"specified in {place}'")


_UNDER_PREPARATION = re.compile(r"^Under preparation\.\s+Stage at the time of publication:\s+"
                                r"\S.*\.$", re.S)


def _stage_example(ident: str) -> str:
    base = base_ident(ident).rstrip(":—").strip()
    for prefix, stage in (("ISO/IEC ", "ISO/IEC DIS "), ("ISO ", "ISO/DIS "), ("IEC ", "IEC ")):
        if base.startswith(prefix):
            return stage + base[len(prefix):]
    return base


def _footnote_text(draft: Draft, ref: Reference) -> str | None:
    """The text of the footnote the reference-list item carries, if any."""
    if ref.phrase is None:
        return None
    for node in ref.phrase.walk():
        if node.kind == FOOTNOTE_REF and node.target in draft.footnotes:
            return " ".join(b.text for b in draft.footnotes[node.target].blocks).strip()
    return None


@register
class UnpublishedReference(Rule):
    id = "REF-10"
    family = "references"
    severity = "warning"
    summary = "An unpublished reference ('ISO 16634:—') carries the footnote 'Under preparation. …'"
    source = f"{ISO}, 10.4 and 15.5.2"
    rules_sets = ("iso",)
    doc = ("A document cited before it is published is dated with a dash and given a footnote "
           "that names its stage: 'ISO 16634:—¹' with '¹ Under preparation. Stage at the time "
           "of publication: ISO/DIS 16634.' (metanorma-iso's 'under_preparation' text). Write "
           "the footnote in Markdown: `- ISO 16634:—[^iso16634], *Title*` and `[^iso16634]: "
           "Under preparation. Stage at the time of publication: ISO/DIS 16634.` Both reference "
           "lists are read.")
    fail = [Example("en", {"normrefs": _NORMREFS + "\n- ISO/IEC 23090-14:—, *Information "
                           "technology — Coded representation of immersive media — Part 14: "
                           "Scene description*",
                           "body": _body("A platform shall describe scenes as specified in "
                                         "ISO/IEC 23090-14.")})]
    passing = [Example("en", {"normrefs": _NORMREFS + "\n- ISO/IEC 23090-14:—[^dis], "
                              "*Information technology — Coded representation of immersive "
                              "media — Part 14: Scene description*\n\n[^dis]: Under "
                              "preparation. Stage at the time of publication: ISO/IEC DIS "
                              "23090-14.",
                              "body": _body("A platform shall describe scenes as specified in "
                                            "ISO/IEC 23090-14.")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for ref in draft.references():
            m = IDENT_RE.match(ref.ident)
            if m is None or m.group("year") != "—":
                continue
            note = _footnote_text(draft, ref)
            want = ("Under preparation. Stage at the time of publication: "
                    f"{_stage_example(ref.ident)}.")
            if note is None:
                message = f"{ref.ident} is not published yet: add the footnote '{want}'"
            elif not _UNDER_PREPARATION.match(note):
                message = f"the footnote of {ref.ident} reads '{want}', not '{note[:60]}'"
            else:
                continue
            yield self.finding_at(draft, ref.phrase, 0, len(m.group(0)), message) \
                if ref.phrase is not None else self.finding_at_line(draft, ref.line, message)


@register
class NonIsoNormative(Rule):
    id = "REF-11"
    family = "references"
    severity = "info"
    summary = "A normative reference to a document that is not ISO or IEC meets the conditions of 10.2"
    source = f"{ISO}, 10.2"
    rules_sets = ("iso",)
    doc = ("Normative references are in principle ISO and IEC documents. A document of another "
           "body (ITU-T, IEEE, W3C, IETF, a national standard) may be referenced normatively "
           "only when it is widely accepted, has authoritative status and is publicly available, "
           "among the other conditions of 10.2 (metanorma-iso: \"non-ISO/IEC reference is "
           "allowed as normative only subject to the conditions in ISO/IEC DIR 2 10.2\"). This "
           "is information for the committee to confirm, not a fault; a joint ISO/IEC/IEEE "
           "document is an ISO document.")
    fail = [Example("en", {"normrefs": _NORMREFS + "\n- ITU-T Y.4600, *Requirements and "
                           "capabilities of a digital twin system*",
                           "body": _body("A platform shall provide a digital twin interface "
                                         "in accordance with ITU-T Y.4600."),
                           "bibliography": ""})]
    passing = [Example("en", {"normrefs": _NORMREFS + "\n- ISO/IEC/IEEE 8802-3:2021, "
                              "*Telecommunications and exchange between information technology "
                              "systems — Requirements for local and metropolitan area networks "
                              "— Part 3: Standard for Ethernet*",
                              "body": _body("A platform shall connect its rendering servers "
                                            "in accordance with ISO/IEC/IEEE 8802-3:2021.")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for ref in draft.references(normative=True):
            m = IDENT_RE.match(ref.ident)
            if m is None or ref.ident.startswith(("ISO", "IEC")):
                continue
            message = (f"{ref.ident} is not an ISO or IEC document: as a normative reference it "
                       "must meet the conditions of 10.2 (widely accepted, authoritative, "
                       "publicly available), or go to the Bibliography")
            yield self.finding_at(draft, ref.phrase, 0, len(m.group(0)), message) \
                if ref.phrase is not None else self.finding_at_line(draft, ref.line, message)
