"""The linter: rules over the Draft model, findings in text, JSON, SARIF and GitHub formats."""

from build_tools.lint.base import Finding
from build_tools.lint.engine import lint_drafts, lint_models, lint_paths

__all__ = ["Finding", "lint_drafts", "lint_models", "lint_paths"]
