#!/usr/bin/env python3
"""Independent reference for `hirmtl eval --edge-protocol seism`: recomputes odsF/oisF/AP of the SEISM pipeline
(the one behind InvPT's and ATRC's published boundary numbers) with numpy/SciPy from the edge probabilities that
`hirmtl eval --save-predictions DIR` wrote and the dataset's ground truth, and compares them with the JSON report.

Written from the pipeline's description (docs/metrics.md, "The published pipeline"), not from the Java code:
  8-bit PNG      q = floor(255 p) / 255 in float32 (numpy astype(uint8) truncates; SEISM reads v/255)
  NMS            convTri(E, 4) (symmetric padding), np.gradient, O = mod(atan(Oyy sign(-Oxy) / (Oxx + 1e-5)), pi),
                 edgesNmsMex(E, O, r=1, s=5, m=1.01): suppressed when 1.01 e < bilinear E at +-(cos O, sin O),
                 then the border fade
  thresholds     SEISM's HED.txt, E > t
  ground truth   thin(seg2bmap(L)) with L the boundary map as labels
  counts         thin(E > t) matched one to one within maxDist * diagonal (SciPy's maximum bipartite matching)
  scores         ODS at a threshold, OIS with per-image F rounded to 6 decimals (first on ties), AP / 100

Needs a Python with numpy and SciPy (not a toolkit dependency). Only the synthetic layout (edge/<id>.npy) and
NYUD_MT's (edge/<id>.npy or .png) are read.

    ./hirmtl eval --checkpoint RUN --edge-protocol seism --format json --out /tmp/report.json --save-predictions /tmp/pred
    python3 bench/seism_reference.py --data DATASET_DIR --pred /tmp/pred --report /tmp/report.json

Exit 0 when odsF, oisF and AP agree with the report within --tol (default 1e-9), 1 otherwise.
"""
import argparse
import json
import pathlib
import sys

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching
from scipy.spatial import cKDTree

THRESHOLDS = [0.001] + [k / 100 for k in range(1, 100)] + [0.999]


def conv_tri4(img):
    f = np.array([1, 2, 3, 4, 5, 4, 3, 2, 1], np.float32)
    p = np.pad(img, 4, mode="symmetric")
    h, w = img.shape
    rows = sum(f[k] * p[:, k:k + w] for k in range(9)).astype(np.float32)
    out = sum(f[k] * rows[k:k + h, :] for k in range(9)).astype(np.float32)
    return (out * np.float32(1 / 625)).astype(np.float32)


def nms(e):
    h, w = e.shape
    s = conv_tri4(e)
    oy, ox = np.gradient(s)
    _, oxx = np.gradient(ox)
    oyy, oxy = np.gradient(oy)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = ((oyy * np.sign(-oxy)).astype(np.float32) / (oxx + np.float32(1e-5))).astype(np.float32)
    # atan, cos and sin in double, rounded to float (numpy's float32 versions may be off by one unit in the last
    # place, which flips a handful of near-ties in the suppression)
    a = np.arctan(q.astype(np.float64)).astype(np.float32)
    o = np.where(a < 0, a + np.float32(np.pi), a).astype(np.float32)
    c = np.cos(o.astype(np.float64)).astype(np.float32)
    sn = np.sin(o.astype(np.float64)).astype(np.float32)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    out = e.copy()
    for d in (-1, 1):
        x = np.clip(xs + d * c, 0, np.float32(w - 1.001))
        y = np.clip(ys + d * sn, 0, np.float32(h - 1.001))
        x0, y0 = x.astype(int), y.astype(int)
        dx0, dy0 = x - x0.astype(np.float32), y - y0.astype(np.float32)   # float32, as the C code
        dx1, dy1 = 1 - dx0, 1 - dy0
        e0 = (e[y0, x0] * dx1 * dy1 + e[y0, x0 + 1] * dx0 * dy1 + e[y0 + 1, x0] * dx1 * dy0
              + e[y0 + 1, x0 + 1] * dx0 * dy0)
        out[(e != 0) & (e * np.float32(1.01) < e0)] = 0
    s = min(5, w // 2, h // 2)
    for x in range(s):
        out[:, x] *= np.float32(x / s)
        out[:, w - 1 - x] *= np.float32(x / s)
    for y in range(s):
        out[y, :] *= np.float32(y / s)
        out[h - 1 - y, :] *= np.float32(y / s)
    return out


def thin(img):
    """Guo-Hall two-subiteration thinning (MATLAB bwmorph 'thin' Inf), the whole image in parallel per step."""
    img = img.astype(bool).copy()
    while True:
        before = img.sum()
        for first in (True, False):
            p = np.pad(img, 1)
            x1, x2, x3, x4 = p[1:-1, 2:], p[:-2, 2:], p[:-2, 1:-1], p[:-2, :-2]
            x5, x6, x7, x8 = p[1:-1, :-2], p[2:, :-2], p[2:, 1:-1], p[2:, 2:]
            b = [~x1 & (x2 | x3), ~x3 & (x4 | x5), ~x5 & (x6 | x7), ~x7 & (x8 | x1)]
            g1 = sum(v.astype(int) for v in b) == 1
            n1 = sum(v.astype(int) for v in (x1 | x2, x3 | x4, x5 | x6, x7 | x8))
            n2 = sum(v.astype(int) for v in (x2 | x3, x4 | x5, x6 | x7, x8 | x1))
            m = np.minimum(n1, n2)
            g2 = (m >= 2) & (m <= 3)
            g3 = ~((x2 | x3 | ~x8) & x1) if first else ~((x6 | x7 | ~x4) & x5)
            img = img & ~(g1 & g2 & g3)
        if img.sum() == before:
            return img


def seg2bmap(label):
    h, w = label.shape
    b = np.zeros((h, w), bool)
    b[:-1, :-1] = (label[:-1, :-1] != label[:-1, 1:]) | (label[:-1, :-1] != label[1:, :-1]) | (
        label[:-1, :-1] != label[1:, 1:])
    b[-1, :-1] = label[-1, :-1] != label[-1, 1:]
    b[:-1, -1] = label[:-1, -1] != label[1:, -1]
    return b


def matched(pred, gt, radius):
    p = np.argwhere(pred)
    g = np.argwhere(gt)
    if len(p) == 0 or len(g) == 0:
        return 0
    pairs = cKDTree(p).sparse_distance_matrix(cKDTree(g), radius, output_type="ndarray")
    rows = [r for r, c, d in pairs]
    cols = [c for r, c, d in pairs]
    if not rows:
        return 0
    # distance 0 pairs are dropped by sparse_distance_matrix's sparse output; add them back
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(p), len(g)))
    same = {tuple(x) for x in map(tuple, p)} & {tuple(x) for x in map(tuple, g)}
    if same:
        pi = {tuple(x): i for i, x in enumerate(map(tuple, p))}
        gi = {tuple(x): i for i, x in enumerate(map(tuple, g))}
        extra = csr_matrix((np.ones(len(same)), ([pi[s] for s in same], [gi[s] for s in same])), shape=graph.shape)
        graph = graph + extra
    graph.data[:] = 1
    m = maximum_bipartite_matching(graph.tocsr(), perm_type="column")
    return int((m >= 0).sum())


def image_counts(prob, gt_map, max_dist):
    h, w = prob.shape
    e = (np.floor(np.float32(255) * np.clip(prob, 0, 1).astype(np.float32)) / np.float32(255)).astype(np.float32)
    e = nms(e)
    gt = thin(seg2bmap(gt_map == 1))
    radius = max_dist * np.sqrt(h * h + w * w)
    rows = []
    for t in THRESHOLDS:
        b = thin(e.astype(np.float64) > t)
        k = matched(b, gt, radius)
        rows.append((k, int(gt.sum()), k, int(b.sum())))
    return np.array(rows, np.int64)


def pr_image(cr, sr, cp, sp):
    if sr == 0:
        return 0.0, 1.0
    if sp == 0:
        return 1.0, 0.0
    return cp / sp, cr / sr


def pr_dataset(cr, sr, cp, sp):
    p = r = 0.0
    if sr == 0 and cp == 0:
        r, p = 1.0, 0.0
    if sp == 0 and cr == 0:
        r, p = 0.0, 1.0
    if sp != 0 and cr != 0:
        r, p = cr / sr, cp / sp
    return p, r


def fm(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def scores(counts):
    total = counts.sum(axis=0)
    pr = [pr_dataset(*row) for row in total]
    f = [fm(p, r) for p, r in pr]
    ods = max(f)
    best = np.zeros(4, np.int64)
    for c in counts:
        fi = [float("%f" % fm(*pr_image(*row))) for row in c]
        best += c[int(np.argmax(fi))]
    ois = fm(*pr_image(*best))
    rec = np.array([r for p, r in pr])
    prec = np.array([p for p, r in pr])
    _, first = np.unique(rec, return_index=True)
    if len(first) > 1:
        grid = np.arange(101) / 100
        v = np.interp(grid, rec[first], prec[first], left=np.nan, right=np.nan)
        ap = np.nansum(v) / 100
    else:
        ap = 0.0
    return ods, ois, ap


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, type=pathlib.Path)
    ap.add_argument("--pred", required=True, type=pathlib.Path)
    ap.add_argument("--report", required=True, type=pathlib.Path)
    ap.add_argument("--split", default="val")
    ap.add_argument("--tol", type=float, default=1e-9)
    a = ap.parse_args()
    report = json.loads(a.report.read_text())
    max_dist = report["protocol"]["edge_max_dist"]
    ids = [l.strip() for l in (a.data / "gt_sets" / f"{a.split}.txt").read_text().splitlines() if l.strip()]
    counts = np.stack([image_counts(np.load(a.pred / "edge" / f"{i}.npy"), np.load(a.data / "edge" / f"{i}.npy"),
                                    max_dist) for i in ids])
    ods, ois, apv = scores(counts)
    ok = True
    for key, mine in (("odsf[seism]", ods), ("oisf[seism]", ois), ("ap[seism]", apv)):
        theirs = report["metrics"]["edge." + key]["value"]
        good = abs(mine - theirs) <= a.tol
        ok &= good
        print(f"edge.{key:12s} reference {mine:.12f}  report {theirs:.12f}  {'ok' if good else 'DIFFERS'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
