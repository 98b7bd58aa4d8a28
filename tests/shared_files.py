"""Files the tests read from ../shared (beside the repository): the corpus and templates.

A developer's checkout may lack ../shared, and then those tests are skipped; CI (``CI=true``)
must have it, and there a missing file fails the test instead of hiding it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def need_shared(path: Path, what: str) -> Path:
    """``path`` if it exists; else skip the test, or fail it in CI."""
    if not path.exists():
        message = f"{what} is not at {path} (../shared beside the repository)"
        if in_ci():
            pytest.fail(f"{message}; CI must provide it", pytrace=False)
        pytest.skip(message)
    return path
