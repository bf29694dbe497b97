"""Merge two fine-tuned abuse models in weight space and export the result (a probe; never shipped).

Both states must come from ``training/train_abuse.py --save-state`` and so share one starting point
(the base MiniLM and the seeded heads). Two ways of merging:

- ``interp``: (1 - alpha) * A + alpha * B, every weight (a weight-space ensemble);
- ``task``: A + alpha * (B - base) for the encoder, the heads interpolated as above (adding B's
  "task vector" to A).

``--heads-a`` keeps A's heads unchanged. The export is the shipped one (int8 weights, fixed activation
scales, heads split off), so ``bench/abuse.py`` reads the result once it is copied into the assets.

    python training/train_abuse.py --threads 1 --save-state /tmp/A.pt --out /tmp/A
    python training/train_abuse.py --threads 1 --corpora-only --keep-weight 0 --noise 0 --context 0 \
        --epochs 3 --save-state /tmp/B.pt --out /tmp/B
    python training/merge_abuse.py /tmp/A.pt /tmp/B.pt --alpha 0.25 --out /tmp/merged   # 20 s

What it measured is in ``docs/experiments/abuse.md`` (tried and not shipped).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import train_abuse  # noqa: E402


def merge(a: dict, b: dict, base: dict, alpha: float, mode: str, heads_a: bool) -> dict:  # type: ignore[type-arg]
    """The merged state; integer buffers (position ids) are taken from A."""
    import torch

    merged = {}
    for name, wa in a.items():
        heads = name.startswith("heads.")
        if not torch.is_floating_point(wa) or (heads and heads_a):
            merged[name] = wa
        elif mode == "interp" or heads:
            merged[name] = (1 - alpha) * wa + alpha * b[name]
        else:
            merged[name] = wa + alpha * (b[name] - base[name])
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", type=Path, help="state saved by train_abuse.py --save-state (the shipped recipe)")
    parser.add_argument("b", type=Path, help="a second such state (for instance the corpora-only probe)")
    parser.add_argument("--alpha", type=float, required=True, help="how much of B, 0 to 1")
    parser.add_argument("--mode", choices=("interp", "task"), default="interp")
    parser.add_argument("--heads-a", action="store_true", help="keep A's heads as they are")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if not 0.0 <= args.alpha <= 1.0:
        sys.exit("--alpha must lie between 0 and 1")

    import torch

    model = train_abuse.build_model()
    base = {k: v.clone() for k, v in model.state_dict().items()}  # the pretrained encoder (heads unused)
    a = torch.load(args.a, map_location="cpu")
    b = torch.load(args.b, map_location="cpu")
    if a.keys() != b.keys():
        sys.exit("the two states do not hold the same weights")
    model.load_state_dict(merge(a, b, base, args.alpha, args.mode, args.heads_a))
    started = time.time()
    train_abuse.export(model, args.out, 0, 0.0)
    print(f"merged ({args.mode}, alpha {args.alpha}) and exported in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
