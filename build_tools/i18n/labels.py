"""Labels of numbered elements and titles of the special clauses, in English and Chinese."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "clause": "Clause {n}",
        "subclause": "{n}",
        "annex": "Annex {n}",
        "table": "Table {n}",
        "figure": "Figure {n}",
        "term": "{n}",
        "caption_sep": " — ",
        "annex_normative": "(normative)",
        "annex_informative": "(informative)",
        "note": "NOTE",
        "example": "EXAMPLE",
        "note_to_entry": "Note {n} to entry:",
        "source": "SOURCE",
        "admitted": "admitted",
        "deprecated": "DEPRECATED",
        "contents": "Contents",
        "page": "Page",
        "requirements": "Requirements",
        "draft": "DRAFT",
        "index": "Alphabetical index",
        "index_pinyin": "Index of Chinese terms (pinyin order)",
        "index_english": "Index of English equivalents",
    },
    "zh": {
        "clause": "第{n}章",
        "subclause": "{n}",
        "annex": "附录{n}",
        "table": "表{n}",
        "figure": "图{n}",
        "term": "{n}",
        "caption_sep": "　",
        "annex_normative": "（规范性）",
        "annex_informative": "（资料性）",
        "note": "注",
        "example": "示例",
        "note_to_entry": "注{n}：",
        "source": "来源",
        "admitted": "许用",
        "deprecated": "被取代",
        "contents": "目次",
        "page": "页",
        "requirements": "要求",
        "draft": "草案",
        "index": "索引",
        "index_pinyin": "汉语拼音索引",
        "index_english": "英文对应词索引",
    },
}

# Titles that identify the special clauses (FORMAT.md), lower-cased, both languages.
SPECIAL_TITLES: dict[str, str] = {
    "foreword": "foreword",
    "前言": "foreword",
    "introduction": "introduction",
    "引言": "introduction",
    "scope": "scope",
    "范围": "scope",
    "normative references": "normative-references",
    "规范性引用文件": "normative-references",
    "terms and definitions": "terms",
    "术语和定义": "terms",
    "术语、定义和缩略语": "terms",
    "symbols and abbreviated terms": "symbols",
    "abbreviated terms": "symbols",
    "symbols": "symbols",
    "符号和缩略语": "symbols",
    "缩略语": "symbols",
    "符号": "symbols",
    "bibliography": "bibliography",
    "参考文献": "bibliography",
}

CLASS_KINDS = {
    "foreword": "foreword",
    "introduction": "introduction",
    "scope": "scope",
    "normative-references": "normative-references",
    "terms": "terms",
    "symbols": "symbols",
    "annex": "annex",
    "bibliography": "bibliography",
}

TITLES: dict[str, dict[str, str]] = {
    "en": {
        "foreword": "Foreword",
        "introduction": "Introduction",
        "scope": "Scope",
        "normative-references": "Normative references",
        "terms": "Terms and definitions",
        "symbols": "Symbols and abbreviated terms",
        "bibliography": "Bibliography",
    },
    "zh": {
        "foreword": "前言",
        "introduction": "引言",
        "scope": "范围",
        "normative-references": "规范性引用文件",
        "terms": "术语和定义",
        "symbols": "符号和缩略语",
        "bibliography": "参考文献",
    },
}


def label(lang: str, kind: str, n: str) -> str:
    table = LABELS.get(lang, LABELS["en"])
    return table[kind].format(n=n)


def special_kind_for_title(title: str) -> str | None:
    return SPECIAL_TITLES.get(" ".join(title.lower().split()))
