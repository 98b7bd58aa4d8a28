from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def corpus() -> Path:
    path = SHARED / "corpus"
    if not path.is_dir():
        pytest.skip("the shared corpus is not beside the repository")
    return path


@pytest.fixture(autouse=True)
def _private_lint_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests never share a cache with the developer's own runs.
    monkeypatch.setenv("CLAUSE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "clause-cache"))
    # ... nor the secret that signs its entries (lint/cache.py).
    monkeypatch.setenv("CLAUSE_STATE_DIR", str(tmp_path_factory.getbasetemp() / "clause-state"))
