"""The front-matter of an imported draft: from the cover page and the document properties.

A cover is read in three forms: the cover table of Clause's own exports (Document, Stage,
Date, Committee, Title (en) …, or their Chinese labels), "Key: value" lines ("Date:
2026-11-02"), and an identifier line ("MVS 0009 WD 1", "ISO/IEC CD 23456-2"). The document
properties (title, subject, author, keywords, language, created) fill what the cover leaves
open; what neither says gets a placeholder marked "fill in" in the YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from build_tools.export.cover import COVER_LABELS
from build_tools.i18n import stages
from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport.patterns import CJK
from build_tools.wordimport.units import Unit

KEYS = {
    "document": "id", "document number": "id", "reference": "id", "文件编号": "id",
    "标准编号": "id", "stage": "stage", "阶段": "stage", "date": "date", "日期": "date",
    "committee": "committee", "归口": "committee", "technical committee": "committee",
    "title": "title", "名称": "title", "标准名称": "title", "editor": "editors",
    "editors": "editors", "起草人": "editors",
}
for _labels in COVER_LABELS.values():
    for _key in ("document", "stage", "date", "committee", "title"):
        KEYS.setdefault(_labels[_key].lower(), {"document": "id"}.get(_key, _key))

_KEY_LINE = re.compile(r"^(?P<key>[^:：]{2,30})\s*[:：]\s*(?P<value>\S.*)$")
_TITLE_LANG = re.compile(r"^(?P<key>.+?)\s*[(（](?P<lang>en|zh)[)）]$")
_STAGE_WORD = r"PWI|NP|AWI|WD|CD|DIS|FDIS|PRF"
_ID_LINE = re.compile(
    rf"^(?P<id>(?:[A-Z][A-Za-z]*/)*[A-Z][A-Za-z]*\s?\d[\w.\-]*(?:[—–:]\d{{4}})?)"
    rf"(?:\s+(?P<stage>{_STAGE_WORD})(?:\s*(?P<it>\d+))?)?$")
_ISO_ID = re.compile(rf"^(?P<pub>ISO/IEC|ISO|IEC)\s+(?P<stage>{_STAGE_WORD})\s+(?P<num>\d[\w.\-]*)$")
_CODE = re.compile(r"\b(\d\d\.\d\d)\b")
_ZH_ITERATION = re.compile(r"第([一二三四五六七八九十\d]+)次")
_DATE = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})")
_ZH_DIGITS = "零一二三四五六七八九"


@dataclass
class Properties:
    """The DOCX's core properties (docProps/core.xml)."""

    title: str = ""
    subject: str = ""
    author: str = ""
    keywords: str = ""
    language: str = ""
    created: dt.datetime | None = None


@dataclass
class FrontMatter:
    values: dict[str, Any] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    placeholders: set[str] = field(default_factory=set)  # keys filled with "fill in" values
    used: set[int] = field(default_factory=set)  # cover units that went into it


def _zh_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _ZH_DIGITS.index(text[1])
    if len(text) == 1 and text in _ZH_DIGITS:
        return _ZH_DIGITS.index(text)
    return None


def stage_from(text: str) -> tuple[str | None, int | None]:
    """(stage abbreviation, iteration) from "Working Draft 2 (20.20)", "CD 1", "第二次征求意见稿"."""
    stage = None
    iteration = None
    code = _CODE.search(text)
    if code and stages.is_valid(code.group(1)):
        stage = stages.abbreviation_of(code.group(1))
    for abbr, name in stages.ISO_NAMES.items():
        m = re.search(rf"\b{name}\b(?:\s+(\d+))?", text, re.I)
        if m:
            stage = stage or abbr
            iteration = int(m.group(1)) if m.group(1) else iteration
    m = re.search(rf"\b({_STAGE_WORD})\b(?:\s*(\d+))?", text)
    if m:
        stage = stage or m.group(1)
        iteration = iteration or (int(m.group(2)) if m.group(2) else None)
    for major, name in stages.GB_NAMES.items():
        if name in text and major in ("20", "30", "40", "50"):
            stage = stage or stages.abbreviation_of(f"{major}.20" if major != "50" else "50.20")
            zh = _ZH_ITERATION.search(text)
            if zh:
                iteration = _zh_number(zh.group(1)) or iteration
    return stage, iteration


def _date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


class CoverReader:
    def __init__(self, units: list[Unit], props: Properties, lang: str) -> None:
        self.units = units
        self.props = props
        self.lang = lang
        self.fm = FrontMatter()

    def put(self, key: str, value: str, unit: Unit | None) -> None:
        value = value.strip()
        if not value:
            return
        if key == "title":
            lang = "zh" if CJK.search(value) else "en"
            self.fm.titles.setdefault(lang, value)
        elif key == "stage":
            stage, iteration = stage_from(value)
            if stage:
                self.fm.values.setdefault("stage", stage)
            if iteration:
                self.fm.values.setdefault("iteration", iteration)
        elif key == "date":
            date = _date(value)
            if date:
                self.fm.values.setdefault("date", date)
        elif key == "editors":
            self.fm.values.setdefault("editors", _names(value))
        else:
            self.fm.values.setdefault(key, value)
        if unit is not None:
            self.fm.used.add(unit.n)

    def key_value(self, key: str, value: str, unit: Unit | None) -> bool:
        titled = _TITLE_LANG.match(key.strip())
        if titled and KEYS.get(titled.group("key").strip().lower()) == "title":
            self.fm.titles.setdefault(titled.group("lang"), value.strip())
            if unit is not None:
                self.fm.used.add(unit.n)
            return True
        field_ = KEYS.get(key.strip().lower())
        if field_ is None:
            return False
        self.put(field_, value, unit)
        return True

    def read(self) -> FrontMatter:
        for unit in self.units:
            if unit.kind == "table":
                self.table(unit)
            elif unit.kind == "para":
                self.line(unit)
        self.properties()
        return self.fm

    def table(self, unit: Unit) -> None:
        _, _, _, head, bodies, _ = (unit.node or {})["c"]
        rows = [*head[1], *(r for b in bodies for r in b[3])]
        hit = False
        for row in rows:
            cells = [" ".join(A.block_text(b) for b in cell[4]).strip() for cell in row[1]]
            if len(cells) == 2 and self.key_value(cells[0], cells[1], None):
                hit = True
        if hit:
            self.fm.used.add(unit.n)

    def line(self, unit: Unit) -> None:
        text = unit.text
        kv = _KEY_LINE.match(text)
        if kv and self.key_value(kv.group("key"), kv.group("value"), unit):
            return
        iso = _ISO_ID.match(text)
        if iso and "id" not in self.fm.values:
            self.put("id", f"{iso.group('pub')} {iso.group('num')}", unit)
            self.put("stage", iso.group("stage"), unit)
            return
        ident = _ID_LINE.match(text)
        if ident and "id" not in self.fm.values and len(text) < 60:
            self.put("id", ident.group("id"), unit)
            if ident.group("stage"):
                self.fm.values.setdefault("stage", ident.group("stage"))
            if ident.group("it"):
                self.fm.values.setdefault("iteration", int(ident.group("it")))
            return
        stage, _ = stage_from(text)
        if stage and len(text) < 40 and "stage" not in self.fm.values:
            self.put("stage", text, unit)
            return
        if _date(text) and len(text) < 40 and "date" not in self.fm.values:
            self.put("date", text, unit)  # "2026-11-02 发布"
            return
        lang = "zh" if CJK.search(text) else "en"
        if not text or len(text) > 200 or lang in self.fm.titles:
            return
        # The title is the bold line; a line in the other language after it is its translation.
        translation = bool(self.fm.titles) and len(text.split()) >= 2 and ":" not in text
        if A.all_bold(unit.inlines) or translation:
            self.put("title", text, unit)

    def properties(self) -> None:
        props = self.props
        values = self.fm.values
        if props.title and not self.fm.titles:
            self.put("title", props.title, None)
        if props.subject and "id" not in values and _ID_LINE.match(props.subject.strip()):
            values["id"] = props.subject.strip()
        if props.author and "editors" not in values:
            values["editors"] = _names(props.author)
        if props.keywords:
            values.setdefault("keywords", [k.strip() for k in re.split(r"[,;，；、]", props.keywords)
                                           if k.strip()])
        if props.created and "date" not in values:
            values["date"] = props.created.date().isoformat()


def _yaml_str(value: str) -> str:
    """A double-quoted YAML scalar on one line (a JSON string is one)."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[;,；，、]|\band\b", text) if n.strip()]


def front_matter(units: list[Unit], props: Properties, lang: str, draft_id: str | None,
                 fallback_title: str) -> FrontMatter:
    fm = CoverReader(units, props, lang).read()
    values = fm.values
    if draft_id:
        values["id"] = draft_id
    defaults = {"id": "DRAFT 0000", "stage": "WD", "iteration": 1,
                "date": dt.date.today().isoformat(),
                "committee": "MIIT Metaverse Standardization Working Group"}
    for key, value in defaults.items():
        if key not in values:
            values[key] = value
            if key in ("id", "committee"):
                fm.placeholders.add(key)
    if not fm.titles:
        fm.titles[lang] = fallback_title
        fm.placeholders.add("title")
    if "editors" not in values:
        values["editors"] = ["Editor name"]
        fm.placeholders.add("editors")
    return fm


def render(fm: FrontMatter, lang: str) -> str:
    """The YAML block, in the order of docs/FORMAT.md; placeholders say "fill in"."""
    values = fm.values
    fill = "  # fill in: not in the DOCX"

    def mark(key: str) -> str:
        return fill if key in fm.placeholders else ""

    titles = dict(sorted(fm.titles.items(), key=lambda kv: kv[0] != lang))
    lines = ["---", f"id: {_yaml_str(str(values['id']))}{mark('id')}", f"title:{mark('title')}"]
    lines += [f"  {k}: {_yaml_str(v)}" for k, v in titles.items()]
    lines += [f"language: {lang}", f"rules: {'gb' if lang == 'zh' else 'iso'}",
              "doctype: standard", f"stage: {values['stage']}",
              f"iteration: {values['iteration']}", f"date: {values['date']}",
              f"committee: {_yaml_str(str(values['committee']))}{mark('committee')}",
              f"editors:{mark('editors')}"]
    for name in values["editors"]:
        lines += [f"  - name: {_yaml_str(name)}",
                  f"    organization: {_yaml_str('Organization')}{fill}"]
    if values.get("keywords"):
        lines.append("keywords: [" + ", ".join(_yaml_str(k) for k in values["keywords"]) + "]")
    lines.append("---")
    return "\n".join(lines) + "\n"
