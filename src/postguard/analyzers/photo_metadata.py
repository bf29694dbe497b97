"""Photo metadata that reveals where a photo was taken or whose device took it: GPS position, device
make, model and serial numbers, owner and artist fields, and embedded thumbnails (which keep the
original picture even after the photo itself was cropped)."""

from __future__ import annotations

from postguard.analyzers.base import BasePhotoAnalyzer
from postguard.photos.load import LoadedPhoto
from postguard.types import Evidence

ANALYZER_ID = "photo.metadata.v1"

# EXIF tag ids (Pillow's ExifTags.Base)
_DEVICE = {0x010F: "make", 0x0110: "model", 0xA431: "body serial number", 0xA435: "lens serial number"}
_OWNER = {0x013B: "artist", 0x8298: "copyright", 0xA430: "camera owner name", 0x9C9D: "author (XP)"}
_GPS_LAT, _GPS_LON = 2, 4


def _coordinate(value: object, ref: object) -> float | None:
    try:
        d, m, s = (float(v) for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    sign = -1.0 if str(ref).upper() in ("S", "W") else 1.0
    return sign * (d + m / 60 + s / 3600)


class PhotoMetadataAnalyzer(BasePhotoAnalyzer):
    id = ANALYZER_ID
    task = "reading its metadata"  # what a failure stopped, for the report

    def load(self) -> None:
        return None

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]:
        out = []
        lat = _coordinate(photo.gps.get(_GPS_LAT), photo.gps.get(1))
        lon = _coordinate(photo.gps.get(_GPS_LON), photo.gps.get(3))
        if lat is not None and lon is not None:
            out.append(Evidence(self.id, 1.0, label="gps", gps=(lat, lon), photo=photo.index))
        elif photo.gps:
            out.append(Evidence(self.id, 0.8, label="gps", detail="GPS fields present", photo=photo.index))
        if b"exif:GPS" in photo.xmp or b"GPSLatitude" in photo.xmp:
            out.append(Evidence(self.id, 0.9, label="gps", detail="XMP GPS", photo=photo.index))
        for tags, label in ((_DEVICE, "device"), (_OWNER, "owner")):
            found = [name for tag, name in tags.items() if str(photo.exif.get(tag, "")).strip(" \x00")]
            if found:
                out.append(Evidence(self.id, 0.9, label=label, detail=", ".join(found), photo=photo.index))
        if photo.has_thumbnail:
            out.append(Evidence(self.id, 0.7, label="thumbnail", detail="embedded thumbnail", photo=photo.index))
        return out
