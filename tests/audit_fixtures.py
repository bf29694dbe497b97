"""Small account exports built at test time, following ``shared/design/EXPORTS.md`` (layouts, field names
and quirks per format), and hostile archives. Each builder writes into a folder it is given and returns
the path of the export."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import stat
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import cbor2

# A real (tiny) JPEG is not needed: the importers only find and copy photo files.
PHOTO = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"
BIG_ID = "1690000000000000001"  # above 2**53: must stay a string


def write_zip(path: Path, files: dict[str, bytes | str], *, symlinks: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def write_folder(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def ytd(name: str, data: Any, *, bom: bool = False) -> str:
    """An X data file: ``window.YTD.<name>.part0 = [...]`` (with a BOM and a trailing ``;`` when asked)."""
    return ("\ufeff" if bom else "") + f"window.YTD.{name}.part0 = " + json.dumps(data, indent=2) + (";" if bom else "")


# X ------------------------------------------------------------------------------------------------------


def x_archive(folder: Path) -> Path:
    account = {"account": {"accountId": "42", "username": "OxfordDept", "email": "dept@example.org"}}
    tweets = [
        {
            "tweet": {
                "id_str": BIG_ID,
                "created_at": "Sat Aug 12 16:10:37 +0000 2023",
                "full_text": "Open day &amp; tours at the lab https://t.co/abc https://t.co/pic",
                "retweet_count": "3",
                "entities": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://example.org/open"}]},
                "extended_entities": {
                    "media": [
                        {
                            "type": "photo",
                            "url": "https://t.co/pic",
                            "media_url_https": "https://pbs.twimg.com/media/Fx1.jpg",
                        }
                    ]
                },
            }
        },
        {
            "tweet": {
                "id_str": "101",
                "created_at": "Sun Aug 13 09:00:00 +0100 2023",
                "full_text": "@someone I agree",
                "in_reply_to_status_id_str": "99",
                "in_reply_to_user_id_str": "7",
                "in_reply_to_screen_name": "someone",
            }
        },
        {
            "tweet": {
                "id_str": "102",
                "created_at": "Sun Aug 13 10:00:00 +0000 2023",
                "full_text": "2/ and more on that",
                "in_reply_to_status_id_str": BIG_ID,
                "in_reply_to_user_id_str": "42",
                "in_reply_to_screen_name": "OxfordDept",
            }
        },
        {
            "tweet": {
                "id_str": "103",
                "created_at": "Mon Aug 14 10:00:00 +0000 2023",
                "full_text": "RT @other: Something someone else wrote, cut at about a hundred and forty…",
                "retweeted": False,
            }
        },
        {
            "tweet": {
                "id_str": "104",
                "created_at": "Mon Aug 14 11:00:00 +0000 2023",
                "full_text": "Worth reading https://t.co/q",
                "entities": {
                    "urls": [{"url": "https://t.co/q", "expanded_url": "https://twitter.com/other/status/555"}]
                },
            }
        },
        {
            "tweet": {
                "id_str": "105",
                "created_at": "Tue Aug 15 12:00:00 +0000 2023",
                "full_text": "A long announcement that goes on past the limit of the old tweet length and so…",
            }
        },
        {"tweet": {"id_str": "106", "full_text": "no time at all"}},
        {"tweet": {"id_str": "107", "created_at": "yesterday", "full_text": "a bad time"}},
    ]
    older = [  # a 2019-style part: bare tweet objects
        {"id_str": "50", "id": 50, "created_at": "Wed Jan 02 03:04:05 +0000 2019", "full_text": "Hello 2019"}
    ]
    notes = [
        {
            "noteTweet": {
                "noteTweetId": "9",
                "createdAt": "2023-08-15T12:00:00.400Z",
                "core": {
                    "text": "A long announcement that goes on past the limit of the old tweet length and so "
                    "it continues here with the whole text."
                },
            }
        }
    ]
    deleted = [{"tweet": {"id_str": "200", "created_at": "Wed Aug 16 12:00:00 +0000 2023", "full_text": "Oops"}}]
    messages = [
        {
            "dmConversation": {
                "conversationId": "42-7",
                "messages": [
                    {
                        "messageCreate": {
                            "id": "300",
                            "senderId": "42",
                            "recipientId": "7",
                            "text": "hi there",
                            "createdAt": "2023-08-17T10:00:00.000Z",
                        }
                    },
                    {
                        "messageCreate": {
                            "id": "301",
                            "senderId": "7",
                            "recipientId": "42",
                            "text": "received",
                            "createdAt": "2023-08-17T10:01:00.000Z",
                        }
                    },
                ],
            }
        }
    ]
    manifest = {"userInfo": {"accountId": "42", "userName": "OxfordDept"}, "dataTypes": {}}
    files: dict[str, bytes | str] = {
        "Your archive.html": "<html></html>",
        "data/manifest.js": "window.__THAR_CONFIG = " + json.dumps(manifest),
        "data/account.js": ytd("account", [account]),
        "data/tweets.js": ytd("tweets", tweets, bom=True),
        "data/tweets-part1.js": ytd("tweets", older),
        "data/note-tweet.js": ytd("note_tweet", notes),
        "data/deleted-tweets.js": ytd("deleted_tweets", deleted),
        "data/direct-messages.js": ytd("direct_messages", messages),
        f"data/tweets_media/{BIG_ID}-Fx1.jpg": PHOTO,
    }
    return write_zip(folder / "twitter-2024-05-01-abc123.zip", files)


# Facebook and Instagram ---------------------------------------------------------------------------------


def meta_json(data: Any) -> str:
    """JSON as Meta writes it: UTF-8 bytes each escaped as ``\\u00XX`` (the mojibake)."""
    text = json.dumps(data, ensure_ascii=False)
    return "".join(c if ord(c) < 128 else "".join(f"\\u00{b:02x}" for b in c.encode("utf-8")) for c in text)


def facebook_archive(folder: Path, *, era: str = "2024") -> Path:
    posts_path = {
        "2024": "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
        "2022": "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json",
        "2021": "posts/your_posts_1.json",
    }[era]
    media_dir = "your_facebook_activity/posts/media/Séminaire_2023"
    posts = [
        {
            "timestamp": 1700000000,
            "data": [{"post": "Séminaire on café culture ☕"}, {"update_timestamp": 1700000100}],
            "attachments": [
                {
                    "data": [
                        {
                            "media": {
                                "uri": f"{media_dir}/photo1.jpg",
                                "creation_timestamp": 1700000000,
                                "title": "Séminaire 2023",
                            }
                        }
                    ]
                }
            ],
            "title": "Jane Doe updated her status.",
        },
        {
            "timestamp": 1700001000,
            "attachments": [{"data": [{"media": {"uri": f"{media_dir}/photo2.jpg", "description": "Our new lab"}}]}],
            "title": "Jane Doe added a new photo.",
        },
        {
            "timestamp": 1700002000,
            "attachments": [{"data": [{"external_context": {"url": "https://news.example/a"}}]}],
            "title": "Jane Doe shared a link.",
        },
        {
            "timestamp": 1700003000,
            "data": [{"post": "Read this, it is important"}],
            "attachments": [{"data": [{"external_context": {"url": "https://news.example/b"}}]}],
            "title": "Jane Doe shared a post.",
        },
        {"data": [{"post": "no timestamp here"}], "title": "Jane Doe updated her status."},
        {
            "timestamp": 1700004000,
            "data": [{"post": "photo gone"}],
            "attachments": [{"data": [{"media": {"uri": f"{media_dir}/missing.jpg"}}]}],
        },
    ]
    comments = {
        "comments_v2": [
            {
                "timestamp": 1700005000,
                "data": [{"comment": {"timestamp": 1700005000, "comment": "Félicitations !", "author": "Jane Doe"}}],
                "title": "Jane Doe commented on Bob's post.",
            }
        ]
    }
    files: dict[str, bytes | str] = {
        posts_path: meta_json(posts),
        "your_facebook_activity/comments_and_reactions/comments.json": meta_json(comments),
        f"{media_dir}/photo1.jpg": PHOTO,
        f"{media_dir}/photo2.jpg": PHOTO,
    }
    return write_zip(folder / "facebook-janedoe-2024-05-01-XyZ.zip", files)


def instagram_archive(folder: Path) -> Path:
    posts = [
        {
            "media": [
                {
                    "uri": "media/posts/202401/17900000001.jpg",
                    "creation_timestamp": 1704100000,
                    "title": "Graduation day 🎓 at the Sheldonian",
                }
            ]
        },
        {
            "media": [
                {"uri": "media/posts/202402/17900000002.jpg", "creation_timestamp": 1706800000, "title": ""},
                {"uri": "media/posts/202402/17900000003.jpg", "creation_timestamp": 1706800000, "title": ""},
            ],
            "title": "Carousel: the new library",
            "creation_timestamp": 1706800000,
        },
        {"media": []},
    ]
    stories = {
        "ig_stories": [
            {"uri": "media/stories/202403/17900000004.jpg", "creation_timestamp": 1709300000, "title": "Story time"}
        ]
    }
    archived = {
        "ig_archived_post_media": [
            {
                "media": [
                    {"uri": "media/archived_posts/202001/1.jpg", "creation_timestamp": 1580000000, "title": "Hidden"}
                ]
            }
        ]
    }
    comments = [
        {
            "string_map_data": {
                "Comment": {"value": "Très bien"},
                "Media Owner": {"value": "someone"},
                "Time": {"timestamp": 1709400000},
            }
        }
    ]
    profile = {"profile_user": [{"string_map_data": {"Username": {"value": "oxford_lab"}}}]}
    root = "instagram-oxford_lab-2024-05-01-abc"
    files: dict[str, bytes | str] = {
        "your_instagram_activity/content/posts_1.json": meta_json(posts),
        "your_instagram_activity/content/stories.json": meta_json(stories),
        "your_instagram_activity/content/archived_posts.json": meta_json(archived),
        "your_instagram_activity/comments/post_comments_1.json": meta_json(comments),
        "personal_information/personal_information/personal_information.json": meta_json(profile),
        "media/posts/202401/17900000001.jpg": PHOTO,
        "media/posts/202402/17900000002.jpg": PHOTO,
        "media/posts/202402/17900000003.jpg": PHOTO,
        "media/stories/202403/17900000004.jpg": PHOTO,
    }
    return write_folder(folder / root, files)


# LinkedIn -----------------------------------------------------------------------------------------------

SHARES_CSV = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n"
    "2024-03-01 09:30:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7170000000000000001,"
    '"Delighted to share our paper, ""Quiet Labs"".\nRead it here.",,https://media.licdn.com/x.jpg,PUBLIC\r\n'
    "2024-03-02 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7170000000000000002,"
    '"""First paragraph.""\n""""\n""Second paragraph.""",,,MEMBER_NETWORK\r\n'
    "2024-03-03 11:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7170000000000000003,,"
    "https://www.linkedin.com/feed/update/urn:li:activity:1,,PUBLIC\r\n"
    "2024-03-04 12:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7170000000000000004,"
    '"My thoughts on this",https://www.linkedin.com/posts/other_activity-2,,PUBLIC\r\n'
    "not a date,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7170000000000000005,text,,,PUBLIC\r\n"
    "2024-03-05 12:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7170000000000000006,too,few\r\n"
)
COMMENTS_CSV = (
    "Date,Link,Message\r\n"
    "2024-03-06 08:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A55?commentUrn="
    "urn%3Ali%3Acomment%3A%28activity%3A55%2C777%29,Great work!\r\n"
)


def linkedin_archive(folder: Path) -> Path:
    files: dict[str, bytes | str] = {
        "Shares_123456.csv": SHARES_CSV,
        "Comments.csv": COMMENTS_CSV,
        "Profile.csv": "First Name,Last Name\r\nJane,Doe\r\n",
    }
    return write_zip(folder / "Complete_LinkedInDataExport_05-01-2024.zip", files)


# Mastodon -----------------------------------------------------------------------------------------------

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
ME = "https://mastodon.example/users/lab"


def _note(status: str, content: str, *, to: list[str], cc: list[str], **extra: Any) -> dict[str, Any]:
    note = {
        "id": f"{ME}/statuses/{status}",
        "type": "Note",
        "url": f"https://mastodon.example/@lab/{status}",
        "published": "2024-04-01T10:00:00Z",
        "content": content,
        "to": to,
        "cc": cc,
        "inReplyTo": None,
        "attachment": [],
    }
    note.update(extra)
    return {
        "id": f"{ME}/statuses/{status}/activity",
        "type": "Create",
        "actor": ME,
        "object": note,
        "published": note["published"],
        "to": to,
        "cc": cc,
    }


def mastodon_files() -> dict[str, bytes | str]:
    followers = f"{ME}/followers"
    items = [
        _note(
            "111",
            '<p>Open day at the <a href="https://mastodon.example/tags/lab" class="hashtag">#<span>lab</span></a>'
            '<br />see <a href="https://example.org/very/long/path"><span class="invisible">https://</span>'
            '<span class="ellipsis">example.org/very/lo</span><span class="invisible">ng/path</span></a></p>'
            "<script>alert(1)</script>",
            to=[PUBLIC],
            cc=[followers],
            attachment=[
                {
                    "type": "Document",
                    "mediaType": "image/jpeg",
                    "url": "/system/media_attachments/files/109/876/543/original/abc.jpg",
                    "name": "alt",
                }
            ],
        ),
        _note(
            "112",
            "<p>@other indeed</p>",
            to=[PUBLIC],
            cc=[followers],
            inReplyTo="https://elsewhere.example/users/other/statuses/5",
            published="2024-04-02T10:00:00+02:00",
        ),
        _note("113", "<p>2/ more</p>", to=[followers], cc=[], inReplyTo=f"{ME}/statuses/111"),
        _note("114", "<p>@friend private word</p>", to=["https://elsewhere.example/users/friend"], cc=[]),
        _note(
            "115",
            "<p>quoting this</p>",
            to=[PUBLIC],
            cc=[],
            quote="https://elsewhere.example/statuses/9",
            summary="CW: politics",
        ),
        {
            "id": f"{ME}/statuses/116/activity",
            "type": "Announce",
            "actor": ME,
            "published": "2024-04-03T10:00:00Z",
            "to": [PUBLIC],
            "cc": [],
            "object": "https://elsewhere.example/users/other/statuses/6",
        },
        {"id": f"{ME}/statuses/117/activity", "type": "Create", "published": "2024-04-03T10:00:00Z"},
    ]
    outbox = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": len(items),
        "orderedItems": items,
    }
    actor = {
        "id": ME,
        "type": "Person",
        "preferredUsername": "lab",
        "url": "https://mastodon.example/@lab",
        "followers": followers,
        "outbox": "outbox.json",
    }
    return {
        "outbox.json": json.dumps(outbox).replace("<", "\\u003c"),
        "media_attachments/files/109/876/543/original/abc.jpg": PHOTO,
        "likes.json": "{}",
        "actor.json": json.dumps(actor),
    }


def mastodon_archive(folder: Path) -> Path:
    return write_zip(folder / "archive-20240501120000-0123456789abcdef0123456789abcdef.zip", mastodon_files())


def mastodon_tar(folder: Path, *, symlink: bool = False) -> Path:
    path = folder / "archive-20200501.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in mastodon_files().items():
            raw = data.encode("utf-8") if isinstance(data, str) else data
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        if symlink:
            link = tarfile.TarInfo("avatar.png")
            link.type = tarfile.SYMTYPE
            link.linkname = "/etc/passwd"
            tar.addfile(link)
            evil = tarfile.TarInfo("../outside.txt")
            evil.size = 1
            tar.addfile(evil, io.BytesIO(b"x"))
    return path


# Bluesky ------------------------------------------------------------------------------------------------

DID = "did:plc:abc123"


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _cid(block: bytes) -> bytes:
    return bytes([0x01, 0x71, 0x12, 0x20]) + hashlib.sha256(block).digest()


def _link(cid: bytes) -> cbor2.CBORTag:
    return cbor2.CBORTag(42, b"\x00" + cid)


def bluesky_records() -> dict[str, dict[str, Any]]:
    image_cid = bytes([0x01, 0x55, 0x12, 0x20]) + hashlib.sha256(b"img").digest()
    other = "at://did:plc:other/app.bsky.feed.post/3kother"
    mine = f"at://{DID}/app.bsky.feed.post/3kaaa"
    ref = {"uri": other, "cid": "bafyother"}
    return {
        "app.bsky.feed.post/3kaaa": {
            "$type": "app.bsky.feed.post",
            "text": "Hello from the lab 🔬",
            "createdAt": "2024-02-01T10:00:00.123Z",
            "langs": ["en"],
            "embed": {
                "$type": "app.bsky.embed.images",
                "images": [
                    {
                        "alt": "lab",
                        "image": {"$type": "blob", "ref": _link(image_cid), "mimeType": "image/jpeg", "size": 3},
                    }
                ],
            },
        },
        "app.bsky.feed.post/3kbbb": {
            "$type": "app.bsky.feed.post",
            "text": "I disagree",
            "createdAt": "2024-02-02T10:00:00Z",
            "reply": {"root": ref, "parent": ref},
        },
        "app.bsky.feed.post/3kccc": {
            "$type": "app.bsky.feed.post",
            "text": "and a second part",
            "createdAt": "2024-02-03T10:00:00+01:00",
            "reply": {"root": {"uri": mine, "cid": "x"}, "parent": {"uri": mine, "cid": "x"}},
        },
        "app.bsky.feed.post/3kddd": {
            "$type": "app.bsky.feed.post",
            "text": "look at this",
            "createdAt": "2024-02-04T10:00:00Z",
            "embed": {"$type": "app.bsky.embed.record", "record": ref},
        },
        "app.bsky.feed.post/3keee": {"$type": "app.bsky.feed.post", "text": 12, "createdAt": "2024-02-05T10:00:00Z"},
        "app.bsky.feed.like/3kfff": {
            "$type": "app.bsky.feed.like",
            "subject": ref,
            "createdAt": "2024-02-06T10:00:00Z",
        },
        "app.bsky.feed.repost/3kggg": {
            "$type": "app.bsky.feed.repost",
            "subject": ref,
            "createdAt": "2024-02-07T10:00:00Z",
        },
    }


def bluesky_car(folder: Path, *, truncate: int = 0, name: str = "repo.car") -> Path:
    """A repository: records, one MST node holding them all (keys prefix-compressed), a commit; the
    header's root is the commit. ``truncate`` cuts that many bytes off the end."""
    blocks: list[tuple[bytes, bytes]] = []
    entries = []
    previous = b""
    for key, record in sorted(bluesky_records().items()):
        data = cbor2.dumps(record)
        cid = _cid(data)
        blocks.append((cid, data))
        raw = key.encode("ascii")
        shared = 0
        while shared < min(len(raw), len(previous)) and raw[shared] == previous[shared]:
            shared += 1
        entries.append({"p": shared, "k": raw[shared:], "v": _link(cid), "t": None})
        previous = raw
    node = cbor2.dumps({"l": None, "e": entries})
    node_cid = _cid(node)
    commit = cbor2.dumps({"did": DID, "version": 3, "data": _link(node_cid), "rev": "3kzzz", "prev": None, "sig": b"s"})
    commit_cid = _cid(commit)
    header = cbor2.dumps({"version": 1, "roots": [_link(commit_cid)]})
    out = bytearray(_varint(len(header)) + header)
    for cid, data in [(commit_cid, commit), (node_cid, node), *reversed(blocks)]:  # block order is undefined
        out += _varint(len(cid) + len(data)) + cid + data
    path = folder / name
    path.write_bytes(bytes(out[: len(out) - truncate]))
    return path


# YouTube ------------------------------------------------------------------------------------------------

YT = "Takeout/YouTube and YouTube Music"


def youtube_takeout(folder: Path) -> Path:
    videos = (
        "Video ID,Approx Duration (ms),Video Description (Original),Channel ID,Video Title (Original),Privacy,"
        "Video State,Video Create Timestamp,Video Publish Timestamp\n"
        'vid1,60000,"A tour of the lab.\nWith our team.",UC123,Lab tour,Public,Processed,'
        "2024-10-01T08:00:00+00:00,2024-10-01T09:00:00+00:00\n"
        "vid2,1000,Secret,UC123,Private draft,Private,Processed,2024-10-02T08:00:00+00:00,\n"
        "vid3,1000,,UC123,Unlisted talk,Unlisted,Processed,2024-10-03T08:00:00+00:00,2024-10-03T09:00:00+01:00\n"
        ",1000,,UC123,No id,Public,Processed,2024-10-04T08:00:00+00:00,\n"
    )
    comments = (
        "Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Video ID,Comment Text\n"
        "c1,UC123,2024-10-05T10:00:00+00:00,,,vidX,"
        '"{""takeoutSegments"":[{""text"":""Great ""},{""text"":""talk""}]}"\n'
        'c2,UC123,2024-10-06T10:00:00+00:00,,c0,vidX,"{""text"":""Thanks, ""},{""text"":""agreed""}"\n'
    )
    files: dict[str, bytes | str] = {
        f"{YT}/channels/channel.csv": "Channel ID,Channel Title (Original)\nUC123,Oxford Lab\n",
        f"{YT}/video metadata/videos.csv": videos,
        f"{YT}/comments/comments.csv": comments,
        f"{YT}/videos/Lab tour.mp4": b"\x00\x00\x00\x18ftypmp42",
    }
    return write_zip(folder / "takeout-20241101T000000Z-001.zip", files)


# WordPress and feeds ------------------------------------------------------------------------------------


def wxr(folder: Path) -> Path:
    body = (
        "<!-- wp:paragraph --><p>Our <strong>new</strong> centre opens.</p><!-- /wp:paragraph -->"
        '[caption id="attachment_5"]<img src="https://blog.example.ac.uk/wp-content/uploads/2024/01/centre.jpg" /> '
        "The centre[/caption]<script>steal()</script><p>Code: a]]]]><![CDATA[>b</p>"
    )
    xml = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Lab blog</title><link>https://blog.example.ac.uk</link>
  <wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://blog.example.ac.uk</wp:base_site_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[jane]]></wp:author_login>
    <wp:author_email><![CDATA[jane@example.ac.uk]]></wp:author_email></wp:author>
  <item>
    <title><![CDATA[New centre]]></title><link>https://blog.example.ac.uk/2024/01/new-centre/</link>
    <pubDate>Mon, 15 Jan 2024 09:00:00 +0000</pubDate><dc:creator><![CDATA[jane]]></dc:creator>
    <guid isPermaLink="false">https://blog.example.ac.uk/?p=10</guid>
    <content:encoded><![CDATA[{body}]]></content:encoded>
    <wp:post_id>10</wp:post_id><wp:post_date><![CDATA[2024-01-15 09:00:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[2024-01-15 09:00:00]]></wp:post_date_gmt>
    <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author><![CDATA[Visitor]]></wp:comment_author>
      <wp:comment_date_gmt>2024-01-16 10:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Congratulations!]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
    <wp:comment><wp:comment_id>4</wp:comment_id><wp:comment_author><![CDATA[jane]]></wp:comment_author>
      <wp:comment_date_gmt>2024-01-16 11:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Thank you]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
      <wp:comment_parent>3</wp:comment_parent><wp:comment_user_id>1</wp:comment_user_id></wp:comment>
  </item>
  <item><title>About</title><link>https://blog.example.ac.uk/about/</link>
    <content:encoded><![CDATA[<p>About us</p>]]></content:encoded><wp:post_id>11</wp:post_id>
    <wp:post_date_gmt>2023-01-01 00:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
    <wp:post_type>page</wp:post_type></item>
  <item><title>Draft</title><content:encoded><![CDATA[unfinished]]></content:encoded><wp:post_id>12</wp:post_id>
    <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:status>draft</wp:status>
    <wp:post_type>post</wp:post_type></item>
  <item><title>Binned</title><wp:post_id>13</wp:post_id><wp:post_date_gmt>2023-02-01 00:00:00</wp:post_date_gmt>
    <wp:status>trash</wp:status><wp:post_type>post</wp:post_type></item>
  <item><title>centre.jpg</title><wp:post_id>5</wp:post_id><wp:status>inherit</wp:status>
    <wp:post_type>attachment</wp:post_type></item>
  <item><title>Menu</title><wp:post_id>6</wp:post_id><wp:post_type>nav_menu_item</wp:post_type></item>
  <item><title>Bad time</title><wp:post_id>14</wp:post_id><wp:post_date_gmt>2024-13-45 99:00:00</wp:post_date_gmt>
    <wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel>
</rss>
"""
    root = folder / "wp"
    write_folder(root, {"labblog.WordPress.2024-05-01.xml": xml, "wp-content/uploads/2024/01/centre.jpg": PHOTO})
    return root


RSS = """<?xml version="1.0" encoding="windows-1252"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Lab news</title><link>https://news.example.ac.uk/</link>
<item><title>Caf\xe9 opens</title><link>https://news.example.ac.uk/cafe</link><guid>https://news.example.ac.uk/?p=1</guid>
<pubDate>Tue, 01 Oct 2024 09:00:00 +0100</pubDate>
<description>&lt;p&gt;Short&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>The caf\xe9 is open.</p><script>x()</script>]]></content:encoded></item>
<item><title>No date</title><guid>https://news.example.ac.uk/?p=2</guid><description>plain</description></item>
<item><title>Bad date</title><guid>https://news.example.ac.uk/?p=3</guid><pubDate>Someday</pubDate></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
<title>Lab</title><link rel="alternate" href="https://atom.example.org/"/><id>urn:feed</id>
<updated>2024-10-02T00:00:00Z</updated>
<entry><id>tag:atom.example.org,2024:1</id><title>First</title>
<link rel="alternate" href="https://atom.example.org/1"/><published>2024-10-01T09:00:00+02:00</published>
<updated>2024-10-01T10:00:00Z</updated><content type="html">&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;</content></entry>
<entry><id>tag:atom.example.org,2024:2</id><title>Re: First</title><updated>2024-10-02T09:00:00Z</updated>
<thr:in-reply-to ref="tag:atom.example.org,2024:1"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A reply</p></div></content></entry>
<entry><id>tag:atom.example.org,2024:3</id><title>Re: their post</title><updated>2024-10-03T09:00:00Z</updated>
<thr:in-reply-to ref="tag:elsewhere.example.net,2024:post-9" href="https://elsewhere.example.net/9"/>
<content type="text">An answer on another blog</content></entry>
</feed>
"""


def rss_feed(folder: Path) -> Path:
    path = folder / "feed.rss"
    path.write_bytes(RSS.encode("cp1252"))
    return path


def atom_feed(folder: Path) -> Path:
    path = folder / "atom.xml"
    path.write_text(ATOM, encoding="utf-8")
    return path


# Hostile ------------------------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><item><title>&lol2;</title><guid>1</guid></item></channel></rss>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><guid>1</guid></item></channel></rss>
"""


def zip_bomb(folder: Path, *, expands_to: int) -> Path:
    """An X archive whose tweets.js expands to ``expands_to`` bytes of spaces (compresses ~1000:1)."""
    path = folder / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("data/manifest.js", "window.__THAR_CONFIG = {}")
        with zf.open("data/tweets.js", "w", force_zip64=True) as out:
            out.write(b"window.YTD.tweets.part0 = [")
            chunk = b" " * (1 << 20)
            for _ in range(expands_to // len(chunk)):
                out.write(chunk)
            out.write(b"]")
    return path


# Many posts (postguard audit run) -----------------------------------------------------------------------


def x_archive_of(
    folder: Path,
    tweets: list[tuple[str, dt.datetime]],
    *,
    photos: dict[int, bytes] | None = None,
    name: str = "twitter-many.zip",
    username: str = "OxfordDept",
) -> Path:
    """An X archive whose tweets are ``(text, when)``, ids ``1000``, ``1001``, ... in that order; the
    tweets numbered in ``photos`` (from 0) have that photo (``p<n>.png``)."""
    account = {"account": {"accountId": "42", "username": username}}
    files: dict[str, bytes | str] = {
        "data/manifest.js": "window.__THAR_CONFIG = {}",
        "data/account.js": ytd("account", [account]),
    }
    entries = []
    for i, (words, when) in enumerate(tweets):
        tweet: dict[str, Any] = {
            "id_str": str(1000 + i),
            "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
            "full_text": words,
        }
        if photos and i in photos:
            media = {
                "type": "photo",
                "url": "https://t.co/p",
                "media_url_https": f"https://pbs.twimg.com/media/p{i}.png",
            }
            tweet["extended_entities"] = {"media": [media]}
            files[f"data/tweets_media/{1000 + i}-p{i}.png"] = photos[i]
        entries.append({"tweet": tweet})
    files["data/tweets.js"] = ytd("tweets", entries)
    return write_zip(folder / name, files)


def png(colour: tuple[int, int, int], size: tuple[int, int] = (96, 64)) -> bytes:
    """A small plain PNG (a real photo file, with nothing in it to find)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


# Quirks the blind exports found (issue 29's check against exports built without the code) ---------------
# Each builder reproduces one quirk with content of its own.


def x_archive_with_gaps(folder: Path) -> Path:
    """An X archive whose manifest lists a part that is not there (tweets-part2.js), whose part 1 is not
    valid JSON (so the long post there is lost, and its note-tweet.js text is an orphan), and whose
    tweets.js has an entry without an id and one with a time that cannot be read."""
    manifest = {
        "userInfo": {"accountId": "77", "userName": "ChemLab"},
        "dataTypes": {
            "tweets": {
                "files": [
                    {"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": "3"},
                    {"fileName": "data/tweets-part1.js", "globalName": "YTD.tweets.part1", "count": "1"},
                    {"fileName": "data/tweets-part2.js", "globalName": "YTD.tweets.part2", "count": "4"},
                ]
            },
            "noteTweet": {"files": [{"fileName": "data/note-tweet.js", "globalName": "YTD.note_tweet.part0"}]},
            "ageinfo": {"files": [{"fileName": "data/ageinfo.js", "globalName": "YTD.ageinfo.part0"}]},
        },
    }
    tweets = [
        {"tweet": {"id_str": "5001", "created_at": "Mon Mar 04 10:00:00 +0000 2024", "full_text": "Kept"}},
        {"tweet": {"created_at": "Mon Mar 04 11:00:00 +0000 2024", "full_text": "Whose id is missing"}},
        {"tweet": {"id_str": "5003", "created_at": "the fourth of March", "full_text": "Undated"}},
    ]
    notes = [
        {
            "noteTweet": {
                "noteTweetId": "8001",
                "createdAt": "2024-03-05T09:30:00.000Z",
                "core": {"text": "The whole of a long post whose tweet was in the part that cannot be read."},
            }
        }
    ]
    files: dict[str, bytes | str] = {
        "data/manifest.js": "window.__THAR_CONFIG = " + json.dumps(manifest),
        "data/tweets.js": ytd("tweets", tweets),
        "data/tweets-part1.js": 'window.YTD.tweets.part1 = [{"tweet": {id_str: "5004"}}]',
        "data/note-tweet.js": ytd("note_tweet", notes),
    }
    return write_zip(folder / "twitter-gaps.zip", files)


def _with_declared_size(path: Path, files: dict[str, tuple[bytes, int, int | None]]) -> Path:
    """A zip whose members are ``name: (data, compression, declared size)``; the central directory says
    the declared size (``None``: the true one), as a hostile archive's header may."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, (data, compression, _) in files.items():
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=compression)
        for info in zf.infolist():
            declared = files[info.filename][2]
            if declared is not None:
                info.file_size = declared
    return path


def x_archive_with_bombs(folder: Path, *, lying_photo_used: bool) -> Path:
    """An X archive with three hostile members beside a sound bzip2 photo and a sound LZMA photo:
    a photo that declares a gigabyte from a few bytes (refused when the archive is listed); and a bzip2
    photo whose header says 2,048 bytes while it inflates to 8 MiB (used by a tweet, or by none)."""
    tweets = [
        {"tweet": {"id_str": "6001", "created_at": "Mon Mar 04 10:00:00 +0000 2024", "full_text": "Good photo"}},
        {"tweet": {"id_str": "6002", "created_at": "Mon Mar 04 11:00:00 +0000 2024", "full_text": "Squeezed photo"}},
    ]
    tweets[0]["tweet"]["extended_entities"] = {"media": [{"type": "photo", "media_url_https": "https://x/ok.jpg"}]}
    tweets[1]["tweet"]["extended_entities"] = {"media": [{"type": "photo", "media_url_https": "https://x/lz.jpg"}]}
    if lying_photo_used:
        tweets.append(
            {
                "tweet": {
                    "id_str": "6003",
                    "created_at": "Mon Mar 04 12:00:00 +0000 2024",
                    "full_text": "Lying photo",
                    "extended_entities": {"media": [{"type": "photo", "media_url_https": "https://x/big.jpg"}]},
                }
            }
        )
    account = {"account": {"accountId": "77", "username": "ChemLab"}}
    files: dict[str, tuple[bytes, int, int | None]] = {
        "data/manifest.js": (b"window.__THAR_CONFIG = {}", zipfile.ZIP_DEFLATED, None),
        "data/account.js": (ytd("account", [account]).encode(), zipfile.ZIP_DEFLATED, None),
        "data/tweets.js": (ytd("tweets", tweets).encode(), zipfile.ZIP_DEFLATED, None),
        "data/tweets_media/6001-ok.jpg": (PHOTO * 100, zipfile.ZIP_BZIP2, None),
        "data/tweets_media/6002-lz.jpg": (PHOTO * 100, zipfile.ZIP_LZMA, None),
        "data/tweets_media/6003-big.jpg": (b"\x00" * (8 << 20), zipfile.ZIP_BZIP2, 2048),
        "data/tweets_media/6009-gigabyte.jpg": (PHOTO, zipfile.ZIP_STORED, 1 << 30),
    }
    return _with_declared_size(folder / "twitter-bombs.zip", files)


def facebook_shares(folder: Path) -> Path:
    """Facebook posts shared with and without words: a link, and someone's post."""
    link = {"data": [{"external_context": {"url": "https://news.example.org/article"}}]}
    theirs = {"data": [{"external_context": {"url": "https://www.facebook.com/someone/posts/123"}}]}
    posts = [
        {
            "timestamp": 1710000000,
            "title": "Ann Lee shared a link.",
            "data": [{"post": "Good read"}],
            "attachments": [link],
        },
        {
            "timestamp": 1710000100,
            "title": "Ann Lee shared a post.",
            "data": [{"post": "So true"}],
            "attachments": [theirs],
        },
        {"timestamp": 1710000200, "title": "Ann Lee shared a link.", "attachments": [link]},
        {"timestamp": 1710000300, "title": "Ann Lee shared a post.", "attachments": [theirs]},
    ]
    path = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    return write_zip(folder / "facebook-annlee-2024-03-10-x1.zip", {path: meta_json(posts)})


def linkedin_basic(folder: Path) -> Path:
    """LinkedIn's basic export: no Shares.csv (only the complete export has it)."""
    connections = "Notes:\nConnections you added\n\nFirst Name,Last Name,Email Address,Company\nBo,Ng,,Lab\n"
    files: dict[str, bytes | str] = {
        "Profile.csv": "First Name,Last Name,Headline\nAnn,Lee,Lecturer\n",
        "Connections.csv": connections,
        "messages.csv": "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ann Lee,Bo Ng,2024-03-01 10:00:00 UTC,Hello\n",
    }
    return write_zip(folder / "Basic_LinkedInDataExport_03-10-2024.zip", files)


def bluesky_car_damaged(folder: Path, *, tamper: str | None = None, root_missing: bool = False) -> Path:
    """:func:`bluesky_car` with one record block's bytes altered after its CID was made (``tamper``: its
    key), or with a header root that no block has."""
    path = bluesky_car(folder)
    data = path.read_bytes()
    if tamper is not None:
        record = cbor2.dumps(bluesky_records()[tamper])
        at = data.index(record)
        altered = record.replace(b"createdAt", b"createdAX")
        data = data[:at] + altered + data[at + len(record) :]
    if root_missing:
        header_len = data[0]
        header = cbor2.loads(data[1 : 1 + header_len])
        header["roots"] = [_link(_cid(b"no such block"))]
        new = cbor2.dumps(header)
        data = _varint(len(new)) + new + data[1 + header_len :]
    path.write_bytes(data)
    return path


def wxr_without_ids(folder: Path) -> Path:
    """A WXR 1.1 export with an item that has neither wp:post_id nor guid (its comments go with it)."""
    xml = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Notes</title><link>https://notes.example.ac.uk</link>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login>sam</wp:author_login></wp:author>
  <item><title>Kept</title><link>https://notes.example.ac.uk/kept/</link><wp:post_id>21</wp:post_id>
    <wp:post_date_gmt>2024-02-01 09:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type><content:encoded><![CDATA[<p>Hello</p>]]></content:encoded></item>
  <item><title>Nameless</title><link>https://notes.example.ac.uk/nameless/</link>
    <wp:post_date_gmt>2024-02-02 09:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type><content:encoded><![CDATA[<p>No id</p>]]></content:encoded>
    <wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_date_gmt>2024-02-03 10:00:00</wp:comment_date_gmt>
      <wp:comment_content>My own answer</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
      <wp:comment_type>comment</wp:comment_type><wp:comment_user_id>2</wp:comment_user_id></wp:comment></item>
</channel></rss>
"""
    path = folder / "notes.WordPress.2024-03-10.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def rss_mislabelled(folder: Path) -> Path:
    """A feed whose prolog says UTF-8 while its bytes are Windows-1252 (a feed saved by hand)."""
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>News</title><link>https://news.example.ac.uk/</link>
<item><title>First</title><guid>n1</guid><pubDate>Tue, 01 Oct 2024 09:00:00 +0000</pubDate></item>
<item><title>Fees \u2014 \u00a3150 for the caf\u00e9\u2019s course</title><guid>n2</guid>
<pubDate>Wed, 02 Oct 2024 09:00:00 +0000</pubDate></item>
<item><title>Last</title><guid>n3</guid><pubDate>Thu, 03 Oct 2024 09:00:00 +0000</pubDate></item>
</channel></rss>
"""
    path = folder / "mislabelled.xml"
    path.write_bytes(xml.encode("cp1252"))
    return path


def atom_without_dates(folder: Path) -> Path:
    """Atom entries: one without <updated> (kept, reported), one with no date at all (skipped)."""
    xml = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title><link href="https://bench.example.net/"/>
<id>urn:bench</id><updated>2024-10-02T00:00:00Z</updated>
<entry><id>tag:bench.example.net,2024:a</id><title>Published only</title>
<published>2024-09-01T10:00:00+01:00</published><content>one</content></entry>
<entry><id>tag:bench.example.net,2024:b</id><title>Undated</title><content>two</content></entry>
</feed>
"""
    path = folder / "bench.atom"
    path.write_text(xml, encoding="utf-8")
    return path


def mastodon_truncated(folder: Path, *, at: float = 0.5) -> Path:
    """A Mastodon archive whose outbox.json (its only posts file) is cut off at ``at`` of its length."""
    files = mastodon_files()
    outbox = str(files["outbox.json"])
    files["outbox.json"] = outbox[: int(len(outbox) * at)]
    return write_zip(folder / f"archive-20240501120000-cut{int(at * 100)}.zip", files)


# Enormous data files (written a piece at a time: the test never holds them) ------------------------------


def huge_x_archive(folder: Path, *, size: int) -> Path:
    """An X export unpacked into a folder whose data/tweets.js is about ``size`` bytes of ordinary tweets."""
    root = folder / "twitter-huge"
    (root / "data").mkdir(parents=True)
    (root / "data" / "account.js").write_text(ytd("account", [{"account": {"accountId": "42", "username": "Big"}}]))
    words = "Seminar on grain boundaries in nickel alloys this afternoon, all welcome &amp; bring questions. " * 3
    with open(root / "data" / "tweets.js", "w", encoding="utf-8") as out:
        out.write("window.YTD.tweets.part0 = [")
        written, n = 0, 0
        while written < size:
            tweet = {
                "tweet": {
                    "id_str": str(1_700_000_000_000_000_000 + n),
                    "created_at": "Mon Mar 04 10:00:00 +0000 2024",
                    "full_text": f"{words} ({n})",
                    "lang": "en",
                    "retweet_count": "0",
                    "favorite_count": str(n % 50),
                    "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
                    "display_text_range": ["0", "280"],
                    "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
                }
            }
            piece = ("," if n else "") + json.dumps(tweet)
            out.write(piece)
            written += len(piece)
            n += 1
        out.write("]")
    return root


def meta_posts_with_one_huge_string(folder: Path, *, chars: int) -> Path:
    """An Instagram export unpacked into a folder whose posts_1.json holds a post whose caption is a JSON
    string of about ``chars`` characters (é after é, escaped as Meta writes it) between two ordinary posts."""
    root = folder / "instagram-huge-2024-03-10-x1"
    content = root / "your_instagram_activity" / "content"
    content.mkdir(parents=True)

    def post(n: int, caption: str) -> str:
        media = {"uri": f"media/posts/202403/{n}.jpg", "creation_timestamp": 1710000000 + n, "title": caption}
        return json.dumps({"media": [media]})

    with open(content / "posts_1.json", "w", encoding="utf-8") as out:
        out.write("[" + post(1, "Before") + ',{"media": [{"uri": "media/posts/202403/2.jpg", "title": "')
        piece = "\\u00c3\\u00a9" * (1 << 16)  # é, mis-encoded as Meta writes it
        for _ in range(max(1, chars // len(piece))):
            out.write(piece)
        out.write('", "creation_timestamp": 1710000002}]},' + post(3, "After") + "]")
    return root
