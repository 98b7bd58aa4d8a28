"""The PDF: Typst source from the model, compiled by the typst binding, line map read back.

Everything Typst may read is in one temporary build folder (the template, main.typ and the
copied figures), and that folder is Typst's root: Typst refuses files outside its root, so a
figure cannot pull anything else in.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typst

from build_tools.errors import tool_message
from build_tools.export import linemap
from build_tools.export.cover import Cover
from build_tools.export.errors import ExportError
from build_tools.export.limits import check_source
from build_tools.export.typst_source import to_typst
from build_tools.model import Draft

TEMPLATE = Path(__file__).parent / "templates" / "clause.typ"
MARGIN_LEFT_MM = 25  # the line numbers' column
MARGIN_LEFT_PT = MARGIN_LEFT_MM / 25.4 * 72


class TypstWarning(UserWarning):
    """Typst compiled the draft but said something (a missing font, typically)."""


def build_pdf(draft: Draft, cover: Cover, images: Mapping[str, str], build: Path, output: Path,
              line_numbering: str | None, epoch: int | None) -> list[dict[str, Any]] | None:
    """Write the PDF to ``output``; return its line map when lines are numbered."""
    page = {"margin-left-mm": MARGIN_LEFT_MM, "line-number-font": linemap.LINE_NUMBER_FAMILY}
    source = to_typst(draft, cover, images, line_numbering, page)
    check_source(draft, source.text, "Typst")
    shutil.copyfile(TEMPLATE, build / TEMPLATE.name)
    main = build / "main.typ"
    main.write_text(source.text, encoding="utf-8")
    try:
        _, notes = typst.compile_with_warnings(str(main), output=str(output), root=str(build),
                                               timestamp=epoch)
    except typst.TypstError as exc:
        # Our source is generated, so this is a bug or a broken figure file, not a typo.
        raise ExportError(draft.path, 1, "Typst could not lay out the draft: "
                          f"{tool_message(str(exc.message))}") from exc
    for note in notes:
        warnings.warn(f"{draft.path}: Typst: {note.message}", TypstWarning, stacklevel=2)
    if line_numbering is None:
        return None
    # Numbers end a few points left of the text block; anything starting left of it is one.
    return linemap.build_line_map(output, source.headings, line_numbering, MARGIN_LEFT_PT - 1)
