"""Hostile and mistaken input at the CLI's edges (issue 25): a name that is not a file is never checked
as a post, closed or full streams are input errors (exit 2), several files are each reported, and `fix`
keeps what it rewrites."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from postguard.inputs import looks_like_a_path

pytestmark = pytest.mark.slow

SECRET = "Guest wifi password is Quad2026!\n"


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "postguard", *args], capture_output=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.mark.parametrize("name", ["notes/post.md", "post.md", "drafts/*.md", "~/drafts", "C:\\posts\\a.txt"])
def test_a_name_that_looks_like_a_file_and_is_none_is_an_input_error(name: str) -> None:
    assert looks_like_a_path(name)
    result = run("check", name)
    assert result.returncode == 2 and "[PG142]" in result.stderr and "standard input" in result.stderr


@pytest.mark.parametrize("text", ["Lovely day at the Rad Cam", "see https://ox.ac.uk/news", "#OxfordOpenDays", "hi"])
def test_words_are_still_a_post(text: str) -> None:
    assert not looks_like_a_path(text)


def test_dangling_and_looping_symlinks_are_refused(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.md")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for name in ("dangling", "a"):
        result = run("check", str(tmp_path / name))
        assert result.returncode == 2 and "[PG141]" in result.stderr


def test_closed_stdin_closed_stdout_and_a_full_disk_are_input_errors() -> None:
    closed_in = run("check", "-", stdin=subprocess.DEVNULL)  # empty: nothing to check
    assert closed_in.returncode == 2
    code = (
        "import os, sys, runpy; os.close(0); sys.stdin = None; sys.argv = ['postguard', 'check', '-']; "
        "runpy.run_module('postguard', run_name='__main__')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2 and "[PG140]" in result.stderr
    with open("/dev/full", "w") as full:
        disk = subprocess.run(
            [sys.executable, "-m", "postguard", "check", "hello"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert disk.returncode == 2 and "[PG143]" in disk.stderr


def test_one_unreadable_file_among_several_hides_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(SECRET)
    result = run("check", str(good), str(tmp_path / "missing.md"))
    assert "SE001" in result.stdout and "[PG142]" in result.stderr
    assert result.returncode == 2  # the most severe: a file could not be checked


def test_fix_write_keeps_mode_and_byte_order_mark_and_refuses_a_symlink(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"\xef\xbb\xbf" + SECRET.encode())
    post.chmod(0o600)
    assert run("fix", "--write", str(post)).returncode == 0
    assert post.read_bytes().startswith(b"\xef\xbb\xbf") and b"Quad2026" not in post.read_bytes()
    assert stat.S_IMODE(post.stat().st_mode) == 0o600
    target = tmp_path / "target.md"
    target.write_text(SECRET)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = run("fix", "--write", str(link))
    assert result.returncode == 2 and "[PG133]" in result.stderr
    assert link.is_symlink() and target.read_text() == SECRET


def test_fix_out_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "fixed.md"
    out.write_text("mine")
    result = run("fix", "--out", str(out), SECRET.strip())
    assert result.returncode == 2 and "[PG134]" in result.stderr and out.read_text() == "mine"
    assert run("fix", "--force", "--out", str(out), SECRET.strip()).returncode == 0
    assert "Quad2026" not in out.read_text() and os.path.isfile(out)


def test_a_fifo_given_as_a_post_file_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "post.md"
    os.mkfifo(fifo)
    result = run("check", str(fifo), timeout=60)
    assert result.returncode == 2 and "[PG129]" in result.stderr


def test_markdown_with_nothing_but_front_matter_is_not_a_clean_pass(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Draft\nauthor: me\n---\n")
    result = run("check", str(post))
    assert result.returncode == 2 and "[PG107]" in result.stderr


def test_hostile_json_lines_are_problems_with_their_lines_never_internal_errors(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    huge_id = "9" * 5000
    posts.write_text(
        f'{{"id": {huge_id}, "text": "hi"}}\n'
        '{"id": "\\ud800x", "text": "Guest wifi password is Quad2026! \\udc00", "bio": "\\ud83d"}\n'
    )
    result = run("check", "--jsonl", str(posts))
    assert result.returncode == 2 and "[PG119]" in result.stderr and "Traceback" not in result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["error"]["code"] == "PG118"
    assert second["id"] == "\ufffdx" and [f["code"] for f in second["findings"]] == ["SE001"]


def test_json_lines_from_a_device_are_refused() -> None:
    result = run("check", "--jsonl", "/dev/zero", timeout=60)
    assert result.returncode == 2 and "[PG129]" in result.stderr


def test_a_long_or_escape_laden_value_is_shown_short_and_inert() -> None:
    result = run("check", "--at", "\x1b[31m" + "x" * 5000, "hi")
    line = result.stderr.strip()
    assert result.returncode == 2 and "\x1b" not in line and len(line) < 300


def test_fix_never_replaces_a_device_or_a_read_only_file(tmp_path: Path) -> None:
    device = run("fix", "--force", "--out", "/dev/null", SECRET.strip())
    assert device.returncode == 2 and "[PG135]" in device.stderr and Path("/dev/null").is_char_device()
    post = tmp_path / "post.md"
    post.write_text(SECRET)
    post.chmod(0o444)
    result = run("fix", "--write", str(post))
    assert result.returncode == 2 and "[PG136]" in result.stderr and post.read_text() == SECRET


def test_fix_says_when_a_photo_could_not_be_read(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n")
    result = run("fix", "--photo", str(broken))
    assert result.returncode == 2 and "[PG137]" in result.stderr


@pytest.mark.parametrize("content", ["", "\n", "\n  \n\t\n", "\r\n\r\n"])
def test_json_lines_with_no_post_are_an_input_error_not_a_silent_pass(tmp_path: Path, content: str) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_bytes(content.encode())
    result = run("check", "--jsonl", str(posts))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"postguard: error [PG128]: {posts} holds no posts (it is empty or has only blank lines); "
        "--jsonl reads one JSON object per line"
    )


@pytest.mark.parametrize("content", ["", "\n\n"])
def test_empty_json_lines_on_standard_input_are_an_input_error(content: str) -> None:
    result = run("check", "--jsonl", "-", input=content)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("postguard: error [PG128]: standard input holds no posts")
    assert len(result.stderr.strip().splitlines()) == 1


def test_json_lines_with_one_post_after_blank_lines_are_still_checked(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text('\n\n{"text": "Lovely day at the Rad Cam"}\n\n')
    result = run("check", "--jsonl", str(posts))
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["line"] == 3


def test_an_unknown_platform_is_a_usage_error_before_any_file_is_read(tmp_path: Path) -> None:
    result = run("check", "--platform", "myspace\x1b[2J", str(tmp_path / "not-there.md"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("postguard: error [PG217]: unknown platform 'myspace\\u001b[2J'; use one of ")
    assert "\x1b" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    fixed = run("fix", "--platform", "Bluesky", "--bio", "Lecturer at Oxford", "The REF is a farce.")
    assert fixed.returncode == 0 and "Views my own, not the University's." in fixed.stdout


def test_a_record_id_with_control_characters_is_a_usage_error() -> None:
    result = run("check", "--record", "C-1\x1b[31m:consent:DP001", "hi")
    assert result.returncode == 2 and "[PG218]" in result.stderr and "\x1b" not in result.stderr
