"""Fixtures of the Chinese-deliverable tests (the example they copy: chinese_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chinese_helpers import copy_example


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "repo")
