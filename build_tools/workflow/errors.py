"""The error of a ballot or stage step that the user has to fix."""

from __future__ import annotations

from build_tools.errors import LocatedError


class WorkflowError(LocatedError):
    """A ballot or stage step the user has to fix: printed as ``path:line: message``."""
