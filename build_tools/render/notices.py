"""Texts the site prints around a draft: the draft warning by stage, the header labels.

The warnings are the ones ISO prints on the cover of WDs/CDs and of DIS ballots, and the
sentence GB drafts carry on their cover (GB/T 1.1—2020). They apply below stage 60.
"""

from __future__ import annotations

from build_tools.i18n.stages import stage_number

ISO_WD_CD = (
    "This document is not an ISO International Standard. It is distributed for review and "
    "comment. It is subject to change without notice and may not be referred to as an "
    "International Standard. Recipients of this draft are invited to submit, with their "
    "comments, notification of any relevant patent rights of which they are aware and to "
    "provide supporting documentation."
)
ISO_DIS = (
    "This document is a draft circulated for comments and approval. It is therefore subject to "
    "change and may not be referred to as an international standard until published as such."
)
GB_DRAFT = "在提交反馈意见时，请将您知道的相关专利连同支持文件一并附上。"

HEADER_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "stage": "Stage",
        "date": "Date",
        "committee": "Committee",
        "editors": "Editors",
        "ballot": "Ballot",
        "downloads": "Downloads",
        "requirements": "Requirements",
        "changes": "Changes since {v}",
        "warning": "Warning",
        "unreadable": "This draft could not be read",
    },
    "zh": {
        "stage": "阶段",
        "date": "日期",
        "committee": "归口",
        "editors": "起草人",
        "ballot": "投票",
        "downloads": "下载",
        "requirements": "要求",
        "changes": "自{v}以来的修改",
        "warning": "警告",
        "unreadable": "无法读取此草案",
    },
}


def header_label(lang: str, key: str) -> str:
    return HEADER_LABELS.get(lang, HEADER_LABELS["en"])[key]


def draft_warning(stage: str, rules: str) -> str | None:
    """The warning for a draft at ``stage``, or None from stage 60 (published) on."""
    number = stage_number(stage)
    if number >= 60:
        return None
    if rules == "gb":
        return GB_DRAFT
    return ISO_DIS if number >= 40 else ISO_WD_CD
