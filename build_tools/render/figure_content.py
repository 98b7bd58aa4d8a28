"""What a figure file holds, judged by its bytes, never by its name; SVG cleaned by an allowlist.

A figure comes from whoever opened the pull request. Its name says nothing (a symlink ``x.svg``
can point at a ``.png`` that holds SVG), so its type is read from its first bytes. An SVG is
rebuilt from the elements and attributes of static drawings only: no script, no event handler,
no animation (``<set attributeName="href" to="javascript:…">`` writes a link), no foreign
content, no reference that leaves the file except embedded raster images. Anything not on the
lists is dropped. Refused outright: a file that is not plain XML with an SVG ``<svg>`` root
(XHTML, say), an entity or a DOCTYPE with definitions of its own, in any encoding (the bare W3C
DOCTYPE that Graphviz and Illustrator write is read and dropped), nesting deeper than any
drawing. The site, the DOCX and the PDF all get the cleaned file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

SVG = "svg"
RASTER_SUFFIXES = {"png": (".png",), "jpeg": (".jpg", ".jpeg"), "gif": (".gif",),
                   "webp": (".webp",)}
IMAGE_SUFFIXES = frozenset({".svg", *(s for group in RASTER_SUFFIXES.values() for s in group)})
_SVG_DTDS = frozenset({"-//W3C//DTD SVG 1.0//EN", "-//W3C//DTD SVG 1.1//EN",
                       "-//W3C//DTD SVG 1.1 Basic//EN", "-//W3C//DTD SVG 1.1 Tiny//EN"})
MAX_DEPTH = 100  # drawing tools nest a few groups; thousands is an attack on the recursion

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<")
_UTF16_32 = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"<\x00", b"\x00<")


def content_kind(data: bytes) -> str | None:
    """"png", "jpeg", "gif", "webp", "svg" (anything that reads as XML: the cleaner decides
    whether it is a drawing), or None for bytes that are no image."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if _XML_START.match(data[:1024]) or data.startswith(_UTF16_32):
        return SVG
    return None


def suffix_fits(kind: str, suffix: str) -> bool:
    """Whether a file named ``….suffix`` may carry ``kind``: browsers trust the name of an SVG
    (served as image/svg+xml) and sniff raster types among themselves."""
    suffix = suffix.lower()
    if kind == SVG:
        return suffix == ".svg"
    return suffix in IMAGE_SUFFIXES and suffix != ".svg"


class FigureError(ValueError):
    """A figure that cannot be published; the message says why, for the figure's line."""


@dataclass
class Figure:
    kind: str  # "svg" or a raster type
    data: bytes  # cleaned, for an SVG


def read_figure(data: bytes, suffix: str) -> Figure:
    """The figure to publish from the bytes of a file named ``….suffix``, SVG cleaned;
    FigureError when it is no image, is not what its name says, or is not a clean drawing."""
    kind = content_kind(data)
    if kind is None:
        raise FigureError("is not an image (PNG, JPEG, GIF, WebP or SVG, judged by its content)")
    if not suffix_fits(kind, suffix):
        named = suffix.lower().lstrip(".") or "no suffix"
        raise FigureError(f"holds {kind.upper()} data but is named .{named}; give it the "
                          f"suffix of its content")
    if kind != SVG and not _whole_header(kind, data):
        raise FigureError(f"is a damaged {kind.upper()} file (its header is cut or garbled); "
                          "export it again from the drawing tool")
    return Figure(kind, clean_svg(data) if kind == SVG else data)


def _whole_header(kind: str, data: bytes) -> bool:
    """The first structure after the signature is there (a cut or garbled file otherwise
    fails deep inside Typst or a browser, far from the figure's line)."""
    if kind == "png":  # the IHDR chunk, with a width and a height
        return len(data) >= 33 and data[12:16] == b"IHDR" and data[16:20] != b"\0" * 4 \
            and data[20:24] != b"\0" * 4
    if kind == "jpeg":
        return len(data) > 4
    if kind == "gif":
        return len(data) >= 13
    return len(data) >= 16 and data[12:16] in (b"VP8 ", b"VP8L", b"VP8X")  # webp


# --- the allowlist -------------------------------------------------------------------------

_ELEMENTS = frozenset("""
svg g defs symbol use title desc
path rect circle ellipse line polyline polygon
text tspan textPath
linearGradient radialGradient stop pattern clipPath mask marker
image a style switch
filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset
fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split())

_ATTRIBUTES = frozenset("""
id class style lang transform viewBox width height x y x1 y1 x2 y2 cx cy r rx ry fx fy fr
d points pathLength preserveAspectRatio version baseProfile
fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin
stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity color display
visibility overflow clip clip-path clip-rule mask filter paint-order vector-effect
mix-blend-mode isolation transform-origin transform-box shape-rendering text-rendering
image-rendering color-interpolation color-interpolation-filters color-rendering
font font-family font-size font-size-adjust font-weight font-style font-variant font-stretch
text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
text-decoration writing-mode direction unicode-bidi dx dy rotate textLength lengthAdjust
startOffset method spacing side
gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity
patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient
filterUnits primitiveUnits in in2 result stdDeviation mode type values tableValues slope
intercept amplitude exponent k1 k2 k3 k4 operator radius scale xChannelSelector
yChannelSelector order kernelMatrix divisor bias targetX targetY edgeMode preserveAlpha
surfaceScale diffuseConstant specularConstant specularExponent kernelUnitLength azimuth
elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle baseFrequency numOctaves seed
stitchTiles flood-color flood-opacity lighting-color
role aria-label aria-labelledby aria-describedby aria-hidden focusable pointer-events
systemLanguage requiredFeatures
href
""".split())
_XML_ATTRIBUTES = frozenset({"space", "lang"})
_HREF_ELEMENTS_RASTER = frozenset({"image", "feImage"})
_FRAGMENT = re.compile(r"#[\w.:-]*\Z")
_RASTER_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
# A value may point into this file (fill="url(#gradient)") and nowhere else.
_LEAVES_FILE = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|javascript:", re.I)
# In CSS also: @import and @font-face, escapes that could spell either, legacy script hooks.
_RISKY_CSS = re.compile(_LEAVES_FILE.pattern + r"|@|\\|expression\s*\(|behaviou?r\s*:|"
                        r"-moz-binding", re.I)


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return ns, local
    return "", name


def _keep_attribute(element: str, name: str, value: str) -> bool:
    ns, local = _split(name)
    if ns == XML_NS:
        return local in _XML_ATTRIBUTES
    if local == "href" and ns in ("", XLINK_NS):
        target = value.strip()
        return bool(_FRAGMENT.match(target)) or (
            element in _HREF_ELEMENTS_RASTER and bool(_RASTER_DATA.match(target)))
    if ns != "" or local not in _ATTRIBUTES:
        return False
    return not (_RISKY_CSS if local == "style" else _LEAVES_FILE).search(value)


def _refuse_declarations(data: bytes) -> None:
    """Run expat over the bytes (it reads the encoding declaration and UTF-16/32), refusing a
    DOCTYPE, any entity, and nesting beyond MAX_DEPTH before anything is expanded."""
    parser = expat.ParserCreate()
    depth = 0

    def doctype(name: str, _system: str | None, public: str | None, internal: int) -> None:
        # Graphviz and Illustrator write the W3C DOCTYPE; expat never fetches it. Anything
        # more (an internal subset, another DTD) could declare entities: refused.
        if name != "svg" or internal or (public is not None and public not in _SVG_DTDS):
            raise FigureError("has a DOCTYPE with its own definitions (refused: entities can "
                              "expand without bound or read other files)")

    def entity(*_args: object) -> None:
        raise FigureError("declares an entity (refused: it can expand without bound)")

    def start(*_args: object) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise FigureError(f"nests elements more than {MAX_DEPTH} deep")

    def end(*_args: object) -> None:
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *a: entity()  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise FigureError(f"is not well-formed XML ({expat.ErrorString(exc.code)}, line "
                          f"{exc.lineno})") from None


def clean_svg(data: bytes) -> bytes:
    """The drawing of ``data`` rebuilt from the allowlist, as UTF-8; FigureError otherwise."""
    _refuse_declarations(data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:  # the first pass read it; this is only for safety
        raise FigureError(f"is not well-formed XML ({exc})") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        ns, local = _split(str(root.tag))
        raise FigureError(f"is not an SVG drawing: its root element is <{local}>"
                          + (f" of {ns}" if ns else " without the SVG namespace"))
    stack = [root]
    while stack:
        element = stack.pop()
        _, local = _split(element.tag)
        for key, value in list(element.attrib.items()):
            if not _keep_attribute(local, key, value):
                del element.attrib[key]
        for child in list(element):
            ns, name = _split(child.tag) if isinstance(child.tag, str) else ("", "")
            if ns != SVG_NS or name not in _ELEMENTS or (
                    name == "style" and _RISKY_CSS.search(child.text or "")):
                element.remove(child)
            else:
                stack.append(child)
        if local == "style" and len(element):
            element[:] = []  # a style sheet holds text only
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
