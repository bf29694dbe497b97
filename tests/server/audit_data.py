"""A finished archive audit as its output folder holds it (manifest.json and the lines of reports.jsonl),
for the registry's tests without running the engine: three posts of the X account @oxphysics, one with
a finding that counts, one with a finding a record lifts, one clean."""

from __future__ import annotations

from typing import Any

STARTED = "2026-12-01T09:00:00Z"


def manifest(*, archive: str = "a" * 64, started: str = STARTED) -> dict[str, Any]:
    return {
        "settings": {
            "archives": [{"path": "/audits/in/twitter-2026-12-01-oxphysics.zip", "fingerprint": archive}],
            "format": None,
            "account": "official",
            "bio": "",
            "partition_size": 256,
            "packs": [],
            "postguard": "0.test",
        },
        "counts": [3],
        "started_at": started,
        "complete": True,
        "finished_at": "2026-12-01T09:05:00Z",
        "summary": {"checked": 3, "skipped": 1, "left_out": {"repost": 2}},
    }


def finding(code: str, severity: str, lifted_by: str | None = None) -> dict[str, Any]:
    return {"code": code, "name": code, "severity": severity, "message": "m", "clauses": [], "lifted_by": lifted_by}


def reports(handle: str = "oxphysics", platform: str = "x") -> list[dict[str, Any]]:
    def line(n: int, verdict: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": f"{platform}:{handle}:{n}",
            "platform": platform,
            "account": handle,
            "kind": "post",
            "created_at": f"2026-11-0{n}T10:00:00Z",
            "url": f"https://x.com/{handle}/status/{n}",
            "text": f"the words of post {n}",
            "media": [],
            "shared": False,
            "report": {"version": "1", "id": f"{platform}:{handle}:{n}", "verdict": verdict, "findings": findings},
        }

    return [
        line(1, "block", [finding("DP001", "error"), finding("TN002", "warning")]),
        line(2, "pass", [finding("AU001", "warning", lifted_by="WP-1")]),
        line(3, "pass", []),
    ]
