#!/usr/bin/env bash
# The scaling measurements behind docs/performance.md: time and peak memory of HirMTL (hirmtl bench) and of its
# PyTorch replica against the input size (64x96 ... 448x576, quick-start model, 5 tasks) and against the number of
# tasks (T = 1..6 at 128x160), plus the AICM's share of a training step at T = 6 (exchange aicm vs none) and the
# examples/nyud.yaml model at 448x576. Every point runs both engines one after the other (bench/compare.sh).
# Writes bench/out/scaling.csv; bench/scaling_plot.py turns it into docs/performance_*.png.
#
#   bench/scaling.sh [--steps N] [--warmup N] [--series size,tasks,aicm,nyud]   # ~25 minutes on 2 cores, idle
# --series runs only those series and appends to an existing CSV.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps=5 warmup=2 series=""
while [ $# -gt 0 ]; do
  case "$1" in
    --series) series="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "scaling.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
out="$here/bench/out"; mkdir -p "$out"
csv="$out/scaling.csv"
[ -z "$series" ] || [ ! -f "$csv" ] && echo "series,x,engine,train_ips,infer_ips,peak_rss_mib" > "$csv"
want() { [ -z "$series" ] || [[ ",$series," == *",$1,"* ]]; }

point() {  # series x compare.sh-arguments...
  local series="$1" x="$2"; shift 2
  local tmp; tmp="$(mktemp)"
  echo "== $series $x: $*" >&2
  "$here/bench/compare.sh" --runs 1 --steps "$steps" --warmup "$warmup" --out "$tmp" "$@" 2>/dev/null | tail -3 >&2
  tail -n +2 "$tmp" | awk -F, -v s="$series" -v x="$x" '{print s "," x "," $1 "," $3 "," $4 "," $5}' >> "$csv"
  rm -f "$tmp"
}

want size && for size in 64x96 128x160 256x320 448x576; do
  if [ "$size" = 448x576 ]; then point size "$size" --size "$size" --steps 3 --warmup 1; else point size "$size" --size "$size"; fi
done
all=(semseg depth normals edge saliency parts)
classes=(--set tasks.semseg.options.classes=8)  # replacing `tasks` drops the quick start's class count
want tasks && for t in 1 2 3 4 5 6; do
  list="$(IFS=,; echo "${all[*]:0:$t}")"
  point tasks "$t" --tasks "$list" "${classes[@]}"
done
want aicm && point aicm_t6 none --tasks "$(IFS=,; echo "${all[*]}")" "${classes[@]}" --set model.exchange.type=none
want nyud && point nyud 448x576 -c "$here/examples/nyud.yaml" --size 448x576 --steps 3 --warmup 1
echo "wrote $csv" >&2
