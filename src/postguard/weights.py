"""The project's own shipped weights, traced: ``assets/MODELS.json`` names each model file in
``postguard/assets`` with its id and version (``encoder.v8``), its sha256 and size, the training scripts
that write it and its model card, and each analyzer that reads them with its id (``abuse.v8``). The
analyzers take their ids from here, so a report's evidence names the weights that produced a finding,
and new weights change the id.

The manifest is a file beside the weights, not metadata inside each one: a file cannot record its own
sha256 (writing the hash into it changes the hash), and ONNX ``metadata_props`` or an extra npz array
could only be read by each format's own loader, after the bytes were already trusted. The training
scripts rewrite it when they write new weights (``training/weights_manifest.py``).

:func:`read_asset` checks a file against its hash the first time a process reads it (hashing the 22.9 MB
encoder took 13 to 25 ms on this project's 2-core machine, against 100 to 180 ms for the encoder's whole
load; the other three files take under 0.5 ms together), so a damaged or replaced file is refused
with a :class:`~postguard.errors.ModelError` rather than read into wrong findings.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from postguard.errors import ModelError

MANIFEST_FILE = "MODELS.json"

_verified: set[str] = set()  # asset files already checked in this process


def _assets() -> Traversable:
    return resources.files("postguard.assets")


@cache
def manifest() -> dict[str, Any]:
    """The parsed ``assets/MODELS.json`` (read once)."""
    try:
        data: dict[str, Any] = json.loads(_assets().joinpath(MANIFEST_FILE).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError("PG401", manifest=MANIFEST_FILE, reason=exc) from None
    return data


def analyzer_id(name: str) -> str:
    """The versioned id of the analyzer ``name`` (``"abuse"`` -> ``"abuse.v8"``)."""
    return str(manifest()["analyzers"][name]["id"])


def file_id(file: str) -> str:
    """The versioned id of the weights in asset ``file`` (``"encoder-v1.onnx"`` -> ``"encoder.v8"``)."""
    return str(manifest()["files"][file]["id"])


def verify(file: str, data: bytes) -> None:
    """Raise :class:`ModelError` unless ``data`` is the asset ``file`` the manifest records."""
    entry = manifest()["files"].get(file)
    if entry is None:
        raise ModelError("PG402", file=file, manifest=MANIFEST_FILE)
    actual = hashlib.sha256(data).hexdigest()
    expected = str(entry["sha256"])
    if actual != expected:
        raise ModelError("PG403", file=file, id=entry["id"], actual=actual[:12], expected=expected[:12])


def read_asset(file: str) -> bytes:
    """The bytes of asset ``file``, checked against the manifest the first time this process reads it."""
    try:
        data = _assets().joinpath(file).read_bytes()
    except OSError:
        raise ModelError("PG404", file=file) from None
    if file not in _verified:
        verify(file, data)
        _verified.add(file)
    return data
