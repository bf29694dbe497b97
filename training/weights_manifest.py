"""Record new weights in the package's manifest (``src/postguard/assets/MODELS.json``).

Every training script that writes a model file calls :func:`record` after writing it. For each file
whose sha256 differs from the manifest's, the file's version goes up by one (``encoder.v8`` ->
``encoder.v9``) and its hash and size are rewritten; every analyzer that reads one of the changed files
goes up by one too, once per call however many of its files changed. The analyzers take their ids from
the manifest, so reports name the new weights, and the package refuses files whose hash it does not
know (``postguard.weights``). The ids are names that change whenever the weights do, not a count of
trainings: a full retrain (``train_abuse.py``, then ``train_heads.py``) moves ``semantic`` on twice,
once for the new encoder and once for the heads fitted on it.

Files written outside a folder that holds a ``MODELS.json`` (a probe's ``--out /tmp/...``) are left
alone. Probe weights copied into the assets to be benched must be recorded too, or the package refuses
them:

    python training/weights_manifest.py src/postguard/assets/encoder-v1.onnx src/postguard/assets/abuse-heads-v1.npz
    python training/weights_manifest.py --check      # every file's hash against the manifest, nothing written

A file the manifest does not name yet needs its entry written by hand first (its id, card and scripts).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "src" / "postguard" / "assets"
MANIFEST_FILE = "MODELS.json"
_ID = re.compile(r"^(?P<name>.+)\.v(?P<version>\d+)$")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bump(model_id: str) -> str:
    """``"encoder.v8"`` -> ``"encoder.v9"``."""
    match = _ID.match(model_id)
    if match is None:
        raise ValueError(f"{model_id!r} is not a versioned id (name.vN)")
    return f"{match['name']}.v{int(match['version']) + 1}"


def record(paths: Sequence[Path], *, script: str | None = None) -> dict[str, str]:
    """Record the weights at ``paths``, just written by ``script``, in the manifest of their folder.
    Returns the ids that changed, old id -> new id (empty when nothing changed or there is no manifest)."""
    changes: dict[str, str] = {}
    folders: dict[Path, list[Path]] = {}
    for path in paths:
        folders.setdefault(Path(path).resolve().parent, []).append(Path(path).resolve())
    for folder, files in folders.items():
        manifest_path = folder / MANIFEST_FILE
        if not manifest_path.is_file():
            print(f"{folder} holds no {MANIFEST_FILE} (not the package's assets): no manifest updated")
            continue
        manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8"))
        changed = []
        for path in files:
            entry = manifest["files"].get(path.name)
            if entry is None:
                raise SystemExit(f"{path.name} is not in {manifest_path}: write its entry (id, card, scripts) first")
            sha = sha256_file(path)
            if sha == entry["sha256"]:
                continue
            new_id = bump(entry["id"])
            changes[entry["id"]] = new_id
            entry.update(id=new_id, sha256=sha, bytes=path.stat().st_size)
            if script and script not in entry["written_by"]:
                entry["written_by"].append(script)
            changed.append(path.name)
        for analyzer in manifest["analyzers"].values():
            if set(analyzer["files"]) & set(changed):
                new_id = bump(analyzer["id"])
                changes[analyzer["id"]] = new_id
                analyzer["id"] = new_id
        if changed:
            temporary = manifest_path.with_suffix(".json.tmp")
            temporary.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
            os.replace(temporary, manifest_path)
            print(f"{manifest_path}: " + ", ".join(f"{old} -> {new}" for old, new in changes.items()))
    return changes


def check(folder: Path = ASSETS) -> list[str]:
    """The files in ``folder`` whose sha256 is not the manifest's (or that are missing)."""
    manifest = json.loads((folder / MANIFEST_FILE).read_text("utf-8"))
    wrong = []
    for name, entry in manifest["files"].items():
        path = folder / name
        if not path.is_file() or sha256_file(path) != entry["sha256"]:
            wrong.append(name)
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="model files just written or copied into the assets")
    parser.add_argument("--script", help="the training script that wrote them, if not one the entry names already")
    parser.add_argument("--check", action="store_true", help="only check the assets' hashes against the manifest")
    args = parser.parse_args()
    if args.check or not args.files:
        wrong = check()
        if wrong:
            sys.exit(f"sha256 differs from {MANIFEST_FILE} for: {', '.join(wrong)}")
        print(f"every file in {MANIFEST_FILE} matches its sha256")
        return
    if not record(args.files, script=args.script):
        print("no file changed: the manifest is as it was")


if __name__ == "__main__":
    main()
