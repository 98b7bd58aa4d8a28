"""docs/LIMITS.md states the limits the code enforces: a changed constant fails here until the
documentation says the same."""

from __future__ import annotations

from pathlib import Path

from build_tools import frontmatter, parse, yaml_depth
from build_tools.comments import read_sheets, rows, safety, yaml_read
from build_tools.export import limits

DOC = (Path(__file__).resolve().parents[1] / "docs" / "LIMITS.md").read_text(encoding="utf-8")
MB = 1024 * 1024


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def test_every_limit_is_documented_with_its_value() -> None:
    stated = {
        "draft file": f"{parse.MAX_BYTES // MB} MB",
        "front-matter nodes": f"{_spaced(frontmatter._MAX_NODES)} YAML nodes",
        "nesting": f"{yaml_depth.MAX_DEPTH} levels",
        "table rows for exports": f"{_spaced(limits.MAX_TABLE_ROWS)} rows together",
        "export source": f"{_spaced(limits.MAX_SOURCE_CHARS)} characters",
        "comment file": f"{yaml_read.MAX_YAML_BYTES // MB} MB",
        "sheet rows": f"| {_spaced(rows.MAX_ROWS)} (",
        "sheet columns": f"| {rows.MAX_COLUMNS}, column IV",
        "CSV": f"| {read_sheets.MAX_CSV_BYTES // MB} MB |",
        "package": f"{safety.MAX_UNCOMPRESSED // MB} MB unpacked, {safety.MAX_RATIO}:1 "
                   f"compression, {_spaced(safety.MAX_MEMBERS)} parts",
    }
    missing = {name: text for name, text in stated.items() if text not in DOC}
    assert not missing, missing
