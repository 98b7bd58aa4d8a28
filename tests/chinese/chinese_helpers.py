"""The working group's own bilingual example, copied into a throw-away repository (with its
comments) so that a test may change it."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ZH = "mvs-0001-terminology-zh.md"
EN = "mvs-0001-terminology.md"


def copy_example(dest: Path) -> Path:
    """dest/ with pyproject.toml, drafts/ (the terminology pair and the report companion) and
    comments/ of the repository."""
    (dest / "drafts").mkdir(parents=True)
    (dest / "pyproject.toml").write_text('[tool.clause]\npaths = ["drafts"]\n', encoding="utf-8")
    for name in (ZH, EN, "mvs-0001-terminology-zh.report.md"):
        shutil.copyfile(REPO / "drafts" / name, dest / "drafts" / name)
    shutil.copytree(REPO / "comments", dest / "comments")
    return dest

