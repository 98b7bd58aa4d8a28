"""What some tests need besides the repository: files from ../shared (the corpus and
templates) and programs (LibreOffice).

A developer's machine may lack them, and then those tests are skipped; CI (``CI=true``) must
have them (``make test`` installs the programs), and there a missing one fails the test
instead of hiding it.
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


def _missing(message: str) -> None:
    if in_ci():
        pytest.fail(f"{message}; CI must provide it", pytrace=False)
    pytest.skip(message)


def need_shared(path: Path, what: str) -> Path:
    """``path`` if it exists; else skip the test, or fail it in CI."""
    if not path.exists():
        _missing(f"{what} is not at {path} (../shared beside the repository)")
    return path


def need_soffice() -> str:
    """LibreOffice's soffice; else skip the test, or fail it in CI."""
    from build_tools.office import find_soffice

    found = find_soffice()
    if found is None:
        _missing("LibreOffice (soffice) is not installed; make test installs it")
    return found or ""
