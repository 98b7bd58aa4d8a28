"""Files an export reads and writes: figures from inside the repository only, atomic outputs.

A draft comes from many organisations, so its figure paths are untrusted: a path is resolved
(symlinks included) and refused unless it lands inside the repository; nothing outside is
opened, not even to see whether it exists. A figure is read by its content, never its name.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from build_tools import project
from build_tools.export.errors import ExportError
from build_tools.model import Draft
from build_tools.render.figure_content import FigureError, read_figure
from build_tools.render.pandoc import image_key


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
    file inside ``root`` (project.referenced_file)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//"):
        raise ExportError(draft.path, line, f"figure '{src}' is not a file in the repository "
                          "(remote images are not exported)")
    if not src:
        raise ExportError(draft.path, line, "figure without a path")
    try:
        return project.referenced_file(draft.path.resolve().parent, src, root)
    except FileNotFoundError:
        raise ExportError(draft.path, line, f"figure '{src}' not found") from None
    except project.UnsafePath as exc:
        raise ExportError(draft.path, line, f"figure '{src}' {exc}") from None
    except OSError as exc:
        raise ExportError(draft.path, line, f"figure '{src}' {exc.strerror}") from None


def stage_figures(draft: Draft, root: Path, build: Path) -> dict[str, str]:
    """Copy every figure of the draft into ``build`` (the only folder Typst and pandoc read),
    named by its content and an SVG cleaned (render.figure_content); return image key -> file
    name there."""
    names: dict[str, str] = {}
    copied: dict[Path, str] = {}
    for n, (src, line) in enumerate(figure_sources(draft).items(), 1):
        path = resolve_figure(draft, src, line, root)
        if path not in copied:
            try:
                figure = read_figure(project.read_source(path, root), Path(src).suffix)
            except FigureError as exc:
                raise ExportError(draft.path, line, f"figure '{src}' {exc}") from None
            copied[path] = f"fig-{n}.{figure.kind}"
            (build / copied[path]).write_bytes(figure.data)
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
