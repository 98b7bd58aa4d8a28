"""The indexes of a terminology standard, computed once from the model for every writer.

GB/T 1.1—2020, 8.14 and GB/T 20001.1: a Chinese terminology standard ends with a 汉语拼音索引
(its Chinese terms in pinyin order) and an 英文对应词索引 (the English equivalents in
alphabetical order), each entry with its term number. An English terminology draft gets one
alphabetical index. The site, the DOCX and the PDF print the groups and entries listed here.

Pinyin order: the pinyin of a term is read by phrase (pypinyin's phrase dictionary), so a
polyphonic character takes the reading of its word (重 is chóng in 重复 and zhòng in 重量,
行 is xíng in 行为 and háng in 银行). Terms compare character by character: the syllable's
letters, then its tone, then the character itself, so equal readings still have one order.
Latin letters and digits in a term (VR晕动症, 3D场景) sort as themselves, digits first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pypinyin import Style, pinyin

from build_tools.i18n.labels import LABELS
from build_tools.model import ANNEX, BIBLIOGRAPHY, TERMS, Draft, TermEntry

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_ONLY = re.compile(r"[\x20-\x7e\u00c0-\u024f]+")
DIGITS = "0–9"


@dataclass
class IndexEntry:
    text: str  # the term as printed
    number: str  # "3.4"
    anchor: str  # the term entry's anchor ("" when it has none)
    key: tuple = field(repr=False, default=())


@dataclass
class IndexGroup:
    letter: str  # "A" … "Z", or "0–9"
    entries: list[IndexEntry] = field(default_factory=list)


@dataclass
class TermIndex:
    kind: str  # "pinyin", "english" (the English equivalents of a zh draft), "alphabetical"
    title: str  # 汉语拼音索引 / 英文对应词索引 / Alphabetical index
    anchor: str  # "index-pinyin" …
    lang: str  # the language of the entries
    groups: list[IndexGroup] = field(default_factory=list)

    @property
    def entries(self) -> list[IndexEntry]:
        return [e for g in self.groups for e in g.entries]


def is_terminology(draft: Draft) -> bool:
    """A terminology standard: term entries, and no main clause after the terms clause
    other than annexes and the bibliography (its terms are its content)."""
    kinds = [c.kind for c in draft.clauses]
    if TERMS not in kinds or not draft.terms:
        return False
    after = kinds[kinds.index(TERMS) + 1:]
    return all(k in (ANNEX, BIBLIOGRAPHY) for k in after)


def _syllables(text: str) -> list[tuple[str, int, str]]:
    """(letters, tone, character) for each character: Han characters read by phrase, any other
    character as itself (lower case, tone 0)."""
    readings = pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                      errors=lambda chunk: list(chunk))
    out = []
    for ch, reading in zip(text, readings, strict=False):
        value = reading[0] if reading else ch
        if _HAN.match(ch) and value[-1:].isdigit():
            out.append((value[:-1], int(value[-1]), ch))
        else:
            base = unicodedata.normalize("NFKD", ch.casefold())[:1] or ch
            out.append((base, 0, ch))
    return out


def pinyin_key(text: str) -> tuple:
    """The sort key of a Chinese term (see the module's docs); white space ignored."""
    return tuple(s for s in _syllables(text) if not s[0].isspace())


def english_key(text: str) -> tuple:
    """Alphabetical, word by word, case and accents aside; punctuation and hyphens are spaces
    ("AI-generated content" sorts as "ai generated content"); the text breaks ties."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = re.sub(r"[^0-9a-z]+", " ", plain).split()
    return (tuple(words), text)


def _letter(first: str) -> str:
    if first[:1].isdigit() or not first[:1].isalpha():
        return DIGITS
    return unicodedata.normalize("NFKD", first[:1])[:1].upper()


def _grouped(entries: list[IndexEntry], first_letter) -> list[IndexGroup]:  # noqa: ANN001
    groups: list[IndexGroup] = []
    for entry in sorted(entries, key=lambda e: e.key):
        letter = first_letter(entry)
        if not groups or groups[-1].letter != letter:
            groups.append(IndexGroup(letter))
        groups[-1].entries.append(entry)
    return groups


def _terms(term: TermEntry) -> list[tuple[str, str]]:
    """(kind, text) of the terms an entry designates: preferred, admitted, symbol."""
    out = [("preferred", term.preferred)]
    out += [("admitted", a) for a in term.admitted]
    if term.symbol:
        out.append(("symbol", term.symbol))
    return [(k, t.strip()) for k, t in out if t and t.strip()]


def _anchor(term: TermEntry) -> str:
    return term.anchor or ""


def term_indexes(draft: Draft) -> list[TermIndex]:
    """The indexes the draft ends with: none unless it is a terminology standard."""
    if not is_terminology(draft):
        return []
    labels = LABELS.get(draft.language, LABELS["en"])
    if draft.language != "zh":
        entries = [IndexEntry(text, t.number, _anchor(t), english_key(text))
                   for t in draft.terms for _, text in _terms(t)]
        return [TermIndex("alphabetical", labels["index"], "index", "en",
                          _grouped(_unique(entries), lambda e: _letter(e.key[0][0] if e.key[0]
                                                                         else e.text)))]
    chinese: list[IndexEntry] = []
    english: list[IndexEntry] = []
    for term in draft.terms:
        for _, text in _terms(term):
            if _HAN.search(text):
                chinese.append(IndexEntry(text, term.number, _anchor(term), pinyin_key(text)))
            elif _LATIN_ONLY.fullmatch(text):  # an abbreviation written in Latin letters
                english.append(IndexEntry(text, term.number, _anchor(term), english_key(text)))
        if term.en:
            english.append(IndexEntry(term.en.strip(), term.number, _anchor(term),
                                      english_key(term.en)))
    return [
        TermIndex("pinyin", labels["index_pinyin"], "index-pinyin", "zh",
                  _grouped(_unique(chinese), lambda e: _letter(e.key[0][0]))),
        TermIndex("english", labels["index_english"], "index-english", "en",
                  _grouped(_unique(english), lambda e: _letter(e.key[0][0] if e.key[0]
                                                               else e.text))),
    ]


def _unique(entries: list[IndexEntry]) -> list[IndexEntry]:
    """One entry per term and number (an abbreviation given twice in one entry is listed once)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for entry in entries:
        if (entry.text, entry.number) not in seen:
            seen.add((entry.text, entry.number))
            out.append(entry)
    return out
