"""Defences for files that arrive from outside: macros, zip bombs, formula injection, bad XML.

Comment sheets come by e-mail from many organisations. Before python-docx or openpyxl touch a
file we read only its zip directory: macro-enabled packages are refused, and so is a package
whose declared uncompressed size or compression ratio is out of proportion to a comment table
(zipfile then stops at the declared sizes, so an archive that lies about them fails its CRC
check rather than filling memory).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .errors import CommentError

MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 10_000
MACRO_SUFFIXES = {".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm"}
LEGACY_SUFFIXES = {".doc": ".docx", ".xls": ".xlsx", ".dot": ".docx", ".xlt": ".xlsx"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_PARTS = re.compile(r"(^|/)vbaProject\.bin$|(^|/)vbaData\.xml$", re.IGNORECASE)


def refuse_macro_suffix(path: Path) -> None:
    """Refuse macro-enabled Office files by name, before reading a byte of them."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise CommentError(
            path,
            None,
            f"macro-enabled file ({path.suffix}) refused; save it as "
            f"{'.xlsx' if path.suffix.lower().startswith('.x') else '.docx'} without macros",
        )


def check_office_package(path: Path, kind: str) -> None:
    """Check a DOCX/XLSX zip directory: a zip at all, not macro-enabled, not a zip bomb.

    ``kind`` ("DOCX" or "XLSX") names the expected format in messages.
    """
    refuse_macro_suffix(path)
    try:
        head = _read_head(path)
    except OSError as exc:
        raise CommentError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if head.startswith(_OLE_MAGIC):
        raise CommentError(
            path,
            None,
            f"this is a legacy binary Office file, not {kind}; save it as {kind} and import again",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CommentError(
            path, None, f"not a valid {kind} file (broken zip archive: {exc})"
        ) from None
    if len(infos) > MAX_MEMBERS:
        raise CommentError(path, None, f"refused: the {kind} package has {len(infos)} parts")
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise CommentError(
            path,
            None,
            f"refused: the {kind} package would expand to {total // (1024 * 1024)} MB "
            f"(limit {MAX_UNCOMPRESSED // (1024 * 1024)} MB)",
        )
    if packed and total / packed > MAX_RATIO:
        raise CommentError(
            path,
            None,
            f"refused: the {kind} package has a compression ratio of {total // packed}:1 "
            f"(limit {MAX_RATIO}:1), which looks like a zip bomb",
        )
    names = [info.filename for info in infos]
    if any(_MACRO_PARTS.search(name) for name in names):
        raise CommentError(path, None, f"refused: the {kind} file contains macros (vbaProject)")
    if "[Content_Types].xml" not in names:
        raise CommentError(path, None, f"not a valid {kind} file (no [Content_Types].xml)")


def _read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(8)


# OWASP CSV injection: a leading = + - @ (or tab/CR) makes a spreadsheet read a formula.
_FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")


def neutralize_formula(text: str) -> str:
    """Prefix a quote to text a spreadsheet would run as a formula (and to text that already
    starts with quotes before such a character, so `unguard_formula` can undo exactly one)."""
    return "'" + text if _FORMULA_START.match(text) else text


def unguard_formula(text: str) -> str:
    """Remove the quote `neutralize_formula` added; other text is returned unchanged."""
    return text[1:] if _GUARDED.match(text) else text


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (python-docx and openpyxl refuse them)."""
    return _XML_INVALID.sub("", text)
