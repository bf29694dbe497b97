"""A hostile corpus: inputs of every kind Postguard reads, built to break it. Not a test file: the fuzz
targets (``tests/test_fuzz.py``) and ``bench/hostile.py`` build their inputs here.

Families, as the CLI takes them:

- text: post texts (:func:`texts`, short; :func:`long_texts`, near the 100,000-character limit and built
  to be slow);
- JSON lines: single lines (:func:`jsonl_lines`) and whole files (:func:`jsonl_files`);
- photos: formats under other names, bombs whose headers claim huge sizes, truncated files, many
  frames, CMYK, 16-bit, float and alpha images, odd EXIF (:func:`photos`; :func:`seed_photos` gives a
  small valid file per format, for mutation);
- policy packs: alias bombs, deep nesting, catastrophic and unsupported regexes, wrong types, unreadable
  files (:func:`packs`; :func:`base_packs` for ``load_pack(base=...)``);
- paths: dangling and looping symlinks, FIFOs, directories, devices, names too long (:func:`paths`);
- option values for ``check``/``fix`` (:func:`option_values`).

:func:`cli_cases` puts them together as command lines. Every builder takes well under a second, and
every file it writes is small: bombs claim their size in a header rather than hold it; the largest file
is a JSON line just over the line limit (2.3 MB).
"""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from postguard.inputs import jsonl_line_limit

LIMIT = 99_000  # characters of a long post: under the base pack's 100,000
JSONL_LINE_LIMIT = jsonl_line_limit(100_000)  # bytes of a JSON line, for the base pack

# --- text ------------------------------------------------------------------------------------------

ESC = "\x1b"


def texts() -> dict[str, str]:
    """Short post texts that are hostile to normalisation, offsets, terminals or the input checks."""
    return {
        "empty": "",
        "whitespace only": " \t\n\r\u00a0\u2003\u3000",
        "zero-width only": "\u200b\u200c\u200d\ufeff\u2060",
        "NUL inside": "Call me\x00 on 07700 900123",
        "C0 and C1 controls": "".join(map(chr, range(1, 32))) + "".join(map(chr, range(0x7F, 0xA0))),
        "terminal escapes": f"{ESC}[2J{ESC}]0;title\x07{ESC}]8;;http://evil.example{ESC}\\click{ESC}]8;;{ESC}\\ "
        "password: Quad2026!",
        "carriage returns": "Call 07700 900123\rnothing to see\r\n",
        "bidi overrides": "Ring \u202e321009 00770\u202c or \u2066x\u2069 \u200f\u061c",
        "lone surrogates": "half an emoji \ud83d and a low one \ude00 then jo@example.com",
        "combining stack": "e" + "\u0301" * 2000 + " 07700 900123",
        "NFKC expanders": "\ufdfa" * 50 + " jo@example.com " + "\u3392" * 50,
        "case changes length": "\u0130stanbul ma\u00df " * 20 + "jo@example.com",
        "fullwidth digits": "\uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13",
        "look-alike letters": "\u0440\u0430ssw\u043erd: Quad2026!",
        "emoji ZWJ runs": "\U0001f469\u200d\U0001f52c" * 200 + " call 07700 900123",
        "tag characters": "flag \U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        "noncharacters and private use": "\ufffe\uffff\U0010ffff\ue000\U000f0000 jo@example.com",
        "line separators": "one\u2028two\u2029three\x85four\x0bfive\x0csix",
        "BOM first": "\ufeffThe new fees policy is a disaster.",
        "spoken digits": "oh seven seven oh oh nine oh oh one two three",
        "unclosed Markdown": "[a](http://x.com/" + "(" * 500 + " **b _c `d",
        "one long word": "x" * 5000,
        "only punctuation": "!?.,;:" * 500,
        "a path-looking word": "notes/post.md",
        "a dash": "-",
        "a flag": "--help",
    }


def long_texts(limit: int = LIMIT) -> dict[str, tuple[str, bool]]:
    """Posts near the length limit that repeat one pattern a rule or an analyzer reads (name -> (text,
    markdown)): a quadratic step shows here long before it shows on ordinary posts."""
    plain = {
        "addresses in one sentence": "12 High Street, " * 6_000,
        "phone numbers": "07700 900123 " * 7_600,
        "IBANs": "GB82 WEST 1234 5698 7654 32 " * 3_400,
        "titles without names": "Dr " * 33_000,
        "digits and spaces": "0 " * 49_000,
        "digits and dashes": "1-" * 49_000,
        "at signs": "a@" * 49_000,
        "spoken addresses": "a at b dot " * 9_000,
        "one word": "a" * limit,
        "line breaks": "a\n" * 49_000,
        "emoji joined": "\U0001f469\u200d" * 45_000,
        "handles": "@a " * 33_000,
        "threats repeated": "I will kill you " * 6_000,
    }
    markdown = {
        "table of phone numbers": "| a | b |\n|---|---|\n" + "| 07700 900123 | x |\n" * 4_000,
        "unclosed code fence": "```\n" + "x = 1\n" * 15_000,
        "unclosed links": "[a](http://x.com/" + "(" * 30_000,
        "HTML tags": "<div>" * 18_000,
        "emphasis": "*a _b " * 15_000,
        "backticks": "`" * limit,
    }
    out = {name: (text[:limit], False) for name, text in plain.items()}
    out.update({name: (text[:limit], True) for name, text in markdown.items()})
    return out


# --- JSON lines ------------------------------------------------------------------------------------


def jsonl_lines() -> dict[str, bytes]:
    """Single JSON lines (without the newline) that must each become a report or a one-line problem."""

    def obj(**fields: object) -> bytes:
        return json.dumps(fields).encode()

    return {
        "valid": obj(text="Guest wifi password is Quad2026!", id="ok"),
        "not UTF-8": b'{"text": "caf\xe9"}',
        "NUL byte": b'{"text": "a\x00b"}',
        "escaped NUL": obj(text="a\x00b"),
        "lone surrogate escape": b'{"text": "half \\ud83d"}',
        "low surrogate escape": b'{"text": "\\ude00\\ud800\\udbff"}',
        "not JSON": b"text: hello",
        "truncated": b'{"text": "hello',
        "trailing comma": b'{"text": "hello",}',
        "an array": b'["text", "hello"]',
        "a string": b'"hello"',
        "null": b"null",
        "deep arrays": b"[" * 100_000 + b"]" * 100_000,
        "deep objects": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        "huge integer": b'{"text": "x", "id": 1' + b"0" * 5_000 + b"}",
        "huge integer elsewhere": b'{"text": "x", "junk": [' + b"9" * 4_400 + b"]}",
        "huge float": b'{"text": "x", "id": 1e99999}',
        "NaN and Infinity": b'{"text": NaN, "id": Infinity}',
        "duplicate keys": b'{"text": "a", "text": 5}',
        "BOM inside": b'\xef\xbb\xbf{"text": "hello"}',
        "number as text": obj(text=5),
        "list as text": obj(text=["a"]),
        "true as id": obj(text="x", id=True),
        "float as id": obj(text="x", id=1.5),
        "number as time": obj(text="x", scheduled_at=20261124),
        "time at the calendar's end": obj(text="x", scheduled_at="9999-12-31T23:59:59-12:00"),
        "time at the calendar's start": obj(text="x", scheduled_at="0001-01-01T00:00:00+14:00"),
        "not a time": obj(text="x", scheduled_at="next tuesday"),
        "unknown account": obj(text="x", account="wizard"),
        "account as list": obj(text="x", account=["personal"]),
        "photos as string": obj(text="x", photos="a.jpg"),
        "photos of numbers": obj(text="x", photos=[1, 2]),
        "photo that is a directory": obj(text="x", photos=["/"]),
        "eleven photos": obj(text="x", photos=["/nonexistent.jpg"] * 11),
        "record without covers": obj(text="x", records=[{"id": "C-1", "kind": "consent"}]),
        "record of unknown kind": obj(text="x", records=[{"id": "C-1", "kind": "wish", "covers": ["DP001"]}]),
        "record of unknown code": obj(text="x", records=[{"id": "C-1", "kind": "consent", "covers": ["ZZ999"]}]),
        "record with a bad date": obj(
            text="x", records=[{"id": "C-1", "kind": "consent", "covers": ["DP001"], "expires": "2026-02-30"}]
        ),
        "record with a number date": obj(
            text="x", records=[{"id": "C-1", "kind": "consent", "covers": ["DP001"], "expires": 20260101}]
        ),
        "record with extra field": obj(text="x", records=[{"id": "C", "kind": "consent", "covers": [], "x": 1}]),
        "records as object": obj(text="x", records={"id": "C-1"}),
        "unknown fields": obj(text="x", colour="blue", size=3),
        "bio too long": obj(text="x", bio="b" * 100_001),
        "text too long": obj(text="t" * 100_001),
        "no text, no photos": obj(bio="Professor at Oxford"),
        "markdown as string": obj(text="x", markdown="yes"),
        "terminal escapes in id": obj(text="x", id=f"{ESC}[2J\r\n"),
    }


def jsonl_files(folder: Path) -> dict[str, Path]:
    """JSON-lines files: every hostile line in one file, and files hostile as a whole."""
    lines = jsonl_lines()
    valid = lines["valid"]
    over = b'{"text": "' + b"a" * (JSONL_LINE_LIMIT + 10) + b'"}'
    files = {
        "every hostile line": b"\n".join(lines.values()) + b"\n",
        "a number of 5,000 digits": lines["huge integer"] + b"\n",
        "a line over the limit, then a good one": over + b"\n" + valid + b"\n",
        "CRLF line ends": valid + b"\r\n" + valid + b"\r\n",
        "no newline at the end": valid + b"\n" + valid,
        "BOM at the start": b"\xef\xbb\xbf" + valid + b"\n",
        "blank lines only": b"\n \n\t\n\r\n",
        "empty": b"",
        "binary": bytes(range(256)) * 8,
        "UTF-16": ("\ufeff" + valid.decode() + "\n").encode("utf-16-le"),
    }
    out = {}
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, data) in enumerate(files.items()):
        out[name] = folder / f"posts-{i}.jsonl"
        out[name].write_bytes(data)
    return out


# --- photos ----------------------------------------------------------------------------------------


def _encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **options)
    return buf.getvalue()


def _scene(size: tuple[int, int] = (48, 32)) -> Image.Image:
    im = Image.new("RGB", size, (180, 205, 230))
    im.paste((90, 140, 80), (0, size[1] // 2, size[0], size[1]))
    return im


def seed_photos() -> dict[str, bytes]:
    """One small valid file per supported format, and a few odd but valid ones: seeds for mutation."""
    frames = [_scene().point(lambda v, k=k: (v + 40 * k) % 256) for k in range(3)]
    return {
        "jpeg": _encode(_scene(), "JPEG", quality=70),
        "png": _encode(_scene(), "PNG"),
        "gif": _encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=50),
        "webp": _encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=50),
        "tiff": _encode(_scene(), "TIFF"),
        "bmp": _encode(_scene((8, 8)), "BMP"),
        "apng": _encode(frames[0], "PNG", save_all=True, append_images=frames[1:]),
        "jpeg with exif": _jpeg_with_gps(),
    }


def _jpeg_with_gps() -> bytes:
    im = _scene()
    exif = im.getexif()
    exif[0x0112] = 6  # orientation
    exif[0x010F] = "Camera"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 45.0, 12.5), 3: "W", 4: (1.0, 15.0, 3.2)})
    return _encode(im, "JPEG", exif=exif)


def _png_claiming(width: int, height: int) -> bytes:
    """A small, real PNG whose header claims ``width`` x ``height`` pixels (IHDR rewritten, CRC fixed)."""
    data = bytearray(_encode(Image.new("L", (16, 16), 128), "PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A small baseline JPEG whose frame header (SOF0) claims ``width`` x ``height``."""
    data = bytearray(_encode(Image.new("RGB", (16, 16), (10, 20, 30)), "JPEG"))
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _gif_claiming(width: int, height: int, frames: int) -> bytes:
    """An animated GIF whose screen and every frame claim ``width`` x ``height``."""
    images = [Image.new("RGB", (16, 16), (30 * k, 0, 0)) for k in range(frames)]
    data = bytearray(_encode(images[0], "GIF", save_all=True, append_images=images[1:], duration=100, loop=0))
    data[6:10] = struct.pack("<HH", width, height)
    at = 13 + 3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 13
    while (at := data.find(b"\x2c\x00\x00\x00\x00\x10\x00\x10\x00", at)) != -1:
        data[at + 5 : at + 9] = struct.pack("<HH", width, height)
        at += 9
    return bytes(data)


def _bmp_claiming(width: int, height: int) -> bytes:
    data = bytearray(_encode(Image.new("RGB", (4, 4)), "BMP"))
    data[18:26] = struct.pack("<ii", width, height)
    return bytes(data)


def _tiff_claiming(width: int, height: int) -> bytes:
    """A little-endian TIFF whose ImageWidth and ImageLength tags claim ``width`` x ``height``."""
    data = bytearray(_encode(Image.new("L", (4, 4), 9), "TIFF"))
    (ifd,) = struct.unpack_from("<I", data, 4)
    (count,) = struct.unpack_from("<H", data, ifd)
    for k in range(count):
        at = ifd + 2 + 12 * k
        (tag,) = struct.unpack_from("<H", data, at)
        if tag in (256, 257):
            struct.pack_into("<HHII", data, at, tag, 4, 1, width if tag == 256 else height)
    return bytes(data)


def tiny_frames_gif(count: int) -> bytes:
    """A GIF of ``count`` 1 x 1 frames: 14 bytes a frame."""
    head = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return head + frame * count + b";"


def _exif_jpeg(exif: bytes) -> bytes:
    """A JPEG whose APP1 segment holds ``exif`` (after ``Exif\\0\\0``) as given, however malformed."""
    data = _encode(Image.new("RGB", (8, 8)), "JPEG")
    body = b"Exif\x00\x00" + exif
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + data[2:]


def photo_bytes() -> dict[str, tuple[str, bytes]]:
    """name -> (file suffix, content)."""
    seeds = seed_photos()
    frames = [Image.new("RGB", (16, 16), (k, 0, 0)) for k in range(200)]
    transparent = Image.new("P", (16, 16))
    transparent.info["transparency"] = 0
    looping_ifd = b"II*\x00\x08\x00\x00\x00" + b"\x01\x00" + struct.pack("<HHII", 0x8825, 4, 1, 8) + b"\x08\x00\x00\x00"
    past_end = b"II*\x00\xff\xff\xff\x7f"
    bad_orientation = _encode(_scene(), "JPEG", exif=_exif_with(0x0112, 9))
    return {
        # formats under other names
        "PNG named .jpg": (".jpg", seeds["png"]),
        "JPEG named .png": (".png", seeds["jpeg"]),
        "GIF named .webp": (".webp", seeds["gif"]),
        "WebP named .gif": (".gif", seeds["webp"]),
        "TIFF named .bmp": (".bmp", seeds["tiff"]),
        "EPS named .jpg": (".jpg", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n"),
        "ICO named .png": (".png", _encode(_scene((16, 16)), "ICO")),
        "PCX named .jpg": (".jpg", _encode(_scene(), "PCX")),
        "HEIC header named .heic": (".heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
        "HTML named .jpg": (".jpg", b"<!doctype html><title>not a photo</title>"),
        "ZIP named .png": (".png", b"PK\x03\x04" + b"\x00" * 26),
        "empty": (".jpg", b""),
        "one byte": (".jpg", b"\xff"),
        "PNG signature only": (".png", b"\x89PNG\r\n\x1a\n"),
        "JPEG start only": (".jpg", b"\xff\xd8\xff"),
        "GIF header only": (".gif", b"GIF89a"),
        # bombs: the header claims the pixels
        "PNG claiming 100,000 x 100,000": (".png", _png_claiming(100_000, 100_000)),
        "PNG claiming 2^31 x 1": (".png", _png_claiming(2**31 - 1, 1)),
        "PNG claiming 0 x 0": (".png", _png_claiming(0, 0)),
        "JPEG claiming 65,535 x 65,535": (".jpg", _jpeg_claiming(65_535, 65_535)),
        "GIF of 8 frames claiming 10,000 x 10,000": (".gif", _gif_claiming(10_000, 10_000, 8)),
        "BMP claiming 60,000 x -60,000": (".bmp", _bmp_claiming(60_000, -60_000)),
        "TIFF claiming 100,000 x 100,000": (".tif", _tiff_claiming(100_000, 100_000)),
        "TIFF claiming 9,000 x 9,000": (".tif", _tiff_claiming(9_000, 9_000)),
        # truncated
        "JPEG cut in half": (".jpg", seeds["jpeg"][: len(seeds["jpeg"]) // 2]),
        "PNG cut in half": (".png", seeds["png"][: len(seeds["png"]) // 2]),
        "GIF cut in half": (".gif", seeds["gif"][: len(seeds["gif"]) // 2]),
        "WebP cut in half": (".webp", seeds["webp"][: len(seeds["webp"]) // 2]),
        "TIFF cut in half": (".tif", seeds["tiff"][: len(seeds["tiff"]) // 2]),
        "JPEG without its end": (".jpg", seeds["jpeg"][:-2]),
        # many frames
        "GIF of 20,000 1 x 1 frames": (".gif", tiny_frames_gif(20_000)),
        "APNG of 200 frames": (".png", _encode(frames[0], "PNG", save_all=True, append_images=frames[1:])),
        "TIFF of 200 pages": (".tif", _encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])),
        "WebP of 200 frames": (".webp", _encode(frames[0], "WEBP", save_all=True, append_images=frames[1:])),
        # modes
        "CMYK JPEG": (".jpg", _encode(Image.new("CMYK", (16, 16), (0, 50, 100, 0)), "JPEG")),
        "CMYK TIFF": (".tif", _encode(Image.new("CMYK", (16, 16), (0, 50, 100, 0)), "TIFF")),
        "16-bit PNG": (".png", _encode(Image.new("I;16", (16, 16), 60_000), "PNG")),
        "16-bit TIFF": (".tif", _encode(Image.new("I;16", (16, 16), 60_000), "TIFF")),
        "16-bit big-endian TIFF": (".tif", _encode(Image.new("I;16B", (16, 16), 60_000), "TIFF")),
        "32-bit float TIFF": (".tif", _encode(Image.new("F", (16, 16), 3.5), "TIFF")),
        "32-bit integer TIFF": (".tif", _encode(Image.new("I", (16, 16), 70_000), "TIFF")),
        "LAB TIFF": (".tif", _encode(Image.new("LAB", (16, 16), (50, 10, 10)), "TIFF")),
        "1-bit BMP": (".bmp", _encode(Image.new("1", (16, 16), 1), "BMP")),
        "grey with alpha PNG": (".png", _encode(Image.new("LA", (16, 16), (10, 0)), "PNG")),
        "RGBA PNG": (".png", _encode(Image.new("RGBA", (16, 16), (10, 20, 30, 0)), "PNG")),
        "RGBA WebP": (".webp", _encode(Image.new("RGBA", (16, 16), (10, 20, 30, 128)), "WEBP")),
        "palette with transparency GIF": (".gif", _encode(transparent, "GIF")),
        # shapes and metadata
        "1 x 1": (".png", _encode(Image.new("RGB", (1, 1)), "PNG")),
        "1 x 60,000": (".png", _encode(Image.new("L", (1, 60_000), 200), "PNG")),
        "60,000 x 1": (".png", _encode(Image.new("L", (60_000, 1), 200), "PNG")),
        "EXIF orientation 9": (".jpg", bad_orientation),
        "EXIF GPS IFD that points at itself": (".jpg", _exif_jpeg(looping_ifd)),
        "EXIF IFD past the end": (".jpg", _exif_jpeg(past_end)),
        "EXIF that is not TIFF": (".jpg", _exif_jpeg(b"garbage" * 10)),
        "GPS in EXIF": (".jpg", seeds["jpeg with exif"]),
    }


def _exif_with(tag: int, value: object) -> Image.Exif:
    exif = Image.Exif()
    exif[tag] = value
    return exif


def photos(folder: Path) -> dict[str, Path]:
    """Hostile photo files, each under a few hundred KB."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i, (name, (suffix, data)) in enumerate(photo_bytes().items()):
        out[name] = folder / f"photo-{i}{suffix}"
        out[name].write_bytes(data)
    return out


# --- policy packs ----------------------------------------------------------------------------------

DEPT = "id: dept-x\nversion: '1'\nextends: oxford-university\n"


def _local_rule(pattern: str) -> str:
    rule = f"  - code: LXX-001\n    name: x-y\n    message: m\n    severity: error\n    patterns: [{pattern}]\n"
    return DEPT + "local_rules:\n" + rule


def pack_texts() -> dict[str, str | bytes]:
    """Department packs (what ``--pack`` takes), as file contents."""
    laughs = "a: &a ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']\n"
    for k in range(1, 10):
        prev, name = chr(ord("a") + k - 1), chr(ord("a") + k)
        laughs += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    block = "".join("  " * k + f"k{k}:\n" for k in range(40)) + "  " * 40 + "v: 1\n"
    return {
        "valid": DEPT + "rules:\n  OP002: {severity: {personal: warning}}\n",
        "alias bomb": DEPT + laughs,
        "one anchor": DEPT + "name: &n dept\n",
        "deep flow nesting": DEPT + "name: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "deep block nesting": DEPT + "rules:\n" + block,
        "deep flow mappings": DEPT + "name: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n",
        "many values": DEPT + "local_rules:\n" + "  - 1\n" * 60_000,
        "long list": DEPT + "brand_assets: [" + ", ".join(["a.png"] * 3_000) + "]\n",
        "over 1 MiB": DEPT + "#" * (1 << 20) + "\n",
        "not UTF-8": DEPT.encode() + b"name: caf\xe9\n",
        "UTF-16": ("\ufeff" + DEPT).encode("utf-16-le"),
        "NUL bytes": DEPT.encode() + b"name: a\x00b\n",
        "empty": "",
        "document marker only": "---\n",
        "two documents": DEPT + "---\n" + DEPT,
        "a list": "- 1\n- 2\n",
        "a string": "hello\n",
        "null": "~\n",
        "python object tag": DEPT + "name: !!python/object/apply:os.system ['echo hi']\n",
        "binary tag": DEPT + "name: !!binary aGVsbG8=\n",
        "impossible date": DEPT + "name: 2026-13-45\n",
        "huge integer": DEPT + "name: 1" + "0" * 5_000 + "\n",
        "huge float": DEPT + "rules:\n  OP002: {threshold: 1e99999}\n",
        "NaN threshold": DEPT + "rules:\n  AU001: {threshold: .nan}\n",
        "string threshold": DEPT + "rules:\n  OP002: {threshold: high}\n",
        "rules as a list": DEPT + "rules: [OP002]\n",
        "rule as a number": DEPT + "rules:\n  OP002: 5\n",
        "severity as a number": DEPT + "rules:\n  OP002: {severity: {personal: 5}}\n",
        "integer keys": DEPT + "rules:\n  1: {enabled: true}\n",
        "null key": DEPT + "~: 1\n",
        "list key": DEPT + "? [a, b]\n: 1\n",
        "boolean key": DEPT + "yes: 1\n",
        "id with a newline": 'id: "dept-x\\n"\nversion: "1"\nextends: oxford-university\n',
        "id as a number": "id: 5\nversion: '1'\nextends: oxford-university\n",
        "extends another": "id: dept-x\nversion: '1'\nextends: dept-y\n",
        "base-only field": DEPT + "working_hours: {timezone: UTC, days: [mon], start: '09:00', end: '17:00'}\n",
        "switches DP001 off": DEPT + "rules:\n  DP001: {enabled: false}\n",
        "lowers a severity": DEPT + "rules:\n  SE001: {severity: {personal: info}}\n",
        "unknown rule": DEPT + "rules:\n  ZZ999: {enabled: true}\n",
        "local rule defined twice": DEPT
        + "local_rules:\n"
        + "  - {code: LXX-001, name: x-y, message: m, severity: error, patterns: [a]}\n" * 2,
        "catastrophic regex (a+)+$": _local_rule("'(a+)+$'"),
        "catastrophic regex (a|aa)*b": _local_rule("'(a|aa)*b'"),
        "catastrophic regex (.*a){20}": _local_rule("'(.*a){20}'"),
        "backreference": _local_rule("'(a)\\1'"),
        "lookahead": _local_rule("'(?=a)b'"),
        "possessive quantifier": _local_rule("'a*+'"),
        "repeat over RE2's limit": _local_rule("'a{1001}'"),
        "repeat over Python's limit": _local_rule("'(a)\\1{99999999999}'"),
        "nested 999 deep with a backreference": _local_rule("'" + "(" * 999 + "\\1" + ")" * 999 + "'"),
        "lone surrogate in a pattern": _local_rule('"\\ud800"'),
        "NUL in a pattern": _local_rule('"a\\0b"'),
        "pattern Python warns about": _local_rule("'[[a](b)\\1'"),
        "pattern as a number": _local_rule("5"),
        "email at a personal provider": DEPT + "public_contacts: {emails: [jo@gmail.com]}\n",
        "email with a newline": DEPT + 'public_contacts: {emails: ["office@ox.ac.uk\\n"]}\n',
        "mobile number": DEPT + "public_contacts: {phones: ['07700 900123']}\n",
        "phone of digits in another script": DEPT + "public_contacts: {phones: ['\u0660\u0661\u0668\u0666\u0665']}\n",
        "phone that is not one": DEPT + "public_contacts: {phones: ['+44' ]}\n",
        "brand asset missing": DEPT + "brand_assets: [missing.png]\n",
        "brand asset with a name too long": DEPT + "brand_assets: [" + "a" * 300 + ".png]\n",
        "brand asset path too long": DEPT + "brand_assets: [" + "/a" * 3_000 + ".png]\n",
        "brand asset with a NUL": DEPT + 'brand_assets: ["a\\0.png"]\n',
        "brand asset that is a directory": DEPT + "brand_assets: [/]\n",
        "brand asset that is a device": DEPT + "brand_assets: [/dev/zero]\n",
    }


def base_packs() -> dict[str, str]:
    """Base packs (``load_pack(base=...)``): the embedded one changed in one place each."""
    from postguard.policy.pack import base_pack_text

    base = base_pack_text()

    def changed(old: str, new: str) -> str:
        assert old in base, old
        return base.replace(old, new, 1)

    def numbers(pattern: str) -> str:
        return changed("pattern: '\\d{6,8}'", f"pattern: {pattern}")  # the staff number's

    return {
        "working hours ending in a newline": changed('start: "09:00"', 'start: "09:00\\n"'),
        "unknown time zone": changed("timezone: Europe/London", "timezone: Mars/Olympus"),
        "time zone that is a path": changed("timezone: Europe/London", "timezone: ../../etc/passwd"),
        "time zone with a NUL": changed("timezone: Europe/London", 'timezone: "Europe/Lon\\0don"'),
        "university number with a global flag": numbers("'(?i)\\d{7}'"),
        "university number with a group named id": numbers("'(?P<id>\\d{7})'"),
        "university number nested 999 deep": numbers("'" + "(" * 999 + "a" + ")" * 999 + "'"),
        "university number with a huge repeat": numbers("'a{99999999999}'"),
        "university number that closes a group": numbers("'a)|(b'"),
        "extends": "extends: oxford-university\n" + base,
    }


def packs(folder: Path) -> dict[str, Path]:
    """Department packs as files, and pack paths that are not regular files."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i, (name, text) in enumerate(pack_texts().items()):
        out[name] = folder / f"pack-{i}.yaml"
        out[name].write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    special = _specials(folder / "pack-paths", ".yaml")
    out.update({f"pack that is {what}": path for what, path in special.items()})
    return out


# --- paths -----------------------------------------------------------------------------------------


def _specials(folder: Path, suffix: str) -> dict[str, Path]:
    """Paths that are not regular files, named with ``suffix``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {
        "a dangling symlink": folder / f"dangling{suffix}",
        "a looping symlink": folder / f"loop-a{suffix}",
        "a directory": folder / f"folder{suffix}",
        "a FIFO": folder / f"fifo{suffix}",
        "a symlink to /dev/zero": folder / f"zero{suffix}",
        "a path through a file": folder / f"file{suffix}" / f"inside{suffix}",
    }
    for path in out.values():
        if path.is_symlink():
            path.unlink()
    out["a dangling symlink"].symlink_to(folder / f"gone{suffix}")
    out["a looping symlink"].symlink_to(folder / f"loop-b{suffix}")
    if not (folder / f"loop-b{suffix}").is_symlink():
        (folder / f"loop-b{suffix}").symlink_to(out["a looping symlink"])
    out["a directory"].mkdir(exist_ok=True)
    if not out["a FIFO"].exists():
        os.mkfifo(out["a FIFO"])
    out["a symlink to /dev/zero"].symlink_to("/dev/zero")
    out["a path through a file"].parent.write_text("x")
    return out


def paths(folder: Path) -> dict[str, Path]:
    """Post files and paths that are hostile as paths. A FIFO is among them: reading one blocks until
    something writes to it, as a pipe should, so a caller that checks it must write to it."""
    out = _specials(folder, ".md")
    folder.mkdir(parents=True, exist_ok=True)
    named = {
        "an empty file": ("empty.md", b""),
        "a BOM only": ("bom.md", b"\xef\xbb\xbf"),
        "a name with a newline": ("new\nline.md", b"Guest wifi password is Quad2026!\n"),
        "a name with an escape": (f"esc{ESC}[2J.md", b"hello\n"),
        "a name starting with a dash": ("-x.md", b"hello\n"),
        "a name with a glob character": ("*.md", b"hello\n"),
        "a decomposed name": ("cafe\u0301.md", b"hello\n"),
        "a file of NULs": ("nul.md", b"\x00" * 100),
        "a file not UTF-8": ("latin1.txt", b"caf\xe9 society\n"),
        "a file over the limit": ("big.txt", b"a" * 400_001),
    }
    for what, (name, data) in named.items():
        out[what] = folder / name
        out[what].write_bytes(data)
    out["a device"] = Path("/dev/zero")
    out["/dev/null"] = Path("/dev/null")
    out["a name too long"] = folder / ("a" * 300 + ".md")
    out["a path too long"] = folder / ("/".join(["d" * 200] * 30) + ".md")
    return out


# --- options ---------------------------------------------------------------------------------------


def option_values() -> dict[str, list[str]]:
    """Values for each option of ``check`` and ``fix`` that are wrong, odd or at a limit."""
    odd = ["", f"{ESC}[2J", "\u202e", "x" * 5_000]
    return {
        "--account": [*odd, "wizard", "PERSONAL ", "official\n", "personal\u200b"],
        "--bio": [*odd, "b" * 100_001, "Professor at Oxford\r\nviews my own"],
        "--platform": [*odd, "x" * 100, "X", "mastodon\n"],
        "--at": [*odd, "2026-02-30T10:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00+14:00", "tomorrow"],
        "--record": [*odd, ":::", "a:b:c:d:e", "C-1:consent:ZZ999", "C-1:wish:DP001", "C-1:consent:DP001:2026-13-01"],
        "--format": [*odd, "xml"],
        "--fail-on": [*odd, "fatal"],
    }


# --- the CLI ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One command line of the CLI, with what it reads on standard input."""

    family: str  # text, jsonl, photos, packs, paths, options
    name: str
    argv: tuple[str, ...]
    stdin: bytes = b""

    def __str__(self) -> str:
        return f"{self.family}: {self.name}"


def cli_cases(folder: Path, *, families: tuple[str, ...] | None = None) -> list[Case]:
    """Command lines that feed the hostile corpus to ``postguard check`` and ``fix``, built in
    ``folder``; only the ``families`` named, when given (building photos and packs costs a second)."""
    out: list[Case] = []

    def wanted(family: str) -> bool:
        return families is None or family in families

    if wanted("text"):
        for name, text in texts().items():
            if "\x00" in text or any(0xD800 <= ord(c) < 0xE000 for c in text):  # not in argv: on stdin
                out.append(Case("text", name, ("check", "-"), text.encode("utf-8", "surrogatepass")))
            else:
                out.append(Case("text", name, ("check", "--", text)))
        out.append(Case("text", "invalid UTF-8 argument", ("check", "--format", "json", "caf\udce9 password: hunter2")))
    if wanted("jsonl"):
        for name, path in jsonl_files(folder / "jsonl").items():
            out.append(Case("jsonl", name, ("check", "--jsonl", str(path))))
        out.append(Case("jsonl", "stdin", ("check", "--jsonl", "-"), b"\n".join(jsonl_lines().values())))
    if wanted("photos"):
        for name, path in photos(folder / "photos").items():
            out.append(Case("photos", name, ("check", "--photo", str(path), "hello")))
    if wanted("packs"):
        for name, path in packs(folder / "packs").items():
            out.append(Case("packs", name, ("check", "--pack", str(path), "hello")))
    if wanted("paths"):
        for name, path in paths(folder / "paths").items():
            if name != "a FIFO":  # reading a FIFO waits for a writer: see paths()
                out.append(Case("paths", name, ("check", str(path))))
        out.append(Case("paths", "--photo a name too long", ("check", "--photo", "p" * 300, "hello")))
        out.append(Case("paths", "--photo a directory", ("check", "--photo", str(folder), "hello")))
        out.append(Case("paths", "--photo /dev/zero", ("check", "--photo", "/dev/zero", "hello")))
        out.append(Case("paths", "--jsonl a directory", ("check", "--jsonl", str(folder))))
        out.append(Case("paths", "--jsonl a name too long", ("check", "--jsonl", "j" * 300)))
        out.append(Case("paths", "fix --out a directory", ("fix", "--out", str(folder), "password: hunter2")))
        out.append(Case("paths", "fix --out a name too long", ("fix", "--out", "o" * 300, "password: hunter2")))
    if wanted("options"):
        for option, values in option_values().items():
            for value in values:
                out.append(Case("options", f"{option} {ascii(value)[:40]}", ("check", f"{option}={value}", "hello")))
    return out
