#!/usr/bin/env bash
# The paper's claim, measured on synthetic scenes (docs/results.md): single-task baselines, the multi-task baseline,
# HirMTL and its ablations (-STF, -TAF, -AICM, -deep supervision), each trained with several seeds, with the data and
# budget of `hirmtl train` (examples/quickstart.yaml), scored on the validation split and on an independent test set
# (synthetic scenes of another generator seed).
#
# Usage: bench/ablation.sh [OUT_DIR] [--seeds "1 2 3"] [--test-scenes N] [extra hirmtl train options...]
#   (sequential; about 78 minutes per seed on 2 cores, test-set scoring included: a single-task run ~2-3 min, a five-task run ~9-10 min). Resumable: run it again after a kill and it continues —
#   finished runs are skipped, an interrupted run resumes from its last.zip, scores are recomputed only when missing.
# Then:  python3 bench/ablation_table.py OUT_DIR > table.md   (mean ± sd over seeds, paired differences)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/runs/ablation}"
shift || true
seeds="1 2 3"
test_scenes=400
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --test-scenes) test_scenes="$2"; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
cfg="$here/examples/quickstart.yaml"
hirmtl="$here/hirmtl"
base=(--set model.stf.enabled=false --set model.fusion.type=mean --set model.exchange.type=none)
test_data="$out/test-scenes"

mkdir -p "$out"
if [ ! -f "$test_data/synth.json" ]; then
  # the quick start's scenes are generator seed 1; the test set uses seed 1001 (never seen in training)
  echo "== test set: $test_scenes synthetic scenes, generator seed 1001"
  rm -rf "$test_data"
  "$hirmtl" -q data synth --out "$test_data" --train 1 --val "$test_scenes" --seed 1001 --size 128x160 --classes 8
fi

run() {  # name, seed, options...
  local name="$1" seed="$2"; shift 2
  local dir="$out/$name-s$seed"
  if [ -f "$dir/done" ]; then
    echo "== $name seed $seed: trained already"
  else
    local t0=$SECONDS
    if [ -f "$dir/last.zip" ]; then
      echo "== $name seed $seed: resuming"
      "$hirmtl" -q train --out "$dir" --resume
    else
      rm -rf "${dir:?}"
      echo "== $name seed $seed: $*"
      "$hirmtl" -q train -c "$cfg" --out "$dir" --seed "$seed" "${extra[@]}" "$@"
    fi
    echo "$((SECONDS - t0))" > "$dir/done"
  fi
  if [ ! -f "$dir/test.json" ]; then
    "$hirmtl" -q eval --checkpoint "$dir" --data "$test_data" --type synthetic --split val --format json \
      --out "$dir/test.json.part" > /dev/null
    mv "$dir/test.json.part" "$dir/test.json"
  fi
}

for seed in $seeds; do
  for t in semseg depth normals edge saliency; do
    run "single-$t" "$seed" --tasks "$t" "${base[@]}"
  done
  run mtl-baseline "$seed" "${base[@]}"
  run hirmtl "$seed"
  run minus-stf "$seed" --set model.stf.enabled=false
  run minus-taf "$seed" --set model.fusion.type=mean
  run minus-aicm "$seed" --set model.exchange.type=none
  run minus-ds "$seed" --set model.stf.deep_supervision=false
done
echo "all runs in $out"
