"""postguard audit import: the importers of each export format (shared/design/EXPORTS.md), on fixtures built
at test time (tests/audit_fixtures.py), and hostile archives refused or bounded with the member named."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import audit_fixtures as fx
import pytest
from click.testing import CliRunner

from postguard.audit import ImportedItem, ImportProblem, Kind, Limits, import_archive, to_post
from postguard.audit.archive import normalise_name, open_archive
from postguard.audit.car import read_car
from postguard.audit.importers.linkedin import repair_paragraphs
from postguard.audit.importers.x import strip_js
from postguard.audit.importers.youtube import comment_text
from postguard.audit.mojibake import repair, repair_json_text
from postguard.cli import cli
from postguard.errors import ArchiveError
from postguard.types import AccountKind

UTC = dt.UTC


def run(path: Path, fmt: str | None = None, **options: object) -> tuple[dict[str, ImportedItem], list[ImportProblem]]:
    items: dict[str, ImportedItem] = {}
    problems: list[ImportProblem] = []
    with import_archive(path, fmt, **options) as results:  # type: ignore[arg-type]
        for result in results:
            if isinstance(result, ImportedItem):
                assert result.id not in items, result.id
                items[result.id] = result
            else:
                problems.append(result)
    return items, problems


def _common(items: dict[str, ImportedItem]) -> None:
    for item in items.values():
        assert isinstance(item.id, str) and item.id
        assert item.created_at is None or item.created_at.tzinfo is UTC
        if item.kind in (Kind.REPOST, Kind.DIRECT_MESSAGE, Kind.DELETED):
            assert not item.publication


# X ------------------------------------------------------------------------------------------------------


def test_x_archive_tells_posts_replies_threads_reposts_quotes_deleted_and_messages_apart(tmp_path: Path) -> None:
    items, problems = run(fx.x_archive(tmp_path))
    _common(items)
    kinds = {i: item.kind for i, item in items.items()}
    assert kinds == {
        fx.BIG_ID: Kind.POST,
        "101": Kind.REPLY,
        "102": Kind.THREAD,
        "103": Kind.REPOST,
        "104": Kind.QUOTE,
        "105": Kind.POST,
        "50": Kind.POST,
        "200": Kind.DELETED,
        "300": Kind.DIRECT_MESSAGE,  # the message the account received (301) is not its words
    }
    first = items[fx.BIG_ID]
    assert first.id == "1690000000000000001"  # above 2**53, kept exactly
    assert (
        first.text == "Open day & tours at the lab https://example.org/open"
    )  # unescaped, t.co expanded, media link dropped
    assert first.created_at == dt.datetime(2023, 8, 12, 16, 10, 37, tzinfo=UTC)
    assert first.media == (f"data/tweets_media/{fx.BIG_ID}-Fx1.jpg",)
    assert first.url == f"https://x.com/OxfordDept/status/{fx.BIG_ID}" and first.account == "OxfordDept"
    assert items["101"].created_at == dt.datetime(2023, 8, 13, 8, 0, tzinfo=UTC)  # +0100 to UTC
    assert items["101"].in_reply_to == "99" and items["102"].in_reply_to == fx.BIG_ID
    assert not items["103"].publication and items["104"].refers_to == "https://twitter.com/other/status/555"
    assert items["105"].text.endswith("it continues here with the whole text.")  # the note tweet, by time and prefix
    assert [(p.code, p.member, p.entry) for p in problems] == [
        ("PG531", "data/tweets.js", "entry 6 (106)"),
        ("PG531", "data/tweets.js", "entry 7 (107)"),
    ]


def test_x_data_file_prefix_is_stripped_never_run() -> None:
    assert json.loads(strip_js('window.YTD.tweets.part0 = [{"a": 1}];\n')) == [{"a": 1}]
    assert json.loads(strip_js("window.__THAR_CONFIG = {}")) == {}
    assert strip_js("[1]") == "[1]"


def test_x_photos_are_extracted_privately_and_become_the_posts_photos(tmp_path: Path) -> None:
    with import_archive(fx.x_archive(tmp_path)) as results:
        item = next(r for r in results if isinstance(r, ImportedItem) and r.media)
        (path,) = item.media_files
        assert Path(path).read_bytes() == fx.PHOTO and Path(path).parent != tmp_path
        assert oct(Path(path).parent.stat().st_mode & 0o777) == "0o700"
        post = to_post(item, account=AccountKind.OFFICIAL)
        assert post.photos == (path,) and post.id == f"x:OxfordDept:{fx.BIG_ID}"
        assert post.account is AccountKind.OFFICIAL and post.platform == "x" and post.scheduled_at == item.created_at
        results.done(item)
        assert not Path(path).exists()
    assert not Path(path).parent.exists()


# Facebook and Instagram ---------------------------------------------------------------------------------


@pytest.mark.parametrize("era", ["2024", "2022", "2021"])
def test_facebook_posts_across_eras_with_mojibake_repaired(tmp_path: Path, era: str) -> None:
    items, problems = run(fx.facebook_archive(tmp_path, era=era))
    _common(items)
    by_text = {item.text: item for item in items.values()}
    post = by_text["Séminaire on café culture ☕"]
    assert post.kind is Kind.POST and post.publication and post.account == "janedoe"
    assert post.media == ("your_facebook_activity/posts/media/Séminaire_2023/photo1.jpg",)  # uri mojibake, member UTF-8
    assert post.created_at == dt.datetime.fromtimestamp(1700000000, UTC)
    assert post.id.startswith("1700000000-")
    assert by_text["Our new lab"].media  # a photo-only post: its caption is the text
    repost = next(i for i in items.values() if i.kind is Kind.REPOST)
    assert repost.text == "" and not repost.publication and repost.refers_to == "https://news.example/a"
    assert by_text["Read this, it is important"].kind is Kind.QUOTE
    assert by_text["Félicitations !"].kind is Kind.COMMENT
    assert sorted(p.code for p in problems) == ["PG531", "PG532"]


def test_meta_mojibake_is_repaired_before_parsing_and_escaped_backslashes_are_left() -> None:
    assert json.loads(repair_json_text('"caf\\u00c3\\u00a9"')) == "café"
    assert json.loads(repair_json_text('"\\\\u00c3\\u00a9"')) == "\\u00c3©"  # only the real escape is read
    assert json.loads(repair_json_text('"\\u00e9t\\u00e9"')) == "été"  # not valid UTF-8: left as Latin-1
    assert repair("CafÃ©") == "Café" and repair("Café") == "Café"


def test_instagram_single_and_carousel_posts_stories_archived_and_comments(tmp_path: Path) -> None:
    items, problems = run(fx.instagram_archive(tmp_path))
    _common(items)
    assert items["17900000001"].text == "Graduation day 🎓 at the Sheldonian"
    assert items["17900000001"].media == ("media/posts/202401/17900000001.jpg",)
    carousel = items["17900000002"]
    assert carousel.text == "Carousel: the new library" and len(carousel.media) == 2
    assert carousel.created_at == dt.datetime.fromtimestamp(1706800000, UTC)
    assert items["17900000004"].text == "Story time" and items["17900000004"].publication
    assert items["1"].kind is Kind.DELETED and not items["1"].publication  # archived: published, then hidden
    comment = next(i for i in items.values() if i.kind is Kind.COMMENT)
    assert comment.text == "Très bien" and comment.in_reply_to == "someone"
    assert {i.account for i in items.values()} == {"oxford_lab"}
    assert [(p.code, p.entry) for p in problems] == [("PG530", "entry 2")]


# LinkedIn -----------------------------------------------------------------------------------------------


def test_linkedin_shares_multiline_quotes_paragraph_artefact_reposts_and_comments(tmp_path: Path) -> None:
    items, problems = run(fx.linkedin_archive(tmp_path))
    _common(items)
    first = items["7170000000000000001"]
    assert first.text == 'Delighted to share our paper, "Quiet Labs".\nRead it here.'
    assert first.created_at == dt.datetime(2024, 3, 1, 9, 30, tzinfo=UTC) and first.media == ()
    assert items["7170000000000000002"].text == "First paragraph.\n\nSecond paragraph."
    assert items["7170000000000000003"].kind is Kind.REPOST and not items["7170000000000000003"].publication
    assert items["7170000000000000004"].kind is Kind.QUOTE
    assert items["777"].kind is Kind.COMMENT and items["777"].text == "Great work!"
    assert [(p.code, p.entry) for p in problems] == [("PG531", "row at line 9"), ("PG530", "row at line 10")]


def test_linkedin_paragraph_repair_only_when_a_line_is_exactly_two_quotes() -> None:
    assert repair_paragraphs('"One"\n""\n"Two"') == "One\n\nTwo"
    assert repair_paragraphs('"Quoted" and not\n"also"') == '"Quoted" and not\n"also"'


def test_a_broken_csv_quote_stops_that_file_with_a_problem_not_merged_rows(tmp_path: Path) -> None:
    broken = fx.SHARES_CSV.split("\r\n")[0] + '\r\n2024-01-01 00:00:00,urn:li:share:1,"never closed,,,PUBLIC\r\n'
    items, problems = run(fx.write_zip(tmp_path / "li.zip", {"Shares.csv": broken}))
    assert items == {} and [p.code for p in problems] == ["PG524"] and problems[0].member == "Shares.csv"


# Mastodon -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("build", [fx.mastodon_archive, fx.mastodon_tar])
def test_mastodon_visibility_boosts_threads_quotes_and_media(tmp_path: Path, build: Callable[[Path], Path]) -> None:
    items, problems = run(build(tmp_path))
    _common(items)
    assert {i: item.kind for i, item in items.items()} == {
        "111": Kind.POST,
        "112": Kind.REPLY,
        "113": Kind.THREAD,  # followers-only is still published
        "114": Kind.DIRECT_MESSAGE,
        "115": Kind.QUOTE,
        "116": Kind.REPOST,
    }
    post = items["111"]
    assert post.text == "Open day at the #lab\nsee https://example.org/very/long/path"  # no markup, no script
    assert post.media == ("media_attachments/files/109/876/543/original/abc.jpg",)  # /system/ stripped
    assert post.account == "lab@mastodon.example" and post.url == "https://mastodon.example/@lab/111"
    assert items["112"].created_at == dt.datetime(2024, 4, 2, 8, 0, tzinfo=UTC)
    assert items["115"].text.startswith("CW: politics") and items["115"].refers_to
    assert not items["114"].publication and not items["116"].publication
    assert [(p.code, p.entry) for p in problems] == [
        ("PG530", "entry 6 (https://mastodon.example/users/lab/statuses/117/activity)")
    ]


def test_a_tar_with_a_symlink_and_a_name_outside_is_refused_member_by_member(tmp_path: Path) -> None:
    items, problems = run(fx.mastodon_tar(tmp_path, symlink=True))
    assert "111" in items
    assert {(p.code, p.member) for p in problems} >= {("PG512", "avatar.png"), ("PG511", "../outside.txt")}


# Bluesky ------------------------------------------------------------------------------------------------


def test_bluesky_repository_posts_replies_threads_quotes_and_reposts(tmp_path: Path) -> None:
    items, problems = run(fx.bluesky_car(tmp_path))
    _common(items)
    assert {i: item.kind for i, item in items.items()} == {
        "3kaaa": Kind.POST,
        "3kbbb": Kind.REPLY,
        "3kccc": Kind.THREAD,
        "3kddd": Kind.QUOTE,
        "3kggg": Kind.REPOST,  # the like (3kfff) is not imported
    }
    post = items["3kaaa"]
    assert post.text == "Hello from the lab 🔬" and post.account == fx.DID
    assert post.url == f"https://bsky.app/profile/{fx.DID}/post/3kaaa"
    assert post.created_at == dt.datetime(2024, 2, 1, 10, 0, 0, 123000, tzinfo=UTC)
    assert items["3kccc"].created_at == dt.datetime(2024, 2, 3, 9, 0, tzinfo=UTC)
    assert any(p.code == "PG530" and "'text' is not a string" in p.reason for p in problems)  # 3keee
    blob = next(p for p in problems if p.code == "PG547")  # the image blob is not in the CAR, by design:
    assert blob.notice and blob.entry == "record app.bsky.feed.post/3kaaa"  # a notice, nothing skipped


def test_bluesky_blob_found_when_the_archive_holds_it(tmp_path: Path) -> None:
    fx.bluesky_car(tmp_path)
    cid = "bafkreifstakm6v4s42cm25owu76opjt2cgeh4mjpq7fcvqsjnwa7gzp7oi"  # sha256 of b"img", raw codec
    (tmp_path / "blobs").mkdir()
    (tmp_path / "blobs" / f"{cid}.jpg").write_bytes(fx.PHOTO)
    items, problems = run(tmp_path, extract_media=False)
    assert items["3kaaa"].media == (f"blobs/{cid}.jpg",)
    assert "PG547" not in {p.code for p in problems}


def test_a_truncated_car_keeps_the_blocks_before_the_cut(tmp_path: Path) -> None:
    items, problems = run(fx.bluesky_car(tmp_path, truncate=5))
    assert "PG526" in {p.code for p in problems}
    assert any("cut off" in p.reason for p in problems)
    assert items  # the commit and tree come first; the record cut off is reported


def test_car_that_is_not_a_car_is_refused() -> None:
    with pytest.raises(Exception, match="cut off|header|DAG-CBOR"):
        read_car(b"\x05hello")


# YouTube ------------------------------------------------------------------------------------------------


def test_youtube_videos_privacy_and_comments_old_and_new_text(tmp_path: Path) -> None:
    items, problems = run(fx.youtube_takeout(tmp_path))
    _common(items)
    assert items["vid1"].text == "Lab tour\n\nA tour of the lab.\nWith our team." and items["vid1"].publication
    assert items["vid1"].url == "https://www.youtube.com/watch?v=vid1" and items["vid1"].account == "UC123"
    assert not items["vid2"].publication  # private
    assert items["vid3"].publication and items["vid3"].created_at == dt.datetime(2024, 10, 3, 8, tzinfo=UTC)
    assert items["c1"].text == "Great talk" and items["c1"].kind is Kind.COMMENT
    assert items["c2"].text == "Thanks, agreed" and items["c2"].kind is Kind.REPLY and items["c2"].in_reply_to == "c0"
    assert [p.code for p in problems] == ["PG530"]


def test_youtube_comment_text_formats() -> None:
    assert comment_text('{"takeoutSegments":[{"text":"a"},{"text":"b"}]}') == "ab"
    assert comment_text('{"text":"a\nb"},{"text":"c"}') == "a\nbc"  # control characters allowed
    assert comment_text("plain") == "plain"


# WordPress and feeds ------------------------------------------------------------------------------------


def test_wordpress_posts_pages_drafts_trash_and_comments(tmp_path: Path) -> None:
    items, problems = run(fx.wxr(tmp_path))
    _common(items)
    post = items["10"]
    assert post.kind is Kind.POST and post.publication
    assert post.text == "New centre\n\nOur new centre opens.\n\nThe centre\n\nCode: a]]>b"  # no script, no shortcode
    assert post.media == ("wp-content/uploads/2024/01/centre.jpg",)
    assert post.created_at == dt.datetime(2024, 1, 15, 9, tzinfo=UTC) and post.account == "blog.example.ac.uk"
    assert items["11"].kind is Kind.PAGE
    assert not items["12"].publication and items["12"].created_at is None  # a draft
    assert items["13"].kind is Kind.DELETED
    assert "5" not in items and "6" not in items  # an attachment and a menu item are not content
    assert not items["comment-3"].publication and items["comment-4"].publication  # a visitor's; the author's
    assert items["comment-4"].in_reply_to == "comment-3"
    assert [(p.code, p.entry) for p in problems] == [("PG531", "item 6 (14)")]


def test_rss_in_its_declared_encoding_and_atom_with_replies(tmp_path: Path) -> None:
    items, problems = run(fx.rss_feed(tmp_path))
    first = items["https://news.example.ac.uk/?p=1"]
    assert first.text == "Café opens\n\nThe café is open." and first.created_at == dt.datetime(
        2024, 10, 1, 8, tzinfo=UTC
    )
    assert items["https://news.example.ac.uk/?p=2"].created_at is None
    assert [p.code for p in problems] == ["PG531"]
    items, problems = run(fx.atom_feed(tmp_path), "feed")
    assert items["tag:atom.example.org,2024:1"].text == "First\n\nHello & welcome"
    assert items["tag:atom.example.org,2024:1"].url == "https://atom.example.org/1"
    thread = items["tag:atom.example.org,2024:2"]  # answers the same site's entry: a thread it wrote
    assert thread.kind is Kind.THREAD and thread.text == "Re: First\n\nA reply" and problems == []
    reply = items["tag:atom.example.org,2024:3"]  # answers another blog's post
    assert reply.kind is Kind.REPLY and reply.in_reply_to == "tag:elsewhere.example.net,2024:post-9"


@pytest.mark.parametrize("xml", [fx.BILLION_LAUGHS, fx.EXTERNAL_ENTITY])
def test_xml_entities_are_refused_never_expanded(tmp_path: Path, xml: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(xml)
    items, problems = run(path, "feed")
    assert items == {} and [(p.code, p.member) for p in problems] == [("PG523", "feed.xml")]


def test_a_truncated_feed_keeps_the_items_before_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(fx.ATOM[: fx.ATOM.index("<entry><id>tag:atom.example.org,2024:2")] + "<entry><id>x")
    items, problems = run(path, "feed")
    assert list(items) == ["tag:atom.example.org,2024:1"]
    assert [(p.code, p.member) for p in problems] == [("PG522", "feed.xml")]


# Hostile archives ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../evil.js", "'..'"),
        ("data/../../evil.js", "'..'"),
        ("/etc/passwd", "absolute"),
        ("C:/Windows/evil.js", "drive letter"),
        ("data\\evil.js", "backslash"),
        ("data/evil\x1b.js", "control character"),
    ],
)
def test_member_names_outside_the_archive_are_refused(name: str, why: str) -> None:
    with pytest.raises(ArchiveError, match=why) as raised:
        normalise_name(name)
    assert raised.value.code == "PG511"


def test_names_are_normalised() -> None:
    assert normalise_name("./data//tweets.js") == "data/tweets.js"
    assert normalise_name("Se\u0301minaire/a.jpg") == "Séminaire/a.jpg"  # NFC


def test_zip_slip_absolute_and_symlink_members_are_refused_and_the_rest_imported(tmp_path: Path) -> None:
    files = dict(fx.mastodon_files())
    files["../../etc/cron.d/evil"] = "x"
    files["/etc/passwd"] = "x"
    files["C:\\evil.txt"] = "x"
    path = fx.write_zip(tmp_path / "m.zip", files, symlinks={"header.png": "/etc/shadow"})
    items, problems = run(path)
    assert "111" in items
    refused = {p.member: p.code for p in problems}
    assert refused["../../etc/cron.d/evil"] == "PG511" and refused["/etc/passwd"] == "PG511"
    assert refused["C:\\evil.txt"] == "PG511" and refused["header.png"] == "PG512"
    assert not (tmp_path.parent / "etc").exists()


def test_a_symlink_in_a_folder_is_refused_never_followed(tmp_path: Path) -> None:
    root = fx.write_folder(tmp_path / "export", fx.mastodon_files())
    secret = tmp_path / "secret.json"
    secret.write_text('{"orderedItems": []}')
    (root / "media_attachments" / "files" / "109" / "876" / "543" / "original" / "abc.jpg").unlink()
    os.symlink(secret, root / "media_attachments" / "files" / "109" / "876" / "543" / "original" / "abc.jpg")
    os.symlink(tmp_path, root / "up")
    items, problems = run(root)
    codes = {p.member: p.code for p in problems}
    assert codes["media_attachments/files/109/876/543/original/abc.jpg"] == "PG512" and codes["up"] == "PG512"
    assert items["111"].media == ()  # the photo is reported, not read through the link


def test_a_zip_bomb_is_refused_at_the_cap_naming_the_member(tmp_path: Path) -> None:
    path = fx.zip_bomb(tmp_path, expands_to=40 << 20)
    assert path.stat().st_size < 200_000
    items, problems = run(path, limits=Limits(max_member_bytes=4 << 20))  # tweets.js is read as a stream
    assert items == {}
    (bomb,) = [p for p in problems if p.code == "PG514"]
    assert bomb.member == "data/tweets.js" and "4,194,304 bytes" in bomb.reason


def test_the_archive_total_is_capped(tmp_path: Path) -> None:
    items, problems = run(fx.x_archive(tmp_path), limits=Limits(max_total_bytes=2_000))
    assert "PG515" in {p.code for p in problems}


def test_a_tar_gz_bomb_is_not_listed_past_the_total(tmp_path: Path) -> None:
    path = tmp_path / "archive.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name in ("outbox.json", "actor.json"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"{}"))
        zeros = tarfile.TarInfo("media_attachments/zeros.bin")
        zeros.size = 30 << 20
        tar.addfile(zeros, io.BytesIO(bytes(zeros.size)))
        after = tarfile.TarInfo("after.json")
        after.size = 2
        tar.addfile(after, io.BytesIO(b"{}"))
    assert path.stat().st_size < 200_000
    archive = open_archive(path, limits=Limits(max_total_bytes=1 << 20))
    assert "after.json" not in archive
    assert [(p.code, p.member) for p in archive.problems] == [("PG515", "media_attachments/zeros.bin")]
    archive.close()


def test_a_huge_json_member_is_read_an_entry_at_a_time_and_an_entry_too_long_is_skipped(tmp_path: Path) -> None:
    files = fx.mastodon_files()
    outbox = json.loads(str(files["outbox.json"]))
    huge = json.loads(json.dumps(outbox["orderedItems"][0]))
    huge["object"]["id"] = huge["object"]["id"].replace("111", "999")
    huge["object"]["content"] = "<p>" + "x" * 5_000 + "</p>"
    outbox["orderedItems"].insert(1, huge)
    files["outbox.json"] = json.dumps(outbox)
    path = fx.write_zip(tmp_path / "m.zip", files)
    items, problems = run(path, limits=Limits(max_entry_chars=4_000))
    assert "111" in items and "999" not in items and "112" in items  # the ones around it are read
    assert [(p.code, p.member, p.entry) for p in problems if p.code == "PG559"] == [("PG559", "outbox.json", "entry 1")]
    # a member parsed whole (actor.json) is refused past its cap, before it is parsed
    files["actor.json"] = json.dumps({"id": "https://mastodon.example/users/lab", "name": "x" * 5_000})
    items, problems = run(fx.write_zip(tmp_path / "n.zip", files), limits=Limits(max_json_bytes=1_000))
    assert ("PG514", "actor.json") in [(p.code, p.member) for p in problems] and "111" in items


def test_truncated_json_and_wrong_encoding_are_reported_by_member(tmp_path: Path) -> None:
    tweets = fx.ytd("tweets", [{"tweet": {"id_str": "1"}}])
    files: dict[str, bytes | str] = {
        "data/tweets.js": tweets[: len(tweets) // 2],
        "data/deleted-tweets.js": b"window.YTD.deleted_tweets.part0 = [" + '"caf\xe9"]'.encode("latin-1"),
    }
    items, problems = run(fx.write_zip(tmp_path / "x.zip", files))
    assert items == {}
    found = {p.member: p for p in problems}
    assert found["data/tweets.js"].code == "PG520" and "truncated" in found["data/tweets.js"].reason
    assert found["data/deleted-tweets.js"].code == "PG521"
    assert "0xe9" in found["data/deleted-tweets.js"].reason


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    csv = "\ufeff" + fx.SHARES_CSV
    items, _ = run(fx.write_zip(tmp_path / "li.zip", {"Shares.csv": csv.encode("utf-16-le")}))
    assert "7170000000000000001" in items


def test_deeply_nested_json_is_skipped_never_parsed(tmp_path: Path) -> None:
    path = fx.write_zip(tmp_path / "m.zip", {"outbox.json": "[" * 100_000 + "]" * 100_000, "actor.json": "{}"})
    _, problems = run(path)  # the outbox's list holds one entry, nested 99,999 deep: skipped, named
    assert [(p.code, p.member, p.entry) for p in problems] == [("PG530", "outbox.json", "entry 0")]
    assert "nested too deeply" in problems[0].reason


def test_too_many_members_is_an_error_for_the_whole_archive(tmp_path: Path) -> None:
    path = fx.write_zip(tmp_path / "many.zip", {f"data/{i}.js": "" for i in range(30)})
    with pytest.raises(ArchiveError) as raised:
        import_archive(path, "x", limits=Limits(max_members=10))
    assert raised.value.code == "PG510"


def test_a_truncated_zip_cannot_be_read_at_all(tmp_path: Path) -> None:
    path = fx.x_archive(tmp_path)
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(ArchiveError) as raised:
        import_archive(path)
    assert raised.value.code == "PG503" and str(path) in str(raised.value)


def test_an_unknown_export_and_an_unknown_format(tmp_path: Path) -> None:
    path = fx.write_zip(tmp_path / "x.zip", {"readme.txt": "hello"})
    with pytest.raises(ArchiveError) as raised:
        import_archive(path)
    assert raised.value.code == "PG504"
    with pytest.raises(ArchiveError) as raised:
        import_archive(path, "myspace")
    assert raised.value.code == "PG506"
    with pytest.raises(ArchiveError) as raised:
        import_archive(tmp_path / "nope.zip")
    assert raised.value.code == "PG501"


def test_import_streams_items_one_at_a_time(tmp_path: Path) -> None:
    with import_archive(fx.x_archive(tmp_path), extract_media=False) as results:
        first = next(results)
        assert isinstance(first, ImportedItem)
    archive = open_archive(fx.x_archive(tmp_path))
    archive.close()


def test_duplicate_members_keep_the_first(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Shares.csv", fx.SHARES_CSV)
        zf.writestr("./Shares.csv", "Date\r\n")
    items, problems = run(path)
    assert "7170000000000000001" in items and ("PG518", "Shares.csv") in {(p.code, p.member) for p in problems}


# CLI ----------------------------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["audit", "import", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def test_cli_writes_one_json_object_per_publication_and_problems_on_stderr(tmp_path: Path) -> None:
    code, lines, err = _cli(str(fx.x_archive(tmp_path)))
    assert code == 1
    assert {line["id"] for line in lines} == {fx.BIG_ID, "101", "102", "104", "105", "50"}
    assert all(line["publication"] for line in lines) and lines[0]["created_at"] == "2023-08-12T16:10:37Z"
    assert "postguard: skipped [PG531]: data/tweets.js: entry 6 (106): cannot read the time 'None'; skipped" in err
    assert "1 repost" in err and "1 direct-message" in err and "1 deleted" in err


def test_cli_includes_non_publications_when_asked_and_exits_0_when_all_imported(tmp_path: Path) -> None:
    code, lines, err = _cli("--include-non-publications", str(fx.mastodon_archive(tmp_path)))
    assert code == 1 and {line["kind"] for line in lines} >= {"repost", "direct-message"}
    code, lines, err = _cli("--format", "feed", str(fx.atom_feed(tmp_path)))
    assert code == 0 and len(lines) == 3 and err == ""


def test_cli_exits_2_when_the_archive_cannot_be_read(tmp_path: Path) -> None:
    from postguard.cli import main

    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(SystemExit) as exited:
        main(["audit", "import", str(bad)])
    assert exited.value.code == 2


@pytest.mark.slow
def test_cli_in_a_subprocess_prints_the_error_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "postguard", "audit", "import", str(tmp_path / "missing.zip")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"postguard: error [PG501]: {tmp_path / 'missing.zip'}: no such file or folder"
