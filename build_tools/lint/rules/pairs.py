"""PAIR: the English and the Chinese version of one standard say the same thing.

Drafts that share an ``id`` and differ in ``language`` are a pair (pairing.py aligns them).
Every drift is reported on both files: where the element is, and where its counterpart is
missing, so whoever keeps either version sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from build_tools.lint.base import FMT, GB, ISO, Context, Finding, Rule, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH, PairExample
from build_tools.model import Draft
from build_tools.pairing import Alignment, Item, Profile, align, pairs, profile, refs_match

LANGUAGE = {"en": "English", "zh": "Chinese"}
_NAMES = {"notes": ("note", "notes"), "examples": ("example", "examples"),
          "tables": ("table", "tables"), "figures": ("figure", "figures"),
          "requirements": ("requirement", "requirements")}
_REQ_EN = "A platform shall provide an avatar for each user."


def _what(item: Item) -> str:
    if item.kind == "term":
        return f"term entry {item.number} '{item.title}'"
    label = "annex" if item.annex and "." not in item.number else "clause"
    return f"{label} {item.number} '{item.title}'" if item.number else f"'{item.title}'"


def _where(p: Profile, item: Item) -> str:
    return f"{Path(p.path).name}:{item.line}"


def _count(n: int, kind: str) -> str:
    one, many = _NAMES[kind]
    return f"{n} {one if n == 1 else many}"


class _PairRule(Rule):
    family = "pairs"
    severity = "warning"
    cross_draft = True

    def aligned(self, drafts: list[Draft]) -> Iterator[tuple[Draft, Draft, Alignment]]:
        for en, zh in pairs(drafts):
            yield en, zh, align(profile(en), profile(zh))

    def matched(self, drafts: list[Draft]) -> Iterator[tuple[Draft, Draft, Alignment, int, int]]:
        """(English draft, Chinese draft, alignment, index of an English item, index of its
        Chinese counterpart)."""
        for en, zh, al in self.aligned(drafts):
            for i, j in enumerate(al.a_to_b):
                if j is not None:
                    yield en, zh, al, i, j

    def at(self, draft: Draft, item: Item | None, message: str) -> Finding:
        if item is None:
            return self.finding(draft, 1, message)
        return self.finding(draft, item.line, message, item.column)

    def missing(self, drafts: list[Draft], kind: str) -> Iterator[Finding]:
        """Items of ``kind`` without a counterpart, on both files."""
        for en, zh, al in self.aligned(drafts):
            for side, mine, other, mapping, draft, there in (
                    ("a", al.a, al.b, al.a_to_b, en, zh), ("b", al.b, al.a, al.b_to_a, zh, en)):
                lang, other_lang = LANGUAGE[draft.language], LANGUAGE[there.language]
                for i, item in enumerate(mine.items):
                    if item.kind != kind or mapping[i] is not None:
                        continue
                    yield self.at(draft, item, f"{_what(item)} has no counterpart in the "
                                  f"{other_lang} version {Path(other.path).name}"
                                  + self.hint(item))
                    before = al.counterpart_before(side, i)
                    after = f" after {before.number or before.title}" if before else ""
                    yield self.at(there, before or (other.items[0] if other.items else None),
                                  f"the {lang} version has {_what(item)} ({_where(mine, item)})"
                                  f"{after}; this version has none")

    def hint(self, item: Item) -> str:
        return ""


@register
class ClausePresent(_PairRule):
    id = "PAIR-01"
    summary = "Each clause and annex of one language version is in the other"
    source = f"{FMT}: bilingual pairs; {GB}, 8 and {ISO}, 6"
    doc = ("The English and the Chinese version of a standard (same `id`, different "
           "`language`) have the same clauses, subclauses and annexes. A clause matches the "
           "clause with the same explicit anchor ({#id}, the way to keep a pair aligned), else "
           "the one with the same number. A clause in one version only is reported on both "
           "files: where it is, and after which clause the other version lacks it.")
    fail = [PairExample("en", {"body": PARTS_EN["body"] + "\n\n## Security\n\nA platform "
                               "shall protect the identity of each user."})]
    passing = [PairExample("en", {})]

    def check_all(self, drafts: list[Draft], ctx: Context) -> Iterator[Finding]:
        yield from self.missing(drafts, "clause")


@register
class Numbering(_PairRule):
    id = "PAIR-02"
    summary = "Matching clauses and term entries have the same number in both versions"
    source = f"{FMT}: bilingual pairs"
    doc = ("Comments cite clause and term numbers, and one comment table serves both versions: "
           "a clause or term entry is numbered alike in the English and the Chinese version. "
           "Reported when matching elements sit under different clauses or in a different "
           "order (a number that differs only because an element is missing before it is "
           "reported once, by PAIR-01 or PAIR-03).")
    fail = [PairExample("en", {"body": PARTS_EN["body"].replace(
        "## General", "## General {#sec-general}").replace(
        "## Interfaces", "## Interfaces {#sec-interfaces}")},
        partner={"body": PARTS_ZH["body"].replace("## 总则\n\n平台应为每个用户提供化身。\n\n", "")
                 .replace("## 接口", "## 接口 {#sec-interfaces}")
                 .replace("| 渲染 | 场景显示 |", "| 渲染 | 场景显示 |\n\n## 总则 {#sec-general}"
                          "\n\n平台应为每个用户提供化身。")})]
    passing = [PairExample("en", {})]

    def check_all(self, drafts: list[Draft], ctx: Context) -> Iterator[Finding]:
        for en, zh, al, i, j in self.matched(drafts):
            a, b = al.a.items[i], al.b.items[j]
            same_parent = (a.parent == -1 and b.parent == -1) or (
                a.parent >= 0 and al.a_to_b[a.parent] == b.parent)
            same_place = al.ordinal(al.a, al.a_to_b, i) == al.ordinal(al.b, al.b_to_a, j)
            if a.number == b.number or (same_parent and same_place and a.annex == b.annex):
                continue
            yield self.at(en, a, f"{_what(a)} is numbered {b.number or b.title} in the "
                          f"Chinese version ({_where(al.b, b)}): number them alike")
            yield self.at(zh, b, f"{_what(b)} is numbered {a.number or a.title} in the "
                          f"English version ({_where(al.a, a)}): number them alike")


@register
class TermPresent(_PairRule):
    id = "PAIR-03"
    summary = "Each term entry's English designation matches an entry of the other version"
    source = f"{FMT}: bilingual pairs; GB/T 20001.1—2024, 6.3"
    doc = ("A term entry of the Chinese version gives its English equivalent on an 'en:' line; "
           "it must be the preferred term of an entry of the English version, and every "
           "English entry must be the 'en:' of a Chinese one (case, hyphens and spaces aside). "
           "An entry without a counterpart is reported on both files.")
    fail = [PairExample("en", {}, partner={"terms": PARTS_ZH["terms"].replace(
        "en: avatar", "en: avatar figure")})]
    passing = [PairExample("en", {})]

    def check_all(self, drafts: list[Draft], ctx: Context) -> Iterator[Finding]:
        yield from self.missing(drafts, "term")

    def hint(self, item: Item) -> str:
        return f" (no entry for '{item.match_key}')" if item.match_key else ""


@register
class Counts(_PairRule):
    id = "PAIR-04"
    summary = "Matching clauses and term entries have as many notes, examples, tables, " \
              "figures and requirements"
    source = f"{FMT}: bilingual pairs"
    doc = ("A translation adds and drops nothing: in each pair of matching clauses the numbers "
           "of notes, examples, tables, figures and requirements (sentences with shall / 应) "
           "are the same, and so are the notes and examples of matching term entries.")
    fail = [PairExample("en", {"body": PARTS_EN["body"].replace(
        _REQ_EN, _REQ_EN + "\n\nNOTE An avatar can be a humanoid figure.")})]
    passing = [PairExample("en", {})]

    def check_all(self, drafts: list[Draft], ctx: Context) -> Iterator[Finding]:
        for en, zh, al, i, j in self.matched(drafts):
            a, b = al.a.items[i], al.b.items[j]
            for kind, n in a.counts.items():
                m = b.counts.get(kind, 0)
                if n == m:
                    continue
                yield self.at(en, a, f"{_what(a)} has {_count(n, kind)} here and "
                              f"{_count(m, kind)} in the Chinese version ({_where(al.b, b)})")
                yield self.at(zh, b, f"{_what(b)} has {_count(m, kind)} here and "
                              f"{_count(n, kind)} in the English version ({_where(al.a, a)})")


@register
class NormativeReferences(_PairRule):
    id = "PAIR-05"
    summary = "Both versions cite the same normative references"
    source = f"{FMT}: bilingual pairs; {GB}, 8.6"
    doc = ("Each document in Clause 2 of one version is in Clause 2 of the other: the same "
           "identifier (year aside), a part of it, or the document a Chinese adoption declares "
           "after its title, e.g. 'GB/T 5271.1—2000 信息技术 词汇 第1部分：基本术语"
           "（ISO/IEC 2382-1:1993，IDT）' for 'ISO/IEC 2382:2015'.")
    fail = [PairExample("en", {}, partner={"normrefs": PARTS_ZH["normrefs"].replace(
        "（ISO/IEC 2382-1:1993，IDT）", "")})]
    passing = [PairExample("en", {})]

    def check_all(self, drafts: list[Draft], ctx: Context) -> Iterator[Finding]:
        for en, zh, al in self.aligned(drafts):
            for mine, other, draft, there in ((al.a, al.b, en, zh), (al.b, al.a, zh, en)):
                lang, other_lang = LANGUAGE[draft.language], LANGUAGE[there.language]
                for ref in mine.refs:
                    if refs_match(ref, other.refs):
                        continue
                    yield self.finding(draft, ref.line, f"{ref.ident} is not among the "
                                       f"normative references of the {other_lang} version "
                                       f"{Path(other.path).name}", ref.column)
                    yield self.finding(there, other.refs_line or 1, f"the {lang} version cites "
                                       f"{ref.ident} as a normative reference "
                                       f"({Path(mine.path).name}:{ref.line}); this version "
                                       "does not (or does not say which document it adopts)")
