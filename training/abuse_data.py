"""Read the abuse corpora in ``../shared/data/abuse`` into one labelled table (groundwork for issue 4).

    python training/abuse_data.py            # prints rows, labels and splits per dataset

Each row: text, dataset, split (train/dev/test; seeded by dataset, kept where the corpus has its own),
and the heads' labels, each ``None`` where the corpus does not say:

- ``abusive``: 1 abusive (hateful or offensive or aimed at someone), 0 acceptable
- ``hateful``: 1 hateful (aimed at a protected group or at a person for a protected characteristic),
  0 abusive but not hateful (merely offensive)
- ``target``: "individual", "group", or None
- ``characteristic``: one of the Equality Act 2010's nine (``CHARACTERISTICS``), "none", or None

Label mapping (read each SOURCE.txt):
- davidson: class 0 hate -> abusive 1, hateful 1; 1 offensive -> abusive 1, hateful 0; 2 neither -> 0.
- edos: sexist -> abusive 1, hateful 1, characteristic sex, target group; not sexist -> abusive 0.
- hatemoji-build: label_gold 1 -> abusive 1, hateful 1, characteristic from the target code; 0 -> 0.
- hatexplain: hatespeech -> 1/1; offensive -> 1/0; normal -> 0.
- mlma-en: "normal" alone -> 0; hateful in the hostility labels -> 1/1; other hostility -> 1/0;
  characteristic from the target attribute (origin -> race, gender -> sex, sexual_orientation,
  religion, disability).
- convabuse: majority of annotators abusive (-1..-3 over 1/0) -> abusive 1, target individual unless the
  type names a group; hateful 1 for ableist/homophobic/racist/sexist/transphobic types.

Left out of what ships, for their licences (kept readable for evaluation only, ``shippable=False``):
stormfront-vicomtech (CC BY-SA 3.0 ES: share-alike), toxigen-seeds ("research purposes only"), and
implicit-hate-corpus (its upstream requires an access form; the re-hosting may not be sanctioned).
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "abuse"
SEED = 20261124
CHARACTERISTICS = (
    "age", "disability", "gender-reassignment", "marriage-civil-partnership", "pregnancy-maternity", "race",
    "religion-belief", "sex", "sexual-orientation",
)  # fmt: skip
NOT_SHIPPABLE = frozenset({"stormfront-vicomtech", "toxigen-seeds", "implicit-hate-corpus"})

csv.field_size_limit(10_000_000)


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    dataset: str
    split: str
    abusive: int | None
    hateful: int | None = None
    target: str | None = None
    characteristic: str | None = None

    @property
    def shippable(self) -> bool:
        return self.dataset not in NOT_SHIPPABLE


_HATEMOJI_TARGET = {
    "bla": "race", "asi": "race", "arab": "race", "immig": "race", "ref": "race", "for": "race", "mixed": "race",
    "nat": "race", "eastern.europe": "race", "indig": "race", "hispanic": "race", "pak": "race", "gypsy": "race",
    "mus": "religion-belief", "jew": "religion-belief", "chr": "religion-belief", "hindu": "religion-belief",
    "wom": "sex", "gay": "sexual-orientation", "lgbtqa": "sexual-orientation", "bis": "sexual-orientation",
    "trans": "gender-reassignment", "dis": "disability", "old": "age", "none": "none",
}  # fmt: skip
_MLMA_TARGET = {
    "origin": "race",
    "gender": "sex",
    "sexual_orientation": "sexual-orientation",
    "religion": "religion-belief",
    "disability": "disability",
    "other": "none",
}
_CONVABUSE_HATE = {
    "ableist": "disability",
    "homophobic": "sexual-orientation",
    "racist": "race",
    "sexist": "sex",
    "transphobic": "gender-reassignment",
}


def _split(rng: random.Random) -> str:
    r = rng.random()
    return "train" if r < 0.8 else ("dev" if r < 0.9 else "test")


def _read(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def davidson() -> Iterator[Row]:
    rng = random.Random(SEED)
    for r in _read(DATA / "davidson" / "labeled_data.csv"):
        c = int(r["class"])
        yield Row(r["tweet"], "davidson", _split(rng), int(c < 2), int(c == 0) if c < 2 else None)


def edos() -> Iterator[Row]:
    for r in _read(DATA / "edos" / "edos_labelled_aggregated.csv"):
        sexist = r["label_sexist"] == "sexist"
        yield Row(
            r["text"],
            "edos",
            r["split"] or "train",
            int(sexist),
            1 if sexist else None,
            "group" if sexist else None,
            "sex" if sexist else None,
        )


def hatemoji() -> Iterator[Row]:
    for name, split in (("train.csv", "train"), ("validation.csv", "dev"), ("test.csv", "test")):
        for r in _read(DATA / "hatemoji-build" / name):
            hateful = r.get("label_gold") == "1"
            codes = re.findall(r"[\w.]+", (r.get("target") or "none").lower())  # "['asi.south', 'arab']"
            code = codes[0] if codes else "none"
            characteristic = next((v for k, v in _HATEMOJI_TARGET.items() if code.startswith(k)), None)
            yield Row(
                r["text"],
                "hatemoji-build",
                split,
                int(hateful),
                1 if hateful else None,
                "group" if hateful else None,
                characteristic if hateful else "none",
            )


def hatexplain() -> Iterator[Row]:
    rng = random.Random(SEED)  # the third-party split is skewed: re-split (SOURCE.txt)
    for name in ("train.csv", "valid.csv", "test.csv"):
        for r in _read(DATA / "hatexplain-text-label" / name, delimiter="\t"):
            label = (r.get("label") or "").strip()
            abusive = label in ("hatespeech", "offensive")
            yield Row(
                r["text"],
                "hatexplain",
                _split(rng),
                int(abusive),
                (1 if label == "hatespeech" else 0) if abusive else None,
            )


def mlma() -> Iterator[Row]:
    rng = random.Random(SEED)
    for r in _read(DATA / "mlma-en" / "en_dataset.csv"):
        hostility = set(r["sentiment"].split("_"))
        if hostility == {"normal"}:
            yield Row(r["tweet"], "mlma-en", _split(rng), 0)
            continue
        hateful = "hateful" in hostility
        yield Row(
            r["tweet"],
            "mlma-en",
            _split(rng),
            1,
            int(hateful),
            "group",
            _MLMA_TARGET.get(r["target"]) if hateful else None,
        )


def convabuse() -> Iterator[Row]:
    for name, split in (
        ("ConvAbuseEMNLPtrain.csv", "train"),
        ("ConvAbuseEMNLPvalid.csv", "dev"),
        ("ConvAbuseEMNLPtest.csv", "test"),
    ):
        for r in _read(DATA / "convabuse" / name):
            votes = [k for k, v in r.items() if k and "_is_abuse." in k and v == "1"]
            abusive_votes = sum(k.endswith(("-1", "-2", "-3")) for k in votes)
            abusive = abusive_votes > len(votes) - abusive_votes
            kinds = Counter(k.split("_", 1)[1] for k, v in r.items() if k and k.startswith("Annotator") and v == "1")
            group = next((_CONVABUSE_HATE[k] for k, n in kinds.most_common() if k in _CONVABUSE_HATE and n >= 2), None)
            yield Row(
                r["user"],
                "convabuse",
                split,
                int(abusive),
                (1 if group else 0) if abusive else None,
                ("group" if group else "individual") if abusive else None,
                group,
            )


def dedupe_key(text: str) -> str:
    """Text lowercased, with punctuation, spaces and invisible characters folded to single spaces. Emoji
    and other symbols stay: HatemojiBuild's pairs differ only by an emoji ("I'd love to 🔪 some ..." is
    hateful, "I'd love to 👏 some ..." is not), and folding them away kept one of each pair at random."""
    folded = "".join(" " if unicodedata.category(c)[0] in "PZC" else c for c in text.lower())
    return " ".join(folded.split())


def load(*, shippable_only: bool = True) -> list[Row]:
    """Every corpus, deduplicated by :func:`dedupe_key` (the first reading of a text wins)."""
    seen: set[str] = set()
    rows = []
    for reader in (davidson, edos, hatemoji, hatexplain, mlma, convabuse):
        for row in reader():
            key = dedupe_key(row.text)
            if not key or key in seen or (shippable_only and not row.shippable):
                continue
            seen.add(key)
            rows.append(row)
    return rows


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"no abuse data at {DATA}: this script reads ../shared/data beside the checkout")
    rows = load()
    print(f"{len(rows)} rows after deduplication")
    for name, count in Counter(r.dataset for r in rows).most_common():
        part = [r for r in rows if r.dataset == name]
        splits = Counter(r.split for r in part)
        abusive = sum(r.abusive or 0 for r in part)
        hateful = sum(r.hateful or 0 for r in part)
        print(f"  {name:16s} {count:6d}  abusive {abusive:6d}  hateful {hateful:6d}  {dict(splits)}")
    print("characteristics:", dict(Counter(r.characteristic for r in rows if r.characteristic).most_common()))


if __name__ == "__main__":
    main()
