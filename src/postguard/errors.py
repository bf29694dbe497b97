"""Errors the product reports to users, each with a stable code and one message template (after spaCy's
``errors.py``): ``raise InputError("PG101", length=..., limit=...)``. The CLI prints ``error [PG101]:``
and the one-line message; a report of a post that could not be checked carries the code too. Codes are
never reused: a retired one stays in :data:`MESSAGES` with its template.

Ranges: PG1xx the post or a file given (:class:`InputError`), PG2xx an option or argument
(:class:`UsageError`), PG3xx a policy pack (:class:`PackError`), PG4xx the installed models
(:class:`ModelError`), PG5xx an account archive being imported or audited (:class:`ArchiveError`; PG54x
running the audit: its output folder, its workers), PG6xx the governance service (:class:`GovernanceError`;
PG60x an action its actor may not take, :class:`AccessDenied`).
"""

from __future__ import annotations

import os
import re
from typing import Any, Self

from postguard.types import PLATFORMS

MESSAGES: dict[str, str] = {
    # PG1xx: the post, or a file given
    "PG100": "{name}: the post could not be checked",
    "PG101": "the post is {length:,} characters long; the limit is {limit:,} (split it, or raise "
    "limits.max_text_chars in the policy pack)",
    "PG102": "the bio must be a string of at most {limit:,} characters",
    "PG103": "there is nothing to check: the post has no text and no photos",
    "PG104": "the post text contains NUL characters: is it a binary file?",
    "PG105": "the post has {count} photos; the limit is {limit}",
    "PG106": "check() takes a postguard.Post, not {got}",
    "PG107": "there is nothing to check: the Markdown has no prose (only front matter or markup) and no photos",
    "PG108": "fix() takes the Report that check() gave for this post, not {got}",
    "PG109": "the report is not this post's (the text it checked differs); check the post again, then fix it",
    "PG110": "each line must be a JSON object",
    "PG111": "'{field}' must be {what}, not {got}",
    "PG112": "'{field}' must be {what}",
    "PG113": "unknown field(s): {fields}",
    "PG114": "each record needs 'id', 'kind' and 'covers'",
    "PG115": "unknown field {field!r} in a record",
    "PG116": "not valid JSON ({reason} at column {column})",
    "PG117": "not valid JSON for a post (arrays or objects nested too deeply)",
    "PG118": "not valid JSON for a post (a number thousands of digits long)",
    "PG119": "{count} of {lines} lines could not be checked; their reports say why",
    "PG128": "{name} holds no posts (it is empty or has only blank lines); --jsonl reads one JSON object per line",
    "PG139": "'{field}' is a number of more than {limit:,} digits; give it as a string",
    "PG120": "{name} is {size}; the limit is {limit:,} characters",
    "PG121": "{name} contains binary data (NUL bytes), not JSON text",
    "PG122": "{name} looks like a binary file (it contains NUL bytes); give a text or Markdown file",
    "PG123": "{name} is not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); save it as UTF-8",
    "PG124": "{path} is a directory; give a text or Markdown file",
    "PG125": "{path}: no such file",
    "PG126": "{path}: cannot be read ({reason})",
    "PG129": "{path} is not a regular file (a pipe, a device or a socket); give a text or Markdown file",
    "PG127": "{path}: cannot be written ({reason})",
    "PG130": "photo {number} ({path}) {problem}",
    "PG131": "{path} already exists; remove it or pass --force to replace it",
    "PG132": "photo {number}: cannot write the cleaned copy ({reason})",
    "PG133": "{path} is a symlink; write the fixed text elsewhere with --out PATH",
    "PG134": "{path} already exists; remove it or pass --force to replace it",
    "PG135": "{path} is not a regular file (a device, a pipe or a folder); write the fixed text to a file",
    "PG136": "{path} is read-only; make it writable, or write the fixed text elsewhere with --out PATH",
    "PG137": "photo {number} ({path}) could not be checked, so nothing was fixed in it: {problem}",
    "PG140": "standard input is closed; give the post as TEXT or a FILE",
    "PG141": "{path}: a broken or looping symlink; to check these words as a post, pass them on standard input (-)",
    "PG142": "{path}: no such file; to check these words as a post, pass them on standard input (-)",
    "PG143": "cannot write the output ({reason})",
    # PG2xx: an option or argument
    "PG144": "photo {number} ({path}) is animated ({frames} frames): blurring would cover only what was found in "
    "the frames checked, so no copy is written; blur it frame by frame in an image editor",
    "PG145": "photo {number} ({path}) is an animation too large to write again ({frames} frames, {pixels:,} "
    "pixels in all; the limit is {limit:,}); remove its metadata with an image editor",
    "PG146": "photo {number} ({path}) has transparency, which the cleaned copy's format ({format} is written as "
    "JPEG) cannot keep; convert it to PNG, then fix it",
    "PG147": "the {which} is {length:,} characters long once normalised (compatibility characters such as U+FDFA "
    "expand to several letters); the limit is {limit:,}",
    "PG200": "{message} (see `{command} --help`)",
    "PG201": "--photo {path}: is a directory; give a photo file",
    "PG202": "--photo {path}: no such file",
    "PG203": "give either --jsonl or posts to check, not both",
    "PG204": "nothing to check: give TEXT, -, a FILE, or --jsonl",
    "PG206": "nothing to fix: give TEXT, -, a FILE, or --photo",
    "PG207": "--write needs a FILE; use --out PATH for text given as an argument",
    "PG208": "--photo {path}: cannot be read ({reason}); give a photo file",
    "PG209": "--photo {path}: is not a regular file (a device or a pipe?); give a photo file",
    "PG210": "cannot read the time {value!r}; use ISO 8601, e.g. 2026-11-24T14:30 or 2026-11-24T14:30+00:00",
    "PG211": "the time {value} is too close to the calendar's ends; check the year",
    "PG212": "unknown account kind {value!r}; use personal, professional or official",
    "PG213": "cannot read the date {value!r} in {where!r}; use YYYY-MM-DD",
    "PG214": "unknown record kind {value!r}; use one of {kinds}",
    "PG215": "record {record}: unknown rule code {code!r}",
    "PG216": "cannot read the record {value!r}; use ID:KIND:CODES[:EXPIRES], e.g. WP-114:written-permission:AU001",
    "PG217": "unknown platform {value!r}; use one of " + ", ".join(PLATFORMS),
    "PG218": "record id {value!r} {problem}; a record id is at most {limit} printable characters, e.g. WP-114",
    "PG220": "unknown rule code {code!r}; `postguard rules` lists them",
    "PG221": "rule {code} was removed: {why}",
    "PG222": "unknown applicability {value!r}; use safe or unsafe",
    "PG223": "display-only fixes are shown, never applied; use safe or unsafe",
    "PG224": "analyzer {id!r}: unknown kind {kind!r}",
    "PG225": "standard input (-) is given {count} times; it can be read only once",
    "PG226": "give --write or --out PATH, not both (--write replaces FILE, --out writes the fixed text to PATH)",
    "PG227": "the scheduled time is empty; give an ISO 8601 time, e.g. 2026-11-24T14:30, or leave it out (working "
    "hours are then not checked)",
    "PG230": "--scheduler {value!r}: give the Dask scheduler's address, e.g. tcp://host:8786",
    # PG3xx: a policy pack
    "PG301": "policy pack {where}: file not found",
    "PG302": "policy pack {where}: cannot be read ({reason})",
    "PG303": "policy pack {where}: is a directory, not a policy pack",
    "PG304": "policy pack {where}: is not a regular file (a device or a pipe?), not a policy pack",
    "PG305": "policy pack {where}: is {size:,} bytes; a pack may have {limit:,}",
    "PG306": "policy pack {where}: is over {limit:,} bytes or characters, the most a pack may have",
    "PG307": "policy pack {where}: not accepted{at}: it {problem}",
    "PG308": "policy pack {where}: not valid YAML{at}",
    "PG309": "policy pack {where}: not valid YAML ({reason})",
    "PG310": "policy pack {where}: expected a mapping at the top level",
    "PG311": "policy pack {where}: {path}: {problem}",
    "PG312": "policy pack {where}: working_hours.timezone: unknown time zone {zone!r}",
    "PG313": "policy pack {where}: working_hours: end {end} is not after start {start}",
    "PG314": "policy pack {where}: a base pack needs '{name}'",
    "PG315": "policy pack {where}: rules.{code}: unknown rule code",
    "PG316": "policy pack {where}: brand_assets.{index}: no such file {name!r}",
    "PG317": "policy pack {where}: brand_assets.{index}: {name!r} {problem}",
    "PG318": "policy pack {where}: {at}: bad pattern ({reason})",
    "PG319": "policy pack {where}: {at}: bad pattern for RE2, the linear-time engine pack patterns run on (no "
    "backreferences, lookarounds, atomic groups or possessive quantifiers; \\z for \\Z): {reason}",
    "PG320": "policy pack {where}: public_contacts.emails.{index}: {value!r} is at a personal mail provider; a "
    "department may list only University addresses",
    "PG321": "policy pack {where}: public_contacts.emails.{index}: {value!r} is not at a University domain "
    "({domains}); only the base pack may list it",
    "PG322": "policy pack {where}: public_contacts.phones.{index}: {value!r} is not a valid phone number",
    "PG323": "policy pack {where}: public_contacts.phones.{index}: {value!r} is {what} number, an individual's; a "
    "department may list only office numbers",
    "PG324": "policy pack {where}: extends must name the base pack {base!r}",
    "PG325": "policy pack {where}: {name}: only the base pack may set this",
    "PG326": "policy pack {where}: rules.{code}: a department pack may not switch off {code}",
    "PG327": "policy pack {where}: rules.{code}.severity.{kind}: may not lower {old} to {new}",
    "PG328": "policy pack {where}: rules.{code}.threshold: may not raise {old} to {new} (a higher threshold "
    "reports less)",
    "PG329": "policy pack {where}: local rule {code} is defined twice",
    "PG330": "policy pack {where}: a base pack cannot extend another pack",
    "PG332": "policy pack {where}: {path}: {value} is not a number (NaN and infinity are not thresholds)",
    "PG333": "policy pack {where}: a department pack needs its own id, not the base pack's {base!r}",
    "PG334": "policy pack {where}: the key {key!r} is given twice in one mapping (line {line}); YAML would keep "
    "only the last: merge the two",
    "PG335": "policy pack {where}: brand_assets: {count} assets; at most {limit} may be listed, all packs together",
    "PG331": "policy pack {where}: rules.{code}.{name}: may not raise {old} to {new} (a department pack may only "
    "tighten: a higher score to add a finding reports less, a higher one to confirm it drops more)",
    # PG4xx: the installed models
    "PG401": "the model manifest {manifest} cannot be read ({reason}); reinstall postguard",
    "PG402": "model file {file} is not in the model manifest {manifest}; reinstall postguard",
    "PG403": "model file {file} ({id}) is not the file this version of postguard shipped: its sha256 starts "
    "{actual}, expected {expected}; the install is damaged or the file was replaced: reinstall postguard "
    "(pip install --force-reinstall postguard)",
    "PG404": "model file {file} is missing from the install; reinstall postguard",
    "PG405": "the embedding model needs {module}; reinstall postguard",
    # PG5xx: an account archive being imported (postguard audit); a member's problem is shown after the
    # member's name ("data/tweets.js: not valid JSON ..."), so these templates do not repeat it
    "PG501": "no such file or folder",
    "PG502": "cannot be read ({reason})",
    "PG503": "not an archive Postguard reads: give a zip, a tar.gz, a folder or one export file ({reason})",
    "PG504": "not an export Postguard recognises; pass --format (one of {formats})",
    "PG505": "looks like more than one kind of export ({formats}); pass --format",
    "PG506": "unknown export format {value!r}; use one of {formats}",
    "PG507": "the {format} export has none of the files it should hold ({expected})",
    "PG510": "has more than {limit:,} members; an archive may have at most that many",
    "PG511": "refused: the name {why} (never read from or written to)",
    "PG512": "refused: a symbolic link (never followed)",
    "PG513": "refused: not a regular file",
    "PG514": "refused: it expands past {limit:,} bytes, the most {what} may have (a zip bomb?)",
    "PG515": "refused: reading it would pass {limit:,} decompressed bytes from the whole archive (a zip bomb?)",
    "PG516": "refused: the member is encrypted",
    "PG517": "cannot be read: {reason} (is the archive truncated or damaged?)",
    "PG518": "appears more than once in the archive; only the first copy is read",
    "PG520": "not valid JSON ({reason})",
    "PG521": "not valid {encoding} text (byte 0x{byte:02x} at offset {offset:,}); was it saved in another encoding?",
    "PG522": "not valid XML ({reason})",
    "PG523": "refused: XML with {what} (entity expansion and external references are never allowed)",
    "PG524": "not valid CSV ({reason}); the rest of the file is not read",
    "PG525": "has no column {column!r}; its header is {header}",
    "PG526": "not a readable CAR file ({reason})",
    "PG530": "{entry}: {problem}; skipped",
    "PG531": "{entry}: cannot read the time {value!r}; skipped",
    "PG532": "{entry}: photo {photo!r} is not in the archive; the post is imported without it",
    "PG533": "{entry}: photo {photo!r} not extracted: {reason}; the post is imported without it",
    # PG54x: running an audit (postguard audit run); the member is the output folder or the archive
    "PG540": "holds an audit with other settings ({what} differ); run the same command to resume it, or give "
    "another --out",
    "PG541": "is not an audit's output folder (it holds {name!r}, which Postguard did not write); give an "
    "empty or new folder",
    "PG542": "cannot reach the Dask scheduler ({reason}); is it running, and is the address tcp://HOST:PORT?",
    "PG543": "a worker failed ({reason}); the partitions already written are kept: run the same command "
    "again to resume",
    "PG544": "is given twice (the same content as {other}); give each archive once",
    # PG545-PG559: more of importing, and storing an audit in the registry
    "PG545": "refused: it declares {size:,} bytes from {packed:,} compressed ({ratio:,} to 1; a zip bomb?)",
    "PG546": "{entry}: its text has {chars:,} characters, more than a post may have ({limit:,}); skipped",
    "PG547": "{entry}: photo {photo!r} is not in the export ({why}); the post is checked without it",
    "PG548": "nothing could be imported ({count} problem{s} above; the first: {first})",
    "PG549": "listed in data/manifest.js but not in the archive; what it holds is not imported",
    "PG550": "{entry}: a long post's full text (written {when}) whose tweet is not in the archive; not imported",
    "PG551": "declares {declared} but is not ({detail}); read as Windows-1252",
    "PG552": "{entry}: it has no <updated> (Atom requires one); its <published> time is used",
    "PG553": "{reason}; a photo that no imported item uses",
    "PG554": "refused: it inflates past the {declared:,} bytes its header declares (a zip bomb?)",
    "PG555": "cannot be read: its CRC does not match what it holds (damaged or altered)",
    "PG556": "is not a finished audit's output folder ({reason})",
    "PG557": "is a {platform} account; the audit's posts are on {platforms}",
    "PG558": "{value!r} is not an account of the registry (give its reference, such as A-12)",
    "PG559": "{entry}: longer than {limit:,} characters of JSON (no post is); skipped unread",
    # PG6xx: the governance service (PG60x: an action its actor may not take)
    "PG601": "{actor} may not {action}",
    "PG610": "the governance service needs the server extra: pip install 'postguard[server]' ({missing})",
    "PG611": "the data folder {path} cannot be used ({reason})",
    "PG612": "the secret key file {path} is readable by others (mode {mode}); run chmod 600 {path}",
    "PG613": "the secret key file {path} cannot be read ({reason})",
    "PG614": "POSTGUARD_DATABASE_URL: {reason}",
    "PG615": "{name}={value!r}: {reason}",
    "PG616": "the database cannot be opened ({reason})",
    "PG617": "the database is not up to date ({count} migrations to apply); run `postguard db upgrade` first",
    "PG619": "{person} cannot be named as granting a written permission: name yourself, or a person who holds the "
    "communications-office role",
    "PG618": "the role group {group!r} cannot be {action}: the permissions find it by its name",
    "PG621": "unknown rule code {code!r} in {field}",
    "PG622": "{field}: {code} is not one of {allowed}",
    "PG623": "an official account needs at least two staff administrators; {account} would have {count}",
    "PG624": "{field}: {value!r} is not a photo's sha256 (64 hexadecimal digits)",
    "PG625": "{what} expires on {expires}, before it was given on {given}",
    "PG626": "{record} is already revoked",
    "PG627": "{person} is a minor: the consent needs a guardian",
    "PG628": "an authorisation of photos of children needs the consent of every party shown: {missing}",
    "PG629": "{field}: {reason}",
    "PG630": "the audit log's payload may not carry {key!r} (no secrets in the log)",
    "PG631": "the audit log's payload value at {key!r} is a {type}; use text, whole numbers, true/false, null, "
    "lists and objects",
    "PG632": "{person} has already been erased",
    # PG64x-PG66x: checks, approvals, incidents and access withdrawals
    "PG633": "{person} cannot be erased while an access withdrawal against them is in force or to come "
    "({withdrawals}); end it first, or erase them after it ends",
    "PG634": "cannot listen on {address}: {reason}; stop what uses it, or choose another port with --port",
    "PG640": "{actor} may not decide on {approval}: nobody approves their own post",
    "PG641": "{what} needs a signed-in user to make it",
    "PG642": "photo {number} {problem}",
    "PG643": "the post has {count} photos; the limit is {limit}",
    "PG644": "photo {number} is {size:,} bytes; the limit is {limit:,}",
    "PG645": "{record} is not a record in the registry that is in force for this post",
    "PG646": "the post cannot be checked: {reason}",
    "PG647": "{field}: {reason}",
    "PG648": "{check} is not a post of an official account; only official accounts' posts go for approval",
    "PG649": "{approval} is {state}; to {action} it, it must be {needed}",
    "PG650": "{approval} has no finding awaiting a decision for {role}",
    "PG651": "a rejection needs a comment that says what to change",
    "PG652": "the post's scheduled time {at} has passed; resubmit it with a new time",
    "PG653": "{check} is not a post of {account}, the account of {approval}",
    "PG654": "{value!r} is not a site's domain: {reason}",
    "PG655": "an access withdrawal is for one person or one department: name one of them",
    "PG656": "a withdrawal from {starts} to {ends} cannot be made: {reason}",
    "PG657": "{withdrawal} has already ended",
    "PG658": "{incident} is closed",
    "PG659": "{path} already exists; remove it or pass --force to replace it",
    "PG660": "{path} is a symlink; write the export to the file itself, not through a link",
    "PG661": "{path}: cannot be written ({reason})",
    "PG662": "the link {value!r} is not an http or https address",
    "PG663": "a misuse report needs evidence: the post's text, a photo, a link or a check",
    "PG664": "{path} is not a regular file (a folder, a device or a pipe); give a file to write",
    "PG666": "{incident} already names a person in the registry; only a report awaiting triage has one attached",
    "PG667": "{incident} names nobody in the registry yet; attach the person before withdrawing their access",
    "PG668": "{check} could not be checked, so it cannot go for approval; check the post again",
    # PG67x-PG68x: the REST API and its tokens (the HTTP status of each is in postguard.server.api.problems)
    "PG665": "cannot lapse approvals at {at}: it is in the future, and they are still valid until then; use "
    "--dry-run to preview what would lapse",
    "PG670": "the request body is not valid JSON ({reason})",
    "PG671": "{where}: {reason}",
    "PG672": "sign in, or send an API token in the Authorization header (Bearer pgt_...)",
    "PG673": "the API token is not valid (unknown, revoked or expired)",
    "PG674": "this API token lacks the {scope!r} scope that this request needs",
    "PG675": "{what} not found",
    "PG676": "the request body is {size:,} bytes; the limit is {limit:,}",
    "PG677": "{what} already exists",
    "PG678": "the CSRF check failed ({reason}); send the csrftoken cookie's value in the X-CSRFToken header",
    "PG679": "too many failed sign-ins for this {what}; try again in {minutes} minutes",
    "PG680": "API tokens are made and revoked from a signed-in session, not with a token",
    "PG681": "unknown scope {scope!r}; use {allowed}",
    "PG682": "a token lasts {low} to {high} days, not {days}",
    "PG683": "{token} is already revoked",
    "PG684": "{user} is not an active user",
    "PG685": "the user name or the password is wrong",
    "PG686": "{method} is not allowed on {path}; use {allowed}",
    "PG687": "an internal error stopped the request (reference {reference}); the server's log has the details",
    # PG69x: the web app's pages (postguard.server.web)
    "PG690": "the photo {name} is over {limit} MB",
    "PG691": "{ref} is not a check you can cite",
    "PG693": "{ref!r} is not a record id (C-1 a consent, WP-2 a written permission, SP-3, AZ-4, L-5)",
    "PG695": "finding {number} has no fix that can be applied",
    "PG696": "the fix of finding {number} ({title}) changes what the post says: confirm it first",
    "PG697": "the file {name} cannot be read as a post ({reason})",
    "PG699": "the form was sent without a valid CSRF token ({reason}); reload the page and send it again",
}


SHOWN_CHARS = 120
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class _Shown(str):
    """A value already escaped for a message: ``{value!r}`` quotes it without escaping it a second time
    (``'evil.com\\u000ahttp'``, not ``'evil.com\\\\u000ahttp'``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        body = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self)  # what repr escapes, but "\\"
        quote = '"' if "'" in self and '"' not in self else "'"
        return f"{quote}{body}{quote}"


def shown(value: Any) -> Any:
    """A value from outside (a path, an option, a pack's field) as a message shows it: control and bidi
    characters and lone surrogates escaped, and cut to ``SHOWN_CHARS``, so that an error stays one short
    line that cannot drive the terminal."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        return value
    value = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return _Shown(value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…")


class PostguardError(Exception):
    """Base class: anything raised to a user-facing adapter is one of these."""

    kind = "error"

    def __init__(self, code: str, /, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(MESSAGES[code].format(**{k: shown(v) for k, v in values.items()}))

    @property
    def message(self) -> str:
        return str(self)

    @classmethod
    def about(cls, name: str, code: str, message: str) -> Self:
        """The error of one of several inputs (a file, a post): its own code and message, after its name."""
        error = cls.__new__(cls)
        Exception.__init__(error, f"{name}: {message}")
        error.code = code
        error.values = {"name": name}
        return error


class InputError(PostguardError):
    """The post or file cannot be checked as given (empty, too long, binary, bad encoding)."""

    kind = "input"


class UsageError(PostguardError):
    """An option or argument is wrong (unknown account kind, unknown rule code, bad time)."""

    kind = "usage"


class PackError(PostguardError):
    """A policy pack is malformed or breaks the base pack's limits."""

    kind = "policy-pack"


class ModelError(PostguardError):
    """A shipped model file is missing, or is not the file the package was built with (its sha256 differs
    from ``assets/MODELS.json``): the install is damaged."""

    kind = "model"


class ArchiveError(PostguardError):
    """An account archive, or one of its members, cannot be imported (postguard audit): unreadable,
    hostile (a name outside the archive, a symlink, a zip bomb), or malformed. ``member`` names the member
    (or the archive) and ``entry`` the entry in it; the message leads with the member."""

    kind = "archive"

    def __init__(self, code: str, /, *, member: str | None = None, entry: str | None = None, **values: Any) -> None:
        reason = MESSAGES[code].format(entry=entry, **values)
        self.code = code
        self.values = values
        self.member = member
        self.entry = entry
        self.reason = reason
        Exception.__init__(self, f"{member}: {reason}" if member else reason)


class GovernanceError(PostguardError):
    """The governance service cannot do what it was asked: its configuration, its database, or a change to
    the registry that breaks a rule of the registry (an official account with one staff administrator)."""

    kind = "governance"


class AccessDenied(GovernanceError):
    """The actor may not take this action (the service checks before it changes anything)."""

    kind = "access"
