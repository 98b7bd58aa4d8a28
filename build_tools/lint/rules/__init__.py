"""Rule families; importing this package registers every rule."""

from build_tools.lint.rules import (  # noqa: F401
    citing,
    comments,
    committee,
    files,
    frontmatter,
    gb,
    lists,
    notes,
    numbers,
    pairs,
    references,
    structure,
    style,
    subclauses,
    symbols,
    term_sources,
    terms,
    units,
    verbal,
    xrefs,
)
