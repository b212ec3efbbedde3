#!/usr/bin/env bash
# The paper's claim, measured on synthetic scenes (docs/results.md): single-task baselines, the multi-task baseline,
# HirMTL and its ablations, all with the same data, seed and budget as `hirmtl train` (examples/quickstart.yaml).
# Usage: bench/ablation.sh [OUT_DIR] [extra hirmtl train options...]   (runs sequentially; ~1 hour on 2 cores)
# Then:  python3 bench/ablation_table.py OUT_DIR > docs/results-table.md
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/runs/ablation}"
shift || true
extra=("$@")
cfg="$here/examples/quickstart.yaml"
base=(--set model.stf.enabled=false --set model.fusion.type=mean --set model.exchange.type=none)

run() {  # name, options...
  local name="$1"; shift
  if [ -f "$out/$name/metrics.jsonl" ] && [ -f "$out/$name/done" ]; then
    echo "== $name: done already"; return
  fi
  rm -rf "${out:?}/$name"
  echo "== $name: $*"
  local t0=$SECONDS
  "$here/hirmtl" -q train -c "$cfg" --out "$out/$name" "${extra[@]}" "$@"
  echo "$((SECONDS - t0))" > "$out/$name/done"
}

mkdir -p "$out"
for t in semseg depth normals edge saliency; do
  run "single-$t" --tasks "$t" "${base[@]}"
done
run mtl-baseline "${base[@]}"
run hirmtl
run minus-stf --set model.stf.enabled=false
run minus-taf --set model.fusion.type=mean
run minus-aicm --set model.exchange.type=none
echo "all runs in $out"
