"""PDF and DOCX of each draft, published beside its page.

The exports belong to ``build_tools.export``; when it is missing or fails, the site is still
published, without those links, and the reason is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FORMATS = ("pdf", "docx")


def export_all(paths: list[Path], out_dir: Path, warn: Callable[[str], None],
               log: Callable[[str], None] = lambda m: None) -> dict[Path, dict[str, Path]]:
    """{draft path (resolved): {"pdf": file, "docx": file}} for the exports that succeeded.

    Drafts are exported one by one: a draft that cannot be exported loses its links, the
    others keep theirs.
    """
    try:
        from build_tools.export import export_drafts
    except ImportError:
        warn("PDF/DOCX exports are not available (build_tools.export.export_drafts is missing); "
             "publishing without them")
        return {}
    out: dict[Path, dict[str, Path]] = {}
    for path in paths:
        try:
            results = export_drafts([path], out_dir, formats=FORMATS, ballot=None, progress=log)
        except Exception as exc:  # another component's failure must not stop the site
            warn(f"{path.name}: PDF/DOCX export failed ({type(exc).__name__}: {exc}); "
                 "published without them")
            continue
        for result in results or []:
            outputs = {fmt: Path(p) for fmt, p in dict(result.outputs or {}).items()
                       if fmt in FORMATS and Path(p).is_file()}
            if outputs:
                out[Path(result.draft_path).resolve()] = outputs
    return out
