"""``clause serve``: render, run ``mkdocs serve`` (with a CSP on figures: site/devserver.py),
and render again whenever a draft or a comment file changes, so the browser reloads with the new
numbering.

Changes are found by polling modification times in a thread (no watcher dependency); the
docs folder is written by difference, so MkDocs rebuilds once per real change.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from build_tools.site import mkdocs_run
from build_tools.site.config import Project
from build_tools.site.docs import render_project

Log = Callable[[str], None]


def snapshot(folders: list[Path]) -> dict[Path, tuple[int, int]]:
    state: dict[Path, tuple[int, int]] = {}
    for folder in folders:
        if folder.is_file():
            st = folder.stat()
            state[folder] = (st.st_mtime_ns, st.st_size)
            continue
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    st = path.stat()
                    state[path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue  # removed while we looked
    return state


class Watcher(threading.Thread):
    """Calls ``on_change`` when a file under ``folders`` is added, removed or modified."""

    def __init__(self, folders: list[Path], on_change: Callable[[], None],
                 interval: float = 1.0) -> None:
        super().__init__(daemon=True, name="clause-watch")
        self.folders = folders
        self.on_change = on_change
        self.interval = interval
        self.stop = threading.Event()
        self.state = snapshot(folders)

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            current = snapshot(self.folders)
            if current != self.state:
                self.state = current
                self.on_change()


def serve(project: Project, dev_addr: str, log: Log, interval: float = 1.0) -> int:
    def render() -> None:
        try:
            result = render_project(project, log=log)
        except Exception as exc:  # keep serving: the next save may fix it
            log(f"render failed: {type(exc).__name__}: {exc}")
            return
        for warning in result.warnings:
            log(f"warning: {warning}")

    render()
    folders = [project.root / p for p in [*project.paths, *project.watch]]
    watcher = Watcher(folders, render, interval)
    watcher.start()
    # mkdocs serve, with a CSP on every SVG (site/devserver.py).
    command = [sys.executable, "-m", "build_tools.site.devserver", "serve",
               "-f", str(project.mkdocs_yml), "-a", dev_addr]
    log(f"serving on http://{dev_addr}/ (drafts are re-rendered when they change; Ctrl-C stops)")
    proc = subprocess.Popen(command, env=mkdocs_run.env(), cwd=project.root)
    # A SIGTERM (a process manager, `kill`) must stop `mkdocs serve` too, as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        return 0
    finally:
        watcher.stop.set()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
