"""Comment ids kept in a DOCX's custom properties follow their rows back on import."""

from __future__ import annotations

import json

from build_tools.comments.docx_ids import ROW_PREFIX, fingerprint, match_row_ids, stored_row_ids


def _props(rows: list[tuple[str, str]], extra: dict[str, str] | None = None) -> dict[str, str]:
    props = {f"{ROW_PREFIX}{i:04d}": json.dumps([row_id, fingerprint("CN", text)])
             for i, (row_id, text) in enumerate(rows, start=1)}
    return {**props, **(extra or {})}


def test_ids_follow_rows_that_were_re_sorted_after_rows_were_deleted() -> None:
    written = [(f"CN-{i:03d}", f"comment {i}") for i in range(1, 11)]
    stored = stored_row_ids(_props(written))
    # The secretariat deleted six rows and sorted the rest backwards: four rows remain.
    rows = [(0, fingerprint("CN", "comment 10")), (1, fingerprint("CN", "comment 9")),
            (2, fingerprint("CN", "comment 2")), (3, fingerprint("CN", "edited in place"))]
    assert match_row_ids(rows, stored) == ["CN-010", "CN-009", "CN-002", "CN-004"]


def test_a_property_for_row_two_billion_is_ignored() -> None:
    stored = stored_row_ids(_props([("CN-001", "one")], {f"{ROW_PREFIX}2000000000": "[1, 2]",
                                                         f"{ROW_PREFIX}{'9' * 40}": "[1, 2]"}))
    assert stored == [("CN-001", fingerprint("CN", "one"))]
