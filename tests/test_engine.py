from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from postguard.engine import Engine, verdict_of
from postguard.policy.pack import load_pack
from postguard.types import AccountKind, Post, Record, Verdict

ANNOUNCEMENT = "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing."


@pytest.mark.slow
def test_issue_example_opinion_needs_a_disclaimer(engine: Engine) -> None:
    post = Post("The new fees policy is a disaster.", account=AccountKind.PERSONAL, bio="Professor at Oxford")
    report = engine.check(post)
    assert [f.code for f in report.findings] == ["OP001"]
    finding = report.findings[0]
    assert finding.fix is not None and finding.fix.applicability.value == "safe"
    assert report.verdict is Verdict.WARN
    disclaimed = Post(post.text, account=AccountKind.PERSONAL, bio="Professor at Oxford. Views my own.")
    assert engine.check(disclaimed).findings == ()


@pytest.mark.slow
def test_announcement_routes_for_approval_and_a_valid_record_lifts_it(engine: Engine) -> None:
    report = engine.check(Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL))
    (finding,) = report.findings
    assert finding.code == "AU001" and finding.route == "communications-office"
    assert report.verdict is Verdict.APPROVAL

    permission = Record("WP-2026-114", "written-permission", ("AU001",), expires=dt.date(2099, 1, 1))
    lifted = engine.check(Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, records=(permission,)))
    assert lifted.findings[0].lifted_by == "WP-2026-114"
    assert lifted.verdict is Verdict.PASS


@pytest.mark.slow
@pytest.mark.parametrize(
    "record",
    [
        Record("WP-1", "written-permission", ("AU001",), expires=dt.date(2020, 1, 1)),
        Record("WP-2", "written-permission", ("AU001",), revoked=True),
        Record("WP-3", "written-permission", ("AU002",)),
        Record("C-4", "consent", ("AU001",)),
    ],
)
def test_expired_revoked_or_unrelated_records_do_not_lift(engine: Engine, record: Record) -> None:
    report = engine.check(Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, records=(record,)))
    assert report.findings[0].lifted_by is None
    assert report.verdict is Verdict.APPROVAL


@pytest.mark.slow
def test_check_many_keeps_order_and_reports_bad_posts_without_stopping(engine: Engine) -> None:
    posts = [
        Post("The door code is 4821#", id="a"),
        Post("", id="b"),
        Post("x" * 200_000, id="c"),
        Post("Lovely walk by the river.", id="d"),
    ]
    reports = engine.check_many(posts)
    assert [r.post_id for r in reports] == ["a", "b", "c", "d"]
    assert reports[0].verdict is Verdict.BLOCK and reports[0].error is None
    assert reports[1].error is not None and "nothing to check" in reports[1].error.message
    assert reports[2].error is not None and "limit is 100,000" in reports[2].error.message
    assert reports[3].verdict is Verdict.PASS
    assert reports[1].to_json()["verdict"] == "error"


@pytest.mark.slow
def test_check_many_matches_check_one_by_one(engine: Engine) -> None:
    texts = ["The REF is a farce.", ANNOUNCEMENT, "Sign our petition to save the nursery!", "Nice day."]
    posts = [Post(t, account=AccountKind.PROFESSIONAL) for t in texts]
    batched = [[f.code for f in r.findings] for r in engine.check_many(posts)]
    single = [[f.code for f in engine.check(p).findings] for p in posts]
    assert batched == single


@pytest.mark.slow
def test_photos_say_which_checks_are_not_active_yet(engine: Engine) -> None:
    photo = str(Path(__file__).parent / "photos" / "plain.jpg")
    report = engine.check(Post("", photos=(photo,)))
    assert report.error is None and report.verdict is Verdict.PASS
    assert "BR001" in report.notices[0]  # the one photo check still to come


@pytest.mark.slow
def test_department_local_rule_reports_its_own_code(tmp_path: Path) -> None:
    dept = tmp_path / "dept.yaml"
    dept.write_text(
        "id: dept-physics\nversion: '1'\nextends: oxford-university\nlocal_rules:\n"
        "  - {code: LPHYS-001, name: instrument-code-name, message: Not public yet., severity: warning,"
        " clauses: [G15, G52], patterns: ['project\\s+helios']}\n",
        encoding="utf-8",
    )
    report = Engine(load_pack(dept)).check(Post("Tests of Project Helios went well today."))
    (finding,) = report.findings
    assert finding.code == "LPHYS-001" and finding.clauses == ("G15", "G52")
    assert report.policy == "dept-physics@1"


@pytest.mark.slow
def test_homoglyphs_and_zero_width_do_not_hide_an_announcement_or_a_secret(engine: Engine) -> None:
    hidden = "We аre dеlighted to аnnounce that the Depаrtment of Physics hаs won a £2m grаnt."  # Cyrillic а, е
    assert "AU001" in {f.code for f in engine.check(Post(hidden, account=AccountKind.OFFICIAL)).findings}
    secret = "The w\u200bifi pass\u200bword is Quad\u200d2026!"
    (finding,) = engine.check(Post(secret)).findings
    assert finding.code == "SE001"
    assert secret[finding.where.text.start : finding.where.text.end] == "Quad\u200d2026!"


def test_verdict_order() -> None:
    assert verdict_of([]) is Verdict.PASS


def test_a_run_on_list_of_thousands_of_addresses_finds_each_and_cues_count_only_nearby(engine: Engine) -> None:
    """Each address used to search its whole sentence for cues: 6,000 addresses in one sentence took 41 s."""
    many = ", ".join(f"{n} High Street" for n in range(1, 2_001))
    report = engine.check(Post(f"Flyers went to {many}."))
    assert sum(f.code == "DP001" for f in report.findings) == 2_000
    near = "The seminar is in the Department of Chemistry, 12 Mansfield Road, Oxford OX1 3TA."
    far = "The seminar is in the Department of Chemistry" + ", and then" * 40 + ", 12 Mansfield Road, Oxford OX1 3TA."
    assert "DP001" not in {f.code for f in engine.check(Post(near)).findings}
    assert "DP001" in {f.code for f in engine.check(Post(far)).findings}  # the cue is 400 characters away


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"photos": "holiday.jpg"}, "'photos' must be a list of paths, not str"),
        ({"photos": [None]}, "'photos' must be a list of paths"),
        ({"account": "wizard"}, "unknown account kind 'wizard'"),
        ({"scheduled_at": 1764000000}, "'scheduled_at' must be an ISO 8601 time, not int"),
        ({"scheduled_at": "9999-12-31T23:59:59-12:00"}, "too close to the calendar's ends"),
        ({"records": ["WP-1"]}, "'records' must be a list of record objects, not str"),
        ({"platform": 7}, "'platform' must be a string, not int"),
        ({"id": 5.5}, "'id' must be a string or a number, not float"),
        ({"bio": ["Lecturer"]}, "'bio' must be a string, not list"),
    ],
)
def test_a_post_built_wrongly_in_python_gets_an_error_report_not_an_exception(
    engine: Engine, fields: dict[str, object], message: str
) -> None:
    report = engine.check(Post("Lovely day.", **fields))  # type: ignore[arg-type]
    assert report.error is not None and message in report.error.message
    assert report.to_json()["verdict"] == "error"


def test_a_plain_string_account_and_a_path_object_photo_are_read(engine: Engine) -> None:
    photo = Path(__file__).parent / "photos" / "gps.jpg"
    report = engine.check(Post("Lovely day.", account="official", photos=(photo,)))  # type: ignore[arg-type]
    assert report.error is None and "PH004" in {f.code for f in report.findings}
