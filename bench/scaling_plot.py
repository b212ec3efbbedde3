#!/usr/bin/python3
"""Plots bench/out/scaling.csv (written by bench/scaling.sh) into docs/performance_size.png and
docs/performance_tasks.png: training time per image (HirMTL on DL4J), inference time per image (HirMTL on ONNX
Runtime, in its own process, when the CSV has those rows; else DL4J's in the training process) and the training
process's peak resident memory, of HirMTL and of its PyTorch replica, against input pixels and against the number of
tasks. Needs Debian's python3-matplotlib.

    /usr/bin/python3 bench/scaling_plot.py [bench/out/scaling.csv] [docs]
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(path):
    rows = list(csv.DictReader(open(path)))
    for r in rows:
        for k in ("train_ips", "infer_ips", "peak_rss_mib"):
            r[k] = float(r[k]) if r[k] else float("nan")
    return rows


def plot(rows, series, xs, xlabel, xticklabels, out):
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11, 4.2))
    styles = {"hirmtl": ("tab:red", "HirMTL", "hirmtl-onnxruntime-inference", "ONNX Runtime"),
              "pytorch": ("tab:blue", "PyTorch replica", "pytorch-inference", "PyTorch")}
    for engine, (colour, label, infer_engine, infer_label) in styles.items():
        pts = {r["x"]: r for r in rows if r["series"] == series and r["engine"] == engine}
        inf = {r["x"]: r for r in rows if r["series"] == series and r["engine"] == infer_engine}
        keys = [k for k in xticklabels if k in pts]
        x = [xs[k] for k in keys]
        ax_t.plot(x, [1000 / pts[k]["train_ips"] for k in keys], "o-", color=colour, label=f"{label}, training")
        if inf:
            ax_t.plot(x, [1000 / inf[k]["infer_ips"] for k in keys], "s--", color=colour,
                      label=f"{label}, inference ({infer_label})")
        else:
            ax_t.plot(x, [1000 / pts[k]["infer_ips"] for k in keys], "s--", color=colour,
                      label=f"{label}, inference")
        ax_m.plot(x, [pts[k]["peak_rss_mib"] / 1024 for k in keys], "o-", color=colour, label=f"{label}, training")
    for ax in (ax_t, ax_m):
        ax.set_xlabel(xlabel)
        ax.grid(True, alpha=0.3)
        ax.set_xticks([xs[k] for k in xticklabels])
        ax.set_xticklabels(xticklabels)
    if series == "size":
        ax_t.set_xscale("log")
        ax_t.set_yscale("log")
        ax_m.set_xscale("log")
        for ax in (ax_t, ax_m):
            ax.set_xticks([xs[k] for k in xticklabels])
            ax.set_xticklabels(xticklabels)
            ax.minorticks_off()
    ax_t.set_ylabel("time per image (ms), batch 8")
    ax_m.set_ylabel("peak resident memory (GiB)")
    ax_t.legend(fontsize=8)
    ax_m.legend(fontsize=8)
    fig.suptitle("HirMTL vs PyTorch replica, same model, 2 CPU cores (bench/scaling.sh)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/out/scaling.csv"
    docs = sys.argv[2] if len(sys.argv) > 2 else "docs"
    rows = load(path)
    sizes = [r["x"] for r in rows if r["series"] == "size" and r["engine"] == "hirmtl"]
    pixels = {s: int(s.split("x")[0]) * int(s.split("x")[1]) for s in sizes}
    plot(rows, "size", pixels, "input size (H x W, log scale)", sizes, f"{docs}/performance_size.png")
    tasks = [r["x"] for r in rows if r["series"] == "tasks" and r["engine"] == "hirmtl"]
    plot(rows, "tasks", {t: int(t) for t in tasks}, "number of tasks T (128x160)", tasks,
         f"{docs}/performance_tasks.png")


if __name__ == "__main__":
    main()
