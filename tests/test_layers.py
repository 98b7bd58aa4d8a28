"""Imports run one way (DESIGN.md), for the packages the ballot workflow touches, and the
linter stays light: ``clause lint`` on a repository with comments and a roster loads neither
python-docx nor openpyxl."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "build_tools"
# The workflow's formats: what the site may read of build_tools.workflow.
FORMATS = {"build_tools.workflow.record", "build_tools.workflow.results",
           "build_tools.workflow.roster", "build_tools.workflow.errors"}


def _imports(path: Path) -> set[str]:
    """The build_tools modules a file imports (relative imports resolved)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {name for name in found if name.startswith("build_tools")}


def _modules(folder: str) -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): _imports(p) for p in (PACKAGE / folder).rglob("*.py")}


def test_comments_import_nothing_of_the_workflow_or_the_site() -> None:
    for name, imports in _modules("comments").items():
        assert not {i for i in imports if i.startswith(("build_tools.workflow",
                                                          "build_tools.site"))}, name


def test_the_site_reads_only_the_workflows_formats() -> None:
    for name, imports in _modules("site").items():
        used = {i for i in imports if i.startswith("build_tools.workflow")}
        assert {u for u in used if not any(u.startswith(f) for f in FORMATS)} == set(), name


def test_the_workflows_formats_import_no_workflow_step_and_no_view() -> None:
    for path in sorted(PACKAGE.glob("workflow/*.py")):
        module = f"build_tools.workflow.{path.stem}"
        if module not in FORMATS:
            continue
        imports = _imports(path)
        above = {i for i in imports if i.startswith(("build_tools.site", "build_tools.export",
                                                     "build_tools.lint", "build_tools.parse"))}
        steps = {i for i in imports if i.startswith("build_tools.workflow.")
                 and not any(i.startswith(f) for f in FORMATS)}
        assert above | steps == set(), module


def test_linting_a_repository_loads_neither_python_docx_nor_openpyxl(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.clause]\n", encoding="utf-8")
    from build_tools.lint.examples import assemble
    from build_tools.lint.rules.comments import CLEAN
    from build_tools.lint.rules.committee import ROSTER

    (tmp_path / "drafts" / "draft.md").write_text(assemble("en"), encoding="utf-8")
    (tmp_path / "committee.yaml").write_text(ROSTER, encoding="utf-8")
    comments = tmp_path / "comments" / "draft" / "WD1"
    comments.mkdir(parents=True)
    (comments / "CN-CESI.yaml").write_text(CLEAN, encoding="utf-8")
    code = (
        "import json, sys\n"
        "import build_tools.lint.engine\n"
        "from build_tools.cli import main\n"
        "try:\n"
        "    main(['lint', '--no-cache', '--format', 'json'])\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'openpyxl'})\n"
        "print(json.dumps({'status': status, 'heavy': heavy}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert last["status"] == 0, done.stdout + done.stderr  # the checks ran, and found nothing
    assert last["heavy"] == [], "importing the linter loaded " + ", ".join(last["heavy"])
