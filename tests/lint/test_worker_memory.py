"""A lint worker frees each draft as soon as it is done with it.

The workers lint with the garbage collector off (engine._collect_after): a draft's model is
freed by reference counting once Draft.release has cut its clause-to-parent links. A new
reference cycle anywhere in parsing or in a rule (a nested function that calls itself is
one) would keep every model it touches until the collection after the batch, and bring the
collector's cost back. These tests find such a cycle by running the collector after each
draft: it must find nothing.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from build_tools.lint import engine
from build_tools.parse import parse_text

REPO = Path(__file__).resolve().parents[2]


def _garbage_after(paths: list[Path], root: Path) -> dict[str, list[str]]:
    """For each file, the types of the objects its lint left in reference cycles."""
    rules = engine.active_rules()
    engine._init_worker([(r.id, r.level) for r in rules], str(root))
    engine._work(str(paths[0]))  # first use fills module-level caches: not garbage
    gc.collect()
    left: dict[str, list[str]] = {}
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for path in paths:
            engine._work(str(path))
            gc.collect()
            if gc.garbage:
                left[path.name] = sorted({type(o).__qualname__ for o in gc.garbage})
                gc.garbage.clear()
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
        gc.collect()
    return left


def test_linting_the_example_drafts_leaves_no_reference_cycles() -> None:
    paths = sorted((REPO / "drafts").rglob("*.md"))
    assert len(paths) >= 3
    assert _garbage_after(paths, REPO) == {}


def test_linting_corpus_drafts_leaves_no_reference_cycles(corpus: Path) -> None:
    # Real drafts of other groups: nested lists, tables, reproduced text, broken references.
    paths = sorted((corpus / "md-drafts").rglob("*.md"))[:40]
    assert paths
    assert _garbage_after(paths, corpus) == {}


def test_a_released_draft_is_freed_without_the_collector() -> None:
    text = "# Scope\n\nText.\n\n## Sub\n\n### Subsub\n\n- a\n  - b\n    - c\n"
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        draft = parse_text(text)
        assert [c.parent for c in draft.walk()][1].title == "Scope"
        draft.release()
        del draft
        gc.collect()
        assert gc.garbage == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_worker_gives_the_collector_back_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with engine._collect_after():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
