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
    # ... nor the secret that signs its entries (lint/cache.py).
    monkeypatch.setenv("CLAUSE_STATE_DIR", str(tmp_path_factory.getbasetemp() / "clause-state"))


@pytest.fixture
def write_record():
    """``write_record(draft, line_map, folder=…)``: the record of a ballot on ``draft`` (WD 1 of
    its repository, outside git: no commit) whose line map is ``line_map``, as ``clause ballot
    open`` would have written it. Returns the record's path."""
    import datetime as dt
    import json

    from build_tools.workflow.record import Record, new_record_text, sha256_bytes
    from build_tools.workflow.roster import Member

    def write(draft: Path, line_map: list[dict], folder: Path | None = None) -> Path:
        root = draft.parent.parent
        folder = folder or root / "comments" / draft.stem / "WD1"
        folder.mkdir(parents=True, exist_ok=True)
        lines = json.dumps(line_map).encode("utf-8")
        (folder / "ballot.lines.json").write_bytes(lines)
        record = Record(folder / "ballot.yaml", "MVS 9001", f"drafts/{draft.name}", "WD", 1,
                        None, sha256_bytes(draft.read_bytes()), dt.date(2026, 12, 1),
                        dt.date(2027, 1, 31), "consensus", [Member("CN-CESI", "CESI", "P")],
                        lines_sha256=sha256_bytes(lines))
        record.path.write_text(new_record_text(record), encoding="utf-8")
        return record.path

    return write
