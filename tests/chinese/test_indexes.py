"""The indexes of a terminology standard: pinyin order read by phrase, ties broken by the
characters, English alphabetical order, and which drafts have indexes at all."""

from __future__ import annotations

import csv
from pathlib import Path

from build_tools.lint.examples import PARTS_EN, PARTS_ZH, assemble
from build_tools.parse import parse_text
from build_tools.render.indexes import english_key, pinyin_key, term_indexes
from build_tools.render.site import render_page

ZH_TERMS = ["银行", "行为", "重量", "重复", "长度", "场景", "公式", "公事", "VR晕动症", "3D场景"]


def _zh_terminology(terms: list[str]) -> str:
    entries = "\n\n".join(f"## {t}\n\nen: term {n}\n\n定义{n}。" for n, t in enumerate(terms, 1))
    return assemble("zh", {"terms": "下列术语和定义适用于本文件。\n\n" + entries, "body": ""})


def test_polyphonic_characters_take_the_reading_of_their_word() -> None:
    assert [s[:2] for s in pinyin_key("重复")] == [("chong", 2), ("fu", 4)]
    assert [s[:2] for s in pinyin_key("重量")] == [("zhong", 4), ("liang", 4)]
    assert [s[:2] for s in pinyin_key("行为")] == [("xing", 2), ("wei", 2)]
    assert [s[:2] for s in pinyin_key("银行")] == [("yin", 2), ("hang", 2)]


def test_pinyin_index_order_and_groups() -> None:
    draft = parse_text(_zh_terminology(ZH_TERMS), "drafts/x-zh.md")
    pinyin, english = term_indexes(draft)
    assert pinyin.title == "汉语拼音索引" and english.title == "英文对应词索引"
    # Digits first; 长度 (cháng) before 场景 (chǎng); 公事 and 公式 read alike (gōngshì),
    # so the characters decide (事 U+4E8B before 式 U+5F0F); 重复 is chóng, 重量 zhòng.
    assert [e.text for e in pinyin.entries] == [
        "3D场景", "长度", "场景", "重复", "公事", "公式", "VR晕动症", "行为", "银行", "重量"]
    assert [g.letter for g in pinyin.groups] == ["0–9", "C", "G", "V", "X", "Y", "Z"]
    numbers = {e.text: e.number for e in pinyin.entries}
    assert numbers["银行"] == "3.1" and numbers["重量"] == "3.3"
    assert [e.text for e in english.entries][:3] == ["term 1", "term 10", "term 2"]


def test_english_index_of_a_vocabulary_is_alphabetical_word_by_word() -> None:
    terms = ["virtual world", "AI-generated content", "avatar", "3D scene", "Avatar body"]
    entries = "\n\n".join(f"## {t}\n\ndefinition {n}" for n, t in enumerate(terms, 1))
    text = assemble("en", {"terms": PARTS_EN["terms"].split("## avatar")[0] + entries,
                           "body": ""})
    (index,) = term_indexes(parse_text(text, "drafts/x.md"))
    assert index.title == "Alphabetical index"
    assert [e.text for e in index.entries] == ["3D scene", "AI-generated content", "avatar",
                                               "Avatar body", "virtual world"]


def test_english_order_on_a_real_glossary(corpus: Path) -> None:
    with open(corpus / "glossaries" / "openxr-glossary.csv", encoding="utf-8") as handle:
        terms = [row["term"] for row in csv.DictReader(handle) if row["term"].strip()]
    entries = "\n\n".join(f"## {t}\n\ndefinition of entry {n}"
                          for n, t in enumerate(dict.fromkeys(terms), 1))
    text = assemble("en", {"terms": PARTS_EN["terms"].split("## avatar")[0] + entries,
                           "body": ""})
    draft = parse_text(text, "drafts/openxr.md")
    (index,) = term_indexes(draft)
    keys = [english_key(e.text) for e in index.entries]
    assert keys == sorted(keys) and len(index.entries) >= len(draft.terms)
    assert [g.letter for g in index.groups] == sorted(g.letter for g in index.groups)
    assert all(e.text.casefold().startswith(g.letter.casefold()) or g.letter == "0–9"
               for g in index.groups for e in g.entries)


def test_only_terminology_standards_get_indexes() -> None:
    assert term_indexes(parse_text(assemble("zh"), "drafts/x-zh.md")) == []  # has clause 4
    assert term_indexes(parse_text(assemble("en", {"body": ""}), "drafts/x.md")) != []
    assert term_indexes(parse_text(assemble("zh", {"body": "", "terms": PARTS_ZH["terms"]}),
                                   "drafts/x-zh.md"))[0].entries


def test_site_page_lists_the_indexes_with_links_to_the_entries() -> None:
    page = render_page(parse_text(_zh_terminology(ZH_TERMS[:3]), "drafts/x-zh.md"))
    assert '## 汉语拼音索引 { id="index-pinyin" .term-index-title }' in page
    assert '<li><a href="#term-3-1">银行</a><span class="term-index-number">3.1</span></li>' in page
    assert page.index("汉语拼音索引") < page.index("英文对应词索引")
