"""Clean example drafts that rule documentation modifies.

A rule's example gives only the part that matters (``overrides``); ``assemble`` puts it into a
draft that is otherwise lint-clean, so the documentation shows a short snippet while the test
suite lints a whole draft and checks that the rule (and only that rule) fires.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.i18n import boilerplate as B
from build_tools.lint.base import Example

PARTS_EN: dict[str, str] = {
    "front": """id: MVS 9001
title:
  en: Metaverse — Example vocabulary
language: en
stage: WD
iteration: 1
date: 2026-11-28
committee: MIIT Metaverse Standardization Working Group, WG 1
editors:
  - name: Li Wei
    organization: China Electronics Standardization Institute""",
    "foreword": f"{B.DRAFTING_BASIS['iso']}\n\n{B.PATENTS['iso']}",
    "introduction": "",
    "scope": "This document defines terms used in metaverse standards.",
    "normrefs": f"{B.NORMREF_LEAD['iso']}\n\n- ISO/IEC 2382:2015, *Information technology — Vocabulary*",
    "terms": """For the purposes of this document, the terms and definitions given in ISO/IEC 2382 and the following apply.

ISO and IEC maintain terminology databases for use in standardization at the following addresses:

- ISO Online browsing platform: available at https://www.iso.org/obp
- IEC Electropedia: available at https://www.electropedia.org/

## avatar {#term-avatar}

digital representation of a user in a [virtual world](#term-virtual-world)

## virtual world {#term-virtual-world}

computer-simulated environment that users can enter through an [](#term-avatar)""",
    "body": """# Requirements {#sec-requirements}

## General

A platform shall provide an avatar for each user.

## Interfaces

A platform shall provide the interfaces listed in [](#tab-interfaces).

Table: Interfaces of a platform {#tab-interfaces}

| Interface | Purpose |
|---|---|
| Identity | Sign-in of users |
| Rendering | Display of scenes |""",
    "annexes": "",
    "bibliography": "- ITU-T Y.4600, *Requirements and capabilities of a digital twin system*",
}

PARTS_ZH: dict[str, str] = {
    "front": """id: MVS 9001
title:
  zh: 元宇宙 示例术语
  en: Metaverse — Example vocabulary
language: zh
stage: WD
iteration: 1
date: 2026-11-28
committee: 工业和信息化部元宇宙标准化工作组
editors:
  - name: 李伟
    organization: 中国电子技术标准化研究院""",
    "foreword": f"{B.DRAFTING_BASIS['gb']}\n\n{B.PATENTS['gb']}",
    "introduction": "",
    "scope": "本文件界定了元宇宙标准中使用的术语和定义。",
    "normrefs": f"{B.NORMREF_LEAD['gb']}\n\n- GB/T 5271.1—2000 信息技术 词汇 第1部分：基本术语"
                "（ISO/IEC 2382-1:1993，IDT）",
    "terms": """GB/T 5271.1界定的以及下列术语和定义适用于本文件。

## 化身 {#term-avatar}

en: avatar

用户在[虚拟世界](#term-virtual-world)中的数字化表示。

## 虚拟世界 {#term-virtual-world}

en: virtual world

用户通过[](#term-avatar)进入的计算机模拟环境。""",
    "body": """# 要求 {#sec-requirements}

## 总则

平台应为每个用户提供化身。

## 接口

平台应提供[](#tab-interfaces)所列的接口。

表：平台的接口 {#tab-interfaces}

| 接口 | 用途 |
|---|---|
| 身份 | 用户登录 |
| 渲染 | 场景显示 |""",
    "annexes": "",
    "bibliography": "- ISO/IEC 23005-1:2020 Information technology — Media context and control — Part 1: Architecture",
}

TITLES = {
    "en": ("Foreword", "Introduction", "Scope", "Normative references", "Terms and definitions",
           "Bibliography"),
    "zh": ("前言", "引言", "范围", "规范性引用文件", "术语和定义", "参考文献"),
}


def assemble(lang: str, overrides: dict[str, str] | None = None) -> str:
    """A whole draft: the clean parts of ``lang`` with ``overrides`` put in."""
    overrides = overrides or {}
    if "raw" in overrides:
        return overrides["raw"]
    parts = dict(PARTS_ZH if lang == "zh" else PARTS_EN)
    parts.update(overrides)
    fw, intro, scope, nr, terms, bib = TITLES[lang]
    out = [f"---\n{parts['front']}\n---\n"]
    out.append(f"# {fw}\n\n{parts['foreword']}\n")
    if parts["introduction"]:
        out.append(f"# {intro}\n\n{parts['introduction']}\n")
    out.append(f"# {scope}\n\n{parts['scope']}\n")
    out.append(f"# {nr}\n\n{parts['normrefs']}\n")
    out.append(f"# {terms}\n\n{parts['terms']}\n")
    out.append(f"{parts['body']}\n")
    if parts["annexes"]:
        out.append(f"{parts['annexes']}\n")
    if parts["bibliography"]:
        out.append(f"# {bib}\n\n{parts['bibliography']}\n")
    return "\n".join(out)


@dataclass
class CommentExample(Example):
    """An example of a comment-file rule (CMT-*): the comment file ``comments`` (YAML), placed at
    comments/draft/WD1/CN-CESI.yaml beside the clean example draft drafts/draft.md (with
    ``overrides``) and, when given, the ballot's line map of that draft."""

    comments: str = ""
    line_map: list[dict[str, Any]] | None = field(default=None)

    FILE = "comments/draft/WD1/CN-CESI.yaml"


@dataclass
class RosterExample(Example):
    """An example of a roster rule (ROSTER-*): ``roster`` is committee.yaml, at the root of a
    repository whose drafts/ holds the clean example draft and, when ``comments`` is given,
    whose comments/draft/WD1/CN-CESI.yaml is that comment file."""

    roster: str = ""
    comments: str | None = None

    FILE = "committee.yaml"


@dataclass
class PairExample(Example):
    """An example of a PAIR rule: the clean example draft of ``lang`` with ``overrides`` and,
    as its other language version (the same id), the clean draft of the other language with
    ``partner``; both are linted together (drafts/draft.md and drafts/partner.md)."""

    partner: dict[str, str] = field(default_factory=dict)

    @property
    def partner_lang(self) -> str:
        return "en" if self.lang == "zh" else "zh"
