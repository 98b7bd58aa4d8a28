"""Every documented example is a test: failing examples fire their rule, passing ones do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.lint.base import REGISTRY, Example
from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import assemble
from build_tools.parse import parse_file

RULES = active_rules()


def _lint(tmp_path: Path, example: Example):
    (tmp_path / "figures").mkdir(exist_ok=True)
    (tmp_path / "figures" / "example.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = tmp_path / "draft.md"
    path.write_text(assemble(example.lang, example.overrides), encoding="utf-8")
    return lint_models([parse_file(path)], RULES, tmp_path)


CASES = [(rid, "fail", i, ex) for rid, cls in sorted(REGISTRY.items()) for i, ex in enumerate(cls.fail)]
CASES += [(rid, "pass", i, ex) for rid, cls in sorted(REGISTRY.items())
          for i, ex in enumerate(cls.passing)]


def test_enough_documented_rules() -> None:
    documented = [r for r in REGISTRY.values() if r.doc and r.source]
    assert len(documented) >= 40
    for cls in REGISTRY.values():
        assert cls.summary and cls.source, cls.id
        assert cls.fail or cls.cross_draft, f"{cls.id} has no failing example"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_clean_example_draft_has_no_findings(tmp_path: Path, lang: str) -> None:
    assert _lint(tmp_path, Example(lang, {})) == []


@pytest.mark.parametrize(("rule_id", "kind", "index", "example"), CASES,
                         ids=[f"{c[0]}-{c[1]}{c[2]}-{c[3].lang}" for c in CASES])
def test_rule_example(tmp_path: Path, rule_id: str, kind: str, index: int, example: Example) -> None:
    fired = [f for f in _lint(tmp_path, example) if f.rule == rule_id]
    if kind == "fail":
        assert fired, f"{rule_id} did not fire on its failing example"
        source = REGISTRY[rule_id].source
        assert any(source in f.message or (REGISTRY[rule_id].source_gb or "@@") in f.message
                   for f in fired), "the message names the rule's source"
    else:
        assert not fired, [f.message for f in fired]
