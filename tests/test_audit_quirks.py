"""Regression tests for what a check against exports built blind (issue 29: by someone who read only
shared/design/EXPORTS.md) found: each quirk is rebuilt with our own content in tests/audit_fixtures.py."""

from __future__ import annotations

import json
from pathlib import Path

import audit_fixtures as fx
import pytest
from click.testing import CliRunner
from test_audit_import import run

from postguard.audit import ImportedItem, ImportProblem, Kind, Limits, import_archive
from postguard.cli import cli


def _cli(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["audit", "import", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def test_x_manifest_files_that_are_missing_and_orphaned_long_posts_are_reported(tmp_path: Path) -> None:
    items, problems = run(fx.x_archive_with_gaps(tmp_path))
    assert list(items) == ["5001"]
    found = [(p.code, p.member, p.entry) for p in problems]
    assert ("PG549", "data/tweets-part2.js", None) in found  # listed in manifest.js, not in the zip
    assert ("PG520", "data/tweets-part1.js", None) in found  # not JSON: the whole part is unreadable
    assert ("PG530", "data/tweets.js", "entry 1") in found  # no id: named by its place
    assert ("PG531", "data/tweets.js", "entry 2 (5003)") in found  # named by its id
    orphan = next(p for p in problems if p.code == "PG550")  # its tweet was in the unreadable part
    assert orphan.member == "data/note-tweet.js" and orphan.entry == "note tweet 8001"
    assert "2024-03-05T09:30:00Z" in orphan.reason
    assert not any("ageinfo" in p.member for p in problems)  # a file the importer does not read


def test_zip_bombs_are_refused_whether_their_header_tells_or_lies(tmp_path: Path) -> None:
    archive = fx.x_archive_with_bombs(tmp_path, lying_photo_used=True)
    with import_archive(archive) as results:
        found = list(results)
        items = {r.id: r for r in found if isinstance(r, ImportedItem)}
        # bzip2 and LZMA members that are sound are read whole, their CRC checked
        for tweet in ("6001", "6002"):
            (copy,) = items[tweet].media_files
            assert Path(copy).read_bytes() == fx.PHOTO * 100
    by_member = {r.member: r for r in found if isinstance(r, ImportProblem)}
    # declares a gigabyte from a few bytes: refused when the archive is listed, never read
    assert by_member["data/tweets_media/6009-gigabyte.jpg"].code == "PG545"
    # declares 2,048 bytes and inflates to 8 MiB: stopped as soon as it passes what it declared
    lying = by_member["data/tweets_media/6003-big.jpg"]
    assert lying.code == "PG533" and "inflates past the 2,048 bytes" in lying.reason
    assert items["6003"].media_files == ()


def test_audit_import_reads_every_photo_through_its_caps_even_one_no_post_uses(tmp_path: Path) -> None:
    archive = fx.x_archive_with_bombs(tmp_path, lying_photo_used=False)
    code, lines, err = _cli(str(archive))
    assert code == 1 and {line["id"] for line in lines} == {"6001", "6002"}
    assert "skipped [PG553]: data/tweets_media/6003-big.jpg: refused: it inflates past the 2,048 bytes" in err
    assert "skipped [PG545]: data/tweets_media/6009-gigabyte.jpg: refused: it declares 1,073,741,824 bytes" in err


def test_facebook_a_shared_link_with_words_is_the_accounts_post_a_shared_post_a_quote(tmp_path: Path) -> None:
    items, problems = run(fx.facebook_shares(tmp_path))
    kinds = {item.created_at.timestamp(): item.kind for item in items.values() if item.created_at}
    assert kinds == {1710000000: Kind.POST, 1710000100: Kind.QUOTE, 1710000200: Kind.REPOST, 1710000300: Kind.REPOST}
    assert problems == []


def test_linkedin_basic_export_is_recognised_and_says_shares_need_the_complete_export(tmp_path: Path) -> None:
    code, lines, err = _cli(str(fx.linkedin_basic(tmp_path)))
    assert code == 1 and lines == []
    assert "skipped [PG507]" in err and "Shares.csv (in the complete export)" in err


def test_a_text_longer_than_a_post_may_be_is_skipped_and_named(tmp_path: Path) -> None:
    archive = fx.x_archive_of(
        tmp_path, [("short", fx.dt.datetime(2024, 3, 1, 10)), ("y" * 80, fx.dt.datetime(2024, 3, 1, 11))]
    )
    items, problems = run(archive, limits=Limits(max_text_chars=50))
    assert list(items) == ["1000"]
    (long,) = problems
    assert long.code == "PG546" and long.member == "data/tweets.js" and long.entry == "post 1001"
    assert "80 characters, more than a post may have (50)" in long.reason


def test_bluesky_block_that_does_not_match_its_cid_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    items, problems = run(fx.bluesky_car_damaged(tmp_path, tamper="app.bsky.feed.post/3kccc"))
    assert "3kccc" not in items and {"3kaaa", "3kbbb", "3kddd", "3kggg"} <= set(items)
    (altered,) = [p for p in problems if p.code == "PG530" and "3kccc" in (p.entry or "")]
    assert "do not match its CID" in altered.reason


def test_an_archive_nothing_could_be_imported_from_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from postguard.cli import main

    for archive in (fx.bluesky_car_damaged(tmp_path, root_missing=True), fx.mastodon_truncated(tmp_path, at=0.05)):
        with pytest.raises(SystemExit) as exited:
            main(["audit", "import", str(archive)])
        out, err = capsys.readouterr()
        assert exited.value.code == 2 and out == "", err
        *skipped, error = err.strip().splitlines()
        assert skipped and all(line.startswith("postguard: skipped [PG52") for line in skipped)
        assert error.startswith("postguard: error [PG548]: ") and "nothing could be imported" in error


def test_wxr_item_without_post_id_or_guid_is_skipped_with_its_comments(tmp_path: Path) -> None:
    items, problems = run(fx.wxr_without_ids(tmp_path))
    assert list(items) == ["21"]  # WXR 1.1 read; the nameless item and its comment 9 left out
    (nameless,) = problems
    assert nameless.code == "PG530" and "no wp:post_id and no guid" in nameless.reason
    assert nameless.entry == "item 1 (https://notes.example.ac.uk/nameless/)"


def test_a_feed_that_says_utf8_and_is_windows_1252_is_read_and_reported(tmp_path: Path) -> None:
    items, problems = run(fx.rss_mislabelled(tmp_path))
    assert list(items) == ["n1", "n2", "n3"]
    assert items["n2"].text == "Fees — £150 for the café’s course"
    (mislabelled,) = problems
    assert mislabelled.code == "PG551" and mislabelled.member == "mislabelled.xml"
    assert "declares UTF-8 but is not (byte 0x97 at offset" in mislabelled.reason


def test_atom_entry_without_updated_is_kept_and_reported_one_without_dates_skipped(tmp_path: Path) -> None:
    items, problems = run(fx.atom_without_dates(tmp_path))
    assert list(items) == ["tag:bench.example.net,2024:a"]
    assert items["tag:bench.example.net,2024:a"].created_at == fx.dt.datetime(2024, 9, 1, 9, tzinfo=fx.dt.UTC)
    assert [(p.code, p.entry) for p in problems] == [
        ("PG552", "entry tag:bench.example.net,2024:a"),
        ("PG530", "item 1 (tag:bench.example.net,2024:b)"),
    ]


def test_a_data_file_cut_off_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    items, problems = run(fx.mastodon_truncated(tmp_path, at=0.6))
    assert "111" in items and "117" not in items
    (cut,) = problems
    assert cut.code == "PG520" and cut.member == "outbox.json" and "truncated?" in cut.reason


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1 << 20])
def test_the_entry_reader_gives_what_json_loads_gives_across_any_chunk_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    from postguard.audit import jsonstream
    from postguard.audit.archive import open_archive

    monkeypatch.setattr(jsonstream, "CHUNK", chunk)
    entries = [
        {"a": 'quote " and backslash \\\\ and \\u00e9 é 🌿', "n": [1, 2.5e3, -7, True, None, {"x": []}]},
        12345678901234567890,
        "a string with ] and } and , inside",
        {"long": "L" * 300, "esc": "\\\\" * 50 + '"'},  # skipped: too long (escapes across boundaries)
        [],
        {"last": 1},
    ]
    text = "window.YTD.tweets.part0 = [\n " + ",\n ".join(json.dumps(e, ensure_ascii=False) for e in entries) + "\n];\n"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tweets.js").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with open_archive(tmp_path, limits=Limits(max_entry_chars=250)) as archive:
        got = list(jsonstream.stream_entries(archive, "data/tweets.js", prefix=fx_prefix()))
    assert got[:3] == entries[:3] and got[4:] == entries[4:]
    assert isinstance(got[3], ImportProblem) and (got[3].code, got[3].entry) == ("PG559", "entry 3")


def fx_prefix() -> object:
    from postguard.audit.importers.x import _PREFIX

    return _PREFIX


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"orderedItems": [{"a": 1}, {"b": ', "truncated?"),
        ('[{"a": 1}, {b: 2}]', "Expecting property name"),
        ('[{"a": 1} {"b": 2}]', "expected ',' or ']' after entry 0"),
        ('{"items": 3}', "expected a list of entries"),
        ("42", "expected a list of entries"),
    ],
)
def test_the_entry_reader_reports_damage_after_the_entries_before_it(tmp_path: Path, text: str, reason: str) -> None:
    from postguard.audit import jsonstream
    from postguard.audit.archive import open_archive

    (tmp_path / "outbox.json").write_text(text, encoding="utf-8")
    with open_archive(tmp_path / "outbox.json") as archive:
        got = list(jsonstream.stream_entries(archive, "outbox.json", keys=("orderedItems",)))
    *entries, damage = got
    assert all(not isinstance(e, ImportProblem) for e in entries)
    assert entries == ([{"a": 1}] if "a" in text else [])
    assert isinstance(damage, ImportProblem) and damage.code == "PG520" and reason in damage.reason


_MEASURED = """import resource, sys
from postguard.cli import main
try:
    main(sys.argv[1:])
finally:
    print(f"maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def _import_measured(path: Path, *args: str) -> tuple[int, int, str, int]:
    """``postguard audit import`` in a fresh process: exit code, JSON lines written, stderr, peak RSS (KiB)."""
    import subprocess
    import sys

    command = [sys.executable, "-c", _MEASURED, "audit", "import", *args, str(path)]
    out = path.parent / "items.jsonl"
    with open(out, "wb") as written:  # not held by this process
        done = subprocess.run(command, stdout=written, stderr=subprocess.PIPE, timeout=900)
    lines = 0
    with open(out, "rb") as items:
        while chunk := items.read(1 << 20):
            lines += chunk.count(b"\n")
    out.unlink()
    err = done.stderr.decode("utf-8", "replace")
    peak = int(err.rsplit("maxrss ", 1)[1].split()[0])
    return done.returncode, lines, err, peak


@pytest.mark.slow
def test_a_500_mb_tweets_js_is_read_an_entry_at_a_time_in_bounded_memory(tmp_path: Path) -> None:
    root = fx.huge_x_archive(tmp_path, size=500 << 20)
    assert (root / "data" / "tweets.js").stat().st_size > 500 << 20
    code, lines, err, peak = _import_measured(root)
    assert code == 0 and "skipped" not in err, err[-500:]
    assert lines > 750_000  # every tweet (about 670 bytes each)
    assert peak < 2 << 20, f"peak RSS {peak // 1024} MiB"  # under 2 GiB (it is about 35 MiB)


@pytest.mark.slow
def test_a_posts_file_with_one_300_mb_string_skips_that_post_unread_in_bounded_memory(tmp_path: Path) -> None:
    root = fx.meta_posts_with_one_huge_string(tmp_path, chars=300 << 20)
    code, lines, err, peak = _import_measured(root)
    assert code == 1 and lines == 2  # the posts before and after it
    assert (
        "skipped [PG559]: your_instagram_activity/content/posts_1.json: entry 1 (media/posts/202403/2.jpg): "
        "longer than 16,777,216 "
        "characters of JSON (no post is); skipped unread" in err
    )
    assert peak < 2 << 20, f"peak RSS {peak // 1024} MiB"


def test_an_entry_nested_too_deeply_is_skipped_and_the_next_read(tmp_path: Path) -> None:
    from postguard.audit import jsonstream
    from postguard.audit.archive import open_archive

    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "posts_1.json").write_text(f'[{{"a": 1}}, {deep}, {{"b": 2}}]', encoding="utf-8")
    with open_archive(tmp_path / "posts_1.json") as archive:
        got = list(jsonstream.stream_entries(archive, "posts_1.json"))
    assert got[0] == {"a": 1} and got[2] == {"b": 2}
    assert isinstance(got[1], ImportProblem) and got[1].code == "PG530" and "nested too deeply" in got[1].reason
