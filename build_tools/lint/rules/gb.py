"""GB: the ``gb:`` block of a Chinese deliverable, its identifier and codes, and the 前言 it
implies (GB/T 1.1—2020, 8.1 and 8.3)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import replace

from build_tools.i18n import boilerplate as B
from build_tools.i18n import gb as G
from build_tools.lint.base import GB, Context, Edit, Example, Finding, Rule, register
from build_tools.lint.examples import PARTS_ZH
from build_tools.model import FOREWORD, Block, Clause, Draft

GB_BLOCK = """gb:
  level: sector
  identifier: SJ/T ×××××—××××
  ccs: L70
  issuer: 中华人民共和国工业和信息化部
  proposer: 工业和信息化部元宇宙标准化工作组
  administrator: 工业和信息化部元宇宙标准化工作组
  drafting_organizations: [中国电子技术标准化研究院, 华夏空间计算有限公司]
  drafters: [李伟, 王芳]"""
GB_FOREWORD = f"""{B.DRAFTING_BASIS['gb']}

{B.PATENTS['gb']}

本文件由工业和信息化部元宇宙标准化工作组提出并归口。

本文件起草单位：中国电子技术标准化研究院、华夏空间计算有限公司。

本文件主要起草人：李伟、王芳。"""


def _example(block: str = GB_BLOCK, foreword: str = GB_FOREWORD, **more: str) -> Example:
    return Example("zh", {"front": PARTS_ZH["front"] + "\n" + block, "foreword": foreword,
                          **more})


def _line(draft: Draft, key: str) -> int:
    lines = draft.meta_lines
    return lines.get(f"gb.{key}", lines.get("gb", 1))


class _GbRule(Rule):
    family = "gb"
    languages = ("zh", "en")

    def applies(self, draft: Draft) -> bool:
        return draft.language in self.languages and isinstance(draft.meta.get("gb"), dict)


@register
class Block_(_GbRule):
    id = "GB-01"
    summary = "The gb: block names the level, identifier, CCS, issuer, proposer, administrator, " \
              "drafting organizations and drafters"
    source = f"{GB}, 8.1 and 8.3"
    doc = ("A Chinese deliverable carries a `gb:` block in its front-matter: level (national, "
           "sector or group), identifier (the number once assigned, the placeholder "
           "'GB/T ×××××—××××' until then), ccs, issuer (发布机构), proposer (提出), "
           "administrator (归口), drafting_organizations and drafters (lists), and optionally "
           "replaces and, for a group standard, body (the social organisation). The cover and "
           "the 前言 are made from it, so every key is needed and of the right type; an unknown "
           "key is reported with the nearest known one.")
    fail = [_example(GB_BLOCK.replace("  issuer: 中华人民共和国工业和信息化部\n", "")),
            _example(GB_BLOCK.replace("level: sector", "level: industry"))]
    passing = [_example()]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        block = draft.meta["gb"]
        for key in block:
            if key not in G.KEYS:
                near = difflib.get_close_matches(str(key), G.KEYS, n=1, cutoff=0.6)
                hint = f"; did you mean '{near[0]}'?" if near else ""
                yield self.finding(draft, _line(draft, str(key)),
                                   f"unknown key 'gb.{key}'{hint}", fix=near[0] if near else None)
        level = block.get("level")
        if "level" in block and level not in G.LEVELS:
            yield self.finding(draft, _line(draft, "level"), f"gb.level must be national, "
                               f"sector or group, not {level!r}")
        required = [*G.REQUIRED, *(("body",) if level == "group" else ())]
        for key in required:
            value = block.get(key)
            if value in (None, "", []):
                yield self.finding(draft, _line(draft, key) if key in block else
                                   draft.meta_lines.get("gb", 1),
                                   f"gb.{key} is missing: the cover and the 前言 need it "
                                   f"({G.WHAT.get(key, 'see FORMAT.md')})"
                                   if key in G.WHAT else
                                   f"gb.{key} is missing: the cover needs it")
        for key in G.KEYS:
            value = block.get(key)
            if value in (None, "", []):
                continue
            if key in G.LISTS:
                if not isinstance(value, list) or not all(
                        isinstance(v, str) and v.strip() for v in value):
                    yield self.finding(draft, _line(draft, key),
                                       f"gb.{key} must be a list of names, e.g. [张三, 李四]")
            elif not isinstance(value, str):
                yield self.finding(draft, _line(draft, key), f"gb.{key} must be a string")


@register
class Identifier(_GbRule):
    id = "GB-02"
    summary = "The identifier (and the one replaced) has the form of its level, with '—' " \
              "before the year"
    source = f"{GB}, 8.1"
    doc = ("National: GB, GB/T or GB/Z, a space, the number, '—' (一字线, U+2014) and the "
           "year. Sector: a sector code (SJ electronics and YD telecommunications for the MIIT, "
           "and the others of the 行业标准代号 list) with /T or /Z. Group: T/ and the "
           "organisation's 3 to 6 capital letters. Until the number is assigned, '×' stands for "
           "its digits and for the year: 'SJ/T ×××××—××××'. `replaces` is checked the same "
           "way (it may be of another level).")
    fail = [_example(GB_BLOCK.replace("SJ/T ×××××—××××", "SJ/T 11234-2020")),
            _example(GB_BLOCK.replace("level: sector", "level: national")),
            _example(GB_BLOCK.replace("SJ/T ×××××—××××", "XX/T 11234—2020"))]
    passing = [_example(), _example(GB_BLOCK.replace("level: sector", "level: group").replace(
        "SJ/T ×××××—××××", "T/CESA 1234—2026") + "\n  body: 中国电子工业标准化技术协会")]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        block = draft.meta["gb"]
        level = block.get("level")
        ident = block.get("identifier")
        if level in G.LEVELS and isinstance(ident, str) and ident.strip():
            problem = G.identifier_problem(ident.strip(), level)
            if problem:
                yield self.finding(draft, _line(draft, "identifier"), f"gb.identifier: {problem}",
                                   fix=G.EXAMPLES[level])
        replaces = block.get("replaces")
        if isinstance(replaces, str) and replaces.strip():
            value = replaces.strip()
            if not G.ANY_FORM.fullmatch(value) or G.PLACEHOLDER in value:
                problems = [G.identifier_problem(value, lv) for lv in G.LEVELS]
                dash = next((p for p in problems if p and "em dash" in p), None)
                yield self.finding(draft, _line(draft, "replaces"), "gb.replaces: " + (
                    dash or f"'{value}' is not the identifier of a published standard such as "
                    "GB/T 12345—2019"))


@register
class Ccs(_GbRule):
    id = "GB-03"
    summary = "The CCS code is well formed"
    source = "中国标准文献分类法 (CCS); GB/T 1.1—2020, 8.1"
    doc = ("The Chinese Classification for Standards code on the cover: a first-level class "
           "letter (A to Z without I and O) and two digits, e.g. L70 (information technology "
           "in general) or L71 (terminology of information technology); several codes are "
           "separated by ';'.")
    fail = [_example(GB_BLOCK.replace("ccs: L70", "ccs: L7"))]
    passing = [_example(GB_BLOCK.replace("ccs: L70", "ccs: L70;L71"))]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        value = draft.meta["gb"].get("ccs")
        if not isinstance(value, str) or not value.strip():
            return
        for code in ccs_codes(value):
            if not G.CCS_RE.fullmatch(code):
                yield self.finding(draft, _line(draft, "ccs"), f"gb.ccs '{code}' is not a CCS "
                                   "code: a class letter (A-Z without I and O) and two digits, "
                                   "e.g. L70")


def ccs_codes(value: str) -> list[str]:
    return [c.strip() for c in value.replace("；", ";").split(";") if c.strip()]


def _paragraphs(clause: Clause) -> list[Block]:
    return [b for b in clause.blocks if b.kind == "paragraph"]


def _after(draft: Draft, clause: Clause, block: Block | None, sentence: str) -> Edit:
    """The edit inserting ``sentence`` as a paragraph after ``block`` (or the heading)."""
    if block is not None:
        at = block.end
    else:
        line = clause.line
        starts = draft.index.starts
        at = starts[line] - 1 if line < len(starts) else len(draft.text)
    line, col = draft.line_col(at)
    return Edit(line, col, line, col, "\n\n" + sentence, True, "")


def _missing(rule: Rule, draft: Draft, clause: Clause, after: Block | None, message: str,
             sentence: str) -> Finding:
    """A finding at the 前言's heading whose fix inserts the missing paragraph."""
    found = rule.finding_at_line(draft, clause.line, message, fix=sentence)
    return replace(found, edit=_after(draft, clause, after, sentence))


@register
class Patent(Rule):
    id = "GB-04"
    family = "gb"
    severity = "warning"
    summary = "The 前言 carries the patent sentence"
    source = f"{GB}, 8.3"
    languages = ("zh",)
    rules_sets = ("gb",)
    doc = f"The 前言 of a GB document states: \"{B.PATENTS['gb']}\" (`clause new --lang zh` " \
          "writes it; --fix puts it after the drafting-basis sentence)."
    fail = [Example("zh", {"foreword": B.DRAFTING_BASIS["gb"]},
                    fixed=f"{B.DRAFTING_BASIS['gb']}\n\n{B.PATENTS['gb']}")]
    passing = [Example("zh", {})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        clause = draft.find(FOREWORD)
        if clause is None:
            return
        paras = _paragraphs(clause)
        want = B.normalise(B.PATENTS["gb"])
        if any(want in B.normalise(p.text) for p in paras):
            return
        basis = B.normalise(B.DRAFTING_BASIS["gb"])
        before = next((p for p in paras if B.normalise(p.text).startswith(basis)), None)
        yield _missing(self, draft, clause, before, "the 前言 lacks the patent sentence "
                       f"\"{B.PATENTS['gb']}\"", B.PATENTS["gb"])


@register
class Preface(_GbRule):
    id = "GB-05"
    summary = "The 前言 states the replacement, 提出, 归口, 起草单位 and 起草人 of the gb: block"
    source = f"{GB}, 8.3"
    languages = ("zh",)
    doc = ("With a `gb:` block, the 前言 carries the paragraphs made from it, as `clause new "
           "--lang zh` writes them: \"本文件代替GB/T 12345—2019，与GB/T 12345—2019相比，…\" "
           "when `replaces` is set, \"本文件由……提出。\" and \"本文件由……归口。\" (one "
           "sentence \"……提出并归口。\" when they are the same body), \"本文件起草单位：A、B。\" "
           "and \"本文件主要起草人：张三、李四。\". A paragraph that says something else than "
           "the front-matter is reported with the text it should have (fixed with "
           "--unsafe-fixes, since the front-matter may be the one to change); a missing one is "
           "inserted by --fix.")
    fail = [_example(foreword=GB_FOREWORD.replace("李伟、王芳", "李伟")),
            _example(foreword=GB_FOREWORD.replace(
                "\n\n本文件起草单位：中国电子技术标准化研究院、华夏空间计算有限公司。", ""),
                fixed=GB_FOREWORD)]
    passing = [_example()]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        clause = draft.find(FOREWORD)
        gb = G.gb_meta(draft.meta)
        if clause is None or gb is None:
            return
        paras = _paragraphs(clause)
        texts = [B.normalise(p.text) for p in paras]
        expected = G.sentences(gb)
        # Where each statement is written now: the paragraph that starts the way it does.
        found: dict[str, int] = {}
        for key in expected:
            hit = next((i for i, t in enumerate(texts) if G.STARTS[key].match(t)
                        and i not in found.values()), None)
            if hit is not None:
                found[key] = hit
        basis = B.normalise(B.DRAFTING_BASIS["gb"])
        patent = B.normalise(B.PATENTS["gb"])
        # A missing paragraph goes after the statement that comes before it in 8.3's order:
        # the drafting basis, the replacement, the patent sentence, then these.
        last = next((p for p, t in zip(paras, texts, strict=True) if t.startswith(basis)), None)
        for key, sentence in expected.items():
            if key == "proposer":
                last = next((p for p, t in zip(paras, texts, strict=True) if patent in t), last)
            want = B.normalise(sentence)
            if key in found:
                para, text = paras[found[key]], texts[found[key]]
                ok = text.startswith(want) if key == "replaces" else text == want
                if not ok:
                    yield self.finding_at(
                        draft, para, 0, len(para.text),
                        f"the {G.WHAT[key]} does not match the front-matter: it should read "
                        f"\"{sentence}\"", fix=sentence,
                        replacement=None if key == "replaces" else sentence, safe=False)
                last = para
            elif key in ("proposer", "administrator") and want in texts:
                last = paras[texts.index(want)]
            else:
                yield _missing(self, draft, clause, last,
                               f"the 前言 lacks the {G.WHAT[key]}: \"{sentence}\"", sentence)
