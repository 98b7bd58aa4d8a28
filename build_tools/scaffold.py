"""``clause new``: a new draft with the mandatory clauses and the exact boilerplate."""

from __future__ import annotations

import datetime as dt
import re

from build_tools.i18n import boilerplate as B

DOCTYPES = ("standard", "technical-specification", "technical-report", "guide")


def slug(draft_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", draft_id.lower()).strip("-") or "draft"


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold(draft_id: str, title: str, lang: str = "en", doctype: str = "standard",
             committee: str = "MIIT Metaverse Standardization Working Group",
             editor: str = "Editor name", organization: str = "Organization",
             date: dt.date | None = None) -> str:
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
        "---",
        "",
    ]
    if lang == "zh":
        body = f"""# 前言

{B.DRAFTING_BASIS['gb']}

{B.PATENTS['gb']}

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
