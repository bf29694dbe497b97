"""The shipped weights are traced: the model manifest (assets/MODELS.json) names every model file with its
sha256, a changed file is refused at load, the analyzer ids come from it, and the training scripts'
helper moves the versions on when they write new weights."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import shutil
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from postguard import AccountKind, Post, weights
from postguard.analyzers.abuse import ANALYZER_ID as ABUSE
from postguard.analyzers.abuse import HEADS_FILE as ABUSE_HEADS_FILE
from postguard.analyzers.abuse import AbuseAnalyzer, AbuseHeads
from postguard.analyzers.embeddings import MODEL_FILE, MODEL_ID, TOKENIZER_FILE, Encoder
from postguard.analyzers.post_model import HEADS_FILE as POST_HEADS_FILE
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.analyzers.semantic import HEADS_FILE, Heads, SemanticAnalyzer
from postguard.engine import Engine
from postguard.errors import ModelError, PostguardError

ROOT = Path(__file__).parents[1]
ASSETS = ROOT / "src" / "postguard" / "assets"
NOT_MODELS = {"__init__.py", weights.MANIFEST_FILE}  # and the model cards and notices (*.md)
sys.path.insert(0, str(ROOT / "training"))

import weights_manifest  # noqa: E402


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def assets_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The package reads its assets from an empty temp folder, and has checked nothing yet in this process."""
    weights.manifest()  # the packaged manifest, read (and cached) before the folder changes
    monkeypatch.setattr(weights, "_assets", lambda: tmp_path)
    monkeypatch.setattr(weights, "_verified", set())
    return tmp_path


def _corrupt_copy(name: str, folder: Path) -> None:
    data = bytearray((ASSETS / name).read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit, in the middle: the size is unchanged
    (folder / name).write_bytes(bytes(data))


def test_the_manifest_lists_every_model_file_and_every_hash_matches() -> None:
    manifest = weights.manifest()
    shipped = {p.name for p in ASSETS.iterdir() if p.is_file() and p.suffix != ".md" and p.name not in NOT_MODELS}
    assert shipped == set(manifest["files"]), "every model file in assets/ has an entry, and only those"
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == _sha256(ASSETS / name), f"{name}: run training/weights_manifest.py {name}"
        assert entry["bytes"] == (ASSETS / name).stat().st_size
        assert (ASSETS / entry["card"]).is_file(), f"{name}: no model card {entry['card']}"
        for script in entry["written_by"]:
            assert (ROOT / script).is_file(), f"{name}: {script} does not exist"
        assert weights_manifest.bump(entry["id"])  # name.vN
    for analyzer in manifest["analyzers"].values():
        assert set(analyzer["files"]) <= set(manifest["files"])
    assert weights_manifest.check(ASSETS) == []


def test_the_packaged_assets_are_read_through_the_check() -> None:
    assert weights.read_asset(HEADS_FILE) == (ASSETS / HEADS_FILE).read_bytes()
    assert HEADS_FILE in weights._verified  # checked once; later reads in this process skip the hash


@pytest.mark.parametrize("name", [HEADS_FILE, ABUSE_HEADS_FILE, TOKENIZER_FILE])
def test_a_changed_model_file_is_refused_with_a_clear_error(name: str, assets_copy: Path) -> None:
    _corrupt_copy(name, assets_copy)
    with pytest.raises(ModelError) as raised:
        weights.read_asset(name)
    message = str(raised.value)
    expected = weights.manifest()["files"][name]["sha256"]
    actual = _sha256(assets_copy / name)
    assert name in message and expected[:12] in message and actual[:12] in message
    assert "reinstall postguard" in message and "\n" not in message
    assert isinstance(raised.value, PostguardError) and raised.value.kind == "model"
    assert name not in weights._verified  # refused every time, never cached as good


def test_each_loader_refuses_a_changed_file(assets_copy: Path) -> None:
    for name in (MODEL_FILE, HEADS_FILE, ABUSE_HEADS_FILE):
        _corrupt_copy(name, assets_copy)
    with pytest.raises(ModelError, match=MODEL_FILE):
        Encoder(threads=1).load()  # refused before onnxruntime reads a byte of it
    with pytest.raises(ModelError, match=HEADS_FILE):
        Heads.load()
    with pytest.raises(ModelError, match=ABUSE_HEADS_FILE):
        AbuseHeads.load()


def test_an_unchanged_copy_is_read_and_a_missing_file_is_an_install_error(assets_copy: Path) -> None:
    shutil.copy(ASSETS / HEADS_FILE, assets_copy / HEADS_FILE)
    assert Heads.load().labels
    with pytest.raises(ModelError, match=f"{ABUSE_HEADS_FILE} is missing.*reinstall"):
        weights.read_asset(ABUSE_HEADS_FILE)


def test_analyzer_ids_are_the_manifests_ids() -> None:
    analyzers = weights.manifest()["analyzers"]
    assert ABUSE == AbuseAnalyzer.id == analyzers["abuse"]["id"] == weights.analyzer_id("abuse")
    assert SEMANTIC == SemanticAnalyzer.id == analyzers["semantic"]["id"] == weights.analyzer_id("semantic")
    assert weights.file_id(MODEL_FILE) == MODEL_ID
    assert MODEL_ID.startswith("encoder.v") and ABUSE.startswith("abuse.v") and SEMANTIC.startswith("semantic.v")


def test_the_model_cards_name_the_shipped_ids() -> None:
    """New weights change the ids; their card must then be read again and say which weights it describes."""
    manifest = weights.manifest()
    for name, entry in manifest["files"].items():
        card = (ASSETS / entry["card"]).read_text("utf-8")
        if entry["written_by"]:  # the project's own weights (the tokenizer is third-party, unchanged)
            assert f"`{entry['id']}`" in card, f"{entry['card']} does not name {entry['id']} ({name})"
    for analyzer in manifest["analyzers"].values():
        cards = {manifest["files"][f]["card"] for f in analyzer["files"] if manifest["files"][f]["written_by"]}
        assert any(f"`{analyzer['id']}`" in (ASSETS / c).read_text("utf-8") for c in cards), analyzer["id"]


def test_the_experiment_log_is_not_in_the_installed_model_cards() -> None:
    card = resources.files("postguard.assets").joinpath("ABUSE-MODEL-CARD.md").read_text("utf-8")
    assert "docs/experiments/abuse.md" in card
    assert "Merging two models in weight space" not in card
    assert "Merging two models in weight space" in (ROOT / "docs" / "experiments" / "abuse.md").read_text("utf-8")


def test_third_party_weights_are_recorded_as_installed() -> None:
    pins = (ROOT / "pyproject.toml").read_text("utf-8")
    for analyzer, entry in weights.manifest()["third_party"].items():
        if analyzer == "about":
            continue
        for package, version in entry["packages"].items():
            assert f'"{package}=={version}"' in pins, f"{analyzer}: {package} is pinned to another version"
            try:
                installed = importlib.metadata.version(package)
            except importlib.metadata.PackageNotFoundError:
                pytest.skip(f"{package} is not installed")
            assert installed == version
        for file, sha in entry["files"].items():
            package, _, rest = file.partition("/")
            assert _sha256(Path(str(resources.files(package).joinpath(rest)))) == sha, file


def test_the_training_helper_moves_versions_on_when_weights_change(tmp_path: Path) -> None:
    for name in (weights.MANIFEST_FILE, MODEL_FILE, HEADS_FILE, ABUSE_HEADS_FILE, TOKENIZER_FILE, POST_HEADS_FILE):
        shutil.copy(ASSETS / name, tmp_path / name)
    before = json.loads((tmp_path / weights.MANIFEST_FILE).read_text("utf-8"))
    # weights written again unchanged: nothing moves
    assert weights_manifest.record([tmp_path / HEADS_FILE], script="training/train_heads.py") == {}
    # the encoder and abuse heads rewritten together (train_abuse.py): each file once, each analyzer once
    _corrupt_copy(MODEL_FILE, tmp_path)
    _corrupt_copy(ABUSE_HEADS_FILE, tmp_path)
    changes = weights_manifest.record([tmp_path / MODEL_FILE, tmp_path / ABUSE_HEADS_FILE], script="x/train.py")
    after = json.loads((tmp_path / weights.MANIFEST_FILE).read_text("utf-8"))
    for name in (MODEL_FILE, ABUSE_HEADS_FILE):
        old, new = before["files"][name], after["files"][name]
        assert new["id"] == weights_manifest.bump(old["id"]) and changes[old["id"]] == new["id"]
        assert new["sha256"] == _sha256(tmp_path / name) != old["sha256"]
        assert new["written_by"] == [*old["written_by"], "x/train.py"]
    for analyzer in ("abuse", "semantic", "post"):  # all read the encoder
        assert after["analyzers"][analyzer]["id"] == weights_manifest.bump(before["analyzers"][analyzer]["id"])
    assert after["files"][HEADS_FILE] == before["files"][HEADS_FILE]
    assert weights_manifest.check(tmp_path) == []
    # a probe's output folder has no manifest: left alone
    probe = tmp_path / "probe"
    probe.mkdir()
    shutil.copy(ASSETS / HEADS_FILE, probe / HEADS_FILE)
    assert weights_manifest.record([probe / HEADS_FILE], script="training/train_heads.py") == {}
    assert not (probe / weights.MANIFEST_FILE).exists()


@pytest.mark.slow
def test_a_reports_evidence_names_the_weights_that_produced_a_finding(engine: Engine) -> None:
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text("utf-8"))
    post = Post("Muslims are vermin and should be thrown out of this country.", account=AccountKind.PERSONAL)
    out = engine.check(post).to_json()
    jsonschema.validate(out, schema)
    rs002 = [f for f in out["findings"] if f["code"] == "RS002"]
    assert rs002 and rs002[0]["evidence"]["analyzer"] == ABUSE == weights.analyzer_id("abuse")
