"""What the cover of a PDF or DOCX export says: identity, stage, titles and the draft warning.

The warning sentences come from ``i18n.boilerplate`` (BOIL-06, BOIL-07 with its two further
DIS/FDIS paragraphs, and the GB cover sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.i18n import boilerplate
from build_tools.i18n.labels import LABELS
from build_tools.i18n.stages import abbreviation_of, code_of, stage_name, stage_number
from build_tools.model import Draft

_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
COVER_LABELS: dict[str, dict[str, str]] = {
    "en": {"document": "Document", "stage": "Stage", "date": "Date", "committee": "Committee",
           "title": "Title", "date_line": "Date: ", "completed": ""},
    "zh": {"document": "文件编号", "stage": "阶段", "date": "日期", "committee": "归口",
           "title": "名称", "date_line": "", "completed": "本稿完成日期："},
}


@dataclass(frozen=True)
class Cover:
    lang: str
    id: str
    stage: str  # "Committee Draft 1", "征求意见稿"
    stage_code: str  # "30.20"
    stage_abbr: str  # "CD"
    date: str
    committee: str
    titles: list[tuple[str, str]]  # (language, title), the draft's own language first
    warning: list[str]  # paragraphs
    watermark: str | None  # "DRAFT" / "草案" below stage 60
    authors: list[str]

    def label(self, key: str) -> str:
        return COVER_LABELS.get(self.lang, COVER_LABELS["en"])[key]


def _iteration(draft: Draft) -> int | None:
    value = draft.meta.get("iteration")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def warning_paragraphs(draft: Draft, date: str) -> list[str]:
    number = stage_number(str(draft.meta.get("stage") or "WD"))
    main = boilerplate.warning_for(number, draft.rules)
    if main is None:
        return []
    if draft.rules == "gb":
        return [main, COVER_LABELS["zh"]["completed"] + date]
    if number >= 40:
        return [main, boilerplate.DIS_REGULATIONS, boilerplate.DIS_PATENTS]
    return [main]


def one_line(value: object) -> str:
    """A front-matter value as cover text: line breaks become spaces and other control
    characters go (a DOCX cannot hold them; FM-03 reports them in the draft)."""
    return _CONTROL.sub("", _BREAKS.sub(" ", str(value))).strip()


def cover_of(draft: Draft) -> Cover:
    stage = str(draft.meta.get("stage") or "WD")
    date = one_line(draft.meta.get("date") or "")
    titles = {lang: one_line(text) for lang, text in draft.titles.items()}
    ordered = [(draft.language, titles[draft.language])] if draft.language in titles else []
    ordered += [(lang, text) for lang, text in titles.items() if lang != draft.language]
    editors = draft.meta.get("editors") or []
    authors = [one_line(e.get("name")) for e in editors if isinstance(e, dict) and e.get("name")]
    below_publication = stage_number(stage) < 60
    return Cover(
        lang=draft.language,
        id=one_line(draft.id),
        stage=stage_name(stage, draft.rules, _iteration(draft)),
        stage_code=code_of(stage),
        stage_abbr=abbreviation_of(stage),
        date=date,
        committee=one_line(draft.meta.get("committee") or ""),
        titles=ordered or [(draft.language, one_line(draft.title_in()))],
        warning=warning_paragraphs(draft, date),
        watermark=LABELS.get(draft.language, LABELS["en"])["draft"] if below_publication else None,
        authors=authors,
    )
