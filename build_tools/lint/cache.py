"""Content-hash cache of per-draft lint results.

The key covers the file's bytes, its path, the tool version and the rule configuration, so
an edit, an upgrade or a changed ``[tool.clause]`` all miss the cache. Entries are written
atomically; a corrupt or foreign entry is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from build_tools import __version__
from build_tools.project import write_atomic

SCHEMA = 3  # 2: findings carry end positions and positioned edits; 3: the pair profile


class LintCache:
    def __init__(self, folder: Path, config_key: str) -> None:
        self.folder = folder / "lint"
        self.config_key = config_key

    def key(self, path: Path, data: bytes) -> str:
        h = hashlib.sha256()
        for part in (str(SCHEMA), __version__, self.config_key, str(path)):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._file(key), encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        target = self._file(key)
        data = json.dumps({**entry, "key": key}, ensure_ascii=False, separators=(",", ":"))
        try:
            write_atomic(target, data, durable=False)  # a lost entry is only recomputed
        except OSError:
            pass  # a cache that cannot be written only costs time


def config_key(rule_ids: list[str], severities: dict[str, str], root: Path | None) -> str:
    return json.dumps([sorted(rule_ids), sorted(severities.items()), str(root)])
