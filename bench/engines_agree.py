#!/usr/bin/env python3
"""Compares two `hirmtl predict --save npy` folders made by different engines (e.g. --engine onnxruntime and
--engine dl4j) on the same images, and optionally two `hirmtl eval --save-predictions` folders (class scores):

    bench/engines_agree.py PRED_A PRED_B [--scores EVAL_A EVAL_B]

Prints per task the largest |a - b| over every <task>.npy, the number of differing pixels in every <task>_ids.png
and, with --scores, the largest score difference and the gap between the two best class scores at every pixel whose
argmax differs between the engines (a tie within float noise when that gap is below 1e-5). Exit 1 if a value breaks
|a - b| <= 1e-4 + 1e-3 |b| (the ONNX verifier's rule: unit normals renormalised after resizing divide float noise by
short raw vectors) or an id differs where the scores do not tie (--scores), else 0.
"""
import argparse
import pathlib
import sys

import numpy as np
from PIL import Image


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--scores", nargs=2, metavar=("EVAL_A", "EVAL_B"))
    args = ap.parse_args()
    a, b = pathlib.Path(args.a), pathlib.Path(args.b)
    worst, arrays, ids_differ, id_pixels, ok = {}, 0, 0, 0, True
    for f in sorted(a.rglob("*.npy")):
        x, y = np.load(f), np.load(b / f.relative_to(a))
        worst[f.stem] = max(worst.get(f.stem, 0.0), float(np.abs(x - y).max()))
        ok = ok and bool(np.all(np.abs(x - y) <= 1e-4 + 1e-3 * np.abs(y)))
        arrays += 1
    for f in sorted(a.rglob("*_ids.png")):
        x, y = np.asarray(Image.open(f)), np.asarray(Image.open(b / f.relative_to(a)))
        id_pixels += x.size
        ids_differ += int((x != y).sum())
    per_task = ", ".join(f"{t} {d:.3g}" for t, d in worst.items())
    print(f"{arrays} arrays, max |a - b| per task: {per_task}; within 1e-4 + 1e-3 |b|: {ok}; class-id pictures: "
          f"{ids_differ} of {id_pixels} pixels differ")
    if args.scores:
        ea, eb = pathlib.Path(args.scores[0]), pathlib.Path(args.scores[1])
        worst_s, flips, untied = 0.0, 0, 0
        for f in sorted((ea / "semseg").glob("*.npy")):
            x, y = np.load(f), np.load(eb / f.relative_to(ea))
            worst_s = max(worst_s, float(np.abs(x - y).max()))
            flip = x.argmax(-1) != y.argmax(-1)
            top2 = np.sort(x, axis=-1)[..., -2:]
            gap = top2[..., 1] - top2[..., 0]
            flips += int(flip.sum())
            untied += int((flip & (gap >= 1e-5)).sum())
        print(f"semseg scores: max |a - b| = {worst_s:.3g}; argmax differs at {flips} pixels, {untied} of them "
              f"without a tie (top-2 gap >= 1e-5)")
        ok = ok and worst_s <= 1e-4 and untied == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
