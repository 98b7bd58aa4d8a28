"""Stage codes and names (ISO harmonized stage codes; GB/T 16733 draft names)."""

from __future__ import annotations

import re

# Abbreviation -> harmonized stage code (the first two digits matter for gates and warnings).
ABBREVIATIONS: dict[str, str] = {
    "PWI": "00.00",
    "NP": "10.00",
    "AWI": "20.00",
    "WD": "20.20",
    "CD": "30.20",
    "DIS": "40.20",
    "FDIS": "50.20",
    "PRF": "60.00",
    "IS": "60.60",
}
ORDER = list(ABBREVIATIONS)

ISO_NAMES: dict[str, str] = {
    "PWI": "Preliminary Work Item",
    "NP": "New Work Item Proposal",
    "AWI": "Approved Work Item",
    "WD": "Working Draft",
    "CD": "Committee Draft",
    "DIS": "Draft International Standard",
    "FDIS": "Final Draft International Standard",
    "PRF": "Proof",
    "IS": "International Standard",
}

# GB/T 16733 stage names of the draft produced at each stage (first two digits of the code).
GB_NAMES: dict[str, str] = {
    "00": "新工作项目建议",
    "10": "新工作项目",
    "20": "讨论稿",
    "30": "征求意见稿",
    "40": "送审稿",
    "50": "报批稿",
    "60": "标准",
    "90": "复审",
    "95": "废止",
}

CODE_RE = re.compile(r"^(00|10|20|30|40|50|60|90|95)\.(00|20|60|92|93|98|99)$")
ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


def is_valid(stage: object) -> bool:
    return isinstance(stage, str) and (stage in ABBREVIATIONS or bool(CODE_RE.match(stage)))


def code_of(stage: str) -> str:
    if stage in ABBREVIATIONS:
        return ABBREVIATIONS[stage]
    return stage if CODE_RE.match(stage) else "20.20"


def stage_number(stage: str) -> int:
    """The stage as an integer (20, 30, 40 …), for gates such as "watermark below 60"."""
    return int(code_of(stage)[:2])


def abbreviation_of(stage: str) -> str:
    if stage in ABBREVIATIONS:
        return stage
    major = code_of(stage)[:2]
    for abbr, code in ABBREVIATIONS.items():
        if code.startswith(major) and abbr not in ("PWI", "AWI", "PRF"):
            return abbr
    return stage


def stage_name(stage: str, rules: str = "iso", iteration: int | None = None) -> str:
    """"Committee Draft 2" (iso) or "征求意见稿" / "第二次征求意见稿" (gb)."""
    if rules == "gb":
        name = GB_NAMES.get(code_of(stage)[:2], stage)
        if iteration and iteration > 1:
            return f"第{_zh_number(iteration)}次{name}"
        return name
    name = ISO_NAMES.get(abbreviation_of(stage), stage)
    return f"{name} {iteration}" if iteration else name


def next_stage(stage: str) -> str | None:
    abbr = abbreviation_of(stage)
    if abbr not in ORDER:
        return None
    i = ORDER.index(abbr)
    return ORDER[i + 1] if i + 1 < len(ORDER) else None


def _zh_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return str(n)
