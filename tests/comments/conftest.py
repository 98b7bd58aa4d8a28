from __future__ import annotations

from pathlib import Path

import pytest
from needs import CORPUS, need_shared

ISO_TEMPLATE = CORPUS / "comment-templates" / "iso_comment_template_2012-03.docx"


@pytest.fixture
def iso_template() -> Path:
    return need_shared(ISO_TEMPLATE, "the official ISO comment template")
