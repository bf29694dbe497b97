"""Policy packs that are hostile or careless: reading one is bounded in bytes, depth, nodes and time
whatever it holds, its patterns run in linear time, error messages stay one short line, and a
department pack cannot switch DP001 or BR001 off through its contacts or brand assets."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from postguard.errors import PackError
from postguard.policy.pack import base_pack_text, load_pack

DEPT = "id: dept-x\nversion: '1'\nextends: oxford-university\n"

# Loads a pack in a child process bounded in time and address space, so that a regression shows as a
# failed test rather than a machine brought down (before: /dev/zero was read until killed at 23 GB, a
# FIFO blocked for ever, an alias bomb took 100 s and 7.6 GB).
LOAD_BOUNDED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
from postguard.errors import PackError
from postguard.policy.pack import load_pack
try:
    load_pack(sys.argv[1])
    print("LOADED")
except PackError as exc:
    print("PackError:", exc)
"""


def _load_bounded(path: Path | str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", LOAD_BOUNDED, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr[-500:]
    return run.stdout.strip()


def _write(tmp_path: Path, text: str, name: str = "dept.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path, message: str) -> str:
    with pytest.raises(PackError, match=message) as info:
        load_pack(path)
    text = str(info.value)
    assert "\n" not in text and len(text) < 300, text
    return text


# --- what is read ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_device_is_not_read() -> None:
    assert (
        _load_bounded("/dev/zero")
        == "PackError: policy pack /dev/zero: is not a regular file (a device or a pipe?), not a policy pack"
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "dept.yaml"
    os.mkfifo(fifo)
    assert "is not a regular file" in _load_bounded(fifo)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    _refused(tmp_path, "is a directory")


def test_a_pack_over_the_size_limit_is_refused_unparsed(tmp_path: Path) -> None:
    path = _write(tmp_path, DEPT + "# " + "x" * (1024 * 1024) + "\n")
    _refused(path, r"is 1,048,6\d\d bytes; a pack may have 1,048,576")


# --- how it is parsed ------------------------------------------------------------------------------


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    path = _write(tmp_path, DEPT + "name: " + "[" * 50_000 + "]" * 50_000 + "\n")
    _refused(path, "not accepted at line 4: it nests over 20 levels")


@pytest.mark.slow
def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    bomb = DEPT + "x0: &x0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
    for i in range(1, 10):
        bomb += f"x{i}: &x{i} [" + ",".join([f"*x{i - 1}"] * 9) + "]\n"
    path = _write(tmp_path, bomb + "name: *x9\n")
    assert "it uses an anchor (&name)" in _load_bounded(path)


def test_aliases_are_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path, DEPT + "local_rules:\n  - &r {code: LXY-001, name: x-y, message: m, severity: error, patterns: [a]}\n"
    )
    _refused(path, "uses an anchor")
    path = _write(tmp_path, DEPT + "name: *undefined\n")
    _refused(path, "uses an alias")


def test_too_many_entries_or_values_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, DEPT + "brand_assets: [" + ", ".join(["a.png"] * 2_001) + "]\n")
    _refused(path, "over 2,000 entries in one list or mapping")
    many = "".join(f"  - [{', '.join(['1'] * 1_000)}]\n" for _ in range(60))
    _refused(_write(tmp_path, DEPT + "name:\n" + many), "over 50,000 values")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("limits:\n  max_text_chars: " + "9" * 5_000, r"not valid YAML \(Exceeds the limit"),
        ("name: 2024-13-45", r"not valid YAML \(month must be in 1..12\)"),
    ],
)
def test_scalars_python_refuses_are_a_pack_error(tmp_path: Path, body: str, message: str) -> None:
    _refused(_write(tmp_path, DEPT + body + "\n"), message)


def test_a_long_value_is_echoed_short(tmp_path: Path) -> None:
    path = _write(tmp_path, DEPT + "rules:\n  OP001: {severity: {personal: " + "x" * 100_000 + "}}\n")
    text = _refused(path, r"rules\.OP001\.severity\.personal: 'x{20,}… is not one of")
    assert text.count("x") < 100


def test_a_long_list_of_mappings_under_days_is_refused_quickly(tmp_path: Path) -> None:
    # uniqueItems compared 2,000 mappings pairwise (5 s); maxItems reports such a list on its own
    days = ", ".join(f"{{a: {i}}}" for i in range(1_999))
    base = base_pack_text().replace("days: [mon, tue, wed, thu, fri]", f"days: [{days}]")
    path = _write(tmp_path, base, "base.yaml")
    with pytest.raises(PackError, match="working_hours.days: .* is too long"):
        load_pack(base=path)


# --- patterns --------------------------------------------------------------------------------------


def _rule(pattern: str) -> str:
    return (
        DEPT + f"local_rules:\n  - {{code: LXY-001, name: x-y, message: m, severity: error, patterns: ['{pattern}']}}\n"
    )


def test_local_rule_patterns_run_on_a_linear_time_engine(tmp_path: Path) -> None:
    pack = load_pack(_write(tmp_path, _rule("^(a+)+$")))
    (pattern,) = pack.local_rules[0].patterns
    assert not isinstance(pattern, re.Pattern)  # Python's re took 41 s on 31 characters
    assert pattern.pattern == "^(a+)+$"
    assert pattern.search("a" * 40 + "!") is None
    found = pattern.search("a" * 40)
    assert found is not None and (found.start(), found.end()) == (0, 40)


def test_local_rule_patterns_keep_case_folding_and_character_offsets(tmp_path: Path) -> None:
    pack = load_pack(_write(tmp_path, _rule("\\bProject Helios\\b")))
    (pattern,) = pack.local_rules[0].patterns
    text = "Café — the PROJECT HELIOS launch \ud800"  # offsets count characters, not UTF-8 bytes
    found = pattern.search(text)
    assert found is not None and text[found.start() : found.end()] == "PROJECT HELIOS"


@pytest.mark.parametrize(
    ("pattern", "feature"),
    [("(a)\\1", "\\1"), ("(?=x)a", "(?="), ("(?<!x)a", "(?<!"), ("(?>a)", "(?>"), ("a++", "++")],
)
def test_patterns_re2_cannot_run_are_refused_in_one_line(tmp_path: Path, pattern: str, feature: str) -> None:
    text = _refused(_write(tmp_path, _rule(pattern)), r"local_rules\.0\.patterns\.0: bad pattern for RE2")
    assert "backreferences, lookarounds" in text and feature in text


def test_a_broken_pattern_still_says_bad_pattern(tmp_path: Path) -> None:
    _refused(_write(tmp_path, _rule("(")), r"local_rules\.0\.patterns\.0: bad pattern \(missing \)")


def test_university_number_patterns_must_be_linear_time_syntax_too(tmp_path: Path) -> None:
    base = base_pack_text().replace("pattern: '\\d{7,8}'", "pattern: '(?=\\d)\\d{7,8}'")
    assert "(?=" in base
    with pytest.raises(PackError, match=r"university_numbers\.student-number\.pattern: bad pattern for RE2"):
        load_pack(base=_write(tmp_path, base, "base.yaml"))


@pytest.mark.slow
def test_a_hostile_local_rule_does_not_stall_a_check(tmp_path: Path) -> None:
    # The subprocess bound guards against a hang; it is not a speed measurement.
    path = _write(tmp_path, _rule("^(a+)+$"))
    code = (
        "import sys\n"
        "from postguard import Post\n"
        "from postguard.engine import Engine\n"
        "from postguard.policy.pack import load_pack\n"
        "engine = Engine(load_pack(sys.argv[1]))\n"
        "for text in ('a' * 60 + '!', 'a' * 60):\n"
        "    print(sorted({f.code for f in engine.check(Post(text)).findings}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-500:]
    hostile, matching = run.stdout.splitlines()
    assert "LXY-001" not in hostile and "LXY-001" in matching


# --- public contacts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "jo.bloggs@gmail.com",
        "jo@googlemail.com",
        "jo@hotmail.co.uk",
        "jo@yahoo.com",
        "jo@outlook.com",
        "jo@icloud.com",
        "jo@proton.me",
        "jo@gmx.de",
        "jo@live.co.uk",
        "Jo@GMAIL.COM",
    ],
)
def test_a_department_may_not_list_a_personal_mailbox(tmp_path: Path, email: str) -> None:
    path = _write(tmp_path, DEPT + f"public_contacts:\n  emails: ['{email}']\n")
    _refused(path, r"public_contacts\.emails\.0: .* is at a personal mail provider")


def test_a_department_may_list_only_university_addresses(tmp_path: Path) -> None:
    path = _write(tmp_path, DEPT + "public_contacts:\n  emails: [jo@bloggs-consulting.co.uk]\n")
    _refused(path, r"is not at a University domain \(ox\.ac\.uk\)")
    path = _write(tmp_path, DEPT + "public_contacts:\n  emails: [jo@notox.ac.uk]\n")
    _refused(path, "is not at a University domain")


@pytest.mark.parametrize(
    "phone", ["07911 123456", "+44 7911 123456", "+447911123456", "7911 123456", "07700 900123", "+33 6 12 34 56 78"]
)
def test_a_department_may_not_list_a_mobile_number(tmp_path: Path, phone: str) -> None:
    path = _write(tmp_path, DEPT + f"public_contacts:\n  phones: ['{phone}']\n")
    _refused(path, r"public_contacts\.phones\.0: .* is a mobile number")


def test_a_department_may_list_its_office_contacts(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        DEPT + "public_contacts:\n  emails: [Enquiries@Physics.ox.ac.uk, press@admin.ox.ac.uk]\n"
        "  phones: ['+44 1865 272200', '01865 272200']\n",
    )
    pack = load_pack(path)
    assert {"enquiries@physics.ox.ac.uk", "press@admin.ox.ac.uk"} <= pack.public_emails
    assert pack.public_phones[-2:] == ("+44 1865 272200", "01865 272200")


# --- brand assets ----------------------------------------------------------------------------------


def test_a_brand_asset_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    (tmp_path / "crest.png").write_text("not an image")
    path = _write(tmp_path, DEPT + "brand_assets: [crest.png]\n")
    _refused(path, r"brand_assets\.0: 'crest\.png' is not an image Postguard can read")


def test_a_brand_asset_in_an_unsupported_format_is_refused(tmp_path: Path) -> None:
    (tmp_path / "crest.png").write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n")
    path = _write(tmp_path, DEPT + "brand_assets: [crest.png]\n")
    _refused(path, r"brand_assets\.0: 'crest\.png' is a file in EPS format")


def test_a_truncated_brand_asset_is_refused(tmp_path: Path) -> None:
    Image.new("RGB", (64, 64), (200, 0, 0)).save(tmp_path / "whole.png")
    (tmp_path / "crest.png").write_bytes((tmp_path / "whole.png").read_bytes()[:60])
    path = _write(tmp_path, DEPT + "brand_assets: [crest.png]\n")
    _refused(path, r"brand_assets\.0: 'crest\.png' is damaged or truncated")


def test_a_brand_asset_that_is_an_image_is_kept(tmp_path: Path) -> None:
    Image.new("RGB", (64, 64), (200, 0, 0)).save(tmp_path / "crest.png")
    pack = load_pack(_write(tmp_path, DEPT + "brand_assets: [crest.png]\n"))
    assert pack.brand_assets == (str(tmp_path / "crest.png"),)


def test_a_nan_threshold_and_a_department_pack_with_the_base_id_are_refused(tmp_path: Path) -> None:
    nan = tmp_path / "nan.yaml"
    nan.write_text('id: dept-x\nversion: "1"\nextends: oxford-university\nrules:\n  OP001: {threshold: .nan}\n')
    with pytest.raises(PackError) as refused:
        load_pack(nan)
    assert refused.value.code == "PG332"
    same = tmp_path / "same.yaml"
    same.write_text('id: oxford-university\nversion: "2099.9"\nextends: oxford-university\n')
    with pytest.raises(PackError) as taken:
        load_pack(same)
    assert taken.value.code == "PG333"


# --- found by the last hardening round -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key", "line"),
    [
        ("rules:\n  OP001: {severity: {personal: error}}\n  OP001: {threshold: 0.1}\n", "OP001", 6),
        ("brand_assets: []\nbrand_assets: []\n", "brand_assets", 5),
        ("rules:\n  OP001: {threshold: 0.1, threshold: 0.2}\n", "threshold", 5),
    ],
)
def test_a_key_given_twice_is_refused_not_silently_the_last(tmp_path: Path, body: str, key: str, line: int) -> None:
    text = _refused(_write(tmp_path, DEPT + body), rf"the key '{key}' is given twice in one mapping \(line {line}\)")
    with pytest.raises(PackError) as info:
        load_pack(_write(tmp_path, DEPT + body))
    assert info.value.code == "PG334" and "merge" in text


def test_the_same_key_in_different_mappings_is_fine(tmp_path: Path) -> None:
    body = "rules:\n  OP001: {threshold: 0.1}\n  OP002: {threshold: 0.1}\n"
    assert load_pack(_write(tmp_path, DEPT + body)).rules["OP002"].threshold == 0.1


def test_brand_assets_are_capped_across_the_packs(tmp_path: Path) -> None:
    Image.new("RGB", (64, 64), (200, 0, 0)).save(tmp_path / "crest.png")
    many = "brand_assets: [" + ", ".join(["crest.png"] * 51) + "]\n"
    with pytest.raises(PackError) as info:
        load_pack(_write(tmp_path, DEPT + many))
    assert info.value.code == "PG335" and "51 assets; at most 50" in str(info.value)
    fifty = "brand_assets: [" + ", ".join(["crest.png"] * 50) + "]\n"
    assert len(load_pack(_write(tmp_path, DEPT + fifty)).brand_assets) == 50
    second = _write(tmp_path, "id: dept-y\nversion: '1'\nextends: dept-x\nbrand_assets: [crest.png]\n", "y.yaml")
    with pytest.raises(PackError) as both:
        load_pack(_write(tmp_path, DEPT + fifty), second)
    assert both.value.code == "PG335"


def test_a_brand_asset_jpeg_cut_short_is_refused_though_its_header_is_sound(tmp_path: Path) -> None:
    image = Image.effect_noise((256, 256), 60).convert("RGB")
    image.save(tmp_path / "whole.jpg", quality=90)
    whole = (tmp_path / "whole.jpg").read_bytes()
    (tmp_path / "crest.jpg").write_bytes(whole[: len(whole) // 2])
    _refused(_write(tmp_path, DEPT + "brand_assets: [crest.jpg]\n"), r"'crest\.jpg' is damaged or truncated")


def test_a_brand_asset_spoiled_after_loading_makes_the_photo_partly_checked(tmp_path: Path) -> None:
    from postguard.analyzers.photo_logo import PhotoLogoAnalyzer
    from postguard.photos.load import LoadedPhoto, load_photo

    Image.effect_noise((128, 128), 60).convert("RGB").save(tmp_path / "crest.png")
    analyzer = PhotoLogoAnalyzer([str(tmp_path / "crest.png")])
    (tmp_path / "crest.png").write_bytes(b"gone")
    Image.effect_noise((128, 128), 60).convert("RGB").save(tmp_path / "photo.png")
    photo = load_photo(0, tmp_path / "photo.png")
    assert isinstance(photo, LoadedPhoto)
    with pytest.raises(RuntimeError, match=r"the brand asset .*crest\.png is not an image"):
        analyzer.analyze_photo(photo)


def test_university_number_patterns_run_on_re2_as_pack_patterns_do(tmp_path: Path) -> None:
    from postguard.analyzers.pii import PiiAnalyzer
    from postguard.text.document import make_document

    hostile = base_pack_text().replace("pattern: '\\d{6,8}'", "pattern: '(\\d+)+x'", 1)
    pack = load_pack(base=_write(tmp_path, hostile, "base.yaml"))
    analyzer = PiiAnalyzer(university_formats=pack.university_numbers)
    staff = next(p for p in analyzer.patterns if p.name == "staff-number")
    assert staff.engine == "re2" and not isinstance(staff.compiled, re.Pattern)  # re took minutes on 40 digits
    assert analyzer.analyze(make_document("My staff number is " + "1" * 40 + "!")) == []
    found = analyzer.analyze(make_document("Café: my staff number is 11111x."))
    assert [(e.label, e.span.start, e.span.end) for e in found if e.label == "staff-number"] == [
        ("staff-number", 25, 31)
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("My student number is 1234567.", True),
        ("student\u00a0number: 12345678", True),  # a no-break space is a space to re's \s, not RE2's
        ("Mystudent number 1234567", False),
        ("éstudent number 1234567", False),  # é is a letter: no word boundary, as re reads it
        ("student number 1234567é", False),
        ("student number 12345678901", False),
    ],
)
def test_the_base_university_numbers_read_text_as_before(text: str, found: bool) -> None:
    from postguard.analyzers.pii import PiiAnalyzer
    from postguard.text.document import make_document

    labels = [e.label for e in PiiAnalyzer().analyze(make_document(text))]
    assert ("student-number" in labels) is found, labels
