"""Small drafts written into a throw-away repository, and their exports (made once a session)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.export import ExportResult
from build_tools.model import Draft

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120">
  <rect x="10" y="10" width="120" height="60" fill="#dbe9f6" stroke="#000"/>
  <text x="70" y="45" font-size="14" text-anchor="middle">Client</text>
  <rect x="170" y="10" width="120" height="60" fill="#e3f1df" stroke="#000"/>
  <text x="230" y="45" font-size="14" text-anchor="middle">Platform</text>
  <line x1="130" y1="40" x2="170" y2="40" stroke="#000"/>
</svg>
"""


def ballot_block(numbering: str | None) -> str:
    if numbering is None:
        return ""
    return ("ballot:\n  opens: 2026-12-01\n  closes: 2027-01-31\n"
            f"  line_numbering: {numbering}\n")


def en_draft(numbering: str | None = "continuous", figure: str = "figures/flow.svg",
             stage: str = "CD") -> str:
    return f"""---
id: MVS 9001
title:
  en: Metaverse — Export test document
  zh: 元宇宙 导出测试文件
language: en
stage: {stage}
iteration: 1
date: 2026-11-28
committee: MIIT Metaverse Standardization Working Group, WG 9 Testing
editors:
  - name: Test Editor
    organization: Test Institute
keywords: [metaverse, export]
{ballot_block(numbering)}---

# Foreword {{#foreword}}

This document was drafted in accordance with the editorial rules of the ISO/IEC Directives, Part 2 (see www.iso.org/directives).

# Scope {{#scope}}

This document specifies the exchange of scene state. It refers to [](#sec-general), [](#tab-params), [](#fig-flow) and [](#annex-uses).

# Normative references {{#normative-references}}

The following documents are referred to in the text in such a way that some or all of their content constitutes requirements of this document. For dated references, only the edition cited applies. For undated references, the latest edition of the referenced document (including any amendments) applies.

- ISO/IEC 2382:2015, *Information technology — Vocabulary* {{#ref-iso-iec-2382}}

# Terms and definitions {{#terms}}

For the purposes of this document, the following terms and definitions apply.

## avatar {{#term-avatar}}

admitted: digital persona
deprecated: puppet

digital representation of a user in a [virtual world](#term-virtual-world)

EXAMPLE A humanoid figure with a face and hands.

Note 1 to entry: An avatar can be non-humanoid.

[SOURCE: ISO/IEC 2382:2015, 2121319, modified — "user" added]

## virtual world {{#term-virtual-world}}

symbol: VW

computer-generated, shared and persistent environment

# Requirements {{#requirements}}

## General {{#sec-general}}

The platform shall keep the state of every [avatar](#term-avatar) as listed in [](#tab-params).

NOTE The state includes the pose.

EXAMPLE A platform stores 6 degrees of freedom per avatar.

Table: Parameters of the state {{#tab-params}}

| Parameter | Value |
|---|---|
| pose | 6 DoF |
| latency | 20 ms |

## Flow {{#sec-flow}}

The flow is shown in [](#fig-flow).

![Flow of scene data]({figure}){{#fig-flow}}

## Literal text {{#sec-literal}}

Typed as is: $x$ and @cite and #set page(width: 1cm) and <b>bold</b> and `code` and a // b and ~x~ and 1. and \\*stars\\* and [link](https://example.org) and a footnote[^fn].

Calls end where text begins: *em*(a) `code`(b) [link](https://example.org).c **strong**[d] H<sub>2</sub>(O) line\\
(break) and `x`.y

[^fn]: The footnote text.

# Use cases {{.annex .informative #annex-uses}}

## Scenario {{#sec-scenario}}

A user visits a virtual world.

# Bibliography {{#bibliography}}

- ISO/IEC 23005-1:2020, *Information technology — Media context and control — Part 1: Architecture* {{#ref-iso-iec-23005-1}}
"""


def zh_draft(numbering: str | None = "per-page") -> str:
    return f"""---
id: MVS 9002
title:
  zh: 元宇宙 导出测试
  en: Metaverse — Export test
language: zh
rules: gb
stage: "30.20"
iteration: 1
date: 2026-11-28
committee: MIIT Metaverse Standardization Working Group, WG 9 Testing
editors:
  - name: 测试编辑
    organization: 测试研究院
{ballot_block(numbering)}---

# 前言 {{#foreword}}

本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。

# 范围 {{#scope}}

本文件规定了元宇宙场景状态交换的要求，见[](#tab-params)。

# 规范性引用文件 {{#normative-references}}

本文件没有规范性引用文件。

# 术语和定义 {{#terms}}

下列术语和定义适用于本文件。

## 化身 {{#term-avatar}}

en: avatar

用户在虚拟世界中的数字化表示。

示例：具有面部和双手的人形形象。

注：化身可以是非人形的。

[来源：GB/T 5271.1—2000，01.01.01，有修改]

# 要求 {{#requirements}}

## 总则 {{#sec-general}}

平台应保存每个化身的状态（包括位姿），“状态”的参数见[](#tab-params)。

注：状态包括位姿。

表：状态参数 {{#tab-params}}

| 参数 | 取值 |
|---|---|
| 位姿 | 6自由度 |
| 时延 | 20 ms |

## 流程 {{#sec-flow}}

平台应按顺序处理请求，并记录每个请求的处理结果。
"""


@dataclass
class Exported:
    path: Path
    draft: Draft
    result: ExportResult


def make_repo(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "drafts" / "figures").mkdir(parents=True)
    (root / "drafts" / "figures" / "flow.svg").write_text(SVG, encoding="utf-8")
    return root


def write(repo: Path, name: str, text: str) -> Path:
    path = repo / "drafts" / name
    path.write_text(text, encoding="utf-8")
    return path
