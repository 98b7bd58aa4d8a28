"""Run a command in a fresh process and measure it: wall time and peak resident memory.

The peak comes from ``os.wait4`` for that one child (its own rusage, children it waited for
included), so other processes the test session started do not count. The address space is
capped so that a reader that regresses fails with MemoryError instead of taking the machine
down, and a run past its timeout is killed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ADDRESS_SPACE_CAP = 3 << 30


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timed_out: bool


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


def run_measured(args: list[str], *, cwd: Path, timeout: float, env: dict[str, str] | None = None,
                 cap_memory: bool = True) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err,
                                env={**os.environ, **(env or {})},
                                preexec_fn=_cap if cap_memory else None)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timed_out = not timer.is_alive()
            timer.cancel()
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"), seconds, usage.ru_maxrss / 1024,
                   timed_out)


def clause(*args: str) -> list[str]:
    """The command line of ``clause ARGS`` with this interpreter."""
    return [sys.executable, "-m", "build_tools", *args]
