"""Texts the site prints around a draft: the draft warning by stage, the header labels.

The warnings themselves live in ``i18n.boilerplate``, shared with the PDF cover.
"""

from __future__ import annotations

from build_tools.i18n import boilerplate
from build_tools.i18n.stages import stage_number

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
        "comments": "Comments ({n})",
        "comment_count": "{n} comments",
        "comment_count_one": "1 comment",
        "comment_title": "{n} comments on {c}",
        "comment_title_one": "1 comment on {c}",
        "warning": "Warning",
        "unreadable": "This draft could not be read",
        "pair": "English | 中文 side by side",
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
        "comments": "意见（{n}）",
        "comment_count": "{n} 条意见",
        "comment_count_one": "1 条意见",
        "comment_title": "关于 {c} 的 {n} 条意见",
        "comment_title_one": "关于 {c} 的 1 条意见",
        "warning": "警告",
        "unreadable": "无法读取此草案",
        "pair": "中英文对照",
    },
}


def header_label(lang: str, key: str) -> str:
    return HEADER_LABELS.get(lang, HEADER_LABELS["en"])[key]


def draft_warning(stage: str, rules: str) -> str | None:
    """The warning for a draft at ``stage``, or None from stage 60 (published) on."""
    return boilerplate.warning_for(stage_number(stage), rules)
