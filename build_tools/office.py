"""LibreOffice headless: converting office files the way an office suite reads them.

``clause import`` uses it to turn a .doc, .wps, .odt or .rtf draft into DOCX before pandoc
reads it; the test suite uses it to open every DOCX and XLSX Clause writes and print it to PDF.
Each run has a private profile (``-env:UserInstallation``), so it neither reads nor disturbs
the user's LibreOffice, and runs beside another soffice; a timeout ends a conversion that
hangs. Ground floor: imports nothing of ours.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

# Debian's soffice is a shell script that starts soffice.bin: the whole process group is
# ended on a timeout, not only the script.
CANDIDATES = ("soffice", "libreoffice")
DEFAULT_TIMEOUT = 180.0


class OfficeError(RuntimeError):
    """LibreOffice is missing, failed, or did not write what it was asked to."""


def find_soffice() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(files: Sequence[Path], to: str, out_dir: Path, *,
            timeout: float = DEFAULT_TIMEOUT, filter_options: str = "") -> list[Path]:
    """Convert ``files`` in one LibreOffice run to format ``to`` ("pdf", "docx" …) into
    ``out_dir``; return the files written, in the order given. One run for many files: the
    start-up (about two seconds) is paid once."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeError("LibreOffice is not installed (Debian: apt-get install "
                          "--no-install-recommends libreoffice-writer-nogui "
                          "libreoffice-calc-nogui)")
    files = [Path(f).resolve() for f in files]
    stems = [f.stem for f in files]
    if len(set(stems)) != len(stems):
        raise OfficeError("two files with the same name would overwrite each other's output")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = f"{to}:{filter_options}" if filter_options else to
    with tempfile.TemporaryDirectory(prefix="clause-soffice-") as profile:
        args = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                "--norestore", "--nologo", "--nodefault", "--convert-to", target,
                "--outdir", str(out_dir.resolve()), *map(str, files)]
        env = {**os.environ, "HOME": profile, "SAL_USE_VCLPLUGIN": "svp"}
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise OfficeError(f"LibreOffice did not finish within {timeout:.0f} s") from None
    written = [out_dir / f"{stem}.{to.split(':')[0]}" for stem in stems]
    missing = [f.name for f, w in zip(files, written, strict=True) if not w.is_file()]
    if proc.returncode != 0 or missing:
        detail = (err or out).strip().splitlines()
        raise OfficeError(f"LibreOffice could not convert {', '.join(missing) or 'the files'} "
                          f"(exit {proc.returncode}){': ' + detail[-1] if detail else ''}")
    return written
