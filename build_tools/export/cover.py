"""What the cover of a PDF or DOCX export says: identity, stage, titles and the draft warning.

The warning sentences come from ``i18n.boilerplate`` (BOIL-06, BOIL-07 with its two further
DIS/FDIS paragraphs, and the GB cover sentence). A Chinese deliverable (a draft with a ``gb:``
block) gets the GB cover of GB/T 1.1—2020, 8.1 instead (``GbCover``): both writers lay out
the lines computed here, in this order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_tools.i18n import boilerplate
from build_tools.i18n import gb as G
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
class GbCover:
    """The lines of a GB cover, top to bottom (GB/T 1.1—2020, 8.1)."""

    ics: str  # "ICS 35.240.99;01.040.35" (top left)
    ccs: str  # "CCS L70"
    mark: str  # "SJ": the level's letters, top right
    level_line: str  # "中华人民共和国电子行业标准"
    identifier: str  # "SJ/T ×××××—××××" (right)
    replaces: str  # "代替 GB/T 12345—2019", or ""
    title: str  # the Chinese title, its parts set apart by a full-width space
    title_en: str  # the English title, or ""
    stage: str  # "（征求意见稿）"
    completed: str  # "（本稿完成日期：2026-11-28）"
    patent: str  # the patent request of a 征求意见稿, or ""
    issued: str  # "××××-××-××发布"
    effective: str  # "××××-××-××实施"
    issuer: str  # "中华人民共和国工业和信息化部"
    issuer_tail: str  # "发布"

    def lines(self) -> list[str]:
        """Every line in reading order (what a reader of the PDF's text finds)."""
        return [x for x in (self.ics, self.ccs, self.mark, self.level_line, self.identifier,
                            self.replaces, self.title, self.title_en, self.stage,
                            self.completed, self.patent, self.issued, self.effective,
                            f"{self.issuer}\u3000{self.issuer_tail}") if x]


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
    gb: GbCover | None = None  # a Chinese deliverable's cover

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


def gb_cover(draft: Draft) -> GbCover | None:
    """The GB cover of a draft with a ``gb:`` block (None without one). Until publication the
    dates are "××××-××-××"; the patent request is printed on a 征求意见稿 (stage 30)."""
    gb = G.gb_meta(draft.meta)
    if gb is None:
        return None
    stage = str(draft.meta.get("stage") or "WD")
    ics = [str(c).strip() for c in draft.meta.get("ics") or [] if str(c).strip()]
    titles = {lang: one_line(text) for lang, text in draft.titles.items()}
    title = titles.get("zh") or one_line(draft.title_in())
    date = one_line(draft.meta.get("date") or "")
    return GbCover(
        ics="ICS " + ";".join(ics) if ics else "ICS",
        ccs=f"CCS {gb.ccs}" if gb.ccs else "CCS",
        mark=G.level_mark(gb),
        level_line=G.level_line(gb),
        identifier=one_line(gb.identifier),
        replaces=f"代替 {one_line(gb.replaces)}" if gb.replaces else "",
        # GB sets the parts of a title apart with a full-width space: "信息技术　词汇".
        title=re.sub(r"(?<=\S) +(?=\S)", "\u3000", title.strip()),
        title_en=titles.get("en", "") if draft.language != "en" else "",
        stage=f"（{stage_name(stage, 'gb', _iteration(draft))}）",
        completed=f"（本稿完成日期：{date}）" if date else "",
        patent=G.DRAFT_PATENT if stage_number(stage) == 30 else "",
        issued=f"{G.DATE_PLACEHOLDER}发布",
        effective=f"{G.DATE_PLACEHOLDER}实施",
        issuer=one_line(gb.issuer) or "……",
        issuer_tail="发布",
    )


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
        gb=gb_cover(draft),
    )
