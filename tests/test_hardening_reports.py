"""What could not be checked is said the same way in every output (issue 25, last round): a post that
could not be checked has the verdict ``error`` in Python, text, JSON and SARIF, and is never a pass; a
photo that could not be checked is a warning in SARIF as it is in the verdict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import postguard
from postguard import Post, Severity, Verdict
from postguard.engine import Engine
from postguard.report.sarif import artifact_uri, to_sarif
from postguard.report.text import render

SECRET = "Guest wifi password is Quad2026!\n"
ENV = {**os.environ, "PYTHONPATH": str(Path(postguard.__file__).parents[1])}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postguard", *args], capture_output=True, text=True, env=ENV, check=False
    )


def test_a_post_that_could_not_be_checked_has_the_verdict_error_everywhere(engine: Engine) -> None:
    report = engine.check(Post(text="   "))
    assert report.error is not None and report.error.code == "PG103"
    assert report.verdict is Verdict.ERROR  # was BLOCK in Python and "error" in JSON and text
    assert report.to_json()["verdict"] == "error"
    assert render(report, "   ").startswith("post: ERROR  there is nothing to check")
    assert all(report.fails(level) for level in Severity)  # nobody checked it: not a pass at any level
    sarif = to_sarif([("post.txt", "   ", report)])["runs"][0]
    assert sarif["results"] == [] and sarif["invocations"][0]["executionSuccessful"] is False
    (note,) = sarif["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"] == {"id": "PG103"}


def test_a_checked_post_runs_successfully_in_sarif(engine: Engine) -> None:
    report = engine.check(Post(text="Lovely day at the Rad Cam."))
    invocation = to_sarif([("post.txt", "Lovely day at the Rad Cam.", report)])["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


@pytest.mark.slow
def test_files_that_could_not_be_read_are_reports_with_verdict_error_in_every_format(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text(SECRET)
    missing = tmp_path / "missing.md"
    text = run("check", str(good), str(missing))
    assert text.returncode == 2 and "[PG142]" in text.stderr
    assert f"{missing}: ERROR  no such file" in text.stdout and "SE001" in text.stdout
    as_json = json.loads(run("check", "--format", "json", str(good), str(missing)).stdout)
    assert [r["verdict"] for r in as_json] == ["block", "error"] and as_json[1]["error"]["code"] == "PG142"
    sarif = json.loads(run("check", "--format", "sarif", str(missing), str(good)).stdout)["runs"][0]
    assert [r["ruleId"] for r in sarif["results"]] == ["SE001"]
    (note,) = sarif["invocations"][0]["toolExecutionNotifications"]
    assert note["descriptor"] == {"id": "PG142"} and sarif["invocations"][0]["executionSuccessful"] is False
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(missing)


@pytest.mark.slow
def test_a_photo_that_could_not_be_checked_is_a_sarif_warning(tmp_path: Path) -> None:
    photo = tmp_path / "team photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 cut here")
    result = run("check", "--format", "sarif", "--fail-on", "warning", "--photo", str(photo), "Lovely day.")
    assert result.returncode == 1, result.stderr
    run_ = json.loads(result.stdout)["runs"][0]
    (unchecked,) = run_["results"]
    assert unchecked["ruleId"] == "unchecked-photo" and unchecked["level"] == "warning"
    assert "could not be checked" in unchecked["message"]["text"]
    assert unchecked["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == artifact_uri(str(photo))
    assert "%20" in artifact_uri(str(photo))
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["unchecked-photo"]
    assert run_["invocations"][0]["executionSuccessful"] is False
    as_json = json.loads(run("check", "--format", "json", "--photo", str(photo), "Lovely day.").stdout)
    assert as_json["verdict"] == "warn" and as_json["photo_errors"][0]["photo"] == 0


def test_artifact_uris_are_percent_encoded() -> None:
    assert artifact_uri("drafts/my post.md") == "drafts/my%20post.md"
    assert artifact_uri("/srv/a\nb.md") == "/srv/a%0Ab.md"
    assert artifact_uri("café.md") == "caf%C3%A9.md"
