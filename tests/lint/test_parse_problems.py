"""Every problem the parser records reaches the user as a finding of a registered rule."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from build_tools.lint.base import REGISTRY
from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import PARTS_EN, assemble
from build_tools.parse import parse_text

PROBLEM_TYPES = {"ParseProblem", "FrontMatterProblem"}
PACKAGE = Path(__file__).resolve().parents[2] / "build_tools"


def _findings(text: str, select: list[str] | None = None):
    return lint_models([parse_text(text, "draft.md")], active_rules(select), None)


def test_an_empty_front_matter_block_is_reported() -> None:
    text = assemble("en", {}).replace("---\n" + PARTS_EN["front"] + "\n---", "---\n---", 1)
    assert text.startswith("---\n---\n")
    found = [f for f in _findings(text) if f.rule == "FM-01"]
    assert [f.line for f in found] == [1]
    assert "front-matter is empty" in found[0].message


def test_a_caption_without_its_table_is_reported() -> None:
    body = PARTS_EN["body"].replace("Table: Interfaces of a platform {#tab-interfaces}\n\n",
                                    "Table: Interfaces of a platform {#tab-interfaces}\n\n"
                                    "A paragraph between.\n\n")
    found = [f for f in _findings(assemble("en", {"body": body})) if f.rule == "XREF-03"]
    assert any("followed directly by its table" in f.message for f in found)


def test_an_ignored_rule_does_not_report_its_parse_problems() -> None:
    text = assemble("en", {}).replace("---\n" + PARTS_EN["front"] + "\n---", "---\n---", 1)
    findings = lint_models([parse_text(text, "d.md")], active_rules(None, ["FM-01"]), None)
    assert findings and not [f for f in findings if f.rule == "FM-01"]


def _problem_rules() -> list[tuple[str, int, str | None]]:
    """(file, line, rule id or None when not a literal) of every problem the package builds."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in PROBLEM_TYPES):
                continue
            arg = node.args[2] if len(node.args) > 2 else next(
                (k.value for k in node.keywords if k.arg == "rule"), None)
            rel = path.relative_to(PACKAGE).as_posix()
            if isinstance(arg, ast.Attribute) and arg.attr == "rule":
                continue  # a problem passed on (front-matter -> draft): checked where it is made
            value = arg.value if isinstance(arg, ast.Constant) else None
            out.append((rel, node.lineno, value))
    return out


def test_the_scan_sees_the_parser() -> None:
    files = {f for f, _, _ in _problem_rules()}
    assert {"parse.py", "frontmatter.py"} <= files
    assert len(_problem_rules()) >= 15


@pytest.mark.parametrize(("where", "line", "rule"), _problem_rules(),
                         ids=[f"{f}:{n}" for f, n, _ in _problem_rules()])
def test_every_parse_problem_names_a_registered_rule(where: str, line: int, rule: str | None,
                                                     ) -> None:
    assert rule is not None, f"{where}:{line}: the rule id must be a literal rule id"
    assert rule in REGISTRY, f"{where}:{line}: {rule!r} is not a registered rule"
