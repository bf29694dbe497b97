"""Reading posts from JSON lines: every malformed line is one clear problem, and the batch goes on."""

from __future__ import annotations

import json

import pytest

from postguard.engine import Engine
from postguard.errors import InputError, UsageError
from postguard.inputs import post_from_json, read_jsonl
from postguard.types import MAX_RECORD_ID_CHARS, PLATFORMS, Post


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"text": "hi", "photos": "holiday.jpg"}, "'photos' must be a list of paths"),
        ({"text": "hi", "photos": [1, 2]}, "'photos' must be a list of paths"),
        ({"text": "hi", "records": {"id": "WP-1"}}, "'records' must be a list of record objects, not dict"),
        ({"text": "hi", "records": [{"id": "WP-1", "kind": "licence", "covers": "IP001"}]}, "'covers' must be"),
        ({"text": "hi", "records": [{"id": "WP-1", "kind": "licence", "covers": [7]}]}, "'covers' must be"),
        (
            {"text": "hi", "records": [{"id": "WP-1", "kind": "licence", "covers": ["IP001"], "expires": 5}]},
            "'expires' must be a date, YYYY-MM-DD, not int",
        ),
        ({"text": "hi", "records": [{"id": "W", "kind": 3, "covers": []}]}, "'kind' must be a string, not int"),
        ({"text": "hi", "records": [{"id": None, "kind": "licence", "covers": []}]}, "each record needs 'id'"),
        ({"text": "hi", "records": [{"id": [1], "kind": "licence", "covers": []}]}, "'id' must be a string or a"),
        ({"text": "hi", "scheduled_at": 1764000000}, "'scheduled_at' must be an ISO 8601 time, not int"),
        ({"text": "hi", "bio": ["Lecturer"]}, "'bio' must be a string, not list"),
        ({"text": "hi", "account": 1}, "'account' must be a string, not int"),
        ({"text": "hi", "id": {"a": 1}}, "'id' must be a string or a number, not dict"),
        ({"text": "hi", "id": True}, "'id' must be a string or a number, not bool"),
        ({"text": "hi", "markdown": "yes"}, "'markdown' must be true or false, not str"),
        ({"text": 5}, "'text' must be a string"),
        (["text"], "each line must be a JSON object"),
    ],
)
def test_a_field_of_the_wrong_type_is_named(obj: object, message: str) -> None:
    with pytest.raises((InputError, UsageError), match=message.replace("(", r"\(").replace(")", r"\)")):
        post_from_json(obj)


def test_fields_of_the_right_type_are_read() -> None:
    post = post_from_json(
        {
            "id": 17,
            "text": "hi",
            "account": "official",
            "bio": None,
            "records": [{"id": 4, "kind": "licence", "covers": ["IP001"], "expires": "2099-01-01", "revoked": False}],
            "markdown": True,
        }
    )
    assert post.id == "17" and post.bio == "" and post.markdown and post.records[0].id == "4"


def test_deeply_nested_json_is_a_problem_with_its_line_not_a_crash() -> None:
    lines = [b"[" * 200_000 + b"]" * 200_000 + b"\n", json.dumps({"text": "Lovely day."}).encode() + b"\n"]
    first, second = read_jsonl(lines, max_chars=100_000)
    assert first.post is None and "nested too deeply" in (first.problem or "")
    assert second.post is not None and second.post.text == "Lovely day."


def test_a_bio_longer_than_the_text_limit_is_refused(engine: Engine) -> None:
    report = engine.check(Post("Lovely day.", bio="x" * 100_001))
    assert report.error is not None and "the bio must be a string of at most 100,000" in report.error.message


# --- the platform and record ids: the options that reach reports and registries -------------------


@pytest.mark.parametrize("given", ["X", "x", " LinkedIn ", "BLOG", "mastodon"])
def test_a_known_platform_is_read_in_any_case(given: str) -> None:
    assert post_from_json({"text": "hi", "platform": given}).platform == given.strip().lower()


@pytest.mark.parametrize("given", ["myspace", "", "x" * 5000, "x\u202e", "twit ter"])
def test_an_unknown_platform_is_refused_with_the_list(given: str) -> None:
    with pytest.raises(UsageError) as info:
        post_from_json({"text": "hi", "platform": given})
    message = str(info.value)
    assert info.value.code == "PG217" and "\n" not in message and len(message) < 400
    assert message.endswith("use one of " + ", ".join(PLATFORMS))


def test_the_platforms_cover_the_pack_the_registry_and_the_importers() -> None:
    from postguard.audit.importing import _POST_PLATFORM
    from postguard.policy.pack import load_pack

    wording = load_pack().disclaimers
    assert wording is not None
    named = set(wording.character_limits) | wording.short_style | wording.blog_style
    assert named <= set(PLATFORMS)
    assert set(_POST_PLATFORM.values()) <= set(PLATFORMS)


@pytest.mark.parametrize(
    ("rid", "problem"),
    [("W" * 101, "is 101 characters long"), ("C-1\x1b[2J", "holds control characters"), ("C-1\u202e", "holds")],
)
def test_a_record_id_that_reports_could_not_show_is_refused(rid: str, problem: str) -> None:
    with pytest.raises(UsageError) as info:
        post_from_json({"text": "hi", "records": [{"id": rid, "kind": "consent", "covers": ["DP001"]}]})
    assert info.value.code == "PG218" and problem in str(info.value) and "\x1b" not in str(info.value)


def test_a_record_id_of_the_longest_allowed_length_is_kept() -> None:
    rid = "W" * MAX_RECORD_ID_CHARS
    post = post_from_json({"text": "hi", "records": [{"id": rid, "kind": "consent", "covers": ["DP001"]}]})
    assert post.records[0].id == rid
