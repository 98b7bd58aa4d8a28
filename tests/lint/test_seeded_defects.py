"""Defects seeded into copies of the real example drafts are found on the right line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main

DRAFTS = Path(__file__).resolve().parents[2] / "drafts"
EN = "mvs-0001-terminology.md"
ZH = "mvs-0001-terminology-zh.md"
RA = "mvs-0002-reference-architecture.md"

# (draft, text to replace, replacement, rule expected on the line of the replacement)
DEFECTS = [
    (EN, "comittee", "comittee", None),  # placeholder removed below
    (EN, "stage: WD", "stage: Working", "FM-03"),
    (EN, "iteration: 2", "iteration: 2\niterations: 3", "FM-04"),
    (EN, "\n## avatar {#term-avatar}\n\n", "\n## avatar {#term-avatar}\n\na ", "TERM-01"),
    (EN, "## metaverse {#term-metaverse}", "## 3.1 metaverse {#term-metaverse}", "NUM-05"),
    (EN, "Note 1 to entry: An avatar can", "NOTE An avatar can", "TERM-05"),
    (EN, "Note 1 to entry: An avatar can", "Note 1 to entry: An avatar must", "VERB-05"),
    (EN, "Note 1 to entry: An avatar can", "Note 1 to entry: An avatar should", "VERB-02"),
    (EN, "can be photorealistic or stylized", "can be photorealistic and/or stylized", "VERB-06"),
    (EN, "(#term-physical-world), or can", "(#term-physcal-world), or can", "XREF-01"),
    (EN, "# Scope {#scope}\n\n", "# Scope {#scope}\n\nUsers shall read it. ", "VERB-01"),
    (EN, "# Normative references {#normative-references}\n\nThe following documents are",
     "# Normative references {#normative-references}\n\nThese documents are", "BOIL-01"),
    (EN, "ISO/IEC 18039 gives", "ISO/IEC 18039, Clause 4 gives", "REF-04"),
    (EN, "ISO/IEC 23005-4 specifies", "ISO/IEC 99999 specifies", "REF-02"),
    (ZH, "iteration: 2", "iteration: 0", "FM-03"),
    (ZH, "本文件界定了元宇宙领域的术语", "本文件应界定元宇宙领域的术语", "VERB-01"),
    (ZH, "- GB/T 5271.1—2000", "- GB/T 5271.1-2000", "REF-03"),
    (ZH, "# 范围 {#scope}", "# 范围。 {#scope}", "NUM-04"),
    (ZH, "GB/T 5271.1界定的以及下列术语和定义适用于本文件。", "下列术语适用于本文件。", "BOIL-02"),
    (ZH, "本文件主要起草人", "本标准主要起草人", "REF-06"),
    (RA, "An architecture description shall address all three views.",
     "An architecture description must address all three views.", "VERB-05"),
    (RA, "The network layer shall support", "The network layer shall support within 20ms", "UNIT-01"),
    (RA, "## Roles {#sec-roles}", "## Roles. {#sec-roles}", "NUM-04"),
    (RA, "](#tab-roles) for the described", "](#tab-rolez) for the described", "XREF-01"),
]
DEFECTS = [d for d in DEFECTS if d[3]]


def _zh_term_defects() -> list[tuple[str, str, str, str]]:
    text = (DRAFTS / ZH).read_text(encoding="utf-8")
    lines = text.split("\n")
    out = []
    # The first definition of the terms clause: drop its 。, make it start with 是指, add 必须.
    start = lines.index("GB/T 5271.1界定的以及下列术语和定义适用于本文件。")
    head = next(i for i in range(start, len(lines)) if lines[i].startswith("## "))
    en_line = next(i for i in range(head, len(lines)) if lines[i].startswith("en:"))
    definition = next(i for i in range(en_line + 1, len(lines)) if lines[i].strip())
    d = lines[definition]
    out.append((ZH, d, d.rstrip("。"), "TERM-02"))
    out.append((ZH, d, "是指" + d, "TERM-01"))
    out.append((ZH, d, d[:2] + "必须" + d[2:], "VERB-07"))
    # Without its "en:" line the entry is reported at its heading.
    out.append((ZH, lines[head] + "\n\n" + lines[en_line] + "\n", lines[head] + "\n\n", "TERM-08"))
    return out


@pytest.mark.skipif(not (DRAFTS / EN).exists(), reason="example drafts missing")
def test_seeded_defects_found_on_their_line(tmp_path: Path) -> None:
    cases = DEFECTS + _zh_term_defects()
    found = 0
    misses = []
    for i, (name, old, new, rule) in enumerate(cases):
        folder = tmp_path / str(i)
        shutil.copytree(DRAFTS, folder)
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        pos = text.index(old)
        # The line of the first character that differs between old and new.
        common = next((k for k, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                      min(len(old), len(new)))
        line = text[: pos + common].count("\n") + 1
        if common < len(new) and new[common] == "\n":
            line += 1
        if rule == "TERM-08":
            line = text[:pos].count("\n") + 1
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        result = CliRunner().invoke(main, ["lint", "--format", "json", str(path)])
        findings = json.loads(result.output)
        if any(f["rule"] == rule and f["line"] == line for f in findings):
            found += 1
        else:
            misses.append((name, rule, line, [(f["rule"], f["line"]) for f in findings]))
    assert found / len(cases) >= 0.85, misses
    assert not misses, misses


@pytest.mark.skipif(not (DRAFTS / EN).exists(), reason="example drafts missing")
def test_example_drafts_lint_clean() -> None:
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(DRAFTS)])
    assert result.exit_code == 0, result.output
    assert not [f for f in json.loads(result.output) if f["severity"] == "error"]
