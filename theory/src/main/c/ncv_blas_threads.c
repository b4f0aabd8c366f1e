/*
 * The one native function ncverify needs beyond BLAS itself: OpenBLAS's thread count, set per phase
 * (ncverify.theory.linalg.blas.BlasThreads). The system BLAS is the library libblas.so.3 that
 * dev.ludovic.netlib's JNI wrapper has already loaded; its symbol openblas_set_num_threads is looked up there.
 * Returns 0 when set, -1 when no BLAS is loaded, -2 when the library is not OpenBLAS.
 */
#include <jni.h>
#include <dlfcn.h>

typedef void (*set_threads_fn)(int);

static set_threads_fn set_threads = 0;

JNIEXPORT jint JNICALL Java_ncverify_theory_linalg_blas_BlasThreads_setLibraryThreads(JNIEnv *env, jclass cls,
    jint n) {
  (void) env;
  (void) cls;
  if (!set_threads) {
    void *lib = dlopen("libblas.so.3", RTLD_LAZY | RTLD_NOLOAD);
    if (!lib) {
      return -1;
    }
    set_threads = (set_threads_fn) dlsym(lib, "openblas_set_num_threads");
    if (!set_threads) {
      return -2;
    }
  }
  set_threads((int) n);
  return 0;
}
