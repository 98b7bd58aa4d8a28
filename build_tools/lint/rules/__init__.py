"""Rule families; importing this package registers every rule."""

from build_tools.lint.rules import (  # noqa: F401
    comments,
    files,
    frontmatter,
    gb,
    lists,
    notes,
    pairs,
    references,
    structure,
    style,
    subclauses,
    symbols,
    terms,
    units,
    verbal,
    xrefs,
)
