"""Worst cases: the time and the peak memory of one hostile input, per input family.

    python bench/hostile.py [--family text|jsonl|photos|packs|paths|all] [--only NAME]

Every input is measured in a fresh process, so that its peak RSS (VmHWM, read by the process itself at
exit) is its own: a child's ``ru_maxrss`` starts from its parent's at fork and survives exec. Prints one
row per input, then per family the worst time and the largest peak RSS, and the same for all families.
The inputs are the hostile corpus of ``tests/hostile.py`` (the fuzz targets' too), and a few photos
too large to keep there:

- text: a whole check (models loaded and warmed first, not counted) of each post of
  ``hostile.long_texts`` (near the 100,000-character limit, each repeating one pattern a rule or an
  analyzer reads: a quadratic step shows here long before it shows on ordinary posts) and five of
  ``hostile.texts`` (combining marks, NFKC expanders, surrogates...). Before the fixes recorded in the
  git log, the addresses took 41 s, the table 10.9 s and the titles 7.3 s. The peak RSS includes the
  models: the row "(models loaded)" is the floor.
- jsonl: ``postguard check --jsonl FILE`` on each of ``hostile.jsonl_files`` (a line over the limit,
  deep nesting, a number of 5,000 digits, binary...), the whole process timed.
- photos: ``load_photo`` on each of ``hostile.photos`` and on a 600 KB GIF of eight 10,000 x 10,000
  frames, a GIF of a million 1 x 1 frames and a 108-megapixel JPEG. Before the pixel budget and the
  format list, the GIF loaded in 10.1 s at 2.0 GB peak RSS, the GIF of tiny frames in 21 s, the JPEG in
  0.96 s at 1.3 GB, and an EPS named .jpg was handed to Ghostscript.
- packs: ``load_pack`` on each of ``hostile.packs`` and ``hostile.base_packs`` (alias bombs, deep
  nesting, catastrophic regexes, wrong types, a FIFO, /dev/zero...), then each local rule's patterns
  searched in 99,000 characters of "a" (RE2: linear whatever the pattern). Before the bounds, /dev/zero
  was read until killed at 23 GB, a FIFO blocked for ever and an alias bomb took 100 s and 7.6 GB.
- paths: ``postguard check`` and ``fix`` on dangling and looping symlinks, directories, devices, names
  too long, and on every odd option value of ``hostile.option_values``, the whole process timed.

No input may crash: a row whose process died or exited 3 says so, and the script exits 1. The load
average is printed at the start and the end: the times are wall times, and the machine may be shared.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
FAMILIES = ("text", "jsonl", "photos", "packs", "paths")
# Of hostile.texts (short posts, checked in a moment: the fuzz targets read them all), those that stress
# normalisation and offsets the most. Each input costs a process that loads the models (2 to 3 s).
SHORT_TEXTS = ("combining stack", "NFKC expanders", "case changes length", "emoji ZWJ runs", "lone surrogates")
FLOOR = "(models loaded)"  # the text family's floor: its time is the whole process's, not a check's


def _corpus() -> Any:
    """tests/hostile.py, by its path (``hostile`` is also this script's name)."""
    spec = importlib.util.spec_from_file_location("hostile_corpus", ROOT / "tests" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_corpus"] = module
    spec.loader.exec_module(module)
    return module


hostile: Any = None  # the corpus module, loaded in main()

# The child: runs one input and, at exit, writes its peak RSS (and what it measured) to $BENCH_OUT.
CHILD = r"""
import atexit, json, os, sys, time
RESULT = {}

def _report():
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump({"rss_mb": int(hwm.split()[1]) / 1024, **RESULT}, out)

atexit.register(_report)
kind, arg = sys.argv[1], sys.argv[2]
if kind == "cli":
    import runpy
    sys.argv = ["postguard", *json.loads(arg)]
    runpy.run_module("postguard", run_name="__main__")
elif kind == "engine":
    from postguard import Post
    from postguard.engine import Engine
    engine = Engine()
    engine.load()
    engine.check(Post("warm up"))
    if arg:
        post = json.loads(open(arg).read())
        started = time.perf_counter()
        report = engine.check(Post(post["text"], markdown=post["markdown"]))
        RESULT["seconds"] = time.perf_counter() - started
        RESULT["result"] = report.error.message if report.error else f"{len(report.findings)} findings"
    else:
        RESULT["result"] = "the floor of the rows below: models loaded, 'warm up' checked"
elif kind == "photo":
    from postguard.photos.load import load_photo
    started = time.perf_counter()
    result = load_photo(0, arg)
    RESULT["seconds"] = time.perf_counter() - started
    RESULT["result"] = getattr(result, "message", None) or f"loaded {result.size}, {len(result.frames)} frames"
elif kind in ("pack", "base"):
    from postguard.errors import PackError
    from postguard.policy.pack import load_pack
    started = time.perf_counter()
    try:
        pack = load_pack(base=arg) if kind == "base" else load_pack(arg)
    except PackError as exc:
        RESULT["result"] = f"[{exc.code}] {exc}"
    else:
        text = "a" * 99_000
        for rule in pack.local_rules:
            for pattern in rule.patterns:
                pattern.search(text)
        RESULT["result"] = f"loaded, {len(pack.local_rules)} local rules searched in {len(text):,} characters"
    RESULT["seconds"] = time.perf_counter() - started
"""


@dataclass(frozen=True, slots=True)
class Input:
    family: str
    name: str
    kind: str  # what the child does: cli, engine, photo, pack, base
    arg: str
    stdin: bytes = b""


@dataclass(frozen=True, slots=True)
class Measured:
    input: Input
    seconds: float
    rss_mb: float
    result: str
    crashed: bool


def measure(item: Input, folder: Path) -> Measured:
    out = folder / "child.json"
    out.unlink(missing_ok=True)
    env = {**os.environ, "BENCH_OUT": str(out), "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path[1:]])}
    started = time.perf_counter()
    try:
        run = subprocess.run(
            [sys.executable, "-c", CHILD, item.kind, item.arg],
            input=item.stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=folder,
            timeout=300,
        )
        code, stderr = run.returncode, run.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, stderr = -1, "timed out after 300 s"
    wall = time.perf_counter() - started
    child = json.loads(out.read_text()) if out.exists() else {}
    lines = stderr.strip().splitlines()
    if item.kind == "cli":
        result = f"exit {code}" + (f": {lines[-1]}" if lines else "")
    else:
        result = child.get("result") or (lines[-1] if lines else f"exit {code}")
    crashed = code not in (0, 1, 2) or "Traceback" in stderr or not child
    return Measured(item, child.get("seconds", wall), child.get("rss_mb", float("nan")), result, crashed)


def _dump(folder: Path, name: str, text: str, markdown: bool) -> str:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"text": text, "markdown": markdown}), encoding="ascii")
    return str(path)


def text_inputs(folder: Path) -> Iterator[Input]:
    yield Input("text", FLOOR, "engine", "")
    for k, (name, (text, markdown)) in enumerate(hostile.long_texts().items()):
        yield Input(
            "text", f"{name} ({'Markdown' if markdown else 'text'})", "engine", _dump(folder, f"l{k}", text, markdown)
        )
    for k, (name, text) in enumerate(hostile.texts().items()):
        if name in SHORT_TEXTS:
            yield Input("text", name, "engine", _dump(folder, f"s{k}", text, False))


def jsonl_inputs(folder: Path) -> Iterator[Input]:
    for name, path in hostile.jsonl_files(folder).items():
        yield Input("jsonl", name, "cli", json.dumps(["check", "--fail-on", "never", "--jsonl", str(path)]))


def _big_photos(folder: Path) -> dict[str, Path]:
    """Photos too large for tests/hostile.py: built here, in a temporary folder."""
    from PIL import Image

    big = Image.new("P", (10_000, 10_000), 1)
    big.putpalette([v for i in range(256) for v in (i, 255 - i, 128)])
    buf = io.BytesIO()
    big.save(buf, format="GIF")
    data = buf.getvalue()
    start = data.index(b"\x2c", 13 + (3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0))
    paths = {
        "GIF 8 x 10,000 x 10,000 (600 KB)": folder / "big.gif",
        "GIF 1,000,000 x 1 x 1": folder / "tiny.gif",
        "JPEG 108 megapixels": folder / "108.jpg",
    }
    paths["GIF 8 x 10,000 x 10,000 (600 KB)"].write_bytes(data[:start] + data[start:-1] * 8 + b";")
    paths["GIF 1,000,000 x 1 x 1"].write_bytes(hostile.tiny_frames_gif(1_000_000))
    Image.new("RGB", (12_000, 9_000), (120, 130, 140)).save(paths["JPEG 108 megapixels"], quality=80)
    return paths


def photo_inputs(folder: Path) -> Iterator[Input]:
    for name, path in {**hostile.photos(folder), **_big_photos(folder)}.items():
        yield Input("photos", name, "photo", str(path))


def pack_inputs(folder: Path) -> Iterator[Input]:
    for name, path in hostile.packs(folder).items():
        yield Input("packs", name, "pack", str(path))
    yield Input("packs", "/dev/zero", "pack", "/dev/zero")
    for k, (name, text) in enumerate(hostile.base_packs().items()):
        path = folder / f"base-{k}.yaml"
        path.write_text(text, encoding="utf-8")
        yield Input("packs", f"base: {name}", "base", str(path))


def path_inputs(folder: Path) -> Iterator[Input]:
    for case in hostile.cli_cases(folder, families=("paths", "options")):
        yield Input("paths", f"{case.family}: {case.name}", "cli", json.dumps(list(case.argv)), case.stdin)


INPUTS = {
    "text": text_inputs,
    "jsonl": jsonl_inputs,
    "photos": photo_inputs,
    "packs": pack_inputs,
    "paths": path_inputs,
}


def _row(m: Measured) -> str:
    flag = "CRASHED " if m.crashed else ""
    name = m.input.name.encode("ascii", "backslashreplace").decode()[:44]
    result = m.result.encode("ascii", "backslashreplace").decode()
    return f"{m.input.family:6s} {name:44s} {m.seconds:7.2f} s {m.rss_mb:7.0f} MB  {flag}{result[:90]}"


def _worst(label: str, measured: list[Measured]) -> str:
    measured = [m for m in measured if m.input.name != FLOOR] or measured
    slow = max(measured, key=lambda m: m.seconds)
    fat = max(measured, key=lambda m: m.rss_mb)
    return (
        f"{label:6s} worst time: {slow.seconds:.2f} s ({slow.input.name}); "
        f"peak RSS: {fat.rss_mb:.0f} MB ({fat.input.name})"
    )


def main() -> None:
    global hostile
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--family", choices=(*FAMILIES, "all"), default="all")
    parser.add_argument("--only", help="run the inputs whose name contains this")
    args = parser.parse_args()
    hostile = _corpus()
    families = FAMILIES if args.family == "all" else (args.family,)
    results: dict[str, list[Measured]] = {}
    started = time.perf_counter()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for family in families:
            folder = Path(tmp) / family
            folder.mkdir()
            for item in INPUTS[family](folder):
                if args.only and args.only not in item.name:
                    continue
                measured = measure(item, Path(tmp))
                results.setdefault(family, []).append(measured)
                print(_row(measured), flush=True)
    print()
    for family, measured in results.items():
        print(_worst(family, measured))
    everything = [m for measured in results.values() for m in measured]
    if everything:
        print(_worst("all", everything))
    crashed = [m for m in everything if m.crashed]
    print(f"{len(everything)} inputs in {time.perf_counter() - started:.0f} s; {len(crashed)} crashed")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    sys.exit(1 if crashed else 0)


if __name__ == "__main__":
    main()
