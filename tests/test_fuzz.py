"""Fuzz targets, one per input surface (the hardening issue: every crash is a bug; every message is one
line that says what to do). Each is a hypothesis property with a small ``max_examples``, so that the
file runs in CI with the rest of the suite; an input that once found a bug stays as an ``@example``.
To fuzz longer, multiply every target's examples: ``POSTGUARD_FUZZ_SCALE=50 pytest tests/test_fuzz.py``.

The surfaces: JSON lines (:func:`postguard.inputs.read_jsonl`), a post's fields
(:func:`postguard.post_input.post_from_fields`), text from an argument, a file or stdin
(:func:`postguard.inputs.decode`, :func:`postguard.inputs.source_from_argument`), policy packs
(:func:`postguard.policy.pack.load_pack`), photos (:func:`postguard.photos.load.load_photo`), the pure
text analyzers (secrets, personal data, cues) over :func:`postguard.text.document.make_document`, the
text report (:func:`postguard.report.text.render`), and the CLI end to end on the hostile corpus
(``tests/hostile.py``).
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import hostile
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from postguard.errors import MESSAGES, InputError, PackError, UsageError
from postguard.inputs import Source, decode, read_jsonl, source_from_argument
from postguard.photos.load import LoadedPhoto, load_photo
from postguard.policy.pack import PolicyPack, base_pack_text, load_pack
from postguard.post_input import post_from_fields
from postguard.report.text import render
from postguard.types import Evidence, Finding, Post, Report, Severity, Span, Verdict, Where
from postguard.types import PhotoError as PhotoProblem

SCALE = max(1, int(os.environ.get("POSTGUARD_FUZZ_SCALE", "1")))


def fuzz(examples: int) -> Any:
    """A target's settings: ``examples`` (times POSTGUARD_FUZZ_SCALE), no deadline (two shared cores)."""
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


def one_line(message: str) -> None:
    """What every error message must be: one line, not empty, of a length a terminal shows."""
    assert message and "\n" not in message and "\r" not in message, repr(message)
    assert len(message) < 500, message[:200]


def known(code: str | None) -> None:
    assert code in MESSAGES, code


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# --- strategies ------------------------------------------------------------------------------------

# Any code point, lone surrogates included (a JSON "\ud83d" escape, an argument that was not UTF-8).
any_text = st.text(st.characters(codec=None, categories=None), max_size=200)
# Pieces that the analyzers, the normaliser and the terminal care about, glued with arbitrary text.
FRAGMENTS = [
    "07700 900123", "+44 1865 270000", "jo@example.com", "jo at gmail dot com", "password: Quad2026!",
    "GB82 WEST 1234 5698 7654 32", "QQ 12 34 56 C", "4111 1111 1111 1111", "943 476 5919", "12 High Street, ",
    "OX1 2JD", "student number 1234567", "born on 1 May 1990", "views my own", "my daughter", "the lab",
    "\u0130", "\u0131", "\u017f", "\u212a", "\u00df", "\ufdfa", "\u3392", "\u0301", "\u200d", "\u200b",
    "\ufeff", "\u202e", "\x1b[2J", "\r\n", "\r", "\x00", "\ud83d", "\ude00", "\U0001f469\u200d\U0001f52c",
    "\uff10\uff17\uff17", "\u0440\u0430", "\t", "oh seven seven oh oh", "```", "[a](", "<div>", "| a |", "*",
    "_", "`", "@handle", "#tag", " ", "\n",
]  # fmt: skip
post_text = st.lists(st.sampled_from(FRAGMENTS) | any_text, max_size=12).map("".join)


class Huge(int):
    """An integer with more digits than ``str()`` converts (4,300), with a repr hypothesis can print."""

    def __repr__(self) -> str:
        return f"Huge(<{self.bit_length()} bits>)"


HUGE = [Huge(10**5000), Huge(-(10**4301))]
json_scalar = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | any_text
    | st.sampled_from(["", "2026-11-24T14:30", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00+14:00", "personal"])
)
POST_FIELDS = ["text", "photos", "account", "bio", "platform", "scheduled_at", "records", "id", "markdown"]
RECORD_FIELDS = ["id", "kind", "covers", "expires", "revoked", "granted_by", "subject", "account", "photos"]


def json_values(leaf: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4), max_leaves=12
    )


def posts_like(leaf: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with a post's field names (and a record's, in ``records``), holding arbitrary values."""
    value = json_values(leaf)
    record = st.dictionaries(st.sampled_from(RECORD_FIELDS) | any_text, value | st.just("DP001"), max_size=6)
    return st.dictionaries(
        st.sampled_from(POST_FIELDS),
        value | st.lists(record, max_size=3) | post_text | st.sampled_from(["official", "x", "blog"]),
        max_size=7,
    )


# What JSON can hold (its parser refuses integers of over 4,300 digits), and what Python can.
json_value = json_values(json_scalar)
post_like = posts_like(json_scalar)
json_leaf = json_scalar | st.sampled_from(HUGE)
python_value = json_values(json_leaf)
python_post_like = posts_like(json_leaf)


# --- JSON lines ------------------------------------------------------------------------------------


def _json_line(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


jsonl_line = (
    st.binary(max_size=200)
    | post_like.map(_json_line)
    | json_value.map(_json_line)
    | st.sampled_from(list(hostile.jsonl_lines().values()))
)


@fuzz(150)
@given(st.lists(jsonl_line, max_size=6), st.booleans())
@example([hostile.jsonl_lines()["huge integer"]], False)  # ValueError: over 4,300 digits (fixed: PG118)
@example([hostile.jsonl_lines()["huge integer elsewhere"]], True)
def test_read_jsonl_gives_a_post_or_a_one_line_problem_per_line(lines: list[bytes], as_stream: bool) -> None:
    lines = [line.replace(b"\n", b" ") + b"\n" for line in lines]
    source: Any = io.BytesIO(b"".join(lines)) if as_stream else lines
    out = list(read_jsonl(source, max_chars=100_000))
    assert len(out) == sum(1 for line in lines if line.strip())
    assert [line.number for line in out] == sorted({line.number for line in out})
    for line in out:
        assert (line.post is None) != (line.problem is None)
        if line.problem is not None:
            one_line(line.problem)
            known(line.code)
        else:
            assert isinstance(line.post, Post)


@fuzz(200)
@given(python_post_like | python_value)
@example({"text": "x", "id": HUGE[0]})  # ValueError from str() (fixed: PG139)
@example({"text": "x", "records": [{"id": HUGE[1], "kind": "consent", "covers": ["DP001"]}]})
@example({"\n": None})  # "unknown field(s): \n", two lines (fixed: the name is quoted)
def test_post_from_fields_gives_a_post_or_an_input_or_usage_error(fields: Any) -> None:
    try:
        post = post_from_fields(fields)
    except (InputError, UsageError) as exc:
        one_line(str(exc))
        known(exc.code)
    else:
        assert isinstance(post, Post) and isinstance(post.text, str)
        assert post.id is None or isinstance(post.id, str)


# --- text from an argument, a file or stdin --------------------------------------------------------


@fuzz(200)
@given(st.binary(max_size=300), st.integers(0, 200), any_text)
@example(b"caf\xe9", 100, "post.md")
@example(b"\xef\xbb\xbf\x00", 100, "line 3")
def test_decode_gives_text_or_a_one_line_input_error(data: bytes, max_chars: int, name: str) -> None:
    name = name or "post"
    try:
        text = decode(data, name=name, max_chars=max_chars)
    except InputError as exc:
        assert exc.code in ("PG120", "PG121", "PG122", "PG123")
        one_line(str(exc).replace(name, "NAME"))  # the name is the caller's; the rest is one line
    else:
        assert text == data.decode("utf-8-sig")


def _argument(folder: Path) -> st.SearchStrategy[str]:
    corpus = hostile.paths(folder / "paths")
    return (
        any_text
        | st.sampled_from(["-", "", "~", "*.md", "notes/post.md", "a" * 300 + ".md", "a/" * 3000, "/dev/zero"])
        | st.sampled_from([str(p) for p in corpus.values()])
        | st.builds(lambda p, tail: str(p) + tail, st.sampled_from(list(corpus.values())), any_text)
    )


def test_source_from_argument_gives_a_source_or_a_one_line_error(folder: Path) -> None:
    @fuzz(200)
    @given(_argument(folder), st.binary(max_size=100))
    @example("\x00.md", b"")
    @example("\ud800.md", b"")
    def target(arg: str, stdin: bytes) -> None:
        if "fifo.md" in arg:
            return  # reading a FIFO waits for a writer, as it should
        try:
            source = source_from_argument(arg, stdin=io.BytesIO(stdin), max_chars=1_000)
        except (InputError, UsageError) as exc:
            known(exc.code)
            one_line(str(exc).replace(arg, "ARG"))
        else:
            assert isinstance(source, Source) and isinstance(source.text, str)

    target()


# --- policy packs ----------------------------------------------------------------------------------

# Regular-expression-shaped text: what a pack's patterns are made of, so that RE2 and re both get a say.
regex_like = st.text(st.sampled_from("()[]{}|*+?\\.^$-:,=<>!#PLpdwsbzZA019aP\ud800 "), min_size=1, max_size=40)
severity = st.sampled_from(["info", "warning", "error"]) | json_scalar
rule_settings = st.fixed_dictionaries(
    {},
    optional={
        "enabled": st.booleans() | json_scalar,
        "severity": st.dictionaries(st.sampled_from(["personal", "professional", "official"]) | any_text, severity),
        "threshold": st.floats() | json_scalar,
    },
)
local_rule = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["LXX-001", "LXX-002", "LXX-001\n", "lxx-1"]) | any_text,
        "name": st.sampled_from(["x-y", "X"]) | any_text,
        "message": st.sampled_from(["m"]) | any_text,
        "severity": severity,
        "patterns": st.lists(regex_like | json_scalar, min_size=1, max_size=3) | json_scalar,
    },
    optional={"clauses": st.lists(st.sampled_from(["G15", "G99", "g1"])), "accounts": st.lists(any_text)},
)
department = st.fixed_dictionaries(
    {"id": st.just("dept-x") | any_text, "version": st.just("1") | json_scalar},
    optional={
        "extends": st.just("oxford-university") | json_scalar,
        "name": any_text,
        "rules": st.dictionaries(
            st.sampled_from(["OP002", "AU001", "DP001", "SE001", "WK001", "LXX-001", "ZZ999"]), rule_settings
        )
        | json_value,
        "local_rules": st.lists(local_rule, max_size=3) | json_value,
        "public_contacts": st.fixed_dictionaries(
            {},
            optional={
                "emails": st.lists(st.sampled_from(["x@ox.ac.uk", "jo@gmail.com", "a@b\n"]) | any_text, max_size=3),
                "phones": st.lists(st.sampled_from(["01865 270000", "07700 900123", "+33 1 23 45 67 89"]) | any_text),
            },
        ),
        "brand_assets": st.lists(st.sampled_from(["missing.png", "/", "a" * 300, "/a" * 3000]) | any_text, max_size=3),
        "working_hours": json_value,
        "photos": json_value,
    },
)


def _yaml(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True)


def _load_pack_text(path: Path, text: str | bytes, *, base: bool = False) -> PolicyPack | None:
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    try:
        return load_pack(base=path) if base else load_pack(path)
    except PackError as exc:
        known(exc.code)
        assert exc.code.startswith("PG3")
        one_line(str(exc))
        return None


@functools.cache
def _base() -> tuple[PolicyPack, frozenset[str]]:
    return load_pack(), frozenset(yaml.safe_load(base_pack_text())["department_may_loosen"])


def _only_tightens(pack: PolicyPack) -> None:
    """What a department pack may do to the base: raise severities, lower thresholds, switch rules on;
    the reverse only for the codes the base lists under department_may_loosen."""
    base, may_loosen = _base()
    for code, was in base.rules.items():
        now = pack.rules[code]
        if code in may_loosen:
            continue
        assert now.enabled or not was.enabled, code
        assert all(now.severity[kind].rank >= was.severity[kind].rank for kind in was.severity), code
        if was.threshold is not None:
            assert now.threshold is not None and now.threshold <= was.threshold, (code, now.threshold)


def test_pack_parsing_gives_a_pack_or_a_one_line_pack_error(folder: Path) -> None:
    texts = hostile.pack_texts()

    @fuzz(100)
    @given(any_text | st.binary(max_size=200) | department.map(_yaml) | st.sampled_from(list(texts.values())))
    @example(texts["lone surrogate in a pattern"])  # UnicodeEncodeError in RE2 (fixed: PG318)
    @example(texts["nested 999 deep with a backreference"])  # RecursionError in re (fixed: PG318)
    @example(texts["repeat over Python's limit"])  # OverflowError in re (fixed: PG318)
    @example(texts["pattern Python warns about"])  # a FutureWarning printed before the error line (fixed)
    @example(texts["brand asset with a name too long"])  # OSError ENAMETOOLONG (fixed: PG317)
    @example(texts["brand asset path too long"])
    @example(texts["NaN threshold"])  # loaded, and switched AU001 off: score >= nan never holds (fixed: PG311)
    def target(text: str | bytes) -> None:
        pack = _load_pack_text(folder / "dept.yaml", text)
        if pack is not None:
            _only_tightens(pack)

    target()


def _staff_number(pattern: str) -> str:
    return base_pack_text().replace("pattern: '\\d{6,8}'", "pattern: " + json.dumps(pattern), 1)


def test_base_pack_parsing_gives_a_pack_the_engine_can_use_or_a_pack_error(folder: Path) -> None:
    """A base pack's university number pattern must compile where the PII analyzer puts it, or be
    refused when the pack is read (not when the first post is checked)."""
    from postguard.analyzers.pii import PiiAnalyzer

    base = hostile.base_packs()

    @fuzz(100)
    @given(regex_like.map(_staff_number) | st.sampled_from(list(base.values())))
    @example(base["working hours ending in a newline"])  # ValueError from time.fromisoformat (fixed: PG311)
    @example(base["university number with a global flag"])  # re.error in the PII analyzer (fixed: PG318)
    @example(base["university number with a group named id"])
    @example(base["university number nested 999 deep"])  # RecursionError (fixed: PG318)
    @example(base["university number with a huge repeat"])  # OverflowError (fixed: PG318)
    @example(_staff_number("[["))  # FutureWarning: Possible nested set, printed (fixed: PG318)
    @example(_staff_number("[[a]"))  # the same warning from the PII analyzer (fixed: refused, PG318)
    def target(text: str) -> None:
        pack = _load_pack_text(folder / "base.yaml", text, base=True)
        if pack is not None:
            PiiAnalyzer(university_formats=pack.university_numbers)

    target()


# --- photos ----------------------------------------------------------------------------------------

SEEDS = hostile.seed_photos()


@st.composite
def mutated_photo(draw: st.DrawFn) -> bytes:
    """A valid small photo with bytes replaced, cut, or repeated: the header stays plausible, so the
    decoders get past identifying it."""
    data = bytearray(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(1, len(data)))]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(max_size=16)) * draw(st.integers(1, 50))
    return bytes(data)


photo_bytes = mutated_photo() | st.binary(max_size=300) | st.sampled_from(list(SEEDS.values()))


def _check_photo(result: LoadedPhoto | PhotoProblem) -> None:
    if isinstance(result, PhotoProblem):
        one_line(result.message)
    else:
        assert isinstance(result, LoadedPhoto), result
        assert result.image.mode == "RGB" and min(result.image.size) > 0
        assert all(frame.mode == "RGB" for frame in result.frames)


def test_load_photo_gives_a_photo_or_a_photo_error(folder: Path) -> None:
    @fuzz(200)
    @given(photo_bytes, st.sampled_from([".jpg", ".png", ".gif", ".webp", ".tif", ".bmp", ".heic", ""]))
    def target(data: bytes, suffix: str) -> None:
        path = folder / f"photo{suffix}"
        path.write_bytes(data)
        _check_photo(load_photo(0, path))

    target()


@pytest.fixture(scope="module")
def hostile_photos(folder: Path) -> dict[str, Path]:
    return hostile.photos(folder / "corpus")


# Photos in a supported format, whatever their name, mode, shape or metadata: each must load.
MUST_LOAD = {
    "PNG named .jpg", "JPEG named .png", "GIF named .webp", "WebP named .gif", "TIFF named .bmp",
    "GIF of 20,000 1 x 1 frames", "APNG of 200 frames", "TIFF of 200 pages", "WebP of 200 frames",
    "CMYK JPEG", "CMYK TIFF", "16-bit PNG", "16-bit TIFF", "16-bit big-endian TIFF", "32-bit float TIFF",
    "32-bit integer TIFF", "LAB TIFF", "1-bit BMP", "grey with alpha PNG", "RGBA PNG", "RGBA WebP",
    "palette with transparency GIF", "1 x 1", "1 x 60,000", "60,000 x 1", "EXIF orientation 9",
    "EXIF GPS IFD that points at itself", "EXIF IFD past the end", "EXIF that is not TIFF", "GPS in EXIF",
}  # fmt: skip


@pytest.mark.parametrize("name", list(hostile.photo_bytes()))
def test_every_hostile_photo_gives_a_photo_or_a_photo_error(name: str, hostile_photos: dict[str, Path]) -> None:
    loaded = load_photo(0, hostile_photos[name])
    _check_photo(loaded)
    if name in MUST_LOAD:  # a 16-bit big-endian TIFF was "damaged or truncated" (fixed)
        assert isinstance(loaded, LoadedPhoto), loaded


# --- the pure text analyzers -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def analyzers() -> list[Any]:
    from postguard.analyzers.cues import CuesAnalyzer, SceneCuesAnalyzer
    from postguard.analyzers.pii import PiiAnalyzer
    from postguard.analyzers.secrets import SecretsAnalyzer

    return [SecretsAnalyzer(), PiiAnalyzer(), CuesAnalyzer(), SceneCuesAnalyzer()]


def test_text_analyzers_point_inside_the_text(analyzers: list[Any]) -> None:
    from postguard.text.document import make_document

    @fuzz(200)
    @given(post_text, st.booleans())
    @example("GB82 WEST 1234 5698 7654 32\u0130", False)  # ValueError: int("İ", 36) in the IBAN check (fixed)
    def target(text: str, markdown: bool) -> None:
        doc = make_document(text, markdown=markdown)
        assert doc.original == text and len(doc.text) == len(doc.norm.text)
        for analyzer in analyzers:
            for found in (analyzer.analyze(doc), analyzer.analyze_bio(doc)):
                for e in found:
                    assert isinstance(e, Evidence)
                    if e.span is not None:
                        assert 0 <= e.span.start <= e.span.end <= len(text), (analyzer.id, e)

    target()


# --- the text report -------------------------------------------------------------------------------

# Any character a terminal acts on rather than shows, other than newline and tab (tests/test_hardening_text.py).
OBEYED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


@st.composite
def report_on(draw: st.DrawFn) -> tuple[Report, str, str]:
    text = draw(post_text)
    findings = []
    for _ in range(draw(st.integers(0, 3))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        span = Span(a, b)
        findings.append(
            Finding(
                code=draw(st.sampled_from(["DP001", "LXX-001"]) | any_text),
                name=draw(any_text),
                severity=draw(st.sampled_from(list(Severity))),
                message=draw(post_text),
                clauses=tuple(draw(st.lists(any_text, max_size=2))),
                where=Where(text=span),
                evidence=Evidence("pii.v1", 1.0, label="phone", span=span),
                lifted_by=draw(st.none() | any_text),
                route=draw(st.none() | any_text),
            )
        )
    report = Report(
        verdict=draw(st.sampled_from(list(Verdict))),
        policy=draw(any_text),
        findings=tuple(findings),
        photo_errors=tuple(PhotoProblem(0, draw(any_text), draw(any_text)) for _ in range(draw(st.integers(0, 2)))),
        notices=tuple(draw(st.lists(any_text, max_size=2))),
    )
    return report, text, draw(any_text)


@fuzz(200)
@given(report_on())
def test_the_text_report_shows_every_character_and_obeys_none(case: tuple[Report, str, str]) -> None:
    report, text, name = case
    out = render(report, text, name=name)
    assert not OBEYED.search(out), repr(OBEYED.search(out))


# --- messages the fuzzing found wrong ---------------------------------------------------------------


def test_a_device_given_as_a_post_is_not_said_to_be_0_bytes() -> None:
    with pytest.raises(InputError, match=r"^/dev/zero is not a regular file") as info:
        source_from_argument("/dev/zero", stdin=None, max_chars=100_000)
    assert info.value.code == "PG129"


def test_the_photo_option_says_what_the_path_is(folder: Path) -> None:
    from postguard.cli import _Options

    for path, code in [
        ("/dev/zero", "PG209"),  # was "no such file"
        ("p" * 300, "PG208"),  # was an internal error: OSError, file name too long
        (str(folder), "PG201"),
        (str(folder / "gone.jpg"), "PG202"),
    ]:
        with pytest.raises(UsageError) as info:
            _Options("personal", "", "generic", None, [path], [])
        assert info.value.code == code, (path, info.value)


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("brand asset that is a directory", "PG317", "is not a regular file, not an image"),  # was "no such file"
        ("brand asset that is a device", "PG317", "is not a regular file, not an image"),
        ("brand asset with a name too long", "PG317", "cannot be read (File name too long)"),
        ("email with a newline", "PG311", "does not match"),  # was "'office@ox.ac.uk' is not at ox.ac.uk"
        ("id with a newline", "PG311", "does not match"),
        ("lone surrogate in a pattern", "PG318", "lone surrogate"),
        ("nested 999 deep with a backreference", "PG318", "nested too deeply"),
        ("repeat over Python's limit", "PG318", "repetition number is too large"),
        ("NaN threshold", "PG332", "rules.AU001.threshold: nan is not a number"),  # was loaded: AU001 off
    ],
)
def test_pack_refusals_say_what_is_wrong(name: str, code: str, says: str, folder: Path) -> None:
    assert _load_pack_text(folder / "named.yaml", hostile.pack_texts()[name]) is None
    with pytest.raises(PackError) as info:
        load_pack(folder / "named.yaml")
    assert info.value.code == code and says in str(info.value), str(info.value)


# --- the CLI, end to end ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_cases(folder: Path) -> dict[str, hostile.Case]:
    return {str(case): case for case in hostile.cli_cases(folder / "cli")}


# Run every time: the inputs that found bugs, and one of each family.
CLI_EXAMPLES = [
    "jsonl: a number of 5,000 digits",  # an internal error (exit 3)
    "packs: lone surrogate in a pattern",  # an internal error (exit 3)
    "packs: pattern Python warns about",  # a FutureWarning on stderr before the error line
    "paths: --photo a name too long",  # an internal error (exit 3)
    "paths: fix --out a name too long",  # an internal error (exit 3)
    "paths: a device",  # "/dev/zero is 0 bytes; the limit is 100,000 characters"
    "paths: --photo /dev/zero",  # "no such file"
    "text: terminal escapes",
    "options: --at '9999-12-31T23:59:59-12:00'",
]


def _run_cli(case: hostile.Case, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "postguard", *case.argv]
    return subprocess.run(command, input=case.stdin, capture_output=True, cwd=cwd, timeout=300, check=False)


@pytest.mark.slow
def test_the_cli_exits_0_1_or_2_with_at_most_one_line_of_error(
    cli_cases: dict[str, hostile.Case], folder: Path
) -> None:
    assert set(CLI_EXAMPLES) <= set(cli_cases)

    def examples(test: Any) -> Any:
        for name in CLI_EXAMPLES:
            test = example(name)(test)
        return test

    @fuzz(3)
    @given(st.sampled_from(sorted(cli_cases)))
    @examples
    def target(name: str) -> None:
        case = cli_cases[name]
        result = _run_cli(case, folder)
        err = result.stderr.decode("utf-8", "replace")
        assert result.returncode in (0, 1, 2), (name, result.returncode, err[-500:])
        assert "Traceback" not in err, (name, err[-500:])
        if result.returncode == 2:
            assert len(err.splitlines()) <= 1, (name, err)

    target()
