"""Comment ids in a DOCX comment table, kept in the document's custom properties.

The ISO template has no id column and the IEC voting application refuses a modified table, so
ids cannot go in a cell. A DOCX written by Clause stores, per body row, a custom document
property ``clause-comment-0001`` = ``["CN-CESI-003", "<fingerprint>"]``; Word keeps custom
properties when the secretariat edits and saves the file. The fingerprint hashes the row's
MB/NC and Comments cells, so on import an id follows its row even if rows were re-sorted or
deleted; a row edited in place keeps the id stored for its position. A row that matches
nothing (added later) gets no id, and a new one is generated when it is merged into YAML.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .rows import MAX_ROWS

_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
ROW_PREFIX = "clause-comment-"


def fingerprint(member: str | None, comment: str | None) -> str:
    """A short hash of a row's MB/NC and Comments text (white space runs folded)."""
    text = " ".join((member or "").split()) + "\x1f" + " ".join((comment or "").split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def add_custom_properties(
    document: DocxDocument, rows: list[tuple[str, str]], meta: dict[str, str]
) -> None:
    """Attach docProps/custom.xml with ``meta`` (``clause-<key>``) and one property per row."""
    props = [(f"clause-{key}", value) for key, value in meta.items()]
    props += [
        (f"{ROW_PREFIX}{index:04d}", json.dumps([row_id, fp], ensure_ascii=False))
        for index, (row_id, fp) in enumerate(rows, start=1)
    ]
    body = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props, start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{body}</Properties>'
    ).encode()
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(document: DocxDocument) -> dict[str, str]:
    """All text-valued custom document properties (empty when there are none or they are bad)."""
    for rel in document.part.package.rels.values():
        if rel.reltype != RT.CUSTOM_PROPERTIES or rel.is_external:
            continue
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(rel.target_part.blob, parser)
        except etree.XMLSyntaxError:
            return {}
        props = {}
        for prop in root.findall(f"{{{_NS}}}property"):
            value = next(iter(prop), None)
            if prop.get("name") and value is not None:
                props[prop.get("name", "")] = value.text or ""
        return props
    return {}


def stored_row_ids(props: dict[str, str]) -> list[tuple[str, str] | None]:
    """The (id, fingerprint) stored for each body row, in row order (None where unreadable).

    Rows beyond `MAX_ROWS` cannot be in a comment table, so their properties are ignored: a
    property named ``clause-comment-2000000000`` no longer makes a list of two billion.
    """
    rows: dict[int, tuple[str, str] | None] = {}
    for name, value in props.items():
        m = re.fullmatch(re.escape(ROW_PREFIX) + r"(\d{1,9})", name)
        if not m or not 1 <= int(m.group(1)) <= MAX_ROWS:
            continue
        try:
            row_id, fp = json.loads(value)
            rows[int(m.group(1))] = (str(row_id), str(fp))
        except (ValueError, TypeError):
            rows[int(m.group(1))] = None
    return [rows.get(i) for i in range(1, max(rows, default=0) + 1)]


def match_row_ids(
    row_prints: list[tuple[int, str]], stored: list[tuple[str, str] | None]
) -> list[str | None]:
    """Give each imported row, as (0-based body row position, fingerprint), its stored id or None.

    Exact fingerprint at the same position first, then the same fingerprint anywhere (re-sorted
    rows), then whatever was stored at that position (a row edited in place).
    """
    result: list[str | None] = [None] * len(row_prints)
    free = [entry is not None for entry in stored]
    by_print: dict[str, deque[int]] = {}
    for index, entry in enumerate(stored):
        if entry is not None:
            by_print.setdefault(entry[1], deque()).append(index)

    def take(row: int, index: int) -> None:
        entry = stored[index]
        assert entry is not None
        result[row] = entry[0]
        free[index] = False

    for row, (position, fp) in enumerate(row_prints):
        entry = stored[position] if position < len(stored) else None
        if entry is not None and free[position] and entry[1] == fp:
            take(row, position)
    for row, (_, fp) in enumerate(row_prints):
        if result[row] is None:
            # The first free stored row with this fingerprint: each index leaves the queue once.
            queue = by_print.get(fp, deque())
            while queue and not free[queue[0]]:
                queue.popleft()
            if queue:
                take(row, queue.popleft())
    for row, (position, _) in enumerate(row_prints):
        if result[row] is None and position < len(stored) and free[position]:
            take(row, position)
    return result
