"""Rule families; importing this package registers every rule."""

from build_tools.lint.rules import (  # noqa: F401
    comments,
    files,
    frontmatter,
    notes,
    references,
    structure,
    terms,
    units,
    verbal,
    xrefs,
)
