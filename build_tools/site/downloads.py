"""PDF and DOCX of each draft, published beside its page.

The exports belong to ``build_tools.export``; when it is missing or fails, the site is still
published, without those links, and the reason is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FORMATS = ("pdf", "docx")


def export_all(paths: list[Path], out_dir: Path, warn: Callable[[str], None],
               log: Callable[[str], None] = lambda m: None,
               jobs: int | None = None) -> dict[Path, dict[str, Path]]:
    """{draft path (resolved): {"pdf": file, "docx": file}} for the exports that succeeded.

    The drafts are exported in parallel (``jobs`` processes, default one per core); a draft
    that cannot be exported loses its links with a warning naming its file and line, the
    others keep theirs.
    """
    try:
        from build_tools.export.exporter import export_each
    except ImportError:
        warn("PDF/DOCX exports are not available (build_tools.export cannot be imported); "
             "publishing without them")
        return {}
    out: dict[Path, dict[str, Path]] = {}
    try:
        outcomes = export_each(paths, out_dir, formats=FORMATS, ballot=None, progress=log,
                               jobs=jobs)
    except Exception as exc:  # another component's failure must not stop the site
        warn(f"PDF/DOCX exports failed ({type(exc).__name__}: {exc}); published without them")
        return {}
    for outcome in outcomes:
        if outcome.error is not None:
            line, message = outcome.error
            warn(f"{outcome.path}:{line}: {message}; published without PDF/DOCX")
        elif outcome.crash is not None:
            warn(f"{outcome.path.name}: PDF/DOCX export failed ({outcome.crash}); published "
                 "without them")
        if outcome.result is None:
            continue
        outputs = {fmt: Path(p) for fmt, p in outcome.result.outputs.items()
                   if fmt in FORMATS and Path(p).is_file()}
        if outputs:
            out[Path(outcome.result.draft_path).resolve()] = outputs
    return out
