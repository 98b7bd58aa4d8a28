"""The one exception type of the comments package.

Every user error (unreadable file, bad YAML, refused upload, unknown column layout) is a
`CommentError` naming the file and, when known, the line, so the CLI can print it as
``path:line: message`` and exit 2 instead of showing a traceback.
"""

from __future__ import annotations

from build_tools.errors import LocatedError


class CommentError(LocatedError):
    """A reviewer-comment input or output problem that the user has to fix."""
