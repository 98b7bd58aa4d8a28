"""Files an export reads and writes: figures from inside the repository only, atomic outputs.

A draft comes from many organisations, so its figure paths are untrusted: a path is resolved
(symlinks included) and refused unless it lands inside the repository; nothing outside is
opened, not even to see whether it exists.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from build_tools import project
from build_tools.export.errors import ExportError
from build_tools.model import Draft
from build_tools.render.pandoc import image_key

IMAGE_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".gif"}


def repository_root(path: Path) -> Path:
    """The folder a draft's figures must stay inside: the git work tree, else the project root
    (project.find_root), else the draft's own folder."""
    return project.git_top(path) or project.root_or_here(path)


def figure_sources(draft: Draft) -> dict[str, int]:
    """Every image path the draft uses (figures and inline images) -> its first source line."""
    out: dict[str, int] = {}
    for figure in draft.figures:
        out.setdefault(image_key(figure.src), figure.line)
    for image in draft.images:
        out.setdefault(image_key(image.src), image.line)
    return out


def resolve_figure(draft: Draft, src: str, line: int, root: Path) -> Path:
    """The file behind ``src`` (relative to the draft), or ExportError if it is not a readable
    image inside ``root``."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):
        raise ExportError(draft.path, line, f"figure '{src}' is not a file in the repository "
                          "(remote images are not exported)")
    if not src:
        raise ExportError(draft.path, line, "figure without a path")
    candidate = Path(src)
    unresolved = candidate if candidate.is_absolute() else draft.path.resolve().parent / candidate
    resolved = unresolved.resolve()
    if not resolved.is_relative_to(root):
        raise ExportError(draft.path, line, f"figure '{src}' lies outside the repository "
                          f"({root}); only files inside it are exported")
    if not resolved.is_file():
        raise ExportError(draft.path, line, f"figure '{src}' not found ({resolved})")
    if resolved.suffix.lower() not in IMAGE_TYPES:
        raise ExportError(draft.path, line, f"figure '{src}' is not an image "
                          f"({', '.join(sorted(IMAGE_TYPES))})")
    return resolved


def stage_figures(draft: Draft, root: Path, build: Path) -> dict[str, str]:
    """Copy every figure of the draft into ``build`` (the only folder Typst and pandoc read);
    return image key -> file name there."""
    names: dict[str, str] = {}
    copied: dict[Path, str] = {}
    for n, (src, line) in enumerate(figure_sources(draft).items(), 1):
        path = resolve_figure(draft, src, line, root)
        if path not in copied:
            copied[path] = f"fig-{n}{path.suffix.lower()}"
            shutil.copyfile(path, build / copied[path])
        names[src] = copied[path]
    return names


class Staging:
    """Temporary files beside the outputs; they replace the outputs only on ``commit``, so a
    failed export leaves no partial file (and an old output stays as it was)."""

    def __init__(self) -> None:
        self.temps: dict[Path, Path] = {}

    def path(self, final: Path) -> Path:
        self.temps[final] = project.temp_beside(final)
        return self.temps[final]

    def commit(self) -> None:
        for final, temp in self.temps.items():
            project.install(temp, final)
        self.temps.clear()

    def discard(self) -> None:
        for temp in self.temps.values():
            temp.unlink(missing_ok=True)
        self.temps.clear()


@contextmanager
def staging() -> Iterator[Staging]:
    stage = Staging()
    try:
        yield stage
        stage.commit()
    finally:
        stage.discard()
