#!/usr/bin/env bash
# Dataset-scale benchmark of ncv metrics / ncv check against NumPy (bench/README.md, issue 18).
# Usage: bench/scale_bench.sh DIR [imagenet]
#   DIR      where the generated .npy files live (created when missing; several GB with 'imagenet')
#   imagenet also the 1,281,167 x 2048 float32 case (10.5 GB file, streamed with -Xmx2g), run cold (the file
#            dropped from the page cache first) and warm (read into it first); delete DIR afterwards
# Every case is run in the same session for ncv and NumPy, one after the other, with the machine load
# (`uptime`) printed before each run: other jobs sharing the cores inflate every time; repeat when it is quiet.
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

load() { uptime | sed 's/.*load average: /load /'; }
wall() { # wall seconds and max RSS (MB) of a command, its stdout discarded; says so when it fails
  /usr/bin/time -f "%e %M %x" "$@" 2>&1 >/dev/null | tail -1 \
    | awk '{printf "%s s, max RSS %.0f MB%s", $1, $2/1024, ($3 == 0 ? "" : "  FAILED (exit " $3 ")")}'
}
pywall() { # the JSON line of bench/numpy_metrics.py, then its wall time (interpreter start included)
  { /usr/bin/time -f "wall %e s" $py "$@"; } 2>&1 | tr '\n' ' '
}
gcpeak() { # the largest heap occupancy before a collection in a -Xlog:gc file (an upper bound of the peak heap)
  grep -o '[0-9]*M->' "$1" | sed 's/M->//' | sort -n | tail -1 | awk '{printf ", peak heap %s MB", $1}'
}
ncvgc() { # ncv with -Xlog:gc, the wall time, max RSS and peak heap; $1 = heap
  local heap="$1"; shift
  rm -f "$dir/gc.log"
  echo "$(NCV_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$dir/gc.log" wall "$ncv" "$@")$(gcpeak "$dir/gc.log")"
}
echo "== ncv check vs ncv metrics, N = 50,000 (256 -> 64 -> K = 10 linear head), -Xmx3g"
c="$dir/check"
for round in 1 2; do
  echo "ncv metrics ($(load)): $(ncvgc 3g metrics --features "$c-H.npy" --labels "$c-y.npy" --weights "$c-W.npy" --layers "$c-W1.npy,$c-W.npy")"
  echo "ncv check   ($(load)): $(ncvgc 3g check --features "$c-H.npy" --labels "$c-y.npy" --weights "$c-W.npy" --layers "$c-W1.npy,$c-W.npy" --pre-linear-features "$c-X.npy" --lambda-w 1e-3 --lambda-h 1e-3 --loss mse --lr 0.05)"
done
echo "== ncv metrics vs NumPy load + cast + fast NC1, 60,000 x 2048 float32, K = 10, -Xmx3g"
m="$dir/metrics"
for round in 1 2; do
  echo "ncv metrics, all metrics, W given ($(load)): $(ncvgc 3g metrics --features "$m-H.npy" --labels "$m-y.npy" --weights "$m-W.npy")"
  echo "ncv metrics, no W                 ($(load)): $(ncvgc 3g metrics --features "$m-H.npy" --labels "$m-y.npy")"
  echo "numpy in memory                   ($(load)): $(pywall --features "$m-H.npy" --labels "$m-y.npy")"
done
if [ "${2:-}" = imagenet ] && [ -f "$dir/imagenet-H.npy" ]; then
  echo "== streamed: 1,281,167 x 2048 float32 (10.5 GB), K = 10, ncv with -Xmx2g"
  i="$dir/imagenet"
  for cache in cold warm; do
    for tool in ncv numpy; do
      if [ "$cache" = cold ]; then $py --evict "$i-H.npy"; else cat "$i-H.npy" >/dev/null; fi
      if [ "$tool" = ncv ]; then
        echo "ncv metrics, streamed, all metrics, $cache ($(load)): $(ncvgc 2g metrics --features "$i-H.npy" --labels "$i-y.npy" --weights "$i-W.npy")"
      else
        echo "numpy two-pass streamed NC1, $cache       ($(load)): $(pywall --features "$i-H.npy" --labels "$i-y.npy" --stream)"
      fi
    done
  done
fi
echo "load after: $(load)"
