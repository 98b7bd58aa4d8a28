"""Small hostile comment sheets (issue 15, item 4): each is read in bounded time and memory, in
a fresh process, and either imported whole or refused with a message naming the file, the
table or sheet, the row and the limit. Nothing is written when the file is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_files import (
    csv_wide,
    docx_custom_property_index,
    docx_grid_before,
    docx_grid_span,
    docx_vertical_merge,
    sheet_too_long,
    xlsx_far_column,
    xlsx_huge_merge,
    xlsx_styled_far_cells,
    xlsx_wide,
)
from measured import Run, clause, run_measured

from build_tools.comments import read_comment_file
from build_tools.comments.rows import MAX_COLUMNS, MAX_ROWS
from build_tools.lint.examples import assemble

SECONDS, MEGABYTES = 10, 200


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sheets")
    (root / "drafts").mkdir()
    (root / "pyproject.toml").write_text('[tool.clause]\npaths = ["drafts"]\n', encoding="utf-8")
    (root / "drafts" / "mvs-9001-example.md").write_text(assemble("en"), encoding="utf-8")
    return root


# name: (generator, words the message must hold)
REFUSED: dict[str, tuple[Callable[[Path], Path], list[str]]] = {
    "docx-grid-span-2e9.docx": (docx_grid_span, ["table 1, row 2", f"{MAX_COLUMNS} columns"]),
    "docx-grid-before-2e9.docx": (docx_grid_before, ["table 1, row 3", f"{MAX_COLUMNS} columns"]),
    "xlsx-cell-in-xfd.xlsx": (xlsx_far_column, ["row 1", "16,384 (XFD)", f"{MAX_COLUMNS} col"]),
    "xlsx-100000-columns.xlsx": (xlsx_wide, ["row 3", "column 257", f"{MAX_COLUMNS} columns"]),
    "csv-100000-columns.csv": (csv_wide, [":2:", "column 100,006", f"{MAX_COLUMNS} columns"]),
    "csv-too-long.csv": (lambda p: sheet_too_long(p, MAX_ROWS + 1),
                         [f"more than {MAX_ROWS:,} rows", "split"]),
}
# name: (generator, comments expected)
IMPORTED: dict[str, tuple[Callable[[Path], Path], int]] = {
    "docx-1500-merged-rows.docx": (lambda p: docx_vertical_merge(p, 1500), 1500),
    "docx-property-index-2e9.docx": (docx_custom_property_index, 2),
    "xlsx-merge-a2-xfd1048576.xlsx": (lambda p: xlsx_huge_merge(p, 2000), 2000),
    "xlsx-5000-rows-styled-xfd.xlsx": (lambda p: xlsx_styled_far_cells(p, 5000), 5000),
}


def _import(repo: Path, tmp_path: Path, name: str, generate: Callable[[Path], Path],
            largest: int) -> tuple[Run, Path, Path]:
    """Generate the file (at most ``largest`` bytes) and import it in a measured process."""
    source = generate(tmp_path / name)
    assert source.stat().st_size < largest
    out = tmp_path / "out.yaml"
    run = run_measured(clause("comments", "import", str(source), "--draft", "MVS 9001",
                              "--member", "CN", "--out", str(out)), cwd=repo, timeout=120)
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr, run.stderr[-2000:]
    assert run.seconds < SECONDS, f"{name}: {run.seconds:.1f} s"
    assert run.peak_mb < MEGABYTES, f"{name}: {run.peak_mb:.0f} MB"
    return run, source, out


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_sheet_is_refused_quickly_with_the_limit(repo: Path, tmp_path: Path,
                                                         name: str) -> None:
    generate, words = REFUSED[name]
    run, source, out = _import(repo, tmp_path, name, generate, 3_000_000)
    assert run.returncode == 2, (run.stdout, run.stderr[-2000:])
    message = run.stderr.strip().splitlines()[-1]
    assert str(source) in message
    for word in words:
        assert word in message, message
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_hostile_sheet_is_imported_in_bounded_work(repo: Path, tmp_path: Path,
                                                   name: str) -> None:
    generate, count = IMPORTED[name]
    run, _, out = _import(repo, tmp_path, name, generate, 700_000)
    assert run.returncode in (0, 1), (run.stdout, run.stderr[-2000:])
    assert f"{count} added" in run.stdout, run.stdout[-500:]
    comments = read_comment_file(out).comments
    assert len(comments) == count
    assert comments[-1].comment == f"comment {count}"


def test_vertical_merge_repeats_the_member_down_the_rows(tmp_path: Path) -> None:
    from build_tools.comments import import_comments

    source = docx_vertical_merge(tmp_path / "merged.docx", 300)
    result = import_comments(source, "MVS 9001", "WD", 1)
    assert [c.member for c in result.comments] == ["CN"] * 300
    assert result.comments[299].line == 300
