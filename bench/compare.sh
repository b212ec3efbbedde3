#!/usr/bin/env bash
# Runs HirMTL (`hirmtl bench`) and its PyTorch replica (bench/torch_speed.py) on the same config, size and batch,
# alternately, and ends with lines a script can read:
#   train ratio 2.71x                     HirMTL's training time per image (DL4J) / PyTorch's
#   inference ratio 1.98x                 HirMTL's inference time per image on DL4J / PyTorch's
#   memory ratio 1.45x                    peak resident memory of training + inference, HirMTL (DL4J) / PyTorch
#   inference ratio (onnxruntime) 0.78x   HirMTL's inference time per image on ONNX Runtime / PyTorch's
#   inference memory (MiB) onnxruntime 410, dl4j 1200, pytorch 700   peak of processes that only infer
#   inference memory ratio (onnxruntime) 0.59x
# The last three come from processes that only infer (`hirmtl bench --inference-only --engine ...`,
# `torch_speed.py --infer-only --final-only`), so their peak memory is inference's own; there PyTorch computes only the
# final outputs, as the ONNX export does (no deep-supervision outputs), so both do the same work, and runs with glibc's
# mmap and trim thresholds raised: a fresh PyTorch process otherwise returns its large buffers to the OS after every
# pass and infers ~40 % slower (measured 56 against 90 images/s at 128x160), so the reference is its fastest.
# Each figure is the median over --runs runs of each engine (default 3), one engine after the other, so that drift of
# the machine hits both. Run it on an otherwise idle machine (ND4J slows many times under contention).
#
#   bench/compare.sh                                   # the quick start at 128x160, batch 8
#   bench/compare.sh -c examples/nyud.yaml --size 448x576 --steps 3 --warmup 1 --runs 1
#   bench/compare.sh --set model.exchange.type=none    # any hirmtl --set override, applied to both engines
#
# Options: -c FILE, --set K=V (repeatable), --size HxW, --batch N, --steps N (timed training steps and inference
# passes, default 20), --warmup N (default 5), --runs N (default 3), --tasks a,b,... (tasks of the config; repeats
# allowed for the replica only), --out FILE (also write every run's figures as CSV).
# Needs: Debian's python3-torch (apt-get install python3-torch python3-yaml), the toolkit built by ./hirmtl.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
config=() sets=() size="" batch="" steps=20 warmup=5 runs=3 tasks="" csv=""
while [ $# -gt 0 ]; do
  case "$1" in
    -c|--config) config=(-c "$2"); shift 2 ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --tasks) tasks="$2"; shift 2 ;;
    --out) csv="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if ! "$python" -c 'import torch, yaml' 2>/dev/null; then
  echo "compare.sh: $python cannot import torch and yaml (apt-get install python3-torch python3-yaml)" >&2
  exit 2
fi
task_set=()
[ -n "$tasks" ] && task_set=(--set "tasks=[${tasks}]")
resolved="$(mktemp)"; trap 'rm -f "$resolved"' EXIT
"$here/hirmtl" config print "${config[@]}" "${task_set[@]}" "${sets[@]}" > "$resolved"
java_args=(bench "${config[@]}" "${task_set[@]}" "${sets[@]}" --steps "$steps" --warmup "$warmup")
torch_args=(--config "$resolved" --steps "$steps" --infer-steps "$steps" --warmup "$warmup")
[ -n "$size" ] && java_args+=(--size "$size") && torch_args+=(--size "$size")
[ -n "$batch" ] && java_args+=(--batch "$batch") && torch_args+=(--batch "$batch")
[ -n "$csv" ] && echo "engine,run,train_ips,infer_ips,peak_rss_mib" > "$csv"

# An inference-only run of hirmtl bench: "<images/s> <peak MiB>"
infer_only() {
  "$here/hirmtl" "${java_args[@]}" --inference-only --engine "$1" | tee /dev/stderr | grep '^inference [0-9]' \
    | sed -E 's/^inference ([0-9.]+) images\/s, peak resident memory ([0-9]+) MiB.*/\1 \2/'
}

jt=() ji=() jm=() pt=() pi=() pm=() oi=() om=() di=() dm=() qi=() qm=()
for run in $(seq 1 "$runs"); do
  line="$("$here/hirmtl" "${java_args[@]}" --engine dl4j | tee /dev/stderr | grep '^train ')"
  # train 7.69 images/s, inference 31.76 images/s, peak resident memory 1145 MiB
  read -r t i m < <(echo "$line" | sed -E 's/^train ([0-9.]+) images\/s, inference ([0-9.]+) images\/s, peak resident memory ([0-9]+) MiB.*/\1 \2 \3/')
  jt+=("$t"); ji+=("$i"); jm+=("$m")
  echo "hirmtl  run $run: train $t images/s, inference $i images/s, peak $m MiB"
  [ -n "$csv" ] && echo "hirmtl,$run,$t,$i,$m" >> "$csv"
  line="$("$python" "$here/bench/torch_speed.py" "${torch_args[@]}" | tee /dev/stderr | grep '^RESULT ')"
  t="$(echo "$line" | sed -E 's/.* train_ips=([0-9.]+).*/\1/')"
  i="$(echo "$line" | sed -E 's/.* infer_ips=([0-9.]+).*/\1/')"
  m="$(echo "$line" | sed -E 's/.* peak_rss_mib=([0-9]+).*/\1/')"
  pt+=("$t"); pi+=("$i"); pm+=("$m")
  echo "pytorch run $run: train $t images/s, inference $i images/s, peak $m MiB"
  [ -n "$csv" ] && echo "pytorch,$run,$t,$i,$m" >> "$csv"
  read -r i m < <(infer_only onnxruntime)
  oi+=("$i"); om+=("$m")
  echo "hirmtl  run $run, inference only on onnxruntime: $i images/s, peak $m MiB"
  [ -n "$csv" ] && echo "hirmtl-onnxruntime-inference,$run,,$i,$m" >> "$csv"
  read -r i m < <(infer_only dl4j)
  di+=("$i"); dm+=("$m")
  echo "hirmtl  run $run, inference only on dl4j: $i images/s, peak $m MiB"
  [ -n "$csv" ] && echo "hirmtl-dl4j-inference,$run,,$i,$m" >> "$csv"
  line="$(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 \
    "$python" "$here/bench/torch_speed.py" "${torch_args[@]}" --infer-only --final-only | tee /dev/stderr | grep '^RESULT ')"
  i="$(echo "$line" | sed -E 's/.* infer_ips=([0-9.]+).*/\1/')"
  m="$(echo "$line" | sed -E 's/.* peak_rss_mib=([0-9]+).*/\1/')"
  qi+=("$i"); qm+=("$m")
  echo "pytorch run $run, inference only: $i images/s, peak $m MiB"
  [ -n "$csv" ] && echo "pytorch-inference,$run,,$i,$m" >> "$csv"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
JT="$(median "${jt[@]}")" JI="$(median "${ji[@]}")" JM="$(median "${jm[@]}")"
PT="$(median "${pt[@]}")" PI="$(median "${pi[@]}")" PM="$(median "${pm[@]}")"
echo "medians over $runs run(s): hirmtl train $JT, inference $JI images/s, peak $JM MiB;" \
     "pytorch train $PT, inference $PI images/s, peak $PM MiB"
awk -v a="$PT" -v b="$JT" 'BEGIN {printf "train ratio %.2fx\n", a / b}'
awk -v a="$PI" -v b="$JI" 'BEGIN {printf "inference ratio %.2fx\n", a / b}'
awk -v a="$JM" -v b="$PM" 'BEGIN {printf "memory ratio %.2fx\n", a / b}'
OI="$(median "${oi[@]}")" OM="$(median "${om[@]}")" DI="$(median "${di[@]}")" DM="$(median "${dm[@]}")"
QI="$(median "${qi[@]}")" QM="$(median "${qm[@]}")"
echo "medians over $runs run(s), inference-only processes: hirmtl onnxruntime $OI images/s, dl4j $DI images/s;" \
     "pytorch $QI images/s"
awk -v a="$QI" -v b="$OI" 'BEGIN {printf "inference ratio (onnxruntime) %.2fx\n", a / b}'
echo "inference memory (MiB) onnxruntime $OM, dl4j $DM, pytorch $QM"
awk -v a="$OM" -v b="$QM" 'BEGIN {printf "inference memory ratio (onnxruntime) %.2fx\n", a / b}'
