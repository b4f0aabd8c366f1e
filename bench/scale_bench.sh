#!/usr/bin/env bash
# Dataset-scale benchmark of ncv metrics / ncv check against NumPy (bench/README.md, issue 18).
# Usage: bench/scale_bench.sh DIR [imagenet]
#   DIR      where the generated .npy files live (created when missing; several GB with 'imagenet')
#   imagenet also the 1,281,167 x 2048 float32 case (10.5 GB file, streamed with -Xmx2g); delete it afterwards
# Every case is run in the same session for ncv and NumPy, one after the other; the machine load is printed
# before and after (other jobs sharing the cores inflate every time; repeat when `uptime` shows a quiet machine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: bench/scale_bench.sh DIR [imagenet]}"
mkdir -p "$dir"
py="python3 $root/bench/numpy_metrics.py"
ncv="$root/ncv"
"$ncv" --version >/dev/null   # builds the jar if needed, outside the timings
[ -f "$dir/check-X.npy" ] || $py --make-check "$dir"
[ -f "$dir/metrics-H.npy" ] || $py --make-metrics "$dir"
if [ "${2:-}" = imagenet ] && [ ! -f "$dir/imagenet-H.npy" ]; then $py --make-imagenet "$dir"; fi

wall() { # wall seconds and max RSS (MB) of a command, its stdout discarded; says so when it fails
  /usr/bin/time -f "%e %M %x" "$@" 2>&1 >/dev/null | tail -1 \
    | awk '{printf "%s s, max RSS %.0f MB%s", $1, $2/1024, ($3 == 0 ? "" : "  FAILED (exit " $3 ")")}'
}
echo "load before: $(uptime)"
echo "== ncv check vs ncv metrics, N = 50,000 (256 -> 64 -> K = 10 linear head), -Xmx3g"
c="$dir/check"
echo "ncv metrics: $(NCV_JAVA_OPTS=-Xmx3g wall "$ncv" metrics --features "$c-H.npy" --labels "$c-y.npy" --weights "$c-W.npy" --layers "$c-W1.npy,$c-W.npy")"
echo "ncv check:   $(NCV_JAVA_OPTS=-Xmx3g wall "$ncv" check --features "$c-H.npy" --labels "$c-y.npy" --weights "$c-W.npy" --layers "$c-W1.npy,$c-W.npy" --pre-linear-features "$c-X.npy" --lambda-w 1e-3 --lambda-h 1e-3 --loss mse --lr 0.05)"
echo "== ncv metrics vs NumPy load + cast + fast NC1, 60,000 x 2048 float32, K = 10, -Xmx3g"
m="$dir/metrics"
echo "ncv metrics (all metrics, W given): $(NCV_JAVA_OPTS=-Xmx3g wall "$ncv" metrics --features "$m-H.npy" --labels "$m-y.npy" --weights "$m-W.npy")"
echo "ncv metrics (no W):                 $(NCV_JAVA_OPTS=-Xmx3g wall "$ncv" metrics --features "$m-H.npy" --labels "$m-y.npy")"
echo "numpy in memory:                    $(wall $py --features "$m-H.npy" --labels "$m-y.npy")"
$py --features "$m-H.npy" --labels "$m-y.npy"
NCV_JAVA_OPTS=-Xmx3g "$ncv" bench --metrics "$m-H.npy" --labels "$m-y.npy" --weights "$m-W.npy"
if [ "${2:-}" = imagenet ] && [ -f "$dir/imagenet-H.npy" ]; then
  echo "== streamed: 1,281,167 x 2048 float32 (10.5 GB), K = 10, ncv with -Xmx2g"
  i="$dir/imagenet"
  echo "ncv metrics (streamed, all metrics): $(NCV_JAVA_OPTS=-Xmx2g wall "$ncv" metrics --features "$i-H.npy" --labels "$i-y.npy" --weights "$i-W.npy")"
  echo "numpy two-pass streamed NC1:         $(wall $py --features "$i-H.npy" --labels "$i-y.npy" --stream)"
  NCV_JAVA_OPTS=-Xmx2g "$ncv" bench --metrics "$i-H.npy" --labels "$i-y.npy" --weights "$i-W.npy"
fi
echo "load after: $(uptime)"
