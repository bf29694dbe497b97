"""The dependency set: no supported install may crash on a long command line."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest


def test_the_installed_onnxruntime_is_not_one_that_crashes_on_long_command_lines() -> None:
    major, minor = (int(part) for part in version("onnxruntime").split(".")[:2])
    assert (major, minor) not in ((1, 29), (1, 30)), version("onnxruntime")


@pytest.mark.slow
def test_onnxruntime_imports_with_a_command_line_over_32530_characters() -> None:
    # onnxruntime 1.29-1.30 read /proc/self/cmdline into a fixed buffer and segfaulted at import from
    # 32,530 characters: `postguard check *.md` on a real blog folder.
    args = ["x" * 999] * 40  # 40,000 characters; one argument may not pass 128 KiB
    code = "import sys, onnxruntime; print(len(' '.join(sys.argv)))"
    result = subprocess.run(
        [sys.executable, "-c", code, "y" * 33_000, *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-500:])
    assert int(result.stdout) >= 73_000


@pytest.mark.slow
def test_postguard_check_on_many_files_with_a_long_command_line(tmp_path: Path) -> None:
    # The case: `postguard check *.md` on a blog folder, a command line of 33,000+ characters.
    files = []
    for i in range(140):
        path = tmp_path / f"{i:03d}-{'a-long-blog-post-title-' * 10}.md"
        path.write_text(f"Post {i}: the seminar starts at noon.\n", encoding="utf-8")
        files.append(str(path))
    assert len(" ".join(files)) > 33_000
    result = subprocess.run(
        [sys.executable, "-m", "postguard", "check", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-500:])
    assert len(json.loads(result.stdout)) == 140
