#!/usr/bin/env bash
# Builds the JNI shim ncv_blas_threads.c into $1/libncvblasthreads.so (Linux x86-64, gcc and the JDK's jni.h).
# Without gcc, the JDK headers or on another platform it says so in one line and exits 0: ncverify then runs
# without setting OpenBLAS's threads per phase (BlasThreads), slower on side-by-side work, same results.
set -u
out="${1:?usage: build.sh OUTPUT_DIR}"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ncv_blas_threads.c"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ncverify: not Linux x86-64: OpenBLAS thread control per phase is off"; exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "ncverify: gcc not found (apt-get install gcc): OpenBLAS thread control per phase is off"; exit 0
fi
javac_path="$(command -v javac || true)"
jdk="${JAVA_HOME:-}"
if [ -z "$jdk" ] && [ -n "$javac_path" ]; then jdk="$(dirname "$(dirname "$(readlink -f "$javac_path")")")"; fi
if [ ! -f "$jdk/include/jni.h" ]; then
  echo "ncverify: the JDK's jni.h not found (JAVA_HOME=$jdk): OpenBLAS thread control per phase is off"; exit 0
fi
mkdir -p "$out"
if ! gcc -shared -fPIC -O2 -Wall -I"$jdk/include" -I"$jdk/include/linux" -o "$out/libncvblasthreads.so" "$src" -ldl; then
  echo "ncverify: compiling $src failed: OpenBLAS thread control per phase is off"; rm -f "$out/libncvblasthreads.so"
fi
exit 0
