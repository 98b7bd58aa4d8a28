"""TERM: term entries (Directives Part 2, Clause 16; GB/T 1.1—2020, 8.7; GB/T 20001.1—2024)."""

from __future__ import annotations

import re
from collections import defaultdict

from build_tools.i18n import boilerplate as B
from build_tools.i18n.verbal import provisions
from build_tools.lint.base import GB, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.model import Draft, TermEntry

_ARTICLE = re.compile(r"^(?:the|a|an)\s", re.I)
_ZH_LEAD = re.compile(r"^(?:是指|系指|指|是)")
_ORDER = {"term-attributes": 0, "definition": 1, "example": 2, "term-note": 3, "note": 3, "source": 4}
_ORDER_NAMES = {0: "admitted/deprecated lines", 1: "the definition", 2: "examples",
                3: "notes to entry", 4: "the source"}
_EN = PARTS_EN["terms"]
_ZH = PARTS_ZH["terms"]


def _entries(draft: Draft) -> list[TermEntry]:
    return draft.terms


@register
class LeadingArticle(Rule):
    id = "TERM-01"
    family = "terms"
    summary = "A definition does not start with an article (zh: 是指/系指/指)"
    source = f"{ISO}, 16.5.6"
    source_gb = f"{GB}, 8.7.2 and GB/T 20001.1—2024"
    doc = "A definition is a phrase that can replace the term in a sentence: 'digital …', not " \
          "'a digital …'; in Chinese it does not open with 是指, 系指 or 指."
    fail = [Example("en", {"terms": _EN.replace("digital representation", "a digital representation")}),
            Example("zh", {"terms": _ZH.replace("用户在", "是指用户在")})]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            d = term.definition
            if d is None:
                continue
            text = d.text.strip()
            if draft.language == "zh":
                m = _ZH_LEAD.match(text)
                if m:
                    yield self.finding(draft, d.line, f"the definition of '{term.preferred}' starts "
                                       f"with '{m.group(0)}'", fix=text[m.end():])
            else:
                m = _ARTICLE.match(text)
                if m:
                    yield self.finding(draft, d.line, f"the definition of '{term.preferred}' starts "
                                       f"with the article '{m.group(0).strip()}'", fix=text[m.end():],
                                       edit=(m.group(0), "", "first"))


@register
class FinalPunctuation(Rule):
    id = "TERM-02"
    family = "terms"
    summary = "Definition end: no full stop (iso); ends with '。' (gb)"
    source = f"{ISO}, 16.5.6"
    source_gb = f"{GB}, 8.7.2"
    doc = "ISO definitions end without punctuation; GB definitions end with a full-width '。'. " \
          "The rule follows the draft's `rules:` setting."
    fail = [Example("en", {"terms": _EN.replace("that users can enter", "that users can enter.")
                           .replace(" through an [](#term-avatar)", "")}),
            Example("zh", {"terms": _ZH.replace("数字化表示。", "数字化表示")})]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            d = term.definition
            if d is None:
                continue
            text = d.text.rstrip()
            last = d.line_at(len(text) - 1)
            if draft.rules == "gb":
                if not text.endswith("。"):
                    yield self.finding(draft, last, f"the definition of '{term.preferred}' must end "
                                       "with '。'", fix=text.rstrip(".") + "。",
                                       edit=("", "。", "last") if not text.endswith((".", "．"))
                                       else (text[-1], "。", "last"))
            elif text.endswith((".", "。")) and not text.endswith(("etc.", "e.g.", "i.e.")):
                yield self.finding(draft, last, f"the definition of '{term.preferred}' ends with a "
                                   "full stop", fix=text.rstrip(".。"), edit=(text[-1], "", "last"))


@register
class MissingDefinition(Rule):
    id = "TERM-03"
    family = "terms"
    summary = "Every term entry has a definition of one phrase"
    source = f"{ISO}, 16.5.6"
    source_gb = f"{GB}, 8.7.2"
    doc = "The definition is the first paragraph after the term (and its admitted/deprecated " \
          "lines); it is one phrase, not several sentences."
    fail = [Example("en", {"terms": _EN.replace("computer-simulated environment that users can "
                                                "enter through an [](#term-avatar)", "")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            if term.definition is None:
                yield self.finding(draft, term.line, f"term '{term.preferred}' has no definition")
            elif draft.language == "en" and re.search(r"[a-z)]\.\s+[A-Z]", term.definition.text):
                yield self.finding(draft, term.definition.line,
                                   f"the definition of '{term.preferred}' has several sentences; "
                                   "move explanations into notes to entry")


@register
class DefinitionProvisions(Rule):
    id = "TERM-04"
    family = "terms"
    summary = "A definition contains no provision (shall/should/may; 应/宜/可)"
    source = f"{ISO}, 16.5.6"
    source_gb = f"{GB}, 8.7.2"
    doc = "Requirements go in the technical clauses, never in a definition."
    fail = [Example("en", {"terms": _EN.replace("in a [virtual world]", "which shall be unique in a "
                                                "[virtual world]")}),
            Example("zh", {"terms": _ZH.replace("用户在", "应由用户在")})]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            d = term.definition
            if d is None:
                continue
            for hit in provisions(d.text, draft.language):
                yield self.finding(draft, d.line_at(hit.start), f"'{hit.word}' expresses a "
                                   f"{hit.kind} in the definition of '{term.preferred}'")


@register
class NoteToEntry(Rule):
    id = "TERM-05"
    family = "terms"
    summary = "Notes in a term entry read 'Note 1 to entry:' (zh '注1：'), numbered in order"
    source = f"{ISO}, 16.5.9"
    source_gb = f"{GB}, 8.7.2 and 9.11"
    doc = "Inside an entry a note is a note to entry, numbered from 1 even when alone (ISO); in " \
          "GB a single note reads '注：' and several '注1：', '注2：'."
    fail = [Example("en", {"terms": _EN.replace("that users can enter through an [](#term-avatar)",
                           "that users can enter through an [](#term-avatar)\n\nNOTE A world can "
                           "be persistent.")})]
    passing = [Example("en", {"terms": _EN.replace("that users can enter through an [](#term-avatar)",
                              "that users can enter through an [](#term-avatar)\n\nNote 1 to entry: "
                              "A world can be persistent.")})]

    def check(self, draft: Draft, ctx: Context):
        zh = draft.language == "zh"
        for term in _entries(draft):
            expected = 1
            numbered = [n for n in term.notes if n.number is not None]
            for note in term.notes:
                if zh and note.label.endswith(":"):
                    yield self.finding(draft, note.line, f"'{note.label}' uses an ASCII colon; "
                                       "write '：'")
                if not zh and note.kind == "note":
                    yield self.finding(draft, note.line, f"a note in entry {term.number} must read "
                                       f"'Note {expected} to entry:', not '{note.label}'",
                                       fix=f"Note {expected} to entry:",
                                       edit=(note.label, f"Note {expected} to entry:", "first"))
                elif note.number is not None and note.number != expected:
                    yield self.finding(draft, note.line, f"note to entry numbered {note.number}, "
                                       f"expected {expected}")
                expected += 1
            if zh and len(term.notes) > 1 and len(numbered) < len(term.notes):
                yield self.finding(draft, term.notes[0].line, "several notes in one entry are "
                                   "numbered 注1：, 注2：")
            if zh and len(term.notes) == 1 and numbered:
                yield self.finding(draft, term.notes[0].line, "a single note reads '注：' without "
                                   "a number", fix="注：", edit=(term.notes[0].label, "注：", "first"))


@register
class EntryOrder(Rule):
    id = "TERM-06"
    family = "terms"
    summary = "Entry order: term lines, definition, examples, notes to entry, source"
    source = f"{ISO}, 16.5"
    source_gb = "GB/T 20001.1—2024, 6"
    doc = "A term entry lists its parts in a fixed order so readers find each in its place."
    fail = [Example("en", {"terms": _EN.replace("that users can enter through an [](#term-avatar)",
                           "that users can enter through an [](#term-avatar)\n\n[SOURCE: ISO/IEC "
                           "2382:2015, 2121319]\n\nNote 1 to entry: A world can be persistent.")})]
    passing = [Example("en", {"terms": _EN.replace("that users can enter through an [](#term-avatar)",
                              "that users can enter through an [](#term-avatar)\n\nNote 1 to entry: "
                              "A world can be persistent.\n\n[SOURCE: ISO/IEC 2382:2015, 2121319]")})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            rank = -1
            for block in term.blocks:
                r = _ORDER.get(block.kind)
                if r is None:
                    if block.kind == "paragraph" and term.definition is not None:
                        yield self.finding(draft, block.line, f"entry {term.number} has a paragraph "
                                           "that is neither an example, a note to entry nor the "
                                           "source")
                    continue
                if r < rank:
                    yield self.finding(draft, block.line, f"in entry {term.number}, "
                                       f"{_ORDER_NAMES[r]} must come before {_ORDER_NAMES[rank]}")
                rank = max(rank, r)


@register
class DuplicateTerm(Rule):
    id = "TERM-07"
    family = "terms"
    summary = "No term is defined twice as a preferred term"
    source = f"{ISO}, 16.5.1"
    source_gb = f"{GB}, 8.7"
    doc = "One concept, one entry: a second entry for the same term is a mistake or a conflict."
    fail = [Example("en", {"terms": _EN + "\n\n## avatar {#term-avatar-2}\n\ngraphical user proxy"})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        seen: dict[str, TermEntry] = {}
        for term in _entries(draft):
            key = " ".join(term.preferred.lower().split())
            if key in seen:
                yield self.finding(draft, term.line, f"'{term.preferred}' is already defined in "
                                   f"{seen[key].number}")
            else:
                seen[key] = term


@register
class EnglishEquivalent(Rule):
    id = "TERM-08"
    family = "terms"
    summary = "Every Chinese term entry gives its English equivalent ('en:')"
    source = "GB/T 20001.1—2024, 6.3"
    languages = ("zh",)
    doc = "GB terminology gives the English equivalent of every preferred term on an 'en:' line."
    fail = [Example("zh", {"terms": _ZH.replace("en: avatar\n\n", "")})]
    passing = [Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            if not term.en:
                yield self.finding(draft, term.line, f"term '{term.preferred}' has no English "
                                   "equivalent: add a line 'en: …' under the heading")


@register
class CrossDraftDefinition(Rule):
    id = "TERM-09"
    family = "terms"
    severity = "warning"
    summary = "A term defined in two drafts of one language has one definition"
    source = f"{ISO}, 16.2 (one terminology across the working group)"
    cross_draft = True
    doc = "The working group keeps one terminology: the same preferred term defined differently " \
          "in two drafts of one language is flagged in both."

    def check_all(self, drafts: list[Draft], ctx: Context):
        defs: dict[tuple[str, str], list[tuple[Draft, TermEntry, str]]] = defaultdict(list)
        for d in drafts:
            for term in d.terms:
                if term.definition is None:
                    continue
                text = B.normalise(term.definition.text).rstrip(".。").lower()
                text = re.sub(r"\s+", " ", text)
                defs[(d.language, term.preferred.lower())].append((d, term, text))
        for group in defs.values():
            if len({t for _, _, t in group}) < 2 or len({str(d.path) for d, _, _ in group}) < 2:
                continue
            labels = [f"{d.id} {t.number}" for d, t, _ in group]
            for i, (d, term, text) in enumerate(group):
                # Name the drafts that disagree with this one, a few of them at most.
                others = [labels[j] for j, (_, _, t) in enumerate(group) if t != text and j != i]
                if not others:
                    continue
                shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more"
                                                 if len(others) > 3 else "")
                yield self.finding(d, term.definition.line if term.definition else term.line,
                                   f"'{term.preferred}' is defined differently in {shown}")
