"""``clause new``: a new draft with the mandatory clauses and the exact boilerplate."""

from __future__ import annotations

import datetime as dt
import re

from build_tools.i18n import boilerplate as B
from build_tools.i18n import gb as G

DOCTYPES = ("standard", "technical-specification", "technical-report", "guide")


def slug(draft_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", draft_id.lower()).strip("-") or "draft"


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# What a new Chinese deliverable of each level starts with (the identifier is a placeholder
# until the number is assigned; the WG's field is information technology: CCS L70, ICS
# 35.240.99).
GB_DEFAULTS: dict[str, dict[str, str]] = {
    "national": {"identifier": G.EXAMPLES["national"],
                 "issuer": "国家市场监督管理总局\u3000国家标准化管理委员会"},
    "sector": {"identifier": G.EXAMPLES["sector"], "issuer": "中华人民共和国工业和信息化部"},
    "group": {"identifier": G.EXAMPLES["group"], "issuer": "中国电子工业标准化技术协会",
              "body": "中国电子工业标准化技术协会"},
}
PLACEHOLDER = "……"


def gb_meta_for(level: str, identifier: str | None, editor: str,
                organization: str) -> G.GbMeta:
    """The ``gb:`` block of a new draft: the level's defaults, the proposer and administrator
    left as "……" for the editor to fill in."""
    defaults = GB_DEFAULTS[level]
    return G.GbMeta(level=level, identifier=identifier or defaults["identifier"], ccs="L70",
                    issuer=defaults["issuer"], proposer=PLACEHOLDER, administrator=PLACEHOLDER,
                    drafting_organizations=[organization], drafters=[editor],
                    body=defaults.get("body", ""))


def gb_block(gb: G.GbMeta) -> list[str]:
    lines = ["gb:", f"  level: {gb.level}", f"  identifier: {_yaml_str(gb.identifier)}"]
    if gb.replaces:
        lines.append(f"  replaces: {_yaml_str(gb.replaces)}")
    lines += [f"  ccs: {gb.ccs}", f"  issuer: {_yaml_str(gb.issuer)}"]
    if gb.body:
        lines.append(f"  body: {_yaml_str(gb.body)}")
    lines += [f"  proposer: {_yaml_str(gb.proposer)}",
              f"  administrator: {_yaml_str(gb.administrator)}",
              "  drafting_organizations: [" + ", ".join(map(_yaml_str, gb.drafting_organizations)) + "]",
              "  drafters: [" + ", ".join(map(_yaml_str, gb.drafters)) + "]"]
    return lines


def gb_preface(gb: G.GbMeta) -> str:
    """The 前言 of GB/T 1.1—2020, 8.3 as far as the front-matter says it: the drafting basis,
    the replacement, the patent sentence, 提出 and 归口, the drafting organizations and
    drafters (the same sentences the linter expects, GB-04 and GB-05)."""
    said = G.sentences(gb)
    parts = [B.DRAFTING_BASIS["gb"]]
    if "replaces" in said:
        parts += [said.pop("replaces"), f"- {PLACEHOLDER}。"]
    parts.append(B.PATENTS["gb"])
    parts += said.values()
    return "\n\n".join(parts)


def scaffold(draft_id: str, title: str, lang: str = "en", doctype: str = "standard",
             committee: str = "MIIT Metaverse Standardization Working Group",
             editor: str = "Editor name", organization: str = "Organization",
             date: dt.date | None = None, level: str = "national",
             identifier: str | None = None) -> str:
    """A new draft. A Chinese one (``lang`` zh) is a Chinese deliverable of ``level``, with
    its ``gb:`` block and the 前言 made from it."""
    date = date or dt.date.today()
    rules = "gb" if lang == "zh" else "iso"
    front = [
        "---",
        f"id: {_yaml_str(draft_id)}",
        "title:",
        f"  {lang}: {_yaml_str(title)}",
        f"language: {lang}",
        f"rules: {rules}",
        f"doctype: {doctype}",
        "stage: WD",
        "iteration: 1",
        f"date: {date.isoformat()}",
        f"committee: {_yaml_str(committee)}",
        "editors:",
        f"  - name: {_yaml_str(editor)}",
        f"    organization: {_yaml_str(organization)}",
    ]
    gb = gb_meta_for(level, identifier, editor, organization) if lang == "zh" else None
    if gb is not None:
        front += ['ics: ["35.240.99"]', *gb_block(gb)]
    front += ["---", ""]
    if gb is not None:
        body = f"""# 前言

{gb_preface(gb)}

# 范围

本文件规定了{title}的内容。

# 规范性引用文件

{B.NORMREF_NONE['gb']}

# 术语和定义

{B.TERMS_LEADS['gb'][3]}

# 总体要求

本章给出总体要求。
"""
    else:
        body = f"""# Foreword

{B.DRAFTING_BASIS['iso']}

{B.PATENTS['iso']}

# Scope

This document specifies {title[:1].lower() + title[1:] if title else 'its subject'}.

# Normative references

{B.NORMREF_NONE['iso']}

# Terms and definitions

{B.TERMS_LEADS['iso'][3]}

# General

This clause gives the general principles.
"""
    return "\n".join(front) + body


# The places in a 编制说明 where ``clause report`` puts what it knows (see report/compose.py);
# an editor may move them, and whatever has no marker goes to the end.
REPORT_MARKERS = {
    "history": "主要工作过程：阶段和投票（由 git 历史生成）",
    "drafting": "起草单位和起草人（由 gb: 生成）",
    "comments": "征求意见的处理（由 comments/ 生成）",
}


def report_marker(name: str) -> str:
    return f"<!-- clause report: {name} -->"


def report_scaffold(title: str) -> str:
    """drafts/<stem>.report.md: the headings of a 编制说明 of a standard's draft, with the
    markers where ``clause report`` adds the drafting organizations, the history of stages and
    ballots and the comment statistics."""
    return f"""<!-- 《{title}》编制说明。标题下的文字由编写组填写；clause report 在标记处加入
     起草单位、阶段和投票历史以及意见处理统计，并附征求意见汇总处理表。 -->

# 工作简况

## 任务来源

（项目来源、计划编号、任务书要求。）

## 主要工作过程

（起草组的成立、各阶段的主要工作。）

{report_marker("history")}

## 主要起草单位和起草人及其所做的工作

{report_marker("drafting")}

# 编制原则和主要内容

## 编制原则

（本文件编制所遵循的原则。）

## 主要内容

（各章的主要内容及确定依据。）

# 主要试验验证情况

（试验、验证或调研的情况和结论；没有时写明"无"。）

# 与国际、国外同类标准技术内容的对比情况

（与国际标准和国外先进标准的对比。）

# 与有关法律、行政法规及相关标准的关系

（与现行法律法规和强制性国家标准的关系。）

# 重大分歧意见的处理过程、处理意见及其依据

{report_marker("comments")}

# 涉及专利的有关说明

（是否涉及专利；涉及时写明专利信息和披露情况。）

# 实施标准的要求和措施建议

（组织措施、技术措施、过渡期等建议。）

# 其他应当说明的事项

（无。）
"""
