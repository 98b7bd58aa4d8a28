from __future__ import annotations

from pathlib import Path

from build_tools.lint.docs import all_markdown


def test_committed_rule_reference_is_current(repo_root: Path) -> None:
    committed = (repo_root / "docs" / "RULES.md").read_text(encoding="utf-8")
    assert committed.strip() == all_markdown().strip(), (
        "docs/RULES.md is stale: run 'clause rules --format markdown > docs/RULES.md'")
