"""Property tests: the parser and the linter never raise; round-trip edits touch one line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import frontmatter
from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import assemble
from build_tools.parse import parse_bytes, parse_text

RULES = active_rules()
CLEAN = assemble("en")

# Text built from the pieces drafts are made of, so the search reaches deep parser paths.
_PIECES = st.sampled_from([
    "---\n", "# ", "## ", "### ", "{#x}", "{.annex .informative}", "\n", "\n\n", "- ", "1. ",
    "| a | b |\n|---|---|\n", "Table: T {#tab-x}\n", "![f](figures/x.svg){#fig-x}", "[](#x)",
    "[](#tab-x)", "NOTE ", "EXAMPLE ", "Note 1 to entry: ", "[SOURCE: ISO 1:2000]", "注1：",
    "示例：", "shall", "应", "admitted: y\n", "en: term\n", "> ", "```\n", "<!-- lint-ignore X -->",
    "id: X\n", "title: {en: T}\n", "language: zh\n", "stage: CD\n", "*", "_", "`", "\\", "：", "。",
    "ISO/IEC 2382:2015", "GB/T 1.1-2020", "10ms", "&", "<script>", "[^1]", "[^1]: n\n",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_parser_and_linter_never_raise_on_draft_like_text(text: str) -> None:
    draft = parse_text(text, Path("x.md"))
    lint_models([draft], RULES, Path("."))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_parser_never_raises_on_bytes(data: bytes) -> None:
    draft = parse_bytes(data, "x.md")
    lint_models([draft], RULES, Path("."))


_KEYS = st.sampled_from(["stage", "iteration", "date", "committee"])
_VALUES = st.one_of(st.sampled_from(["CD", "DIS", "30.20"]), st.integers(1, 9),
                    st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), min_size=1,
                            max_size=20).map(str.strip).filter(bool))


@settings(max_examples=100, deadline=None)
@given(_KEYS, _VALUES)
def test_editing_one_key_changes_only_that_line(key: str, value: object) -> None:
    original = CLEAN.replace("stage: WD", "stage: WD  # was AWI until September")
    updated = frontmatter.update(original, {key: value})
    before = original.split("\n")
    after = updated.split("\n")
    assert len(before) == len(after)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) <= 1
    if changed:
        assert after[changed[0]].startswith(f"{key}:")
    assert frontmatter.read(updated).data[key] is not None
