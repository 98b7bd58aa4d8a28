"""Run a command in a fresh process and measure it: wall time and peak resident memory.

The peak must not include the test session's own memory: Linux carries a parent's high-water
mark into a child it forks, across exec. So a small launcher interpreter starts the command
(which then inherits only the launcher's few MB), waits for it and reports its
``getrusage(RUSAGE_CHILDREN)`` peak. The launcher caps the address space, so a reader that
regresses fails with MemoryError instead of taking the machine down, and kills the command
past its timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ADDRESS_SPACE_CAP = 3 << 30

_LAUNCHER = """
import json, resource, subprocess, sys
argv, timeout, cap, report = json.loads(sys.argv[1])
def limit():
    if cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
try:
    code = subprocess.run(argv, preexec_fn=limit, timeout=timeout).returncode
    timed_out = False
except subprocess.TimeoutExpired:
    code, timed_out = -9, True
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(report, "w") as handle:
    json.dump({"code": code, "peak_kb": peak, "timed_out": timed_out}, handle)
"""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    timed_out: bool


def run_measured(args: list[str], *, cwd: Path, timeout: float, env: dict[str, str] | None = None,
                 cap_memory: bool = True) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        spec = json.dumps([args, timeout, ADDRESS_SPACE_CAP if cap_memory else 0, str(report)])
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", _LAUNCHER, spec], cwd=cwd,
                              env={**os.environ, **(env or {})}, capture_output=True,
                              timeout=timeout + 60)
        seconds = time.monotonic() - start
        result = json.loads(report.read_text(encoding="utf-8"))
    return Run(result["code"], proc.stdout.decode(errors="replace"),
               proc.stderr.decode(errors="replace"), seconds, result["peak_kb"] / 1024,
               result["timed_out"])


def clause(*args: str) -> list[str]:
    """The command line of ``clause ARGS`` with this interpreter."""
    return [sys.executable, "-m", "build_tools", *args]
