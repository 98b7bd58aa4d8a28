"""How large a draft the PDF and DOCX exports take: beyond these, a clear refusal.

Typst keeps the layout of every page in memory while it compiles, and a table costs the most:
measured with Typst 0.15 on ballot PDFs (numbered lines), about 2.5 MB a page of text and
140 MB per 1 000 table rows (10 000 rows of four cells: 1.5 GB). A 100 000-row table needed
6 GB and took minutes before the export gave up, so the exports refuse a draft beyond these
limits, with its file and line, before Typst or pandoc start. pandoc needs less (about 25 MB
per 1 000 rows); the same limits keep one rule for both formats.
"""

from __future__ import annotations

from build_tools.export.errors import ExportError
from build_tools.model import Draft

MAX_TABLE_ROWS = 5_000  # all tables of a draft together: about 700 MB in Typst
MAX_SOURCE_CHARS = 1_000_000  # the Typst or pandoc source: about 450 pages, 1.1 GB in Typst


def check_tables(draft: Draft) -> None:
    """Refuse a draft whose tables hold more than `MAX_TABLE_ROWS` rows together, naming the
    table that crosses the limit."""
    total = 0
    for table in draft.tables:
        total += len(table.row_cells)
        if total > MAX_TABLE_ROWS:
            raise ExportError(
                draft.path, table.line,
                f"the draft's tables have more than {MAX_TABLE_ROWS:,} rows together (this one "
                f"has {len(table.row_cells):,}); the PDF and DOCX exports lay out at most "
                f"{MAX_TABLE_ROWS:,}: publish a long list as a CSV or XLSX file beside the "
                "draft, or split the draft")


def check_source(draft: Draft, text: str, what: str) -> None:
    """Refuse a generated source longer than `MAX_SOURCE_CHARS` (``what``: "Typst", "pandoc")."""
    if len(text) > MAX_SOURCE_CHARS:
        raise ExportError(
            draft.path, 1,
            f"the draft is too long to export: its {what} source has {len(text):,} characters, "
            f"the limit is {MAX_SOURCE_CHARS:,} (about 450 pages); split it into parts")
