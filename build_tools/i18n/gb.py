"""Chinese deliverables: the ``gb:`` front-matter block and what follows from it.

The level of a standard (national, sector, group) decides the form of its identifier and the
level line of its cover (GB/T 1.1—2020, 8.1); the block's proposer, administrator, drafting
organizations and drafters are the 前言's paragraphs (GB/T 1.1—2020, 8.3). ``clause new --lang
zh`` writes those paragraphs and the linter compares the 前言 with them, from the same
functions here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

LEVELS = ("national", "sector", "group")
KEYS = ("level", "identifier", "replaces", "ccs", "issuer", "proposer", "administrator",
        "drafting_organizations", "drafters", "body")
REQUIRED = ("level", "identifier", "ccs", "issuer", "proposer", "administrator",
            "drafting_organizations", "drafters")
LISTS = ("drafting_organizations", "drafters")

# Sector codes (行业标准代号) and the sector named on the cover: "中华人民共和国电子行业标准".
# The MIIT administers SJ, YD and the industrial sectors after them.
SECTORS: dict[str, str] = {
    "SJ": "电子", "YD": "通信", "QC": "汽车", "JB": "机械", "HG": "化工", "FZ": "纺织",
    "QB": "轻工", "YB": "黑色冶金", "YS": "有色金属", "JC": "建材", "SH": "石油化工",
    "CB": "船舶", "HB": "航空", "QJ": "航天", "WJ": "兵工民品", "EJ": "核工业", "XB": "稀土",
    "GY": "广播电视", "GA": "公共安全", "JR": "金融", "DL": "电力", "JT": "交通",
    "YY": "医药", "WS": "卫生", "MH": "民用航空", "TB": "铁道", "SL": "水利", "WH": "文化",
}
NATIONAL = ("GB", "GB/T", "GB/Z")
PLACEHOLDER = "×"
# A number (20001.1) or its placeholder (×××××), the em dash 一字线, the year (or ××××).
_NUMBER = r"[\d×]+(?:\.[\d×]+)*"
_YEAR = r"(?:\d{4}|××××)"
IDENT_FORMS = {
    "national": re.compile(rf"(GB(?:/[TZ])?) ({_NUMBER})—({_YEAR})"),
    "sector": re.compile(rf"([A-Z]{{2}})(?:/[TZ])? ({_NUMBER})—({_YEAR})"),
    "group": re.compile(rf"T/([A-Z]{{3,6}}) ({_NUMBER})—({_YEAR})"),
}
ANY_FORM = re.compile(rf"(?:GB(?:/[TZ])?|[A-Z]{{2}}(?:/[TZ])?|T/[A-Z]{{3,6}}) {_NUMBER}—{_YEAR}")
# The same identifier with a wrong year separator: "GB/T 12345-2019", "SJ/T 11234:2020".
WRONG_DASH = re.compile(rf"^(.*?{_NUMBER})\s*[-–－:：]\s*({_YEAR})$")
EXAMPLES = {"national": "GB/T ×××××—××××", "sector": "SJ/T ×××××—××××",
            "group": "T/CESA ××××—××××"}

# CCS (中国标准文献分类法): a first-level class letter (A-Z without I and O) and two digits.
CCS_RE = re.compile(r"[A-HJ-NP-Z]\d{2}")
# ICS: field (2 digits), group (3) and sub-group (2): "35", "35.240", "35.240.99".
ICS_RE = re.compile(r"\d{2}(?:\.\d{3}(?:\.\d{2})?)?")

LEVEL_LINES = {"national": "中华人民共和国国家标准", "group": "团体标准"}
DRAFT_PATENT = "在提交反馈意见时，请将您知道的相关专利连同支持文件一并附上。"
DATE_PLACEHOLDER = "××××-××-××"


@dataclass
class GbMeta:
    """The ``gb:`` block as the cover and the 前言 use it (strings; lists of strings)."""

    level: str = "national"
    identifier: str = EXAMPLES["national"]
    replaces: str = ""
    ccs: str = ""
    issuer: str = ""
    proposer: str = ""
    administrator: str = ""
    drafting_organizations: list[str] = field(default_factory=list)
    drafters: list[str] = field(default_factory=list)
    body: str = ""  # the social organisation of a group standard


def gb_meta(meta: dict[str, Any]) -> GbMeta | None:
    """The draft's ``gb:`` block, or None when it has none (it is not a Chinese deliverable).
    Values of the wrong type are left at their defaults; lint reports them (GB-01)."""
    block = meta.get("gb")
    if not isinstance(block, dict):
        return None
    out = GbMeta()
    for key in KEYS:
        value = block.get(key)
        if key in LISTS:
            if isinstance(value, list):
                setattr(out, key, [str(v).strip() for v in value if str(v).strip()])
        elif isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            setattr(out, key, str(value).strip())
    if out.level not in LEVELS:
        out.level = "national"
    return out


def sector_code(identifier: str) -> str:
    """"SJ" for "SJ/T 11234—2020"."""
    return identifier.split("/", 1)[0].split(" ", 1)[0]


def level_line(gb: GbMeta) -> str:
    """The cover's level line: 中华人民共和国国家标准, 中华人民共和国电子行业标准, 团体标准."""
    if gb.level == "sector":
        name = SECTORS.get(sector_code(gb.identifier))
        return f"中华人民共和国{name}行业标准" if name else "中华人民共和国行业标准"
    return LEVEL_LINES[gb.level]


def level_mark(gb: GbMeta) -> str:
    """The large letters at the top right of the cover: GB, SJ, T/CESA."""
    if gb.level == "group":
        return gb.identifier.split(" ", 1)[0]
    return sector_code(gb.identifier) if gb.level == "sector" else "GB"


def identifier_problem(identifier: str, level: str) -> str | None:
    """What is wrong with ``identifier`` for ``level``, in one sentence, or None."""
    form = IDENT_FORMS[level]
    m = form.fullmatch(identifier)
    if m is not None:
        if level == "sector" and m.group(1) not in SECTORS:
            known = ", ".join(sorted(SECTORS))
            return f"'{m.group(1)}' is not a sector code (行业标准代号): use one of {known}"
        return None
    wrong = WRONG_DASH.match(identifier)
    if wrong and form.fullmatch(f"{wrong.group(1)}—{wrong.group(2)}"):
        return (f"the year is joined by the em dash '—' (一字线): write "
                f"{wrong.group(1)}—{wrong.group(2)}")
    other = next((lv for lv, f in IDENT_FORMS.items() if lv != level and f.fullmatch(identifier)),
                 None)
    if other:
        return f"'{identifier}' is the form of a {other} standard, and gb.level is {level}"
    return f"'{identifier}' is not a {level} identifier such as {EXAMPLES[level]}"


def sentences(gb: GbMeta) -> dict[str, str]:
    """The 前言's paragraphs that follow from the ``gb:`` block, keyed by what they state, in
    the order of GB/T 1.1—2020, 8.3 (the replacement first, the drafters last)."""
    out: dict[str, str] = {}
    if gb.replaces:
        out["replaces"] = (f"本文件代替{gb.replaces}，与{gb.replaces}相比，除结构调整和编辑性改动外，"
                           "主要技术变化如下：")
    if gb.proposer and gb.proposer == gb.administrator:
        out["proposer"] = f"本文件由{gb.proposer}提出并归口。"
    else:
        if gb.proposer:
            out["proposer"] = f"本文件由{gb.proposer}提出。"
        if gb.administrator:
            out["administrator"] = f"本文件由{gb.administrator}归口。"
    if gb.drafting_organizations:
        out["organizations"] = "本文件起草单位：" + "、".join(gb.drafting_organizations) + "。"
    if gb.drafters:
        out["drafters"] = "本文件主要起草人：" + "、".join(gb.drafters) + "。"
    return out


# How a paragraph of the 前言 says which statement it is, whatever it says after that.
STARTS = {
    "replaces": re.compile(r"^本文件代替"),
    "proposer": re.compile(r"^本文件由.*提出(?:并归口)?。$"),
    "administrator": re.compile(r"^本文件由.*(?<!提出并)归口。$"),
    "organizations": re.compile(r"^本文件起草单位："),
    "drafters": re.compile(r"^本文件主要起草人："),
}
WHAT = {"replaces": "replacement statement (gb.replaces)",
        "proposer": "提出 statement (gb.proposer)",
        "administrator": "归口 statement (gb.administrator)",
        "organizations": "起草单位 paragraph (gb.drafting_organizations)",
        "drafters": "主要起草人 paragraph (gb.drafters)"}
