"""The CLI as a user runs it: a real subprocess, real models, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

pytestmark = pytest.mark.slow

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "report.schema.json").read_text("utf-8"))


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "postguard", *args], input=stdin, capture_output=True, timeout=120)
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    )


def test_issue_acceptance_opinion_without_disclaimer() -> None:
    bio = ["--format", "json", "--account", "personal", "--bio"]
    result = run("check", *bio, "Professor at Oxford", "The new fees policy is a disaster.")
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert [f["code"] for f in report["findings"]] == ["OP001"]
    assert report["findings"][0]["fix"]["applicability"] == "safe"
    assert result.returncode == 0  # a warning is below the default --fail-on error
    clean = run("check", *bio, "Professor at Oxford. Views my own.", "The new fees policy is a disaster.")
    assert json.loads(clean.stdout)["findings"] == []


def test_text_output_marks_the_span_and_fails_on_error() -> None:
    result = run("check", "Guest wifi password is Quad2026!")
    assert result.returncode == 1
    assert "SE001 credential-or-secret [error]" in result.stdout
    assert "^^^^^^^^" in result.stdout and "(G38, G29)" in result.stdout
    assert run("check", "--fail-on", "never", "Guest wifi password is Quad2026!").returncode == 0


def test_fail_on_warning() -> None:
    args = ["--bio", "Professor at Oxford", "The new fees policy is a disaster."]
    assert run("check", "--fail-on", "warning", *args).returncode == 1


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["check", "--account", "boss", "hello"], None, "unknown account kind"),
        (["rule", "XX999"], None, "unknown rule code"),
        (["check", ""], None, "nothing to check"),
        (["check", "-"], b"\xff\xfe\x00\x01binary", "binary file"),
        (["check", "-"], b"caf\xe9 au lait", "not valid UTF-8"),
        (["check", "-"], b"a" * 1_100_000, "the limit is 100,000 characters"),
        (["check", "--at", "yesterday", "hello"], None, "cannot read the time"),
        (["check", "--record", "nonsense", "hello"], None, "cannot read the record"),
        (["check", "--photo", "/no/such.jpg", "hello"], None, "no such file"),
        (["check", "--photo", "/", "hello"], None, "is a directory"),
        (["check", "--format", "xml", "hello"], None, "Invalid value"),
        (["check", "--pack", "/no/pack.yaml", "hello"], None, "file not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], stdin: bytes | None, message: str) -> None:
    result = run(*args, stdin=stdin)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [["check", "--format", "xml", "hello"], ["check", "--nosuch", "hello"], ["rules", "--status", "maybe"],
     ["check", "--fail-on"]],
)  # fmt: skip
def test_clicks_usage_errors_carry_a_code_like_the_rest(args: list[str]) -> None:
    """Issue 27: a bad choice, an unknown option or a missing value is `error [PG200]: ...`, one line."""
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("postguard: error [PG200]: ") and "--help`)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_malformed_pack_is_reported(tmp_path: Path) -> None:
    pack = tmp_path / "dept.yaml"
    pack.write_text("id: dept-x\nversion: '1'\nextends: oxford-university\nrules:\n  DP004: {enabled: false}\n")
    result = run("check", "--pack", str(pack), "hello")
    assert result.returncode == 2 and "may not switch off DP004" in result.stderr


def test_files_markdown_and_sarif(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Update\n\nThe [new fees policy](https://example.org) is a disaster.\n", encoding="utf-8")
    other = tmp_path / "notes.txt"
    other.write_text("Door code for the lab is 7741#.\n", encoding="utf-8")
    result = run("check", "--format", "sarif", "--account", "professional", str(post), str(other))
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"OP001", "SE001"}
    secret = next(r for r in results if r["ruleId"] == "SE001")
    region = secret["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and other.read_text()[region["charOffset"] :][:5] == "7741#"
    assert secret["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(other)


def test_jsonl_batch_keeps_order_echoes_ids_and_survives_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "p1", "text": "The door code is 4821#"}),
        "{not json",
        json.dumps({"id": "p3", "text": "Lovely day.", "account": "wizard"}),
        json.dumps(
            {
                "id": "p4",
                "text": "We are delighted to announce that the Department of Physics has won a £2m grant.",
                "account": "official",
                "records": [{"id": "WP-1", "kind": "written-permission", "covers": ["AU001"], "expires": "2099-01-01"}],
            }
        ),
        json.dumps({"id": "p5", "text": "Nice walk.", "scheduled_at": "2026-11-24T11:00:00Z"}),
    ]
    result = run("check", "--jsonl", "-", stdin=("\n".join(lines) + "\n").encode())
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    for r in reports:
        jsonschema.validate(r, SCHEMA)
    assert [r.get("id") for r in reports] == ["p1", None, "p3", "p4", "p5"]
    assert [r["line"] for r in reports] == [1, 2, 3, 4, 5]
    assert reports[0]["verdict"] == "block"
    assert reports[1]["verdict"] == "error" and "not valid JSON" in reports[1]["error"]["message"]
    assert "unknown account kind" in reports[2]["error"]["message"]
    assert reports[3]["verdict"] == "pass" and reports[3]["findings"][0]["lifted_by"] == "WP-1"
    assert [f["code"] for f in reports[4]["findings"]] == ["WK001"]
    assert result.returncode == 2


def test_fix_prints_a_diff_and_writes_the_file(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("The REF is a farce. Wifi password: Quad2026!\n", encoding="utf-8")
    result = run("fix", "--bio", "Lecturer at Oxford", "--platform", "x", str(post))
    assert result.returncode == 0
    assert "-The REF is a farce. Wifi password: Quad2026!" in result.stdout
    assert "+The REF is a farce. Wifi password: [REDACTED] Views my own, not the University's." in result.stdout
    assert post.read_text() == "The REF is a farce. Wifi password: Quad2026!\n"  # untouched without --write
    run("fix", "--write", "--bio", "Lecturer at Oxford", "--platform", "x", str(post))
    assert "[REDACTED]" in post.read_text()
    assert run("check", "--bio", "Lecturer at Oxford", str(post)).stdout.count("SE001") == 0


def test_rules_lists_every_rule_and_rule_prints_docs() -> None:
    listing = run("rules").stdout
    assert "DP001  personal-contact-details" in listing and "SE002  account-security-gaps" in listing
    assert "OP001  opinion-without-disclaimer" in listing
    rules = json.loads(run("rules", "--format", "json").stdout)
    assert len(rules) == 27 and {r["status"] for r in rules} == {"active"}
    page = run("rule", "op001").stdout
    assert page.startswith("# OP001 opinion-without-disclaimer") and "## Fix safety" in page


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and "postguard, version 0.1.0" in result.stdout


def test_jsonl_reads_escaped_text_up_to_the_limit_and_skips_an_oversized_line_without_holding_it() -> None:
    emoji = json.dumps({"id": "escaped", "text": "\U0001f600" * 50_000})  # 600 kB of "\\ud83d\\ude00"
    assert len(emoji) > 4 * 100_000
    lines = [
        emoji,
        '{"text": "' + "a" * 3_000_000 + '"}',  # over the per-line limit: rejected, the rest still read
        json.dumps({"id": "half", "text": "Call 07700 900123 \ud83d"}),  # a lone surrogate, cut off
        json.dumps({"id": "after", "text": "Lovely day."}),
    ]
    result = run("check", "--jsonl", "-", stdin=("\n".join(lines) + "\n").encode())
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in reports] == ["escaped", None, "half", "after"]
    assert reports[0]["verdict"] == "pass"
    assert reports[1]["verdict"] == "error" and "the limit is 100,000 characters" in reports[1]["error"]["message"]
    assert [f["code"] for f in reports[2]["findings"]] == ["DP001"]
    assert reports[3]["verdict"] == "pass"
    assert "Traceback" not in result.stderr and result.returncode == 2


def test_bounded_lines_never_hold_more_than_the_limit() -> None:
    import io

    from postguard.inputs import bounded_lines

    stream = io.BytesIO(b"short\n" + b"x" * 5_000 + b"\nnext\n" + b"y" * 10 + b"\n" + b"tail")
    lines = list(bounded_lines(stream, 10))
    assert lines == [b"short\n", b"x" * 11, b"next\n", b"y" * 10 + b"\n", b"tail"]
