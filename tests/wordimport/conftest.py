"""Fixtures of the Word import tests: Word drafts built with python-docx (word_fixture.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The export tests' drafts (export_helpers.py) are also round-tripped here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))

from word_fixture import build, build_zh  # noqa: E402

from build_tools.model import Draft  # noqa: E402
from build_tools.parse import parse_file  # noqa: E402
from build_tools.wordimport.importer import ImportResult, import_docx  # noqa: E402


class Imported:
    def __init__(self, docx: Path, result: ImportResult) -> None:
        self.docx = docx
        self.result = result
        self.draft: Draft = parse_file(result.draft)


def _import(folder: Path, docx: Path, **kwargs: object) -> Imported:
    out = folder / "repo" / "drafts" / f"{docx.stem}.md"
    return Imported(docx, import_docx(docx, out, **kwargs))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def word_en(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("word-en")
    return _import(folder, build(folder / "identity.docx"))


@pytest.fixture(scope="session")
def word_zh(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("word-zh")
    return _import(folder, build_zh(folder / "identity-zh.docx"))
