"""TERM: term entries (Directives Part 2, Clause 16; GB/T 1.1—2020, 8.7; GB/T 20001.1—2024)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from build_tools.i18n import boilerplate as B
from build_tools.i18n.verbal import provisions
from build_tools.lint.base import GB, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.lint.rules.term_sources import loose_source
from build_tools.model import TERMS, TEXT, XREF, Block, Draft, Inline, Target, TermEntry

_ARTICLE = re.compile(r"^(?:the|a|an)\s", re.I)
_ZH_LEAD = re.compile(r"^(?:是指|系指|指|是)")
_ORDER = {"term-attributes": 0, "definition": 1, "example": 2, "term-note": 3, "note": 3, "source": 4}
_ORDER_NAMES = {0: "admitted/deprecated lines", 1: "the definition", 2: "examples",
                3: "notes to entry", 4: "the source"}
_EN = PARTS_EN["terms"]
_ZH = PARTS_ZH["terms"]


_SENTENCES = re.compile(r"[a-z)]\.\s+[A-Z]")
# A definition may end with an abbreviation whose full stop belongs to it ("… of Example Inc.",
# "… in the U.S."): there is no full stop to remove, and removing it would change the name.
_ABBREVIATION_END = re.compile(r"(?:\b(?:etc|e\.g|i\.e|Inc|Ltd|Co|Corp|Bros|Jr|Sr|St|No|Nos|"
                               r"approx|cf|al|vs|viz|Dr|Mr|Mrs|Ms|Prof|Rev|Ph\.D|a\.m|p\.m)|"
                               r"\b(?:[A-Za-z]\.){2,}|(?<![\w.])[A-Z])\.$")


def _entries(draft: Draft) -> list[TermEntry]:
    return draft.terms


def _label_range(block: Block) -> tuple[int, int]:
    """Where a note's label ("NOTE", "注1：") is in its text; (0, 0) if it is not written there."""
    text = block.text
    lead = len(text) - len(text.lstrip())
    if block.label and text.startswith(block.label, lead):
        return lead, lead + len(block.label)
    return 0, 0


@register
class LeadingArticle(Rule):
    id = "TERM-01"
    family = "terms"
    summary = "A definition does not start with an article (zh: 是指/系指/指)"
    source = f"{ISO}, 16.5.6"
    source_gb = f"{GB}, 8.7.2 and GB/T 20001.1—2024"
    doc = "A definition is a phrase that can replace the term in a sentence: 'digital …', not " \
          "'a digital …'; in Chinese it does not open with 是指, 系指 or 指."
    fail = [Example("en", {"terms": _EN.replace("digital representation", "a digital representation")},
                    fixed=_EN),
            Example("zh", {"terms": _ZH.replace("用户在", "是指用户在")}, fixed=_ZH)]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            d = term.definition
            if d is None:
                continue
            prose = d.prose
            lead = len(prose) - len(prose.lstrip())
            text = prose.strip()
            if draft.language == "zh":
                m = _ZH_LEAD.match(text)
                if m:
                    # Unsafe: "是指" may open a phrase that needs rewording once it is gone.
                    yield self.finding_at(draft, d, lead, lead + m.end(), f"the definition of "
                                          f"'{term.preferred}' starts with '{m.group(0)}'",
                                          fix=text[m.end():], replacement="", safe=False)
            else:
                m = _ARTICLE.match(text)
                if m:
                    word = m.group(0).strip()
                    yield self.finding_at(draft, d, lead, lead + len(word), f"the definition of "
                                          f"'{term.preferred}' starts with the article '{word}'",
                                          fix=text[m.end():], replacement="",
                                          edit_range=(lead, lead + m.end()))


@register
class FinalPunctuation(Rule):
    id = "TERM-02"
    family = "terms"
    summary = "Definition end: no full stop (iso); ends with '。' (gb)"
    source = f"{ISO}, 16.5.6"
    source_gb = f"{GB}, 8.7.2"
    doc = "ISO definitions end without punctuation; GB definitions end with a full-width '。'. " \
          "The rule follows the draft's `rules:` setting. A final full stop that belongs to an " \
          "abbreviation ('… of Example Inc.', '… in the U.S.', 'etc.') is not a full stop of " \
          "the definition, so it is neither reported nor removed."
    fail = [Example("en", {"terms": _EN.replace("that users can enter", "that users can enter.")
                           .replace(" through an [](#term-avatar)", "")},
                    fixed=_EN.replace(" through an [](#term-avatar)", "")),
            Example("zh", {"terms": _ZH.replace("数字化表示。", "数字化表示")}, fixed=_ZH)]
    passing = [Example("en", {}), Example("zh", {})]

    def check(self, draft: Draft, ctx: Context):
        for term in _entries(draft):
            d = term.definition
            if d is None:
                continue
            text = d.prose.rstrip()
            if not text:
                continue
            n = len(text)
            if draft.rules == "gb":
                if not text.endswith("。"):
                    # A wrong full stop is replaced; a missing one goes after the last character.
                    wrong = text.endswith((".", "．"))
                    yield self.finding_at(draft, d, n - 1, n, f"the definition of "
                                          f"'{term.preferred}' must end with '。'",
                                          fix=text.rstrip(".") + "。", replacement="。",
                                          edit_range=(n - 1, n) if wrong else (n, n))
            elif text.endswith((".", "。")) and not _ABBREVIATION_END.search(text):
                yield self.finding_at(draft, d, n - 1, n, f"the definition of '{term.preferred}' "
                                      "ends with a full stop", fix=text.rstrip(".。"),
                                      replacement="")


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
                yield self.finding_at_line(draft, term.line, f"term '{term.preferred}' has no "
                                           "definition")
                continue
            m = _SENTENCES.search(term.definition.prose) if draft.language == "en" else None
            if m:
                yield self.finding_at(draft, term.definition, m.start() + 1, m.start() + 2,
                                      f"the definition of '{term.preferred}' has several "
                                      "sentences; move explanations into notes to entry")


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
            for hit in provisions(d.prose, draft.language):
                yield self.finding_at(draft, d, hit.start, hit.end, f"'{hit.word}' expresses a "
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
                           "be persistent.")},
                    fixed=_EN.replace("that users can enter through an [](#term-avatar)",
                                      "that users can enter through an [](#term-avatar)\n\n"
                                      "Note 1 to entry: A world can be persistent."))]
    passing = [Example("en", {"terms": _EN.replace("that users can enter through an [](#term-avatar)",
                              "that users can enter through an [](#term-avatar)\n\nNote 1 to entry: "
                              "A world can be persistent.")})]

    def check(self, draft: Draft, ctx: Context):
        zh = draft.language == "zh"
        for term in _entries(draft):
            expected = 1
            numbered = [n for n in term.notes if n.number is not None]
            for note in term.notes:
                a, b = _label_range(note)
                if zh and note.label.endswith(":"):
                    yield self.finding_at(draft, note, b - 1, b, f"'{note.label}' uses an ASCII "
                                          "colon; write '：'", fix="：", replacement="：")
                if not zh and note.kind == "note":
                    want = f"Note {expected} to entry:"
                    yield self.finding_at(draft, note, a, b, f"a note in entry {term.number} must "
                                          f"read '{want}', not '{note.label}'", fix=want,
                                          replacement=want)
                elif note.number is not None and note.number != expected:
                    yield self.finding_at(draft, note, a, b, f"note to entry numbered "
                                          f"{note.number}, expected {expected}")
                expected += 1
            if zh and len(term.notes) > 1 and len(numbered) < len(term.notes):
                first = term.notes[0]
                yield self.finding_at(draft, first, *_label_range(first), "several notes in one "
                                      "entry are numbered 注1：, 注2：")
            if zh and len(term.notes) == 1 and numbered:
                first = term.notes[0]
                yield self.finding_at(draft, first, *_label_range(first), "a single note reads "
                                      "'注：' without a number", fix="注：", replacement="注：")


@register
class EntryOrder(Rule):
    id = "TERM-06"
    family = "terms"
    summary = "Entry order: term lines, definition, examples, notes to entry, source"
    source = f"{ISO}, 16.5"
    source_gb = "GB/T 20001.1—2024, 6"
    doc = "A term entry lists its parts in a fixed order so readers find each in its place. " \
          "A paragraph meant as the source but not written '[SOURCE: …]' is TERM-12's."
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
                    if block.kind == "paragraph" and term.definition is not None and \
                            loose_source(block, draft.language) is None:
                        yield self.finding_at(draft, block, 0, 0, f"entry {term.number} has a "
                                              "paragraph that is neither an example, a note to "
                                              "entry nor the source")
                    continue
                if r < rank:
                    yield self.finding_at(draft, block, 0, 0, f"in entry {term.number}, "
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
                yield self.finding_at_line(draft, term.line, f"'{term.preferred}' is already "
                                           f"defined in {seen[key].number}")
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
                yield self.finding_at_line(draft, term.line, f"term '{term.preferred}' has no "
                                           "English equivalent: add a line 'en: …' under the "
                                           "heading")


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
                message = f"'{term.preferred}' is defined differently in {shown}"
                if term.definition is not None:
                    yield self.finding_at(d, term.definition, 0, 0, message)
                else:
                    yield self.finding_at_line(d, term.line, message)


def _xrefs(block: Block) -> Iterator[Inline]:
    for phrase in block.phrases:
        nodes = phrase.nodes
        if len(nodes) == 1 and nodes[0].kind == TEXT:  # plain text: no link of any kind
            continue
        for node in phrase.walk():
            if node.kind == XREF and node.target and "#" not in node.target:
                yield node


def _term_xrefs(draft: Draft, inside: bool) -> Iterator[tuple[Inline, Target | None]]:
    """Cross-references in the blocks inside (or outside) the terms clause, with their targets;
    a link to another draft ('other.md#id') is left alone: its kind is not known here. Both
    sides are read in one walk, shared by TERM-10 and TERM-11."""
    found = draft.memo.get("term_xrefs")
    if found is None:
        found = draft.memo["term_xrefs"] = [
            (top.kind == TERMS, node, draft.targets.get(node.target))
            for top in draft.clauses for block in top.all_blocks() for node in _xrefs(block)]
    return ((node, target) for side, node, target in found if side == inside)


@register
class TermsClauseXref(Rule):
    id = "TERM-10"
    family = "terms"
    severity = "warning"
    summary = "Cross-references in the terms clause point only to term entries"
    source = f"{ISO}, 16.5"
    source_gb = f"{GB}, 8.7"
    doc = "A term entry refers to other entries ([](#term-x) or [term](#term-x)), and its source " \
          "cites a document ([](#ref-x)); a clause, table or figure of the body is not part of " \
          "the terminology (metanorma-iso: \"non-terms clauses cannot cross-reference terms " \
          "clause\", which it reports on such a cross-reference from a term entry)."
    fail = [Example("en", {"terms": _EN + "\n\nNote 1 to entry: The interfaces of a virtual "
                                          "world are listed in [](#tab-interfaces)."})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for node, target in _term_xrefs(draft, inside=True):
            if target is not None and target.kind not in ("term", "reference"):
                yield self.finding_at_offset(draft, node.start, f"the terms clause refers to "
                                             f"{target.label or target.id}, a {target.kind}: "
                                             "a term entry refers only to other term entries")


@register
class TermNumberXref(Rule):
    id = "TERM-11"
    family = "terms"
    severity = "warning"
    summary = "Outside the terms clause, a term is written as a word, not referred to by its " \
              "entry number"
    source = f"{ISO}, 16.5"
    source_gb = f"{GB}, 8.7"
    doc = "An empty cross-reference '[](#term-x)' in a clause outside the terms clause prints " \
          "the entry's number ('3.4'); write the term itself, linked if you like " \
          "('[avatar](#term-avatar)') (metanorma-iso: \"only terms clauses can cross-reference " \
          "terms clause\")."
    fail = [Example("en", {"body": PARTS_EN["body"].replace(
        "an avatar for each user", "an avatar ([](#term-avatar)) for each user")})]
    passing = [Example("en", {"body": PARTS_EN["body"].replace(
        "an avatar for each user", "an [avatar](#term-avatar) for each user")})]

    def check(self, draft: Draft, ctx: Context):
        for node, target in _term_xrefs(draft, inside=False):
            if target is not None and target.kind == "term" and not node.children:
                yield self.finding_at_offset(draft, node.start, f"'{target.label}' refers to "
                                             f"the term '{target.title or target.id}' by its "
                                             "entry number: write the term")
