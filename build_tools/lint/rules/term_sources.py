"""TERM-12: the source of a term entry, written '[SOURCE: ISO 7301:2011, 3.1, modified — …]'
(Directives Part 2, 16.5.10) or '[来源：GB/T 20000.1—2014，3.1，有修改]' (GB/T 1.1—2020, 8.7.3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.i18n.refs import IDENT_RE
from build_tools.lint.base import GB, ISO, Context, Example, Finding, Rule, register
from build_tools.lint.examples import PARTS_EN, PARTS_ZH
from build_tools.model import Block, Draft

_EN = PARTS_EN["terms"]
_ZH = PARTS_ZH["terms"]
_EN_DEF = "that users can enter through an [](#term-avatar)"
_ZH_DEF = "用户通过[](#term-avatar)进入的计算机模拟环境。"

# A paragraph of an entry meant as its source but not written in the form: "Source: …",
# "[Source: …]", "(SOURCE: …)", "SOURCE ISO …", "来源：…".
_LOOSE_EN = re.compile(r"^\s*[\[(]?\s*(?i:source)\b\s*[:：-]?\s*(?=\S)")
_LOOSE_ZH = re.compile(r"^\s*[\[(［（]?\s*来源\s*[:：]?\s*(?=\S)")
_EN_HEAD = "[SOURCE: "
_ZH_HEAD = "[来源："
# "ISO 7301:2011 3.1": the entry number needs a comma before it.
_NO_COMMA = re.compile(r"\s+(?=(?:\d+(?:\.\d+)+|\d{5,})\b)")
# "modified" and what follows it: " — the words … added" (an em dash between spaces).
_MODIFIED = re.compile(r"(?i:\bmodified\b)(\s*[-–:—]\s*|\s+(?=\S))?")


def loose_source(block: Block, lang: str) -> re.Match[str] | None:
    """The head of a paragraph that is meant as the entry's source but is not written in the
    form the parser recognises ("Source: ISO 7301:2011, 3.1")."""
    if block.kind != "paragraph":
        return None
    return (_LOOSE_ZH if lang == "zh" else _LOOSE_EN).match(block.text)


def _inner(rest: str) -> str:
    """The content of a loose source after its label, without its closing bracket."""
    rest = rest.strip()
    if rest[-1:] in ")]）］":
        rest = rest[:-1].rstrip()
    return rest


@register
class SourceForm(Rule):
    id = "TERM-12"
    family = "terms"
    summary = "A term's source reads '[SOURCE: ISO 7301:2011, 3.1]' (zh '[来源：GB/T 20000.1—2014，3.1]')"
    source = f"{ISO}, 16.5.10"
    source_gb = f"{GB}, 8.7.3"
    doc = ("The source of an entry is one paragraph at its end: in square brackets, 'SOURCE' in "
           "capitals and a colon, the document's identifier, a comma and the number of the entry "
           "in it, then, if the entry was changed, ', modified — ' and what was changed. In "
           "Chinese: '[来源：', the identifier, '，', the entry number and '，有修改]', with "
           "full-width punctuation. A paragraph meant as the source but written otherwise "
           "('Source: …', '[Source: …]', '(SOURCE: …)') is reported here, not by TERM-06. The "
           "fixes (brackets and capitals, the comma before the entry number, the dash after "
           "'modified', full-width punctuation) are safe.")
    fail = [Example("en", {"terms": _EN.replace(_EN_DEF, _EN_DEF + "\n\nSource: ISO/IEC "
                                                "2382:2015, 2121319")},
                    fixed=_EN.replace(_EN_DEF, _EN_DEF + "\n\n[SOURCE: ISO/IEC 2382:2015, "
                                      "2121319]")),
            Example("en", {"terms": _EN.replace(_EN_DEF, _EN_DEF + "\n\n[SOURCE: ISO/IEC "
                                                "2382:2015 2121319, modified - \"computer-"
                                                "simulated\" added]")},
                    fixed=_EN.replace(_EN_DEF, _EN_DEF + "\n\n[SOURCE: ISO/IEC 2382:2015, "
                                      "2121319, modified — \"computer-simulated\" added]")),
            Example("zh", {"terms": _ZH.replace(_ZH_DEF, _ZH_DEF + "\n\n[来源:GB/T 5271.1—2000, "
                                                "01.01.01, 有修改]")},
                    fixed=_ZH.replace(_ZH_DEF, _ZH_DEF + "\n\n[来源：GB/T 5271.1—2000，"
                                      "01.01.01，有修改]"))]
    passing = [Example("en", {"terms": _EN.replace(_EN_DEF, _EN_DEF + "\n\n[SOURCE: ISO/IEC "
                                                   "2382:2015, 2121319, modified — "
                                                   "\"computer-simulated\" added]")}),
               Example("zh", {"terms": _ZH.replace(_ZH_DEF, _ZH_DEF + "\n\n[来源：GB/T "
                                                   "5271.1—2000，01.01.01，有修改]")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        zh = draft.language == "zh"
        for term in draft.terms:
            for block in term.blocks:
                if block is term.definition:
                    continue
                if block.kind == "source":
                    yield from (self._zh(draft, block) if zh else self._en(draft, block))
                    continue
                head = loose_source(block, draft.language)
                if head is not None:
                    yield self._loose(draft, block, head, zh)

    def _loose(self, draft: Draft, block: Block, head: re.Match[str], zh: bool) -> Finding:
        text = block.text.rstrip()
        inner = _inner(text[head.end():])
        fixed = f"{_ZH_HEAD if zh else _EN_HEAD}{inner}]"
        return self.finding_at(draft, block, 0, len(text), f"write the source of the entry as "
                               f"'{fixed}'", fix=fixed, replacement=fixed)

    def _en(self, draft: Draft, block: Block) -> Iterator[Finding]:
        text = block.text.rstrip()
        if not text.startswith(_EN_HEAD):
            colon = text.index(":") + 1
            yield self.finding_at(draft, block, 0, colon, "one space after 'SOURCE:'",
                                  fix=_EN_HEAD, replacement=_EN_HEAD,
                                  edit_range=(0, len(text) - len(text[colon:].lstrip())))
            return
        if not text.endswith("]"):
            yield self.finding_at(draft, block, len(text) - 1, len(text), "the source ends "
                                  "with ']'", fix="]", replacement="]",
                                  edit_range=(len(text), len(text)))
        ident = IDENT_RE.match(text, len(_EN_HEAD))
        if ident is not None:
            gap = _NO_COMMA.match(text, ident.end())
            if gap is not None:
                yield self.finding_at(draft, block, ident.start(), gap.end(), f"a comma "
                                      f"separates {ident.group(0)} from the entry number",
                                      fix=", ", replacement=", ", edit_range=gap.span())
        m = _MODIFIED.search(text, len(_EN_HEAD))
        if m is not None:
            word = m.group(0)[:8]
            sep = m.group(1) or ""
            if word != "modified":
                yield self.finding_at(draft, block, m.start(), m.start() + 8, "write "
                                      "'modified' in lower case", fix="modified",
                                      replacement="modified")
            if text[:m.start()].rstrip()[-1:] != ",":
                yield self.finding_at(draft, block, m.start(), m.start() + 8, "a comma comes "
                                      "before 'modified'", fix=", modified")
            rest = text[m.end():].rstrip("]").strip()
            if rest and sep != " — ":
                yield self.finding_at(draft, block, m.start() + 8, m.end(), "an em dash between "
                                      "spaces follows 'modified': 'modified — …'", fix=" — ",
                                      replacement=" — ", edit_range=(m.start() + 8, m.end()))

    def _zh(self, draft: Draft, block: Block) -> Iterator[Finding]:
        text = block.text.rstrip()
        head = re.match(r"\[来源\s*[:：]\s*", text)
        if head is not None and head.group(0) != _ZH_HEAD:
            yield self.finding_at(draft, block, 0, head.end(), "write '[来源：' with a full-width colon",
                                  fix=_ZH_HEAD, replacement=_ZH_HEAD)
        for m in re.finditer(r"\s*,\s*", text):
            yield self.finding_at(draft, block, m.start(), m.end(), "the source uses the full-width comma '，'",
                                  fix="，", replacement="，")
