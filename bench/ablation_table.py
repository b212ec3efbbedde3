#!/usr/bin/env python3
"""Reads the runs of bench/ablation.sh and prints the markdown tables of docs/results.md.

Per run: the validation metrics of the last epoch (metrics.jsonl). Delta_m against the single-task runs
(DESIGN section 4): mean over tasks of (-1)^l (M_mt - M_st) / M_st * 100, l = 1 where lower is better.
"""
import json
import pathlib
import sys

PRIMARY = [("semseg", "miou", +1), ("depth", "rmse", -1), ("normals", "mean", -1),
           ("edge", "odsf", +1), ("saliency", "maxf", +1)]
ROWS = [("mtl-baseline", "Multi-task baseline (shared backbone + heads; STF, TAF, AICM off)"),
        ("hirmtl", "HirMTL (STF + TAF + AICM)"),
        ("minus-stf", "HirMTL - STF"),
        ("minus-taf", "HirMTL - TAF (mean fusion)"),
        ("minus-aicm", "HirMTL - AICM (no exchange)")]


def last(run_dir):
    lines = [l for l in (run_dir / "metrics.jsonl").read_text().splitlines() if l.strip()]
    rec = json.loads(lines[-1])
    seconds = float((run_dir / "done").read_text()) if (run_dir / "done").exists() else float("nan")
    return rec["val"], rec["epoch"], seconds


def main(root):
    root = pathlib.Path(root)
    single = {}
    print("| row | " + " | ".join(f"{t}.{m} {'↑' if d > 0 else '↓'}" for t, m, d in PRIMARY) + " | Δm % | epochs | time s |")
    print("|---|" + "---|" * (len(PRIMARY) + 3))
    cells = []
    for t, m, d in PRIMARY:
        val, epochs, secs = last(root / f"single-{t}")
        single[t] = val[f"{t}.{m}"]
        cells.append((t, val[f"{t}.{m}"], epochs, secs))
    print("| Single-task baselines (one run per task) | " + " | ".join(f"{v:.4f}" for _, v, _, _ in cells)
          + f" | 0 | {cells[0][2]} | {sum(c[3] for c in cells):.0f} (all five) |")
    for name, label in ROWS:
        d = root / name
        if not (d / "metrics.jsonl").exists():
            continue
        val, epochs, secs = last(d)
        deltas = []
        for t, m, sign in PRIMARY:
            v = val[f"{t}.{m}"]
            deltas.append(sign * (v - single[t]) / single[t] * 100)
        dm = sum(deltas) / len(deltas)
        print(f"| {label} | " + " | ".join(f"{val[f'{t}.{m}']:.4f}" for t, m, _ in PRIMARY)
              + f" | {dm:+.2f} | {epochs} | {secs:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/ablation")
