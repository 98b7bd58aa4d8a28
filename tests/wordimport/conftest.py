"""Fixtures of the Word import tests: Word drafts built with python-docx (word_fixture.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The export tests' drafts (export_helpers.py) are also round-tripped here.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))

from imported import Imported, import_into  # noqa: E402
from word_fixture import build, build_zh  # noqa: E402


@pytest.fixture(scope="session")
def word_en(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("word-en")
    return import_into(folder, build(folder / "identity.docx"))


@pytest.fixture(scope="session")
def word_zh(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("word-zh")
    return import_into(folder, build_zh(folder / "identity-zh.docx"))
