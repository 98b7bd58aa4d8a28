"""Export worker processes: ``python -m build_tools.export.workers``, one draft at a time.

Each worker is a fresh interpreter fed one JSON line per draft on its standard input and
answering one JSON line per draft. Not a ``multiprocessing`` pool: a process forked from one
that has run Typst waits forever on Typst's thread pool, and spawned or forkserver children
import the caller's main module again (a script without a ``__main__`` guard runs twice).
A worker is replaced after `TASKS_PER_WORKER` drafts, since Typst keeps a cache of every
layout it made; one that dies (killed, out of memory) costs only the draft it was on.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import build_tools

TASKS_PER_WORKER = 50

Task = dict[str, Any]
Answer = dict[str, Any]


@dataclass
class _Worker:
    proc: subprocess.Popen[str]
    task: Task | None = None
    done: int = 0


def _start() -> _Worker:
    # The package's own folder first on the path: a caller that put it on sys.path by hand
    # (a checkout, not installed) gets workers that find it too.
    root = str(Path(build_tools.__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen([sys.executable, "-m", "build_tools.export.workers"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            encoding="utf-8", bufsize=1)
    return _Worker(proc)


def _stop(worker: _Worker, kill: bool = False) -> None:
    if kill:
        worker.proc.kill()
    elif worker.proc.stdin is not None:
        worker.proc.stdin.close()
    worker.proc.wait()
    if worker.proc.stdout is not None:
        worker.proc.stdout.close()


def run(tasks: list[Task], jobs: int, dead: Callable[[Task, str], Answer]) -> Iterator[Answer]:
    """Run every task on ``jobs`` workers and yield the answers as they come. A task whose
    worker died is answered by ``dead(task, why)``."""
    pending = list(reversed(tasks))
    workers: list[_Worker] = []
    selector = selectors.DefaultSelector()

    def give(worker: _Worker) -> None:
        worker.task = pending.pop()
        assert worker.proc.stdin is not None and worker.proc.stdout is not None
        worker.proc.stdin.write(json.dumps(worker.task) + "\n")
        worker.proc.stdin.flush()
        selector.register(worker.proc.stdout, selectors.EVENT_READ, worker)

    try:
        while pending or any(w.task is not None for w in workers):
            while pending and len([w for w in workers if w.task is not None]) < jobs:
                idle = next((w for w in workers if w.task is None), None)
                if idle is None:
                    idle = _start()
                    workers.append(idle)
                try:
                    give(idle)
                except BrokenPipeError:  # it died before its first line
                    task, idle.task = idle.task, None
                    workers.remove(idle)
                    _stop(idle, kill=True)
                    assert task is not None
                    yield dead(task, f"the export process exited {idle.proc.returncode}")
            for key, _ in selector.select():
                worker: _Worker = key.data
                stream: IO[str] = key.fileobj  # type: ignore[assignment]
                selector.unregister(stream)
                line = stream.readline()
                task, worker.task = worker.task, None
                assert task is not None
                worker.done += 1
                if not line:
                    workers.remove(worker)
                    _stop(worker, kill=True)
                    yield dead(task, f"the export process died (exit status "
                                     f"{worker.proc.returncode})")
                    continue
                if worker.done >= TASKS_PER_WORKER:
                    workers.remove(worker)
                    _stop(worker)
                yield json.loads(line)
    finally:
        # Also on Ctrl-C or SIGTERM: the exports under way stop instead of being waited for.
        for worker in workers:
            _stop(worker, kill=worker.task is not None)
        selector.close()


def serve() -> None:
    """The worker's loop: a task per line in, an answer per line out."""
    from build_tools.export.exporter import answer

    # Our answers go to the real standard output; anything else written there (by pandoc,
    # Typst or a library) goes to standard error and cannot garble them.
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    for line in sys.stdin:
        channel.write(json.dumps(answer(json.loads(line))) + "\n")
        channel.flush()


if __name__ == "__main__":
    serve()
