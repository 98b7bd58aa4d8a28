"""Every documented example is a test: failing examples fire their rule, passing ones do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.lint.base import REGISTRY, Example
from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import CommentExample, PairExample, RosterExample, assemble
from build_tools.lint.fix import apply_fixes
from build_tools.parse import parse_file
from build_tools.workflow.checks import repository_findings

RULES = active_rules()


def _draft(tmp_path: Path, example: Example) -> Path:
    (tmp_path / "drafts").mkdir(exist_ok=True)
    path = tmp_path / "drafts" / "draft.md"
    path.write_text(assemble(example.lang, example.overrides), encoding="utf-8")
    return path


def _check_repository(tmp_path: Path, example: CommentExample | RosterExample,
                      write_record):
    """A comment or roster example as ``clause lint`` sees it: the files in a repository whose
    drafts/ holds the example draft, checked with every CMT and ROSTER rule."""
    draft = _draft(tmp_path, example)
    comments = example.comments
    if comments is not None:
        path = tmp_path / CommentExample.FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(comments, encoding="utf-8")
    if isinstance(example, RosterExample):
        (tmp_path / RosterExample.FILE).write_text(example.roster, encoding="utf-8")
    elif example.line_map is not None:
        write_record(draft, example.line_map, (tmp_path / CommentExample.FILE).parent)
    return repository_findings(tmp_path)


def _lint(tmp_path: Path, example: Example, write_record=None):
    if isinstance(example, (CommentExample, RosterExample)):
        return _check_repository(tmp_path, example, write_record)
    (tmp_path / "figures").mkdir(exist_ok=True)
    (tmp_path / "figures" / "example.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = tmp_path / "draft.md"
    path.write_text(assemble(example.lang, example.overrides), encoding="utf-8")
    drafts = [parse_file(path)]
    if isinstance(example, PairExample):
        partner = tmp_path / "partner.md"
        partner.write_text(assemble(example.partner_lang, example.partner), encoding="utf-8")
        drafts.append(parse_file(partner))
    return lint_models(drafts, RULES, tmp_path)


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


def test_clean_comment_file_has_no_findings(tmp_path: Path) -> None:
    assert _lint(tmp_path, REGISTRY["CMT-001"].passing[0]) == []


def test_clean_roster_has_no_findings(tmp_path: Path) -> None:
    assert _lint(tmp_path, REGISTRY["ROSTER-01"].passing[0]) == []


@pytest.mark.parametrize(("rule_id", "kind", "index", "example"), CASES,
                         ids=[f"{c[0]}-{c[1]}{c[2]}-{c[3].lang}" for c in CASES])
def test_rule_example(tmp_path: Path, rule_id: str, kind: str, index: int, example: Example,
                      write_record) -> None:
    found = _lint(tmp_path, example, write_record)
    fired = [f for f in found if f.rule == rule_id]
    others = sorted({f.rule for f in found if f.rule != rule_id})
    if kind == "fail":
        assert fired, f"{rule_id} did not fire on its failing example"
        # That rule and only that rule (and the companions the example declares).
        assert others == sorted(example.also), [f"{f.rule}: {f.message}" for f in found
                                                if f.rule != rule_id]
        source = REGISTRY[rule_id].source
        assert any(source in f.message or (REGISTRY[rule_id].source_gb or "@@") in f.message
                   for f in fired), "the message names the rule's source"
        _check_fixed(tmp_path, example, fired)
    else:
        assert not found, [f"{f.rule}: {f.message}" for f in found]


def _check_fixed(tmp_path: Path, example: Example, fired: list) -> None:
    """The edits of the rule's findings, made as ``clause lint --fix --unsafe-fixes`` makes
    them, turn the example draft into the one whose changed part reads ``example.fixed``."""
    edits = [f for f in fired if f.edit is not None]
    if example.fixed is None:
        return
    assert edits, "the example documents a fix but no finding carries an edit"
    report = apply_fixes(edits, unsafe=True)
    assert not report.refused, report.refused
    after = (tmp_path / "draft.md").read_text(encoding="utf-8")
    expected = [assemble(example.lang, {**example.overrides, key: example.fixed})
                for key in example.overrides]
    assert after in expected, after


def test_fixed_is_checked(tmp_path: Path) -> None:
    """A wrong ``fixed`` text fails: the comparison is with the file after the edits."""
    rule = next(cls for cls in REGISTRY.values() for ex in cls.fail if ex.fixed is not None)
    example = next(ex for ex in rule.fail if ex.fixed is not None)
    wrong = Example(example.lang, example.overrides, fixed=example.fixed + " (not this)")
    fired = [f for f in _lint(tmp_path, wrong) if f.rule == rule.id]
    with pytest.raises(AssertionError):
        _check_fixed(tmp_path, wrong, fired)
