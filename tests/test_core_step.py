"""The parts the core architecture step introduced (issue 24): typed evidence, records from a source,
the pack's cut-offs and wording, fix operators, and ``postguard.fix``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest

import postguard
from postguard.engine import Engine
from postguard.errors import InputError, UsageError
from postguard.photos.operations import write_photos
from postguard.policy.pack import load_pack
from postguard.records import CitedRecords, candidates
from postguard.records.lifting import Lifter
from postguard.rules.base import RuleContext
from postguard.rules.child_in_photo import ChildInPhoto
from postguard.text.document import make_document
from postguard.types import AccountKind, Applicability, Evidence, PhotoOperation, Post, Record

PHOTOS = Path(__file__).parent / "photos"
ANNOUNCEMENT = "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing."


def test_evidence_is_typed_and_the_report_still_writes_label_and_pattern() -> None:
    cue = Evidence("people.v1", 0.9, label="special", category="health", pattern_name="health-cue")
    assert cue.full_label == "special:health" and cue.explanation == "health-cue"
    gps = Evidence("photo.metadata.v1", 1.0, label="gps", gps=(51.75, -1.25))
    assert gps.explanation == "51.75000,-1.25000"
    face = Evidence("photo.faces.v1", 0.8, label="child", age=9)
    assert face.explanation == "apparent age 9"


def _face_context(age: int, cut_off: int) -> RuleContext:
    pack = dataclasses.replace(load_pack(), child_apparent_age=cut_off)
    settings = pack.settings("PH002")
    assert settings is not None
    found = {
        "photo.faces.v1": [Evidence("photo.faces.v1", 0.9, label="apparent-age", photo=0, box=(1, 2, 3, 4), age=age)]
    }
    post = Post("Our visit.", photos=("x.jpg",))
    return RuleContext(post, make_document(post.text), settings, pack, found)


def test_the_child_cut_off_is_the_packs_not_the_analyzers() -> None:
    (hit,) = ChildInPhoto().check(_face_context(age=17, cut_off=21))
    assert hit.evidence.label == "child" and "apparent age 17" in hit.message
    assert list(ChildInPhoto().check(_face_context(age=17, cut_off=16))) == []


def test_records_come_from_a_source_cited_account_and_photo() -> None:
    standing = Record("SP-1", "written-permission", ("AU001",), account="@physics")
    consent = Record("C-1", "consent", ("PH001",), photos=("abc123",))
    cited = Record("WP-9", "written-permission", ("AU002",))
    source = CitedRecords([standing, consent, cited])
    post = Post("x", records=(cited,), account_id="@physics")
    assert [r.id for r in candidates(post, source, ["abc123"])] == ["WP-9", "SP-1", "C-1"]
    assert [r.id for r in candidates(Post("x"), source)] == []


def test_a_lifter_spends_a_record_once_where_a_rule_needs_one_per_finding() -> None:
    consent = Record("C-1", "consent", ("PH001",))
    lifter = Lifter([consent], dt.date(2026, 12, 3), {"consent": "person-shown-or-named"})
    assert lifter.lift("PH001", ("consent",), one_per_finding=True).lifted_by == "C-1"
    second = lifter.lift("PH001", ("consent",), one_per_finding=True)
    assert second.lifted_by is None and second.route == "person-shown-or-named"
    expired = Lifter([dataclasses.replace(consent, expires=dt.date(2020, 1, 1))], dt.date(2026, 12, 3), {})
    assert expired.lift("PH001", ("consent",), one_per_finding=False).lifted_by is None


@pytest.mark.slow
def test_a_registry_like_source_lifts_an_official_accounts_announcement_by_its_standing_permission() -> None:
    standing = Record("SP-7", "written-permission", ("AU001",), account="@oxphysics", expires=dt.date(2099, 1, 1))
    engine = Engine(records=lambda post: CitedRecords([standing]))
    post = Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, account_id="@oxphysics")
    (finding,) = engine.check(post).findings
    assert finding.code == "AU001" and finding.lifted_by == "SP-7"
    (other,) = engine.check(dataclasses.replace(post, account_id="@oxchemistry")).findings
    assert other.lifted_by is None and other.route == "communications-office"


@pytest.mark.slow
def test_the_library_fix_applies_safe_fixes_and_unsafe_ones_when_asked(engine: Engine) -> None:
    post = Post("Call Dr Sarah Whitfield on 07700 900123 about the fees policy, which is a disaster.", bio="Oxford")
    report = engine.check(post)
    safe = postguard.fix(post, report)
    assert "07700 900123" not in safe.text and safe.changed
    assert all(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in safe.applied)
    with pytest.raises(UsageError, match="display-only"):
        postguard.fix(post, report, applicability="display-only")
    with pytest.raises(UsageError, match="unknown applicability"):
        postguard.fix(post, report, applicability="bold")


def test_disclaimer_wording_comes_from_the_pack() -> None:
    from postguard.fixes.disclaimer import add_disclaimer

    wording = load_pack().disclaimers
    assert wording is not None
    ours = dataclasses.replace(wording, short="Personal views.")
    fix = add_disclaimer("The REF is a farce.", ours, platform="bluesky")
    assert fix.edits[0].replacement == " Personal views."


def test_cleaned_photos_never_overwrite_nor_follow_a_planted_symlink(tmp_path: Path) -> None:
    photo = tmp_path / "gps.jpg"
    photo.write_bytes((PHOTOS / "gps.jpg").read_bytes())
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "gps.clean.jpg").symlink_to(victim)
    strip = {0: [PhotoOperation(0, "strip-metadata")]}
    with pytest.raises(InputError, match="already exists"):
        write_photos([str(photo)], strip)
    ((_, written),) = write_photos([str(photo)], strip, overwrite=True)
    assert victim.read_text() == "keep me" and not written.is_symlink() and os.path.getsize(written) > 0


def test_two_photos_with_one_name_get_two_copies(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.jpg").write_bytes((PHOTOS / "gps.jpg").read_bytes())
    paths = [str(tmp_path / "a" / "p.jpg"), str(tmp_path / "b" / "p.jpg")]
    ops = {i: [PhotoOperation(i, "strip-metadata")] for i in (0, 1)}
    written = write_photos(paths, ops, out_dir=str(tmp_path / "out"))
    assert len({p for _, p in written}) == 2


@pytest.mark.slow
@pytest.mark.parametrize("given", ["a string", None, {"text": "x"}])
def test_check_of_something_that_is_not_a_post_is_an_error_report(given: object) -> None:
    report = postguard.check(given)  # type: ignore[arg-type]
    assert report.error is not None and report.error.code == "PG106"


@pytest.mark.slow
def test_records_built_loosely_in_python_are_read_through_the_input_model(engine: Engine) -> None:
    text = "We are delighted to announce that our new building opens on Monday."

    def lifted(record: Record) -> list[str | None]:
        report = engine.check(Post(text, account=AccountKind.OFFICIAL, records=(record,)))
        assert report.error is None, report.error
        return [f.lifted_by for f in report.findings if f.code == "AU001"]

    assert lifted(Record("WP-1", "written-permission", ("AU001",), expires="2020-01-01")) == [None]  # type: ignore[arg-type]
    assert lifted(Record("WP-1", "written-permission", ("AU001",), expires="2099-01-01")) == ["WP-1"]  # type: ignore[arg-type]
    covers_one = engine.check(Post(text, records=(Record("WP-1", "written-permission", "AU001"),)))  # type: ignore[arg-type]
    assert covers_one.error is not None and "'covers' must be a list of rule codes" in covers_one.error.message


@pytest.mark.slow
def test_fix_takes_only_this_posts_report(engine: Engine) -> None:
    post = Post("Call me on 07700 900123 about the rota.")
    report = engine.check(post)
    with pytest.raises(InputError, match="PG108|takes the Report"):
        postguard.fix(post, None)  # type: ignore[arg-type]
    with pytest.raises(InputError) as other:
        postguard.fix(Post("Hi"), report)
    assert other.value.code == "PG109"
    assert "07700 900123" not in postguard.fix(post, report).text
