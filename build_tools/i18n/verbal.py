"""Verbal-form lexicons: ISO/IEC Directives Part 2, Clause 7 and GB/T 1.1—2020, Annex C.

Chinese matching works on characters, so every verbal form carries the compounds in which the
same character is not a verbal form at all (应用, 响应, 适宜, 可靠 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from build_tools.i18n.wordre import words


@dataclass(frozen=True)
class VerbalHit:
    kind: str  # requirement | recommendation | permission
    word: str
    start: int
    end: int


_EN_FORMS = [
    ("requirement", words(r"shall(?:\s+not)?")),
    ("recommendation", words(r"should(?:\s+not)?")),
    # "May" followed by a day or year is the month.
    ("permission", words("may", end=r"\b(?!\s+\d)")),
]

EN_FORBIDDEN: list[tuple[re.Pattern[str], str, str]] = [
    (words("must"), "must", "use \"shall\" for a requirement; \"must\" is only for "
     "external constraints"),
    (words("could"), "could", "use \"can\" for possibility"),
    (words("might"), "might", "use \"can\" for possibility"),
    (words(r"needs? to"), "need to", "use \"shall\" for a requirement"),
    (words("need not"), "need not", "negative permissions were removed from "
     "the Directives in 2021"),
]
AND_OR_RE = words("and/or")

# "may" that states a possibility, not a permission (Directives Part 2, Table 6: write "can").
# Only verbs and phrases that cannot grant a permission are listed: a document permits nobody
# to "result in" or "differ". "may wish to", "may choose to", "may appear" and "may increase"
# can be permissions, so they are not here. Lower case only: "MAY" is the permission keyword
# of BCP 14 and "May" is a month.
_ADVERB = r"(?:also|well|even|still|sometimes|occasionally|often|therefore|then|thus|in turn)"
_MAY_CAN = re.compile(  # "may" can simply become "can"
    rf"\b(?P<may>may)(?:\s+{_ADVERB})?\s+(?:result|lead|cause|occur|happen|arise|vary|differ|"
    r"depend|fail|seem|become|contribute|suffer|degrade|conflict|mislead|confuse|interfere)"
    r"(?:s|ed)?\b|\b(?P<may2>may)\s+(?:also\s+)?be\s+(?:due\s+to|caused\s+by|affected\s+by|"
    r"possible|necessary|difficult|hard|useful|helpful|beneficial|different|insufficient|"
    r"misleading|confusing)\b|\b[Tt]here\s+(?P<may3>may)\s+be\b")
_MAY_REWORD = re.compile(  # possibility too, but "can" alone does not fit: the author rewords
    r"\b(?P<may>may)\s+or\s+(?P<may2>may)\s+not\b|\b(?P<may3>may)\s+(?:well|have\s+been|"
    r"no\s+longer|(?:not\s+)?be\s+(?:able|unable)\s+to|not\s+be\s+(?:possible|sufficient|"
    r"available|necessary|supported))\b|\b[Ii]t\s+(?P<may4>may)\s+be\s+that\b")


@dataclass(frozen=True)
class Possibility:
    start: int  # the word "may"
    end: int
    phrase: str  # the words that make it a possibility: "may result", "there may be"
    can: bool  # True: write "can" in its place; False: reword
    phrase_start: int = 0


def possibilities(text: str) -> list[Possibility]:
    """Each "may" in ``text`` that expresses possibility (English)."""
    if "may" not in text:
        return []
    out: dict[int, Possibility] = {}
    for pattern, can in ((_MAY_REWORD, False), (_MAY_CAN, True)):
        for m in pattern.finditer(text):
            for name, value in m.groupdict().items():
                if value and name.startswith("may") and m.start(name) not in out:
                    out[m.start(name)] = Possibility(m.start(name), m.end(name), m.group(0),
                                                     can, m.start())
    return sorted(out.values(), key=lambda p: p.start)

# Characters that open a compound in which 应/宜/可 is not a verbal form.
_ZH_YING_NOT = (
    "应用|响应|对应|适应|供应|应急|相应|反应|效应|应答|呼应|感应|应对|答应|顺应|回应|应变|应激|"
    "理应|应届|应邀|应聘|应征|应付|报应|照应|应酬|因应|内应|接应"
)
_ZH_YI_NOT = "适宜|便宜|事宜|宜居|权宜|合宜"
_ZH_KE_NOT = (
    "可能|可靠|可视|可信|可用|可扩展|可穿戴|可控|可交互|可编程|可感知|可追溯|可互|可达|可见|可读|"
    "可写|可行|可持续|可移植|可配置|可观|可测|可重|可定制|可验证|可复现|可再生|可塑|可接受|许可|认可|"
    "即可|不可|可是|可否|可比|可逆|可变|可选|可计算|可执行|可访问|可伸缩|可组合|可解释|可识别|可感|"
    "可触|可穿|可移动|可操作|可替代|可分|可调|可量|可互换|可共享|可复用|可理解|可交易|可辨|可携|"
    "可溯|可审计|可预测|可维护|可信赖|可及|可扩|可供|宁可|无可|尚可|可见性"
)
_ZH_NOT_RE = re.compile(f"(?:{_ZH_YING_NOT}|{_ZH_YI_NOT}|{_ZH_KE_NOT})")
_ZH_FORMS = [
    ("requirement", re.compile(r"不应该|不应|应该|应")),
    ("recommendation", re.compile(r"不宜|宜|不建议|建议|推荐")),
    ("permission", re.compile(r"不必|可以|可")),
]
ZH_FORBIDDEN: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"必须"), "必须", "用“应”表示要求，不用“必须”"),
    (re.compile(r"应当"), "应当", "用“应”表示要求，不用“应当”"),
    (re.compile(r"不得"), "不得", "用“不应”表示禁止，不用“不得”"),
    (re.compile(r"(?<!必)不可(?!能|靠|见|逆|用|信|控|分|替代|缺少|或缺|思议|避免)"), "不可",
     "用“不应”表示禁止，不用“不可”"),
]


def _masked(text: str) -> str:
    """Chinese text with the non-verbal compounds blanked out, same length."""
    return _ZH_NOT_RE.sub(lambda m: "\0" * len(m.group(0)), text)


@lru_cache(maxsize=2048)
def provisions(text: str, lang: str, kinds: tuple[str, ...] = ("requirement", "recommendation",
               "permission")) -> tuple[VerbalHit, ...]:
    """The verbal forms in ``text``, in order. Remembered: five rules ask about the same
    prose of every block."""
    hits: list[VerbalHit] = []
    if lang == "zh":
        masked = _masked(text)
        taken: set[int] = set()
        for kind, pattern in _ZH_FORMS:
            if kind not in kinds:
                continue
            for m in pattern.finditer(masked):
                if m.start() in taken:
                    continue
                taken.update(range(m.start(), m.end()))
                hits.append(VerbalHit(kind, m.group(0), m.start(), m.end()))
    else:
        possible = {p.start for p in possibilities(text)} if "permission" in kinds else set()
        for kind, pattern in _EN_FORMS:
            if kind not in kinds:
                continue
            for m in pattern.finditer(text):
                if m.start() not in possible:
                    hits.append(VerbalHit(kind, m.group(0), m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return tuple(hits)


def has_requirement(text: str, lang: str) -> bool:
    if lang == "zh":
        return "应" in text and bool(provisions(text, lang, ("requirement",)))
    return _EN_REQUIREMENT.search(text) is not None


_EN_REQUIREMENT = next(pattern for kind, pattern in _EN_FORMS if kind == "requirement")


def forbidden(lang: str) -> list[tuple[re.Pattern[str], str, str]]:
    return ZH_FORBIDDEN if lang == "zh" else EN_FORBIDDEN
