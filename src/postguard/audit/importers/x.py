"""X / Twitter: "Download an archive of your data" (``shared/design/EXPORTS.md`` section 1).

Data files are ``window.YTD.<name>.partN = [...]``: the prefix is stripped and the rest parsed as JSON,
never run. Tweets are in ``data/tweet.js`` (2019 to about 2022), ``data/tweets.js`` and
``data/tweets-partN.js``, each item bare (2019) or wrapped as ``{"tweet": {...}}``; ``data/manifest.js``
names the files and the account when it is there. A retweet (``RT @user: ...``) is a repost, not the
account's publication; a reply to the account's own id is a thread; a tweet linking to a status is a quote.
Long tweets' full text comes from ``note-tweet.js``, matched by time (within a second) and text prefix,
as the export has no link between them. Deleted tweets (``deleted-tweets.js``) are kind ``deleted``.
Direct messages (``direct-messages*.js``) the account sent are kind ``direct-message``, never a
publication. Photos are ``data/tweets_media/<tweet id>-<file>`` (``tweet_media/`` in 2020).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from postguard.audit.archive import Archive
from postguard.audit.entries import Malformed, Result, each, items, obj, path, string, text
from postguard.audit.jsonstream import stream_entries
from postguard.audit.media import is_photo
from postguard.audit.model import ImportedItem, ImportProblem, Kind, problem
from postguard.audit.times import BadTime, from_iso, from_twitter
from postguard.errors import ArchiveError

NAME = "x"
PLATFORM = "x"

_PREFIX = re.compile(r"\s*window\.[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*=\s*")
_DATA = re.compile(r"^(?:(.+)/)?data/(?:manifest\.js|tweets?\.js|tweets-part\d+\.js)$")
_TWEETS = re.compile(r"^data/(?:tweets?|tweets-part(\d+))\.js$")
_STATUS = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(\d+)", re.I)
# the data files this importer reads (a missing one that manifest.js lists is reported)
_READ = re.compile(r"^data/(?:tweets?|tweets-part\d+|note-tweet|deleted-tweets|direct-messages(?:-group)?)\.js$")
_MEDIA = re.compile(r"^data/(tweets_media|tweet_media|deleted_tweets_media)/(\d+)-(.+)$")


def strip_js(source: str) -> str:
    """The JSON of an X data file: ``window.YTD.tweets.part0 = [...]`` without the assignment, and
    without a trailing ``;``. Plain JSON is left as it is."""
    match = _PREFIX.match(source)
    if match:
        source = source[match.end() :]
    source = source.rstrip()
    return source[:-1] if source.endswith(";") else source


def detect(archive: Archive) -> bool:
    return any(_DATA.match(name) for name in archive.names)


@dataclass
class _Note:
    """A long post's full text from note-tweet.js; ``used`` once a tweet took it."""

    at: float
    text: str
    id: str
    used: bool = False


@dataclass
class _Export:
    root: str  # the folder holding data/ ("" at the archive's root)
    account_id: str | None = None
    username: str | None = None
    media: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notes: dict[int, list[_Note]] = field(default_factory=lambda: defaultdict(list))
    listed: list[str] = field(default_factory=list)  # the data files manifest.js names

    def member(self, relative: str) -> str:
        return f"{self.root}/{relative}" if self.root else relative

    def permalink(self, tweet_id: str) -> str:
        return f"https://x.com/{self.username or 'i/web'}/status/{tweet_id}"


def read(archive: Archive) -> Iterator[Result]:
    roots = sorted({m.group(1) or "" for m in map(_DATA.match, archive.names) if m}, key=len)
    export = _Export(root=roots[0] if roots else "")
    relative = {_relative(export, n): n for n in archive.names if n.startswith(export.root)}
    yield from _account(archive, export, relative)
    for rel, name in relative.items():
        match = _MEDIA.match(rel)
        if match and is_photo(name):
            export.media[f"{match.group(1)}/{match.group(2)}"].append(name)
    yield from _notes(archive, export, relative.get("data/note-tweet.js"))
    tweet_files = sorted((rel for rel in relative if _TWEETS.match(rel)), key=lambda r: (r.count("-part"), _part(r), r))
    for rel in export.listed:
        if rel not in relative and _READ.match(rel):
            yield problem("PG549", export.member(rel))
    if not tweet_files:
        yield problem("PG507", archive.label, format="X", expected="data/tweets.js")
    for rel in tweet_files:
        yield from _tweets(archive, export, relative[rel], Kind.POST)
    for rel in ("data/deleted-tweets.js", "data/deleted_tweets.js"):
        if rel in relative:
            yield from _tweets(archive, export, relative[rel], Kind.DELETED)
    for rel in ("data/direct-messages.js", "data/direct-messages-group.js"):
        if rel in relative:
            yield from _messages(archive, export, relative[rel])
    note_member = relative.get("data/note-tweet.js", "data/note-tweet.js")
    for notes in export.notes.values():
        for note in notes:
            if not note.used:  # its tweet was in a part that could not be read, or is missing
                when = dt.datetime.fromtimestamp(note.at, dt.UTC).isoformat().replace("+00:00", "Z")
                yield problem("PG550", note_member, entry=f"note tweet {note.id}", when=when)


def _relative(export: _Export, name: str) -> str:
    return name[len(export.root) + 1 :] if export.root else name


def _part(rel: str) -> int:
    match = _TWEETS.match(rel)
    return int(match.group(1)) if match and match.group(1) else 0


def _load(archive: Archive, name: str) -> tuple[list[Any], ImportProblem | None]:
    try:
        data = archive.read_json(name, prepare=strip_js)
    except ArchiveError as exc:
        return [], ImportProblem.of(exc)
    if isinstance(data, dict):  # manifest.js is one object
        return [data], None
    if not isinstance(data, list):
        return [], problem("PG520", name, reason="expected a list of entries after 'window.YTD... ='")
    return data, None


def _account(archive: Archive, export: _Export, relative: dict[str, str]) -> Iterator[Result]:
    for rel in ("data/manifest.js", "data/account.js"):
        if rel not in relative:
            continue
        data, failed = _load(archive, relative[rel])
        if failed:
            yield failed
        for entry in data:
            if rel == "data/manifest.js":
                export.listed.extend(_listed(entry))
            user = path(entry, "userInfo") or path(entry, "account")
            if isinstance(user, dict):
                export.account_id = export.account_id or _str(user.get("accountId"))
                export.username = export.username or _str(user.get("userName") or user.get("username"))


def _listed(manifest: Any) -> list[str]:
    """The data files ``manifest.js`` names (``dataTypes.<type>.files[].fileName``)."""
    found: list[str] = []
    types = path(manifest, "dataTypes")
    if not isinstance(types, dict):
        return found
    for spec in types.values():
        for listed in path(spec, "files") or []:
            name = path(listed, "fileName")
            if isinstance(name, str) and name.startswith("data/") and ".." not in name:
                found.append(name)
    return found


def _str(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def _stream(archive: Archive, name: str) -> Iterator[Any]:
    """A data file's entries one at a time (``window.YTD... = [...]``): any size, in bounded memory."""
    return stream_entries(archive, name, prefix=_PREFIX)


def _notes(archive: Archive, export: _Export, name: str | None) -> Iterator[Result]:
    if name is None:
        return
    for entry in _stream(archive, name):
        if isinstance(entry, ImportProblem):
            yield entry
            continue
        note = path(entry, "noteTweet")
        body = path(note, "core", "text")
        if not isinstance(body, str):
            continue
        try:
            when = from_iso(path(note, "createdAt")).timestamp()
        except BadTime:
            continue
        note_id = path(note, "noteTweetId")
        export.notes[int(when)].append(_Note(when, html.unescape(body), str(note_id) if note_id else "?"))


def _tweets(archive: Archive, export: _Export, name: str, kind: Kind) -> Iterator[Result]:
    yield from each(name, _stream(archive, name), lambda raw: _tweet(export, raw, kind, name))


def _tweet(export: _Export, raw: Any, kind: Kind, member: str) -> list[Result]:
    tweet = obj(raw)
    if isinstance(tweet.get("tweet"), dict):
        tweet = tweet["tweet"]
    tweet_id = string(tweet, "id_str", required=False) or string(tweet, "id")
    assert tweet_id is not None
    if not tweet_id.isdigit():
        raise Malformed(f"its id {tweet_id[:30]!r} is not a tweet id")
    created = from_twitter(tweet.get("created_at"))
    body = html.unescape(text(tweet, "full_text") or text(tweet, "text"))
    refers_to = None
    for url in items(path(tweet, "entities", "urls"), "entities.urls"):
        short, expanded = path(url, "url"), path(url, "expanded_url")
        if isinstance(short, str) and isinstance(expanded, str) and short:
            body = body.replace(short, expanded)
            if _STATUS.match(expanded) and refers_to is None:
                refers_to = expanded
    media_list = items(path(tweet, "extended_entities", "media") or path(tweet, "entities", "media"), "media")
    photos: list[str] = []
    problems: list[ImportProblem] = []
    folder = "deleted_tweets_media" if kind is Kind.DELETED else "tweets_media"
    for media in media_list:
        short = path(media, "url")
        if isinstance(short, str) and short:
            body = body.replace(short, "")
        if path(media, "type") not in (None, "photo"):
            continue  # a video or a GIF: not a photo to check
        photos.extend(_photo(export, tweet_id, media, folder))
    body = _full_text(export, created.timestamp(), body.strip())
    reply_to = string(tweet, "in_reply_to_status_id_str", required=False) or string(
        tweet, "in_reply_to_status_id", required=False
    )
    if kind is Kind.DELETED:
        pass
    elif body.startswith("RT @"):
        kind = Kind.REPOST
    elif reply_to:
        reply_user = string(tweet, "in_reply_to_user_id_str", required=False) or ""
        reply_name = text(tweet, "in_reply_to_screen_name")
        own = (export.account_id and reply_user == export.account_id) or (
            export.username and reply_name.lower() == export.username.lower()
        )
        kind = Kind.THREAD if own else Kind.REPLY
    elif refers_to is not None:
        kind = Kind.QUOTE
    publication = kind in (Kind.POST, Kind.REPLY, Kind.THREAD, Kind.QUOTE)
    if publication and media_list and not photos and any(path(m, "type") in (None, "photo") for m in media_list):
        problems.append(problem("PG532", member, entry=f"tweet {tweet_id}", photo=f"{folder}/{tweet_id}-..."))
    item = ImportedItem(
        platform=PLATFORM,
        account=export.username or export.account_id or "",
        id=tweet_id,
        kind=kind,
        created_at=created,
        text=body,
        publication=publication,
        media=tuple(photos),
        url=export.permalink(tweet_id),
        in_reply_to=reply_to or None,
        refers_to=refers_to if kind is Kind.QUOTE else None,
    )
    return [*problems, item]


def _photo(export: _Export, tweet_id: str, media: Any, folder: str) -> list[str]:
    url = path(media, "media_url_https") or path(media, "media_url")
    candidates = export.media.get(f"{folder}/{tweet_id}", []) + export.media.get(f"tweet_media/{tweet_id}", [])
    if isinstance(url, str):
        base = url.rsplit("/", 1)[-1]
        exact = [c for c in candidates if c.endswith(f"/{tweet_id}-{base}")]
        if exact:
            return exact[:1]
    return candidates[:1] if len(candidates) == 1 else []


def _full_text(export: _Export, when: float, body: str) -> str:
    """A long post's whole text from note-tweet.js: same second (within one) and same beginning."""
    if not body.endswith("…") or not export.notes:
        return body
    prefix = " ".join(body[:-1].split("http")[0].split())[:60]
    for second in (int(when) - 1, int(when), int(when) + 1):
        for note in export.notes.get(second, ()):
            if abs(note.at - when) <= 1.0 and " ".join(note.text.split()).startswith(prefix):
                note.used = True
                return note.text
    return body


def _messages(archive: Archive, export: _Export, name: str) -> Iterator[Result]:
    for index, conversation in enumerate(_stream(archive, name)):
        if isinstance(conversation, ImportProblem):
            yield conversation
            continue
        messages = path(conversation, "dmConversation", "messages")
        if not isinstance(messages, list):
            yield problem("PG530", name, entry=f"conversation {index}", problem="it has no 'messages' list")
            continue
        yield from each(name, messages, lambda raw: _message(export, raw), label=f"conversation {index} message")


def _message(export: _Export, raw: Any) -> Result | None:
    message = path(raw, "messageCreate")
    if message is None:
        return None  # a join or leave event, a reaction: nothing written
    message = obj(message, "messageCreate")
    sender = string(message, "senderId", required=False)
    if export.account_id and sender != export.account_id:
        return None  # a message the account received is not its words
    message_id = string(message, "id")
    assert message_id is not None
    return ImportedItem(
        platform=PLATFORM,
        account=export.username or export.account_id or "",
        id=message_id,
        kind=Kind.DIRECT_MESSAGE,
        created_at=from_iso(message.get("createdAt")),
        text=html.unescape(text(message, "text")),
        publication=False,
    )
