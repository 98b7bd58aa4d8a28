"""The lint status of each draft for the home page, from ``build_tools.lint.lint_drafts``.

The linter is another part of the project; when it cannot be imported or fails, the site is
still built and says "not checked" rather than pretending a draft is clean.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

NOT_CHECKED = "not checked"


def lint_status(paths: list[Path], warn: Callable[[str], None]) -> dict[Path, str]:
    statuses = {p.resolve(): NOT_CHECKED for p in paths}
    try:
        from build_tools.lint import lint_drafts
    except ImportError:
        return statuses
    try:
        findings = lint_drafts(list(paths))
    except Exception as exc:  # the linter's own bug must not stop the site
        warn(f"lint failed ({type(exc).__name__}: {exc}); lint status shows '{NOT_CHECKED}'")
        return statuses
    counts: dict[Path, dict[str, int]] = {p: {} for p in statuses}
    for finding in findings:
        path = Path(str(getattr(finding, "file", ""))).resolve()
        severity = str(getattr(finding, "severity", "error")).lower()
        if path in counts:
            counts[path][severity] = counts[path].get(severity, 0) + 1
    for path, by_severity in counts.items():
        statuses[path] = describe(by_severity)
    return statuses


def describe(by_severity: dict[str, int]) -> str:
    parts = []
    for severity in ("error", "warning", "info"):
        n = by_severity.get(severity, 0)
        if n:
            parts.append(f"{n} {severity}{'s' if n > 1 else ''}")
    return ", ".join(parts) or "clean"
