"""A long, valid, deterministic draft for export tests and benchmarks.

``long_draft(pages=100)`` returns the Markdown of an ISO-style draft of about that many A4
pages in the PDF export (Foreword, Introduction, Scope, references, terms with notes and
examples, clauses with subclauses, tables, figures, lists, notes, footnotes, two annexes,
bibliography). ``write_long_draft(folder, pages)`` writes it with its figure and returns the
path. The same arguments always give the same text (``random.Random(seed)``).

    python tests/export/longdraft.py OUT.md [PAGES] [en|zh]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

# Measured with the PDF export (A4, 11 pt): about this many words of body text fill a page.
WORDS_PER_PAGE = 390
CJK_CHARS_PER_PAGE = 650

_EN = {
    "noun": ("platform", "avatar", "virtual world", "scene", "digital twin", "asset", "service",
             "interface", "user", "provider", "device", "session", "renderer", "gateway",
             "identity", "content", "network", "layer", "component", "record", "model"),
    "adj": ("persistent", "shared", "immersive", "distributed", "interoperable", "secure",
            "real-time", "spatial", "federated", "consistent", "verifiable", "low-latency"),
    "verb": ("maintains", "exchanges", "describes", "synchronizes", "renders", "identifies",
             "stores", "publishes", "validates", "transfers", "monitors", "associates"),
    "prep": ("with", "for", "across", "within", "between", "through", "on behalf of"),
}
_ZH = {
    "noun": ("平台", "化身", "虚拟世界", "场景", "数字孪生", "虚拟资产", "服务", "接口", "用户",
             "提供者", "终端设备", "会话", "渲染器", "网关", "数字身份", "数字内容", "网络", "功能组件"),
    "adj": ("持久的", "共享的", "沉浸式的", "分布式的", "可互操作的", "安全的", "实时的", "空间的"),
    "verb": ("维护", "交换", "描述", "同步", "渲染", "识别", "存储", "发布", "验证", "传输", "监测"),
}

FIGURE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="360" height="140" viewBox="0 0 360 140">
  <rect x="10" y="10" width="100" height="50" fill="#dbe9f6" stroke="#333"/>
  <text x="60" y="40" font-size="12" text-anchor="middle">Client</text>
  <rect x="250" y="10" width="100" height="50" fill="#e3f1df" stroke="#333"/>
  <text x="300" y="40" font-size="12" text-anchor="middle">Platform</text>
  <line x1="110" y1="35" x2="250" y2="35" stroke="#333"/>
  <rect x="130" y="85" width="100" height="45" fill="#fbefd5" stroke="#333"/>
  <text x="180" y="112" font-size="12" text-anchor="middle">Gateway</text>
</svg>
"""
FIGURE_PATH = "figures/long-flow.svg"


class _Writer:
    def __init__(self, lang: str, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lang = lang
        self.words = _ZH if lang == "zh" else _EN
        self.tables = 0
        self.figures = 0
        self.footnotes = 0
        self.out: list[str] = []

    def pick(self, kind: str) -> str:
        return self.rng.choice(self.words[kind])

    def sentence(self, provision: bool = False) -> str:
        if self.lang == "zh":
            verb = "应" + self.pick("verb") if provision else self.pick("verb")
            return f"{self.pick('adj')}{self.pick('noun')}{verb}{self.pick('noun')}和{self.pick('noun')}。"
        verb = self.pick("verb")
        if provision:  # "shall" takes the base form: publishes -> publish, stores -> store
            verb = "shall " + (verb[:-2] if verb.endswith(("shes", "sses")) else verb[:-1])
        text = (f"the {self.pick('adj')} {self.pick('noun')} {verb} the {self.pick('noun')} "
                f"{self.pick('prep')} the {self.pick('adj')} {self.pick('noun')}")
        if self.rng.random() < 0.4:
            text += f" and the {self.pick('noun')} of each {self.pick('noun')}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int, provisions: bool) -> str:
        return " ".join(self.sentence(provisions and self.rng.random() < 0.25)
                        for _ in range(sentences))

    def emit(self, *blocks: str) -> None:
        self.out.extend(blocks)


def _front_matter(lang: str, line_numbering: str) -> str:
    title = ("  en: Metaverse — Long test document\n  zh: 元宇宙 长测试文件" if lang == "en"
             else "  zh: 元宇宙 长测试文件\n  en: Metaverse — Long test document")
    return (f"---\nid: MVS 9100\ntitle:\n{title}\nlanguage: {lang}\nstage: CD\niteration: 1\n"
            f"date: 2026-11-28\ncommittee: MIIT Metaverse Standardization Working Group, WG 9\n"
            f"editors:\n  - name: Bench Editor\n    organization: Test Institute\n"
            f"ballot:\n  opens: 2026-12-01\n  closes: 2027-01-31\n"
            f"  line_numbering: {line_numbering}\n---")


def long_draft(pages: int = 100, language: str = "en", seed: int = 42,
               line_numbering: str = "continuous") -> str:
    """Markdown of a draft of about ``pages`` PDF pages (language "en" or "zh")."""
    zh = language == "zh"
    w = _Writer(language, seed)
    budget = pages * (CJK_CHARS_PER_PAGE // 12 if zh else WORDS_PER_PAGE // 11)  # sentences
    terms = max(8, pages // 3)
    term_ids = [f"term-{i}" for i in range(1, terms + 1)]
    w.emit(_front_matter(language, line_numbering))
    if zh:
        w.emit("# 前言 {#foreword}",
               "本文件按照GB/T 1.1—2020《标准化工作导则\u3000第1部分：标准化文件的结构和起草规则》的规定起草。",
               "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。",
               "# 引言 {#introduction}", w.paragraph(6, False),
               "# 范围 {#scope}", "本文件规定了元宇宙系统的测试要求。",
               "# 规范性引用文件 {#normative-references}",
               "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，"
               "仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。",
               "- GB/T 5271.1—2000 信息技术 词汇 第1部分：基本术语 {#ref-gb-5271}",
               "# 术语和定义 {#terms}", "下列术语和定义适用于本文件。")
    else:
        w.emit("# Foreword {#foreword}",
               "This document was drafted in accordance with the editorial rules of the ISO/IEC "
               "Directives, Part 2 (see www.iso.org/directives).",
               "# Introduction {#introduction}", w.paragraph(6, False),
               "# Scope {#scope}",
               "This document specifies requirements for the exchange of state between "
               "metaverse platforms.",
               "# Normative references {#normative-references}",
               "The following documents are referred to in the text in such a way that some or "
               "all of their content constitutes requirements of this document. For dated "
               "references, only the edition cited applies. For undated references, the latest "
               "edition of the referenced document (including any amendments) applies.",
               "- ISO/IEC 2382:2015, *Information technology — Vocabulary* {#ref-iso-iec-2382}",
               "# Terms and definitions {#terms}",
               "For the purposes of this document, the following terms and definitions apply.")
    for i, anchor in enumerate(term_ids, 1):
        noun = f"{w.pick('adj')}{w.pick('noun')}" if zh else f"{w.pick('adj')} {w.pick('noun')} {i}"
        if zh:
            noun += str(i)
        w.emit(f"## {noun} {{#{anchor}}}")
        if zh:
            w.emit(f"en: term {i}")
        elif i % 4 == 0:
            w.emit(f"admitted: {w.pick('noun')} {i}")
        definition = (f"{w.pick('adj')}{w.pick('noun')}，用于{w.pick('verb')}{w.pick('noun')}。" if zh
                      else f"{w.pick('noun')} that {w.pick('verb')} the {w.pick('noun')} "
                      f"{w.pick('prep')} a [{w.pick('noun')}](#{term_ids[i % terms]})")
        w.emit(definition)
        if i % 5 == 0:
            w.emit(("示例：" if zh else "EXAMPLE ") + w.sentence())
        if i % 3 == 0:
            w.emit(("注：" if zh else "Note 1 to entry: ") + w.sentence())
        if i % 7 == 0:
            w.emit("[来源：GB/T 5271.1—2000，01.01.01，有修改]" if zh
                   else "[SOURCE: ISO/IEC 2382:2015, 2121319, modified — the note added]")
    used = 0
    clause = 3
    while used < budget:
        clause += 1
        w.emit(f"# {w.pick('adj')}{w.pick('noun')} {{#clause-{clause}}}" if zh
               else f"# {w.pick('adj').capitalize()} {w.pick('noun')} {{#clause-{clause}}}")
        for sub in range(1, 6):
            w.emit(f"## {w.pick('noun')}{sub} {{#sec-{clause}-{sub}}}" if zh
                   else f"## {w.pick('noun').capitalize()} {sub} {{#sec-{clause}-{sub}}}")
            for _ in range(3):
                n = w.rng.randint(4, 8)
                used += n
                text = w.paragraph(n, True)
                if w.rng.random() < 0.3:
                    ref = f"[](#sec-{clause}-{max(1, sub - 1)})"
                    text += f" 见{ref}。" if zh else f" See {ref}."
                if w.rng.random() < 0.1:
                    w.footnotes += 1
                    text += f"[^n{w.footnotes}]"
                    w.emit(text, f"[^n{w.footnotes}]: {w.sentence()}")
                else:
                    w.emit(text)
            if sub % 2 == 0:
                w.emit(("注：" if zh else "NOTE ") + w.sentence())
            if sub % 3 == 0:
                w.emit(("示例：" if zh else "EXAMPLE ") + w.sentence())
            if sub == 2:
                lead = "下列各项：" if zh else "The following apply:"
                items = [f"- {w.sentence()[:-1]}{'；' if zh else ';'}" for _ in range(3)]
                items.append(f"- {w.sentence()[:-1]}{'。' if zh else '.'}")
                w.emit(lead, "\n".join(items))
            if sub == 3:
                w.tables += 1
                tab = f"tab-{w.tables}"
                w.emit((f"{w.pick('noun')}见[](#{tab})。" if zh else
                        f"The values are given in [](#{tab})."),
                       (f"表：{w.pick('noun')}参数 {{#{tab}}}" if zh else
                        f"Table: Parameters of the {w.pick('noun')} {{#{tab}}}"),
                       _table(w, zh))
                used += 12
            if sub == 4 and clause % 2 == 0:
                w.figures += 1
                fig = f"fig-{w.figures}"
                w.emit((f"结构见[](#{fig})。" if zh else f"The structure is shown in [](#{fig})."),
                       f"![{'数据流' if zh else 'Flow of data'}]({FIGURE_PATH}){{#{fig}}}")
                used += 15
    for letter_kind in ("normative", "informative"):
        anchor = f"annex-{letter_kind}"
        w.emit(f"# {'附录内容' if zh else 'Additional provisions'} {{.annex .{letter_kind} #{anchor}}}")
        for sub in range(1, 3):
            w.emit(f"## {w.pick('noun')}{sub}" if zh else f"## {w.pick('noun').capitalize()} {sub}",
                   w.paragraph(6, letter_kind == "normative"))
    w.emit("# 参考文献 {#bibliography}" if zh else "# Bibliography {#bibliography}",
           "- ISO/IEC 23005-1:2020, *Information technology — Media context and control — Part 1:"
           " Architecture* {#ref-iso-iec-23005-1}")
    return "\n\n".join(w.out) + "\n"


def _table(w: _Writer, zh: bool) -> str:
    head = "| 参数 | 取值 | 说明 |" if zh else "| Parameter | Value | Remarks |"
    rows = [head, "|---|---|---|"]
    for i in range(1, w.rng.randint(4, 9)):
        rows.append(f"| {w.pick('noun')} {i} | {w.rng.randint(1, 500)} ms | {w.sentence()} |")
    return "\n".join(rows)


def write_long_draft(folder: Path, pages: int = 100, language: str = "en", seed: int = 42,
                     line_numbering: str = "continuous") -> Path:
    """Write the draft (and its figure under figures/) into ``folder``; return the draft."""
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    (folder / FIGURE_PATH).write_text(FIGURE_SVG, encoding="utf-8")
    path = folder / f"long-{language}-{pages}.md"
    path.write_text(long_draft(pages, language, seed, line_numbering), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    lang = sys.argv[3] if len(sys.argv) > 3 else "en"
    target.parent.mkdir(parents=True, exist_ok=True)
    (target.parent / "figures").mkdir(exist_ok=True)
    (target.parent / FIGURE_PATH).write_text(FIGURE_SVG, encoding="utf-8")
    target.write_text(long_draft(count, lang), encoding="utf-8")
    print(target)
