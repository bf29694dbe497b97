"""CLI edges found by the last hardening round (issue 25): names with spaces or newlines, standard input
given twice, an empty --at, fix with both --write and --out. Each was a silent pass or a silent choice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import postguard
from postguard.errors import UsageError
from postguard.inputs import looks_like_a_path
from postguard.post_input import post_from_fields

pytestmark = pytest.mark.slow

SECRET = "Guest wifi password is Quad2026!\n"


# this checkout's package, wherever the command runs (some run in another folder)
ENV = {**os.environ, "PYTHONPATH": str(Path(postguard.__file__).parents[1])}


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "postguard", *args], capture_output=True, text=True, env=ENV, **kwargs
    )


def test_a_file_whose_name_has_a_newline_or_spaces_is_read_as_that_file(tmp_path: Path) -> None:
    for name in ("my post.md", "line one\nline two.md", " padded .txt"):
        post = tmp_path / name
        post.write_text(SECRET)
        result = run("check", "--format", "json", str(post))
        assert result.returncode == 1, (name, result.stderr)
        assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["SE001"]


def test_a_missing_name_with_spaces_is_an_input_error_not_a_clean_post(tmp_path: Path) -> None:
    for name in (str(tmp_path / "drafts" / "my post.md"), "my post.md", "Draft for Monday.txt"):
        assert looks_like_a_path(name)
        result = run("check", name, cwd=tmp_path)
        assert result.returncode == 2 and "[PG142]" in result.stderr, name


@pytest.mark.parametrize(
    "text",
    ["I wrote the notes up in README.md", "Results were 3.5 and 2.1 this term", "two lines\nnotes.md", " x.md"],
)
def test_sentences_that_end_in_a_file_name_are_still_posts(text: str) -> None:
    assert not looks_like_a_path(text)


def test_a_newline_in_a_missing_name_is_shown_escaped(tmp_path: Path) -> None:
    gone = tmp_path / "gone.md"
    result = run("check", str(gone), str(tmp_path / "a\nb.md"))
    assert result.returncode == 2 and "a\\u000ab.md" in result.stderr
    assert all(line.startswith("postguard: error [PG142]") for line in result.stderr.splitlines())


def test_standard_input_given_twice_is_a_usage_error() -> None:
    result = run("check", "-", "-", input=SECRET)
    assert result.returncode == 2 and "[PG225]" in result.stderr and "2 times" in result.stderr


def test_standard_input_among_files_is_read_once(tmp_path: Path) -> None:
    post = tmp_path / "clean.md"
    post.write_text("Lovely day at the Rad Cam.\n")
    result = run("check", "--format", "json", str(post), "-", input=SECRET)
    assert result.returncode == 1, result.stderr
    reports = json.loads(result.stdout)
    assert [[f["code"] for f in r["findings"]] for r in reports] == [[], ["SE001"]]


def test_an_empty_at_is_a_usage_error_not_an_unchecked_time() -> None:
    for value in ("", "  "):
        result = run("check", "--at", value, "Lovely day at the Rad Cam.")
        assert result.returncode == 2 and "[PG227]" in result.stderr
    with pytest.raises(UsageError) as caught:
        post_from_fields({"text": "hi", "scheduled_at": ""})
    assert caught.value.code == "PG227"


def test_an_empty_scheduled_at_in_json_lines_is_that_line_s_problem(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"text": "hi", "scheduled_at": ""}\n{"text": "hello"}\n')
    result = run("check", "--jsonl", str(posts))
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["verdict"] == "error" and first["error"]["code"] == "PG227"
    assert second["verdict"] == "pass" and result.returncode == 2


def test_fix_with_write_and_out_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(SECRET)
    out = tmp_path / "fixed.md"
    result = run("fix", "--write", "--out", str(out), str(post))
    assert result.returncode == 2 and "[PG226]" in result.stderr
    assert post.read_text() == SECRET and not out.exists()


def test_json_lines_the_engine_could_not_check_are_counted_on_stderr_too(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    eleven = json.dumps({"text": "hi", "photos": ["/dev/zero"] * 11})
    posts.write_text('{}\n{"text": "hello"}\n' + eleven + "\n")  # found by the hostile run: exit 2, silent
    result = run("check", "--jsonl", str(posts))
    assert result.returncode == 2 and "[PG119]" in result.stderr and "2 of 3 lines" in result.stderr
    assert [json.loads(line)["verdict"] for line in result.stdout.splitlines()] == ["error", "pass", "error"]
