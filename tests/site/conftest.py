"""Fixtures of the site tests: one published site (v0.1, v0.2, dev) shared by the
end-to-end and the browser tests, since a publish takes seconds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from site_helpers import CHROMIUM, CHROMIUM_ARGS, make_project, run_cli


@dataclass
class Published:
    repo: Path
    site: Path
    stderr: str


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    repo = make_project(tmp_path_factory.mktemp("published") / "repo")
    result = run_cli(repo, "publish", "--no-exports")
    assert result.exit_code == 0, result.output + result.stderr
    return Published(repo, repo / "site", result.stderr)


@dataclass
class Rendered:
    docs: Path
    warnings: list[str]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The fixture project (without git) rendered into a docs folder, without lint."""
    from build_tools.site.config import find_drafts
    from build_tools.site.docs import DocsRequest, build_docs

    project = make_project(tmp_path_factory.mktemp("rendered") / "p", with_git=False)
    out = project / "out"
    result = build_docs(DocsRequest(project, find_drafts(project, ["drafts"]), lint=False), out)
    return Rendered(out, result.warnings)


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201 - a Playwright Browser
    """One Chromium (Debian's, driven by Playwright) for the tests of a module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
