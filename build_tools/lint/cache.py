"""Content-hash cache of per-draft lint results, bound to a secret of this machine.

The key covers the file's bytes, its path, the tool version and the rule configuration, so
an edit, an upgrade or a changed ``[tool.clause]`` all miss the cache. A cache entry says "this
draft is clean", so it must not be something a pull request can write: the key and a MAC over
the entry are HMAC-SHA256 under a random key kept outside any repository (the user's state
folder, see ``secret_path``). An entry committed to the repository, copied from another
machine or edited by hand does not verify and is ignored, never trusted; where no secret can
be kept, nothing is cached. Entries are written atomically.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from build_tools import __version__
from build_tools.project import temp_beside, write_atomic

SCHEMA = 4  # 2: end positions and edits; 3: the pair profile; 4: keyed and signed with the
# machine's secret
SECRET_ENV = "CLAUSE_STATE_DIR"
SECRET_FILE = "lint-cache.key"
_SECRET_BYTES = 32


def secret_path() -> Path:
    """$CLAUSE_STATE_DIR, else $XDG_STATE_HOME/clause, else ~/.local/state/clause; the file
    lint-cache.key in it."""
    if os.environ.get(SECRET_ENV):
        folder = Path(os.environ[SECRET_ENV])
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        folder = Path(base) / "clause"
    return folder / SECRET_FILE


def machine_secret(inside: Path | None = None) -> bytes | None:
    """The secret, created on first use (readable by the user only); None when it cannot be
    read or written, or lies inside ``inside`` (a repository could ship it). A damaged file
    turns the cache off until it is deleted."""
    path = secret_path()
    try:
        if inside is not None and path.resolve().is_relative_to(inside.resolve()):
            return None
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            _create_secret(path)
            data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) == _SECRET_BYTES else None


def _create_secret(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = temp_beside(path)  # mkstemp: readable by the user only
    try:
        temp.write_bytes(secrets.token_bytes(_SECRET_BYTES))
        os.link(temp, path)  # never replaces: two first runs at once end with one secret
    except FileExistsError:
        pass
    finally:
        temp.unlink(missing_ok=True)


class LintCache:
    """``folder``/lint/<key[:2]>/<key>.entry: a MAC line, then the entry as JSON."""

    def __init__(self, folder: Path, config_key: str, secret: bytes | None = None) -> None:
        self.folder = folder / "lint"
        self.config_key = config_key
        self.secret = secret

    def key(self, path: Path, data: bytes) -> str | None:
        """The entry's name for this draft, or None without a secret (nothing is cached)."""
        if self.secret is None:
            return None
        h = hmac.new(self.secret, digestmod=hashlib.sha256)
        for part in (str(SCHEMA), __version__, self.config_key, str(path)):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.entry"

    def _mac(self, key: str, payload: bytes) -> str:
        assert self.secret is not None
        return hmac.new(self.secret, key.encode("ascii") + b"\0" + payload,
                        hashlib.sha256).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        if self.secret is None:
            return None
        try:
            raw = self._file(key).read_bytes()
        except OSError:
            return None
        mac, _, payload = raw.partition(b"\n")
        if not hmac.compare_digest(mac, self._mac(key, payload).encode("ascii")):
            return None  # forged, copied from elsewhere, edited or torn: recompute
        try:
            entry = json.loads(payload)
        except ValueError:
            return None
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        if self.secret is None:
            return
        payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:  # a lost entry is only recomputed
            write_atomic(self._file(key), self._mac(key, payload).encode("ascii") + b"\n" +
                         payload, durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time


def config_key(rule_ids: list[str], severities: dict[str, str], root: Path | None) -> str:
    return json.dumps([sorted(rule_ids), sorted(severities.items()), str(root)])
