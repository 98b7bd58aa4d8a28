"""Images of the drafts, copied into the docs folder at the same relative place.

Only files inside the repository are copied, whatever a draft writes (``../../etc/passwd``,
a symlink out of the tree, an absolute path). SVG files are cleaned of scripts and event
handlers: opened on their own (not through ``<img>``) they would run in the site's origin.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from build_tools.model import Draft

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
# Embedded raster images are common in exported diagrams and cannot run anything.
_RASTER_DATA = tuple(f"data:image/{k};base64," for k in ("png", "jpeg", "gif", "webp"))
_DROP = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}


@dataclass
class ImageCopy:
    src: str  # as written in the draft
    rel: str  # repository-relative path = docs-relative path
    path: Path  # the file to copy


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
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.startswith("/"):
            warnings.append(f"{draft.path.name}:{image.line}: image {src!r} is not a file in "
                            "the repository; not published")
            continue
        rel = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
        path = root / rel
        try:
            real = path.resolve(strict=True)
        except OSError:
            warnings.append(f"{draft.path.name}:{image.line}: image {src!r} not found")
            continue
        inside = not rel.startswith("../") and rel != ".." and real.is_relative_to(root)
        if not inside:
            warnings.append(f"{draft.path.name}:{image.line}: image {src!r} is outside the "
                            "repository; not published")
            continue
        if real.suffix.lower() not in IMAGE_SUFFIXES or not real.is_file():
            warnings.append(f"{draft.path.name}:{image.line}: {src!r} is not an image "
                            f"({', '.join(sorted(IMAGE_SUFFIXES))})")
            continue
        copies.append(ImageCopy(src, rel, real))
    return copies, warnings


def clean_svg(data: bytes) -> bytes | None:
    """The SVG without scripts, event handlers, foreign content or external links; None when
    it cannot be read as plain XML (entity declarations are refused outright)."""
    if b"<!ENTITY" in data.upper() or b"<!DOCTYPE" in data.upper():
        return None
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    _clean(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _clean(element: ET.Element) -> None:
    for child in list(element):
        name = _local(child.tag) if isinstance(child.tag, str) else ""
        if name in _DROP or (name == "style" and _risky_css(child.text or "")):
            element.remove(child)
            continue
        _clean(child)
    for key in list(element.attrib):
        name = _local(key)
        value = element.attrib[key].strip()
        if name.startswith("on"):
            del element.attrib[key]
        elif name == "href" and not value.startswith(("#", *_RASTER_DATA)):
            del element.attrib[key]
        elif name == "style" and _risky_css(value):
            del element.attrib[key]


def _risky_css(css: str) -> bool:
    lowered = css.lower()
    return "@import" in lowered or "javascript:" in lowered or (
        "url(" in lowered and any(s in lowered for s in ("//", "http:", "https:", "data:")))
