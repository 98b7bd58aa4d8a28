from __future__ import annotations

from pathlib import Path

import pytest
from needs import CORPUS, REPO, need_shared


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def corpus() -> Path:
    return need_shared(CORPUS, "the shared corpus")


@pytest.fixture(autouse=True)
def _private_lint_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests never share a cache with the developer's own runs.
    monkeypatch.setenv("CLAUSE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "clause-cache"))
