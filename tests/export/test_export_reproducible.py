"""With SOURCE_DATE_EPOCH set, two exports of one draft are byte-identical."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from export_helpers import en_draft, write, zh_draft
from pypdf import PdfReader

from build_tools.export import export_drafts

EPOCH = 1764288000  # 2025-11-28 00:00:00 UTC


@pytest.mark.parametrize("text", [en_draft("continuous"), zh_draft("per-page")],
                         ids=["en", "zh"])
def test_byte_identical(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        text: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    path = write(repo, "draft.md", text)
    first = export_drafts([path], tmp_path / "one")[0].outputs
    second = export_drafts([path], tmp_path / "two")[0].outputs
    assert set(first) == {"pdf", "docx", "lines"}
    for kind in first:
        assert first[kind].read_bytes() == second[kind].read_bytes(), kind
    assert PdfReader(first["pdf"]).metadata.creation_date.timestamp() == EPOCH
    props = Document(str(first["docx"])).core_properties
    assert props.created.timestamp() == EPOCH and props.modified.timestamp() == EPOCH
    with zipfile.ZipFile(first["docx"]) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 28, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
