/**
 * Reading the arrays {@code ncv} is given: {@code .npy} (float16/32/64, integers, bool; C or Fortran order;
 * either byte order) and CSV ({@link ncverify.reports.io.ArrayFiles} chooses by the magic bytes), written
 * back with {@link ncverify.reports.io.NpyWriter}. Float32/float64 feature files are memory-mapped
 * ({@link ncverify.reports.io.MappedNpy}) and converted to float64 in parallel straight into the d x N
 * layout, whole or block by block for the two streamed passes of {@code ncv metrics}, with the next blocks
 * read ahead on a background thread ({@link ncverify.reports.io.ReadAhead}). Every reader that holds a file
 * in memory first checks its float64 size, with every copy it makes, against the free heap
 * ({@link ncverify.reports.io.Heap}): a file too large is a one-line error naming its size, never an
 * OutOfMemoryError; a declared shape larger than the file is "truncated".
 */
package ncverify.reports.io;
