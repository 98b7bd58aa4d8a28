from __future__ import annotations

from pathlib import Path

import pytest

# The shared corpus sits beside the repository: <work>/main (repo) and <work>/shared/corpus.
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
ISO_TEMPLATE = CORPUS / "comment-templates" / "iso_comment_template_2012-03.docx"


@pytest.fixture
def iso_template() -> Path:
    if not ISO_TEMPLATE.is_file():
        pytest.skip(f"the official ISO comment template is not available at {ISO_TEMPLATE}")
    return ISO_TEMPLATE
