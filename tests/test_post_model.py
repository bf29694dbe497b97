"""The post model (issue 26): its analyzer, its part in the rules, and the pack's say over it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from postguard.analyzers.post_model import ANALYZER_ID, HEADS_FILE
from postguard.analyzers.semantic import Heads
from postguard.engine import Engine
from postguard.errors import PackError
from postguard.policy.pack import load_pack
from postguard.rules.catalogue import CATALOGUE
from postguard.types import AccountKind, Post
from postguard.weights import manifest


def test_the_heads_are_recorded_with_the_encoder_they_read() -> None:
    heads = Heads.load(HEADS_FILE, names="codes")
    files = manifest()["files"]
    assert manifest()["analyzers"]["post"]["id"] == ANALYZER_ID and HEADS_FILE in files
    assert heads.meta["encoder_sha256"] == files["encoder-v1.onnx"]["sha256"]
    assert "WK001" not in heads.labels and {"DP005", "AU003", "PH002"} <= set(heads.labels)


def test_rules_that_read_the_model_need_it_and_the_pack_sets_its_part() -> None:
    pack = load_pack()
    for code, rule in CATALOGUE.items():
        settings = pack.settings(code)
        if rule.post_model:
            assert ANALYZER_ID in rule.needs and rule.model_message
        elif settings is not None:
            assert settings.model_adds is None and settings.model_confirms is None, code


@pytest.mark.slow
def test_the_model_adds_what_the_cues_miss(engine: Engine) -> None:
    post = Post("Marks are in: Jamie Roberts failed the resit again, third time now. Sad.")
    (finding,) = [f for f in engine.check(post).findings if f.code == "DP005"]
    assert finding.evidence.analyzer == ANALYZER_ID and finding.evidence.score >= 0.6


@pytest.mark.slow
def test_without_the_packs_scores_the_model_takes_no_part() -> None:
    pack = load_pack()
    rules = {code: dataclasses.replace(s, model_adds=None, model_confirms=None) for code, s in pack.rules.items()}
    engine = Engine(dataclasses.replace(pack, rules=rules))
    post = Post("Marks are in: Jamie Roberts failed the resit again, third time now. Sad.")
    assert "DP005" not in {f.code for f in engine.check(post).findings}


@pytest.mark.slow
def test_official_notices_are_not_announcements_by_the_model(engine: Engine) -> None:
    notice = Post(
        "Reminder: the Upper Reading Room is closed on Saturday for maintenance.", account=AccountKind.OFFICIAL
    )
    assert "AU002" not in {f.code for f in engine.check(notice).findings}


def test_a_department_pack_may_not_loosen_the_models_part(tmp_path: Path) -> None:
    dept = tmp_path / "dept.yaml"
    dept.write_text('id: dept-x\nversion: "1"\nextends: oxford-university\nrules:\n  DP005: {model_adds: 0.95}\n')
    with pytest.raises(PackError) as refused:
        load_pack(dept)
    assert refused.value.code == "PG331"
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text('id: dept-y\nversion: "1"\nextends: oxford-university\nrules:\n  DP005: {model_adds: 0.4}\n')
    assert load_pack(stricter).settings("DP005").model_adds == 0.4  # type: ignore[union-attr]
