"""Round trips YAML -> DOCX/XLSX/CSV -> YAML keep every field; readers never crash."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.comments import (
    DISPOSITIONS,
    TYPES,
    Comment,
    CommentError,
    CommentFile,
    collate,
    decode_observation,
    encode_observation,
    import_comments,
    normalize_clause,
    parse_comment_yaml,
    read_comment_file,
    write_comment_file,
    write_csv,
    write_docx,
    write_xlsx,
)
from build_tools.comments.iso_template import COLUMN_NAMES
from build_tools.comments.normalize import normalize_text

DOC, STAGE, ITERATION = "MVS 0001", "WD", 2

_characters = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn"), exclude_characters="\ufeff"
)
_text_chars = st.one_of(
    _characters,
    st.sampled_from(["\n", "\t", " ", "=", "+", "-", "@", "'", "—", "|", "元", "宇", "宙", "，"]),
)
text = st.text(_text_chars, min_size=1, max_size=40).map(normalize_text).filter(bool)
optional_text = st.none() | text

_number = st.integers(1, 20).map(str)
_clause_one = st.one_of(
    st.just("General"),
    st.lists(_number, min_size=1, max_size=4).map(".".join),
    st.tuples(st.sampled_from("ABCDEFGH"), st.lists(_number, max_size=3)).map(
        lambda t: ".".join([t[0], *t[1]])
    ),
)
clause = st.none() | _clause_one | st.lists(_clause_one, min_size=2, max_size=3).map(", ".join)
member = st.from_regex(r"[A-Z]{2}(-[A-Z]{2,6})?", fullmatch=True)
comment_id = st.from_regex(r"[A-Z*]{2,3}-\d{2,3}(-\d{3})?", fullmatch=True) | st.from_regex(
    r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}", fullmatch=True
)


@st.composite
def line_and_text(draw: st.DrawFn) -> tuple[int | None, str | None]:
    line = draw(st.none() | st.integers(1, 99_999))
    if line is not None and draw(st.booleans()):
        return line, f"{line}-{line + draw(st.integers(1, 30))}"
    return line, None


@st.composite
def comments_strategy(draw: st.DrawFn) -> tuple[str, list[Comment]]:
    file_member = draw(member)
    others = draw(st.lists(member, max_size=2))
    ids = draw(st.lists(comment_id, min_size=1, max_size=6, unique=True))
    comments = []
    for comment_id_ in ids:
        line, line_text = draw(line_and_text())
        disposition = draw(st.none() | st.sampled_from(DISPOSITIONS))
        comments.append(
            Comment(
                id=comment_id_,
                line=line,
                line_text=line_text,
                clause=draw(clause),
                element=draw(optional_text),
                type=draw(st.none() | st.sampled_from(TYPES)),
                comment=draw(text),
                proposed_change=draw(optional_text),
                disposition=disposition,
                observation=draw(optional_text),
                member=draw(st.none() | st.sampled_from([file_member, *others])),
            )
        )
    return file_member, comments


def expected(file_member: str, comments: list[Comment]) -> list[tuple[object, ...]]:
    return sorted(
        (c.key()[:-1] + (c.member or file_member,) for c in comments), key=lambda k: str(k[0])
    )


def effective(cf: CommentFile) -> list[tuple[object, ...]]:
    return sorted(
        (c.key()[:-1] + (cf.effective_member(c),) for c in cf.comments), key=lambda k: str(k[0])
    )


def yaml_file(directory: Path, file_member: str, comments: list[Comment]) -> CommentFile:
    cf = CommentFile(DOC, STAGE, ITERATION, file_member, comments=comments)
    return read_comment_file(write_comment_file(cf, directory / f"{file_member}.yaml"))


def through(directory: Path, writer, suffix: str, file_member: str, comments: list[Comment]):  # noqa: ANN001
    """YAML -> collated file -> import -> YAML, returning the last YAML file read back."""
    first = yaml_file(directory, file_member, comments)
    assert effective(first) == expected(file_member, comments)
    collated = collate([first], DOC, STAGE, ITERATION)
    table = writer(collated, directory / f"collated{suffix}")
    result = import_comments(table, DOC, STAGE, ITERATION)
    assert result.problems == []
    back = result.to_comment_file(directory / "back" / f"{result.member}.yaml")
    write_comment_file(back)
    again = read_comment_file(back.path)
    line_texts = {c.id: c.line_text for c in comments if c.line_text}
    assert {c.id: c.line_text for c in again.comments if c.id in line_texts} == line_texts
    return again


ROUND_TRIP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(comments_strategy())
def test_yaml_docx_yaml(case: tuple[str, list[Comment]]):
    file_member, comments = case
    with tempfile.TemporaryDirectory() as directory:
        again = through(Path(directory), write_docx, ".docx", file_member, comments)
        assert effective(again) == expected(file_member, comments)


@ROUND_TRIP
@given(comments_strategy())
def test_yaml_xlsx_yaml(case: tuple[str, list[Comment]]):
    file_member, comments = case
    with tempfile.TemporaryDirectory() as directory:
        again = through(Path(directory), write_xlsx, ".xlsx", file_member, comments)
        assert effective(again) == expected(file_member, comments)


@ROUND_TRIP
@given(comments_strategy())
def test_yaml_csv_yaml(case: tuple[str, list[Comment]]):
    file_member, comments = case
    with tempfile.TemporaryDirectory() as directory:
        again = through(Path(directory), write_csv, ".csv", file_member, comments)
        assert effective(again) == expected(file_member, comments)


@settings(max_examples=500)
@given(st.none() | st.sampled_from(DISPOSITIONS), optional_text)
def test_observation_cell_encoding_is_lossless(disposition: str | None, observation: str | None):
    cell = encode_observation(disposition, observation) or None
    assert decode_observation(cell) == (disposition, observation)


@settings(max_examples=300)
@given(clause)
def test_generated_clauses_are_stable_under_normalisation(value: str | None):
    assert normalize_clause(value) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_yaml_reader_never_crashes(source: str):
    try:
        parse_comment_yaml(source, Path("fuzz.yaml"))
    except CommentError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(max_size=20), max_size=10), max_size=15))
def test_csv_importer_never_crashes(rows: list[list[str]]):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "fuzz.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMN_NAMES)
            writer.writerows(rows)
        try:
            result = import_comments(path, DOC, STAGE, ITERATION)
        except CommentError:
            return
        assert all(isinstance(c, Comment) for c in result.comments)
