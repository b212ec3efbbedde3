#!/usr/bin/python3
"""Independent reference for `hirmtl eval`: recomputes the metrics from predictions saved by
`hirmtl eval --save-predictions DIR` and the dataset's own files, the way the anchors' numpy code does
(confusion counts with bincount, arccos of the clipped dot product for normals, np.median), and compares them with
the JSON report of the same evaluation.

Needs Debian's python3 with numpy and PIL (apt-get install python3-numpy python3-pil); not a toolkit dependency.

    ./hirmtl eval --checkpoint RUN --format json --out /tmp/report.json --save-predictions /tmp/pred
    /usr/bin/python3 bench/reference_metrics.py --data DATASET_DIR --pred /tmp/pred --report /tmp/report.json

Exit 0 when every recomputed metric agrees within its tolerance, 1 otherwise. Edges (odsF) are not recomputed here:
the BSDS protocol was checked against a scikit-image/SciPy port whose numbers BoundaryEvaluatorTest asserts.
"""
import argparse
import json
import pathlib
import sys

import numpy as np
from PIL import Image


def load_ids(root, split):
    return [l.strip() for l in (root / "gt_sets" / f"{split}.txt").read_text().splitlines() if l.strip()]


def semseg(root, pred, ids, classes):
    conf = np.zeros((classes, classes), np.int64)
    for i in ids:
        g = np.array(Image.open(root / "segmentation" / f"{i}.png")).astype(np.int64)
        g = np.where(g == 0, 255, g - 1)
        p = np.load(pred / "semseg" / f"{i}.npy").argmax(axis=-1)
        v = g != 255
        conf += np.bincount(g[v] * classes + p[v], minlength=classes * classes).reshape(classes, classes)
    tp = np.diag(conf).astype(np.float64)
    union = conf.sum(0) + conf.sum(1) - tp
    with np.errstate(invalid="ignore", divide="ignore"):
        iou = tp / union
    all_classes = tp / np.maximum(union, 1e-8)  # MTI-Net's SemsegMeter: an absent class counts as 0
    return {"semseg.miou": float(np.nanmean(iou)), "semseg.miou_all": float(all_classes.mean()),
            "semseg.pixel_acc": float(tp.sum() / conf.sum())}


def depth(root, pred, ids):
    se, ae, n = 0.0, 0.0, 0
    for i in ids:
        g = np.load(root / "depth" / f"{i}.npy").astype(np.float64)
        p = np.load(pred / "depth" / f"{i}.npy").astype(np.float64)
        v = (g > 0) & np.isfinite(g)
        se += float(((p[v] - g[v]) ** 2).sum())
        ae += float((np.abs(p[v] - g[v]) / g[v]).sum())
        n += int(v.sum())
    return {"depth.rmse": float(np.sqrt(se / n)), "depth.abs_rel": ae / n}


def normals(root, pred, ids):
    angles = []
    for i in ids:
        g = np.load(root / "normals" / f"{i}.npy").astype(np.float64)
        p = np.load(pred / "normals" / f"{i}.npy").astype(np.float64)
        v = np.linalg.norm(g, axis=-1) > 0
        gn = g[v] / np.linalg.norm(g[v], axis=-1, keepdims=True)
        pn = p[v] / np.maximum(np.linalg.norm(p[v], axis=-1, keepdims=True), 1e-12)
        angles.append(np.degrees(np.arccos(np.clip((gn * pn).sum(-1), -1, 1))))
    a = np.concatenate(angles)
    return {"normals.mean": float(a.mean()), "normals.median": float(np.median(a)),
            "normals.within_11_25": float((a < 11.25).mean() * 100), "normals.within_30": float((a < 30).mean() * 100)}


def saliency(root, pred, ids):
    th = np.array([np.float32(k / 20) for k in range(1, 20)], np.float32)
    tp, fp, fn = np.zeros(19), np.zeros(19), np.zeros(19)
    for i in ids:
        g = (np.array(Image.open(root / "saliency" / f"{i}.png")).astype(np.float32) / 255 > 0.5)
        p = np.load(pred / "saliency" / f"{i}.npy").astype(np.float32)
        for k, t in enumerate(th):
            s = p > t
            tp[k] += np.sum(s & g)
            fp[k] += np.sum(s & ~g)
            fn[k] += np.sum(~s & g)
    with np.errstate(invalid="ignore", divide="ignore"):
        prec = np.where(tp + fp > 0, tp / (tp + fp), 0)
        rec = np.where(tp + fn > 0, tp / (tp + fn), 0)
        f = np.where(prec + rec > 0, 1.3 * prec * rec / (0.3 * prec + rec), 0)
    return {"saliency.maxf": float(f.max())}


TOLERANCE = {"normals.median": 1e-3, "normals.mean": 1e-3}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=pathlib.Path)
    ap.add_argument("--pred", required=True, type=pathlib.Path)
    ap.add_argument("--report", required=True, type=pathlib.Path)
    ap.add_argument("--split", default="val")
    args = ap.parse_args()
    report = json.loads(args.report.read_text())
    ours = {k: v["value"] for k, v in report["metrics"].items()}
    ids = load_ids(args.data, args.split)
    ref = {}
    tasks = report["checkpoint"]["tasks"]
    if "semseg" in tasks:
        classes = np.load(args.pred / "semseg" / f"{ids[0]}.npy").shape[-1]
        ref.update(semseg(args.data, args.pred, ids, classes))
    if "depth" in tasks:
        ref.update(depth(args.data, args.pred, ids))
    if "normals" in tasks:
        ref.update(normals(args.data, args.pred, ids))
    if "saliency" in tasks:
        ref.update(saliency(args.data, args.pred, ids))
    bad = 0
    print(f"{'metric':24s} {'hirmtl':>12s} {'reference':>12s} {'|diff|':>10s}  tolerance")
    for k, r in ref.items():
        o = ours[k]
        tol = TOLERANCE.get(k, 1e-5 * max(1.0, abs(r)))
        d = abs(o - r)
        ok = d <= tol
        bad += not ok
        print(f"{k:24s} {o:12.6f} {r:12.6f} {d:10.2e}  {tol:.0e} {'ok' if ok else 'DISAGREE'}")
    print(f"{len(ref) - bad}/{len(ref)} metrics agree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
