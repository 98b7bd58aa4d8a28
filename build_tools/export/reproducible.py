"""Byte-identical outputs: the build time comes from SOURCE_DATE_EPOCH, zip entries are fixed.

With SOURCE_DATE_EPOCH set (the reproducible-builds.org convention), the PDF creation date,
the DOCX core properties and every zip entry's time are that instant, so two exports of the
same draft are identical byte for byte. Without it the documents carry the current time.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return max(int(value), 0)
    except ValueError:
        return None


def build_time(epoch: int | None) -> datetime:
    """The instant a document says it was made: SOURCE_DATE_EPOCH, else now (UTC)."""
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    return datetime.fromtimestamp(epoch, UTC)


def normalise_zip(data: bytes, epoch: int | None) -> bytes:
    """The same archive with sorted entries ([Content_Types].xml first, as Office writes it),
    one fixed time stamp and fixed attributes."""
    when = ZIP_EPOCH
    if epoch is not None:
        stamp = datetime.fromtimestamp(epoch, UTC)
        when = max(ZIP_EPOCH, (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute,
                               stamp.second - stamp.second % 2))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
