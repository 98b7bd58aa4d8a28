"""Images of the drafts, published into the docs folder at the same relative place.

Only files inside the repository are read, whatever a draft writes (``../../etc/passwd``, a
symlink out of the tree, an absolute path, ``%00``): project.referenced_file is the check. What
is published is judged by content (render.figure_content): an SVG is rebuilt from an
allowlist, since opened on its own (not through ``<img>``) it would run in the site's origin.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from build_tools import project
from build_tools.model import Draft
from build_tools.render.figure_content import FigureError, read_figure


@dataclass
class ImageCopy:
    src: str  # as written in the draft
    rel: str  # repository-relative path = docs-relative path
    path: Path  # the real file
    data: bytes  # what is published: the bytes read and judged, an SVG cleaned


def draft_images(draft: Draft, root: Path) -> tuple[list[ImageCopy], list[str]]:
    """The images a draft uses that can be published, and warnings for the others."""
    root = root.resolve()
    page_dir = posixpath.dirname(draft.path.resolve().relative_to(root).as_posix())
    copies: list[ImageCopy] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for image in draft.images:
        src = image.src.strip()
        if src in seen or not src:
            continue
        seen.add(src)
        where = f"{draft.path.name}:{image.line}: image {src!r}"
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.startswith("/"):
            warnings.append(f"{where} is not a file in the repository; not published")
            continue
        try:
            rel = posixpath.normpath(posixpath.join(page_dir, project.reference_path(parts.path)))
            real = project.referenced_file(root / page_dir, parts.path, root)
            figure = read_figure(project.read_source(real, root), posixpath.splitext(rel)[1])
        except FileNotFoundError:
            warnings.append(f"{where} not found")
            continue
        except (project.UnsafePath, OSError, FigureError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            warnings.append(f"{where} {reason}; not published")
            continue
        copies.append(ImageCopy(src, rel, real, figure.data))
    return copies, warnings
