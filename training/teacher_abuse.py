"""Score the corpora's training rows with a saved model, for distillation (a probe; never shipped).

    python training/train_abuse.py --corpora-only --keep-weight 0 --noise 0 --context 0 --epochs 3 \
        --save-state /tmp/B.pt --out /tmp/B                   # the teacher: the corpora alone, 42 min
    python training/teacher_abuse.py /tmp/B.pt --out /tmp/teacher.npz            # about 5 minutes
    python training/train_abuse.py --teacher /tmp/teacher.npz --gold-end 0.5 --out /tmp/distilled

The student is the shipped recipe, whose targets on corpus rows start at the teacher's probabilities
and move linearly towards the corpus labels over training ("teacher annealing": Clark et al. 2019,
BAM! Born-Again Multi-Task Networks for Natural Language Understanding; ``--gold-end`` stops the move
part way). The contrast pairs keep their own labels throughout. Each text is read clean and whole (the
teacher saw no spelling noise or everyday sentences), prepared as at run time. The teacher has seen
these rows three times, so its logits are softened (``--temperature``) to carry more than the labels.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))

import train_abuse  # noqa: E402

from postguard.text.for_encoder import prepare  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("state", type=Path, help="a torch state from train_abuse.py --save-state")
    parser.add_argument("--out", type=Path, required=True, help="where to write the teacher's probabilities (.npz)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument(
        "--temperature", type=float, default=2.0, help="logits divided by this: the teacher knows its training rows"
    )
    args = parser.parse_args()

    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    model = train_abuse.build_model()
    model.load_state_dict(torch.load(args.state, map_location="cpu"))
    model.eval()
    model.export_logits_only = True
    tok = train_abuse.tokenizer()

    texts = sorted({it.text for it in train_abuse.corpus_items("train")}, key=lambda t: (len(t), t))  # a stable file
    heads = [train_abuse.OUTPUTS.index(name) for name in train_abuse.TAUGHT]
    probs = np.zeros((len(texts), len(heads)), dtype=np.float32)
    started = time.time()
    with torch.no_grad():
        for b in range(0, len(texts), args.batch):
            ids, mask = train_abuse.encode(tok, [prepare(t)[0] for t in texts[b : b + args.batch]])
            probs[b : b + len(ids)] = torch.sigmoid(model(ids, mask)[:, heads] / args.temperature).numpy()
    np.savez_compressed(args.out, texts=np.array(texts), probs=probs, heads=np.array(train_abuse.TAUGHT))
    print(f"{len(texts)} texts scored in {time.time() - started:.0f} s; wrote {args.out}")


if __name__ == "__main__":
    main()
