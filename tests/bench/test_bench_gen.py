"""The benchmark corpus generator: deterministic, both languages, and lint-clean."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from build_tools.lint import engine

REPO = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load("gen")


def _errors(paths: list[Path], root: Path) -> list[str]:
    findings, drafts = engine.lint_paths(paths, engine.active_rules(), root)
    assert drafts, "no draft was linted"
    # Errors and warnings: the corpus is what a careful working group writes (notes may remain).
    return [f"{f.file}:{f.line} {f.rule} {f.message}" for f in findings
            if f.severity in ("error", "warning")]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    gen.corpus(tmp_path / "a", 6, seed=7)
    gen.corpus(tmp_path / "b", 6, seed=7)
    gen.corpus(tmp_path / "c", 6, seed=8)
    a, b, c = (_snapshot(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c
    # Draft i does not depend on N: a small corpus is the start of a large one.
    gen.corpus(tmp_path / "d", 3, seed=7)
    d = _snapshot(tmp_path / "d")
    assert all(a[name] == data for name, data in d.items())


def test_both_languages_and_realistic_size() -> None:
    langs = [gen.draft_text(1, i)[0] for i in range(60)]
    assert 0.05 < langs.count("zh") / len(langs) < 0.4
    lang, text = gen.draft_text(1, 0, "en")
    assert lang == "en"
    assert 1000 < len(text.split()) < 4000
    assert "\nTable: " in text and "shall" in text and "{#term-" in text
    lang, text = gen.draft_text(1, 1, "zh")
    assert "language: zh" in text and "\nen: " in text and "应" in text


@pytest.mark.parametrize("seed", [1, 5])
def test_corpus_lints_without_errors(tmp_path: Path, seed: int) -> None:
    folder = tmp_path / "drafts"
    gen.corpus(folder, 12, seed=seed)
    for i, lang in enumerate(("en", "zh")):  # make sure both languages are in
        path = folder / f"extra-{lang}.md"
        text = gen.draft_text(seed, 100 + i, lang)[1]
        path.write_text(text.replace(f"id: MVS {1100 + i}", f"id: MVS {1200 + i}"), "utf-8")
    assert (folder / "figures" / "bench-architecture.svg").is_file()
    assert _errors([folder], tmp_path) == []


def test_long_draft_lints_without_errors(tmp_path: Path) -> None:
    path = gen.long_draft(tmp_path / "drafts" / "long.md", words=6000)
    words = len(path.read_text(encoding="utf-8").split())
    assert 5000 < words < 12000
    assert _errors([path], tmp_path) == []


def test_comments_follow_the_format(tmp_path: Path) -> None:
    from build_tools.comments import read_comment_file

    draft = gen.long_draft(tmp_path / "drafts" / "long.md", words=3000)
    files = gen.comments(tmp_path / "comments", draft, 250, per_file=100)
    assert len(files) == 3
    parsed = [read_comment_file(f) for f in files]
    assert sum(len(cf.comments) for cf in parsed) == 250
    assert all(cf.document == "MVS 9000" for cf in parsed)
    assert files[0].parent.parent.name == "long"
