"""A JSON-lines batch's speed and memory: posts per second and peak RSS of ``postguard check --jsonl``
over 1,000 and 10,000 posts, and whether memory stays flat in the number of posts.

    python bench/jsonl.py [--sizes 1000,10000]

The posts are the project's labelled and held-out University posts (bench/data), each made distinct
(a number, and a second post's sentence, so that no two share the encoder's cache), over the four
account kinds, a third with a bio. Each size runs in a fresh process, the whole command timed (the
models' loading included). Peak RSS is the process's own (VmHWM, written by the process at exit); the
RSS is also sampled every half second with the number of reports written by then, and the table gives
it after a tenth of the posts and at the end: a batch whose memory grows with its posts shows here
(the encoder's cache of chunk vectors grew to 20,000 entries before it was bounded at 2,048).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]
DATA = ROOT / "bench" / "data"
ACCOUNTS = ("personal", "professional", "official", "personal")

CHILD = r"""
import atexit, os, runpy, sys

def _report():
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_OUT"], "w") as out:
        out.write(str(int(hwm.split()[1]) / 1024))

atexit.register(_report)
sys.argv = ["postguard", "check", "--fail-on", "never", "--jsonl", sys.argv[1]]
runpy.run_module("postguard", run_name="__main__")
"""


def _texts() -> list[tuple[str, str]]:
    """(text, bio) of every labelled and held-out post."""
    out = []
    for name in ("labelled_posts.yaml", "heldout_posts.yaml"):
        for group in yaml.safe_load((DATA / name).read_text(encoding="utf-8")):
            out.extend((post, group.get("bio") or "") for post in group["posts"])
    return out


def write_batch(path: Path, count: int) -> None:
    texts = _texts()
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text, bio = texts[i % len(texts)]
            other = texts[(i * 7 + 3) % len(texts)][0]
            post = {
                "id": f"p{i}",
                "text": f"{text} {other} (note {i})",
                "account": ACCOUNTS[i % len(ACCOUNTS)],
                "bio": bio if i % 3 == 0 else "",
            }
            out.write(json.dumps(post) + "\n")


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return None
    return int(line.split()[1]) / 1024


def _lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return 0


def run(count: int, folder: Path) -> dict[str, float]:
    batch = folder / f"posts-{count}.jsonl"
    write_batch(batch, count)
    reports = folder / f"reports-{count}.jsonl"
    peak = folder / f"peak-{count}.txt"
    env = {**os.environ, "BENCH_OUT": str(peak), "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path[1:]])}
    samples: list[tuple[int, float]] = []  # (reports written, RSS MB)
    started = time.perf_counter()
    with reports.open("wb") as out:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(batch)], stdout=out, env=env)
        while child.poll() is None:
            time.sleep(0.5)
            rss = _rss_mb(child.pid)
            if rss is not None:
                samples.append((_lines(reports), rss))
    seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):
        raise SystemExit(f"postguard exited {child.returncode} on {count} posts")
    written = _lines(reports)
    assert written == count, f"{written} reports for {count} posts"
    early = [rss for done, rss in samples if done >= count // 10] or [float("nan")]
    return {
        "posts": count,
        "seconds": seconds,
        "posts_per_s": count / seconds,
        "peak_mb": float(peak.read_text()),
        "rss_at_tenth_mb": early[0],
        "rss_at_end_mb": samples[-1][1] if samples else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="batch sizes, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"{'posts':>7s} {'seconds':>8s} {'posts/s':>8s} {'peak RSS':>9s} {'RSS at 1/10':>12s} {'RSS at end':>11s}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            r = run(count, Path(tmp))
            print(
                f"{count:7,d} {r['seconds']:8.1f} {r['posts_per_s']:8.1f} {r['peak_mb']:7.0f} MB "
                f"{r['rss_at_tenth_mb']:9.0f} MB {r['rss_at_end_mb']:8.0f} MB",
                flush=True,
            )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (wall times: the machine may be shared)")


if __name__ == "__main__":
    main()
