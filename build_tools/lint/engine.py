"""The lint engine: find drafts, parse each once, run the rules, apply suppressions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from build_tools.lint import rules as _rules  # noqa: F401  (registers the rules)
from build_tools.lint.base import REGISTRY, Context, Finding, Rule
from build_tools.model import Draft
from build_tools.parse import parse_file

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class UsageError(Exception):
    pass


def discover(paths: Iterable[Path]) -> list[Path]:
    """Markdown files under the given paths; names starting with '_' are not drafts."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*.md"))
                       if not p.name.startswith("_") and not any(
                           part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            out.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return out


def _matches(rule_id: str, patterns: list[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip("*").rstrip("-") + "-") or
               (p.endswith("*") and rule_id.startswith(p[:-1])) for p in patterns)


def active_rules(select: list[str] | None = None, ignore: list[str] | None = None,
                 severity: dict[str, str] | None = None) -> list[Rule]:
    select = select or []
    ignore = ignore or []
    severity = severity or {}
    known = set(REGISTRY)
    for p in [*select, *ignore, *severity]:
        if not any(_matches(r, [p]) for r in known):
            raise UsageError(f"unknown rule or family '{p}' (see 'clause rules')")
    out = []
    for rule_id, cls in sorted(REGISTRY.items()):
        if select and not _matches(rule_id, select):
            continue
        if ignore and _matches(rule_id, ignore):
            continue
        out.append(cls(severity.get(rule_id)))
    return out


def _suppressed(draft: Draft, finding: Finding) -> bool:
    # A suppression comment covers the block that follows it: lines up to the next blank line.
    for line, rules in draft.suppressions.items():
        if finding.rule in rules and line <= finding.line:
            block_end = _block_end(draft, line)
            if finding.line <= block_end:
                return True
    return False


def _block_end(draft: Draft, start: int) -> int:
    lines = draft.text.split("\n")
    i = start - 1
    while i < len(lines) and lines[i].strip():
        i += 1
    return i


def lint_models(drafts: list[Draft], rules: list[Rule], root: Path | None = None) -> list[Finding]:
    ctx = Context(root=root, drafts=drafts)
    findings: list[Finding] = []
    for draft in drafts:
        for rule in rules:
            if rule.cross_draft:
                continue
            if draft.fatal and rule.needs_model:
                continue
            if not draft.fatal and not rule.applies(draft):
                continue
            for f in rule.check(draft, ctx):
                if not _suppressed(draft, f):
                    findings.append(f)
    readable = [d for d in drafts if not d.fatal]
    for rule in rules:
        if rule.cross_draft:
            for f in rule.check_all(readable, ctx):
                findings.append(f)
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.rule))
    return findings


def lint_paths(paths: list[Path], rules: list[Rule] | None = None, root: Path | None = None,
               progress: Callable[[int, int], None] | None = None) -> tuple[list[Finding], list[Draft]]:
    files = discover(paths)
    drafts: list[Draft] = []
    for i, path in enumerate(files, 1):
        drafts.append(parse_file(path))
        if progress:
            progress(i, len(files))
    rules = rules if rules is not None else active_rules()
    return lint_models(drafts, rules, root), drafts


def lint_drafts(paths: list[Path]) -> list[Finding]:
    """Lint with the default rules: the entry point other views (the site) use."""
    from build_tools.lint.config import load

    root = load(paths[0] if paths else None).root if paths else None
    findings, _ = lint_paths(paths, root=root)
    return findings


def exit_code(findings: list[Finding], fail_on: str) -> int:
    level = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= level for f in findings) else 0
