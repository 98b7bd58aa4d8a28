"""Fixtures of the export tests; the drafts they use are in export_helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import (  # noqa: F401
    SVG,
    Exported,
    ballot_block,
    en_draft,
    make_repo,
    write,
    zh_draft,
)

from build_tools.export import export_drafts
from build_tools.parse import parse_file


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def _export(tmp: Path, name: str, text: str, **kwargs: object) -> Exported:
    path = write(make_repo(tmp / "repo"), name, text)
    result = export_drafts([path], tmp / "out", **kwargs)  # type: ignore[arg-type]
    return Exported(path, parse_file(path), result[0])


@pytest.fixture(scope="session")
def en_ballot(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The English draft with a continuous-numbering ballot block, PDF and DOCX."""
    return _export(tmp_path_factory.mktemp("en"), "mvs-9001.md", en_draft("continuous"))


@pytest.fixture(scope="session")
def zh_ballot(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The Chinese draft with per-page numbering, PDF and DOCX."""
    return _export(tmp_path_factory.mktemp("zh"), "mvs-9002.md", zh_draft("per-page"))
