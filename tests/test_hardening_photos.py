"""Photos that are hostile by format or by size: only the supported formats are opened, whatever the
file's name, and the pixels decoded for one photo are budgeted before any is decoded."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import EpsImagePlugin, GifImagePlugin, Image, ImageFile

from postguard.photos import load
from postguard.photos.load import LoadedPhoto, load_photo
from postguard.types import PhotoError


def _png_claiming(width: int, height: int) -> bytes:
    """A small, real PNG whose header claims ``width`` x ``height`` pixels (IHDR rewritten, CRC fixed)."""
    buf = io.BytesIO()
    Image.new("L", (16, 16), 128).save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _gif_claiming(width: int, height: int, frames: int) -> bytes:
    """A small, real animated GIF whose screen and every frame claim ``width`` x ``height`` pixels:
    the shape of a 600 KB GIF of eight 10,000 x 10,000 frames, without the 600 KB."""
    buf = io.BytesIO()
    images = [Image.new("RGB", (16, 16), (30 * k, 0, 0)) for k in range(frames)]
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    data = bytearray(buf.getvalue())
    data[6:10] = struct.pack("<HH", width, height)  # logical screen
    at = 13 + 3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 13
    while (at := data.find(b"\x2c\x00\x00\x00\x00\x10\x00\x10\x00", at)) != -1:  # each 16 x 16 descriptor
        data[at + 5 : at + 9] = struct.pack("<HH", width, height)
        at += 9
    return bytes(data)


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding any pixel fails the test: refusals must come from the header alone."""

    def refuse(self: ImageFile.ImageFile) -> None:
        raise AssertionError(f"decoded a {self.format} of {self.size}")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


# --- formats ---------------------------------------------------------------------------------------


def test_an_eps_named_jpg_is_refused_by_its_content_and_ghostscript_never_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[object] = []
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", lambda *a, **k: ran.append(a))
    monkeypatch.setattr(EpsImagePlugin, "has_ghostscript", lambda: True)
    path = tmp_path / "holiday.jpg"
    path.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nnewpath 0 0 moveto showpage\n")
    problem = load_photo(0, path)
    assert isinstance(problem, PhotoError), problem
    assert "EPS format" in problem.message and "JPEG, PNG" in problem.message
    assert "\n" not in problem.message
    assert ran == []


@pytest.mark.parametrize(("fmt", "suffix"), [("ICO", ".jpg"), ("PCX", ".png"), ("PPM", ".gif"), ("SGI", ".webp")])
def test_formats_pillow_knows_but_postguard_does_not_check_are_refused(fmt: str, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"photo{suffix}"
    Image.new("RGB", (32, 32), (200, 10, 10)).save(path, format=fmt)
    problem = load_photo(0, path)
    assert isinstance(problem, PhotoError), problem
    assert f"{fmt} format" in problem.message and "does not open" in problem.message


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "JPEG", "PNG", "WEBP", "GIF"])
def test_every_supported_format_still_opens_under_any_name(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "photo.dat"
    Image.new("RGB", (40, 30), (10, 120, 200)).save(path, format=fmt)
    photo = load_photo(0, path)
    assert isinstance(photo, LoadedPhoto), photo
    assert photo.format == fmt and photo.size == (40, 30) and photo.image.mode == "RGB"


def test_an_mpo_opens_as_a_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "stereo.jpg"
    first, second = Image.new("RGB", (40, 30), (1, 2, 3)), Image.new("RGB", (40, 30), (4, 5, 6))
    first.save(path, format="MPO", save_all=True, append_images=[second])
    photo = load_photo(0, path)
    assert isinstance(photo, LoadedPhoto), photo
    assert photo.format == "MPO" and len(photo.frames) == 1


def test_a_heic_named_jpg_says_the_extra_is_needed(tmp_path: Path) -> None:
    if load._register_heif():
        pytest.skip("pillow-heif is installed here")
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    problem = load_photo(0, path)
    assert isinstance(problem, PhotoError) and "postguard[heic]" in problem.message


def test_heif_is_opened_only_where_the_extra_registers_it() -> None:
    assert ("HEIF" in load.supported_formats()) == load._register_heif()
    assert {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP"} <= set(load.supported_formats())


def test_a_text_file_is_still_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("Meeting notes: nothing to see.\n")
    problem = load_photo(0, path)
    assert isinstance(problem, PhotoError) and problem.message.startswith("is not an image Postguard can read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_device_is_not_a_photo(tmp_path: Path) -> None:
    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        problem = load_photo(0, path)
        assert isinstance(problem, PhotoError) and "not a regular file" in problem.message


# --- pixel budget ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_decoding")
def test_a_gif_of_huge_frames_is_refused_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "bomb.gif"
    path.write_bytes(_gif_claiming(10_000, 10_000, 8))
    assert path.stat().st_size < 2_000
    problem = load_photo(0, path)
    assert isinstance(problem, PhotoError), problem
    assert problem.message.startswith("has 100,000,000 pixels (10,000 x 10,000)")
    assert f"{load.MAX_FRAME_PIXELS:,} pixels are not decoded" in problem.message


@pytest.mark.usefixtures("no_decoding")
def test_a_png_over_the_frame_budget_is_refused_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "wide.png"
    path.write_bytes(_png_claiming(9_000, 6_000))
    problem = load_photo(0, path)
    assert isinstance(problem, PhotoError) and "54,000,000 pixels" in problem.message


@pytest.mark.usefixtures("no_decoding")
def test_a_photo_between_the_limit_and_twice_it_is_refused_not_raised(tmp_path: Path) -> None:
    # Pillow warns (rather than raises) between MAX_IMAGE_PIXELS and twice it; the warning escaped.
    path = tmp_path / "126mp.png"
    path.write_bytes(_png_claiming(11_000, 11_500))
    problem = load_photo(0, path)
    assert isinstance(problem, PhotoError) and problem.message.startswith(f"has more than {load.MAX_PIXELS:,}")


def test_a_jpeg_over_the_frame_budget_is_decoded_at_reduced_size(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    Image.new("L", (8_000, 7_000), 90).save(path, format="JPEG")
    photo = load_photo(0, path)
    assert isinstance(photo, LoadedPhoto), photo
    assert photo.reduced == 2 and photo.size == (4_000, 3_500) and photo.image.mode == "RGB"


def test_frames_are_sampled_only_within_the_decoded_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "anim.gif"
    images = [Image.new("RGB", (100, 100), (30 * k, 0, 0)) for k in range(8)]
    images[0].save(path, format="GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    whole = load_photo(0, path)
    assert isinstance(whole, LoadedPhoto) and len(whole.frames) == 3  # frames 2, 4 and 6
    # 100 x 100 frames: the first and four more fit 50,000 pixels, so frames 2 and 4 are sampled, not 6
    monkeypatch.setattr(load, "MAX_DECODED_PIXELS", 50_000)
    part = load_photo(0, path)
    assert isinstance(part, LoadedPhoto) and len(part.frames) == 2
    monkeypatch.setattr(load, "MAX_DECODED_PIXELS", 10_000)  # the first frame only
    first = load_photo(0, path)
    assert isinstance(first, LoadedPhoto) and first.frames == [] and first.size == (100, 100)


def test_a_later_frame_larger_than_the_first_is_seen_before_it_is_decoded(tmp_path: Path) -> None:
    # A GIF may declare a later frame far larger than its screen; Pillow grows the image when it seeks.
    buf = io.BytesIO()
    images = [Image.new("RGB", (16, 16), (60 * k, 0, 0)) for k in range(4)]
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    data = bytearray(buf.getvalue())
    second = data.find(b"\x2c\x00\x00\x00\x00\x10\x00\x10\x00", data.find(b"\x2c") + 1)
    data[second + 5 : second + 9] = struct.pack("<HH", 10_000, 10_000)
    path = tmp_path / "grows.gif"
    path.write_bytes(bytes(data))
    photo = load_photo(0, path)
    assert isinstance(photo, LoadedPhoto), photo
    assert photo.size == (16, 16) and photo.frames == []


def test_frames_are_sampled_from_the_first_frames_of_a_long_animation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.gif"
    images = [Image.new("RGB", (4, 4), (6 * k, 0, 0)) for k in range(40)]
    images[0].save(path, format="GIF", save_all=True, append_images=images[1:], duration=10, loop=0)
    monkeypatch.setattr(load, "MAX_FRAMES_WALKED", 8)
    seen: list[int] = []
    real_seek = GifImagePlugin.GifImageFile.seek

    def seek(self: GifImagePlugin.GifImageFile, frame: int) -> None:
        seen.append(frame)
        real_seek(self, frame)

    monkeypatch.setattr(GifImagePlugin.GifImageFile, "seek", seek)
    photo = load_photo(0, path)
    assert isinstance(photo, LoadedPhoto) and len(photo.frames) == 3
    assert max(seen) <= 8


def test_the_helpers_build_what_they_say(tmp_path: Path) -> None:
    with Image.open(io.BytesIO(_gif_claiming(10_000, 10_000, 8))) as im:
        assert im.size == (10_000, 10_000) and im.n_frames == 8
    with Image.open(io.BytesIO(_png_claiming(9_000, 6_000))) as im:
        assert im.size == (9_000, 6_000)


def test_a_jpeg_header_with_no_picture_behind_it_is_not_checked_as_blank(tmp_path: Path) -> None:
    from PIL import Image

    from postguard.photos.load import load_photo

    whole = tmp_path / "whole.jpg"
    Image.new("RGB", (2400, 2000), (90, 120, 150)).save(whole, quality=85)
    data = whole.read_bytes()
    sos = data.index(b"\xff\xda")
    header_only = tmp_path / "header-only.jpg"
    header_only.write_bytes(data[: sos + 20] + b"\xff\xd9")
    problem = load_photo(0, header_only)
    assert isinstance(problem, PhotoError) and "damaged or truncated" in problem.message


# --- a photo that cannot be read is not a damaged one -------------------------------------------------


def _without_read_override(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a child that file permissions bind: as root, without the capabilities that let
    root read any file (setpriv); otherwise as the user it is."""
    command = [sys.executable, "-c", code, *args]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv: every file is readable")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_an_unreadable_photo_and_a_cut_one_say_different_things(tmp_path: Path) -> None:
    Image.effect_noise((256, 256), 60).convert("RGB").save(tmp_path / "whole.jpg", quality=90)
    whole = (tmp_path / "whole.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    locked = tmp_path / "locked.jpg"
    locked.write_bytes(whole)
    locked.chmod(0)
    code = (
        "import sys\nfrom postguard.photos.load import load_photo, image_problem\n"
        "for path in sys.argv[1:]:\n    print(load_photo(0, path).message, '|', image_problem(path))\n"
    )
    result = _without_read_override(code, str(tmp_path / "cut.jpg"), str(locked))
    cut, unreadable = result.stdout.splitlines()
    assert cut.startswith("is damaged or truncated (image file is truncated") and cut.count("damaged") == 2
    assert unreadable == "cannot be read (Permission denied) | cannot be read (Permission denied)", result.stderr


# --- fix --photo keeps frames and transparency, or refuses -------------------------------------------


def _with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 45.0, 0.0), 3: "W", 4: (1.0, 15.0, 0.0)}
    return exif.tobytes()


def _moving_square(mode: str = "RGBA", count: int = 5) -> list[Image.Image]:
    frames = []
    for k in range(count):
        frame = Image.new(mode, (120, 80), (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
        frame.paste((200, 30 * k, 10, 255) if mode == "RGBA" else (200, 30 * k, 10), (20 + 10 * k, 20, 60 + 10 * k, 60))
        frames.append(frame)
    return frames


def _frames_of(path: Path) -> list[tuple[str, int | None]]:
    with Image.open(path) as im:
        out = []
        for k in range(getattr(im, "n_frames", 1)):
            im.seek(k)
            im.load()
            out.append((im.mode, im.info.get("duration")))
        return out


def test_fix_keeps_every_frame_and_the_transparency_of_an_animated_webp_with_gps(tmp_path: Path) -> None:
    from postguard.photos.operations import write_photos
    from postguard.types import PhotoOperation

    frames = _moving_square()
    photo = tmp_path / "walk.webp"
    durations = [80, 90, 100, 110, 120]
    frames[0].save(photo, save_all=True, append_images=frames[1:], duration=durations, loop=0, exif=_with_gps())
    loaded = load_photo(0, photo)
    assert isinstance(loaded, LoadedPhoto) and loaded.gps  # what PH004 reads
    ((_, written),) = write_photos([str(photo)], {0: [PhotoOperation(0, "strip-metadata")]})
    assert _frames_of(written) == [("RGBA", d) for d in (80, 90, 100, 110, 120)]  # was one RGB frame
    with Image.open(written) as im:
        assert not im.getexif() and im.getpixel((0, 0))[3] == 0 and im.info.get("loop") == 0
        im.seek(4)
        red, green, _, alpha = im.convert("RGBA").getpixel((65, 40))
        assert abs(red - 200) < 8 and abs(green - 120) < 8 and alpha == 255  # the last frame, lossy


def test_fix_keeps_the_transparency_of_a_still_photo(tmp_path: Path) -> None:
    from postguard.photos.operations import write_photos
    from postguard.types import PhotoOperation

    photo = tmp_path / "logo.png"
    _moving_square(count=1)[0].save(photo, exif=_with_gps())
    ((_, written),) = write_photos([str(photo)], {0: [PhotoOperation(0, "strip-metadata")]})
    with Image.open(written) as im:
        assert im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0 and not im.getexif()
    blur = {0: [PhotoOperation(0, "blur", boxes=((20, 20, 40, 40),))]}
    ((_, blurred),) = write_photos([str(photo)], blur, overwrite=True)
    with Image.open(blurred) as im:
        assert im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0  # the blur does not flatten it either


def test_fix_keeps_a_gif_s_frames_and_refuses_to_blur_an_animation(tmp_path: Path) -> None:
    from postguard.errors import InputError
    from postguard.photos.operations import write_photos
    from postguard.types import PhotoOperation

    frames = _moving_square()
    photo = tmp_path / "walk.gif"
    frames[0].save(photo, save_all=True, append_images=frames[1:], duration=100, loop=0, disposal=2)
    ((_, written),) = write_photos([str(photo)], {0: [PhotoOperation(0, "strip-metadata")]})
    assert len(_frames_of(written)) == 5
    with Image.open(written) as im:
        assert im.convert("RGBA").getpixel((0, 0))[3] == 0
    with pytest.raises(InputError) as refused:
        write_photos([str(photo)], {0: [PhotoOperation(0, "blur", boxes=((0, 0, 10, 10),))]}, overwrite=True)
    assert refused.value.code == "PG144" and "5 frames" in str(refused.value)


@pytest.mark.slow
def test_fix_photo_on_an_animated_webp_through_the_cli(tmp_path: Path) -> None:
    import postguard

    frames = _moving_square()
    photo = tmp_path / "walk.webp"
    frames[0].save(photo, save_all=True, append_images=frames[1:], duration=100, loop=0, exif=_with_gps())
    env = {**os.environ, "PYTHONPATH": str(Path(postguard.__file__).parents[1])}
    result = subprocess.run(
        [sys.executable, "-m", "postguard", "fix", "--photo", str(photo)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert len(_frames_of(tmp_path / "walk.clean.webp")) == 5


# --- text read from a photo, in reading order ------------------------------------------------------


def test_boxes_level_with_each_other_are_one_row_read_left_to_right() -> None:
    from postguard.analyzers.photo_text import rows

    # a label, and the larger value beside it whose top is higher; then a line below; then one far right
    boxes = [(516, 41, 265, 47), (37, 63, 190, 30), (39, 120, 170, 27), (600, 118, 80, 30)]
    assert rows(boxes) == [[1, 0], [2, 3]]  # y // 20 put the value (41) before its label (63)
    assert rows([]) == []


@pytest.mark.slow
def test_a_password_written_beside_its_label_in_a_photo_is_se001(engine: object, tmp_path: Path) -> None:
    from PIL import ImageDraw, ImageFont

    from postguard import Post
    from postguard.engine import Engine

    assert isinstance(engine, Engine)
    photo = Image.new("RGB", (900, 300), "white")
    draw = ImageDraw.Draw(photo)
    draw.text((40, 61), "Wi-Fi password:", fill="black", font=ImageFont.load_default(size=26))
    draw.text((520, 40), "Quad2026!Lib", fill="black", font=ImageFont.load_default(size=40))
    photo.save(tmp_path / "sign.png")
    report = engine.check(Post("", photos=(str(tmp_path / "sign.png"),)))
    (secret,) = [f for f in report.findings if f.code == "SE001"]
    assert secret.where.photo == 0 and secret.where.box is not None and secret.where.box[0] > 400  # the value's box


def test_loading_makes_no_copy_it_does_not_need() -> None:
    """At 50 megapixels each copy of the frame is 150 MB: the hostile run measured 1.8 GB for a GIF of two
    such frames before these, 1.5 GB after."""
    frame = Image.new("RGB", (8, 8))
    assert load._rgb(frame, own=True) is frame
    assert load._rgb(frame) is not frame  # the file's own image is closed after loading: copied once
    rgba = Image.new("RGBA", (8, 8), (10, 20, 30, 0))
    assert load._rgb(rgba).getpixel((0, 0)) == (255, 255, 255)
