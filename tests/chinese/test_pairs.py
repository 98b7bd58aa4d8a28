"""PAIR: the example pair lints clean; removing a term entry, a clause or a subclause from a
copy of the Chinese version gives findings on both files, at the right lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

from chinese_helpers import EN, ZH
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.lint.examples import PARTS_ZH, assemble


def _lint(repo: Path, *extra: str) -> list[dict]:
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--select", "PAIR", *extra,
                                       str(repo / "drafts")])
    data = json.loads(result.output)
    return data["findings"] if isinstance(data, dict) else data


def _line(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_the_example_pair_lints_clean(example: Path) -> None:
    assert _lint(example) == []


def test_a_removed_term_entry_and_clause_are_reported_on_both_files(example: Path) -> None:
    zh, en = example / "drafts" / ZH, example / "drafts" / EN
    text = zh.read_text(encoding="utf-8")
    text = re.sub(r"## 持久性 \{#term-persistence\}.*?(?=## 沉浸式体验)", "", text, flags=re.S)
    text = re.sub(r"# 引言 \{#introduction\}.*?(?=# 范围)", "", text, flags=re.S)
    zh.write_text(text.replace("[持久性](#term-persistence)", "持久性"), encoding="utf-8")
    for cached in (False, True):  # the second run reads the first one's cache
        found = {(Path(f["file"]).name, f["line"], f["rule"]) for f in _lint(example)}
        assert found == {
            (EN, _line(en, "## persistence {#term-persistence}"), "PAIR-03"),
            (ZH, _line(zh, "## 物理世界 {#term-physical-world}"), "PAIR-03"),  # after 3.4
            (EN, _line(en, "# Introduction {#introduction}"), "PAIR-01"),
            (ZH, _line(zh, "# 前言 {#foreword}"), "PAIR-01"),  # after the Foreword
        }, cached
    messages = [f["message"] for f in _lint(example)]
    assert any("term entry 3.5 'persistence' has no counterpart in the Chinese version" in m
               for m in messages)
    assert any(m.startswith("the English version has term entry 3.5 'persistence' "
                            f"({EN}:") for m in messages)


def test_a_removed_subclause_and_a_note_are_reported_on_both_files(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "x.md").write_text(assemble("en"), encoding="utf-8")
    body = PARTS_ZH["body"].replace("平台应为每个用户提供化身。", "平台应为每个用户提供化身。\n\n注：化身可以是非人形的。")
    body = body[:body.index("## 接口")].rstrip()
    (drafts / "x-zh.md").write_text(assemble("zh", {"body": body}), encoding="utf-8")
    found = _lint(tmp_path, "--no-cache")
    rules = sorted((Path(f["file"]).name, f["rule"]) for f in found)
    assert rules == [("x-zh.md", "PAIR-01"), ("x-zh.md", "PAIR-04"),
                     ("x.md", "PAIR-01"), ("x.md", "PAIR-04")]
    en_text = (drafts / "x.md").read_text(encoding="utf-8").split("\n")
    missing = next(f for f in found if f["rule"] == "PAIR-01" and f["file"].endswith("x.md"))
    assert en_text[missing["line"] - 1] == "## Interfaces"
    note = next(f for f in found if f["rule"] == "PAIR-04" and f["file"].endswith("x.md"))
    assert "has 0 notes here and 1 note in the Chinese version" in note["message"]


def test_a_profile_goes_to_the_cache_whole(example: Path) -> None:
    # Profile.to_dict is written by hand for speed: it must say what asdict says, and come back.
    import dataclasses

    from build_tools.pairing import Profile, profile
    from build_tools.parse import parse_file

    for name in (EN, ZH):
        found = profile(parse_file(example / "drafts" / name))
        assert found.items and found.refs
        assert found.to_dict() == dataclasses.asdict(found)
        assert Profile.from_dict(json.loads(json.dumps(found.to_dict()))) == found
