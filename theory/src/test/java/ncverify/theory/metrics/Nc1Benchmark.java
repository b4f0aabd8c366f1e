package ncverify.theory.metrics;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Throwaway timing of the NC1 fast path at MNIST-like scale (not a test: no timed assertions). Run with
 * e.g. {@code java -Xmx5g -cp theory/target/classes:theory/target/test-classes:<ejml jars>
 * ncverify.theory.metrics.Nc1Benchmark 60000 4096 10}.
 */
public final class Nc1Benchmark {

  private Nc1Benchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
    int d = args.length > 1 ? Integer.parseInt(args[1]) : 4_096;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    SplittableRandom r = new SplittableRandom(20261125L);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % k;
    }
    double[][] means = new double[k][d];
    for (double[] m : means) {
      for (int a = 0; a < d; a++) {
        m[a] = r.nextDouble() - 0.5;
      }
    }
    long t0 = System.nanoTime();
    DMatrixRMaj h = new DMatrixRMaj(d, n);
    for (int a = 0; a < d; a++) {
      int row = a * n;
      for (int i = 0; i < n; i++) {
        h.data[row + i] = means[y[i]][a] + 0.3 * (r.nextDouble() - 0.5);
      }
    }
    long t1 = System.nanoTime();
    LabeledFeatures f = new LabeledFeatures(h, y, k);
    long t2 = System.nanoTime();
    ClassMeans cm = ClassMeans.of(f);
    long t3 = System.nanoTime();
    double nc1 = Nc1.of(f, cm);
    long t4 = System.nanoTime();
    double nc1Again = Nc1.of(f);
    long t5 = System.nanoTime();
    DMatrixRMaj w = new DMatrixRMaj(k, d);
    for (int i = 0; i < w.data.length; i++) {
      w.data[i] = r.nextDouble() - 0.5;
    }
    MetricsReport report = NcMetrics.measure(f, w, new double[k], List.of(), GlobalMean.SAMPLE);
    long t6 = System.nanoTime();
    System.out.printf("N=%d d=%d K=%d%n", n, d, k);
    System.out.printf("generate H: %.2f s%n", (t1 - t0) / 1e9);
    System.out.printf("validate (NaN scan, labels): %.2f s%n", (t2 - t1) / 1e9);
    System.out.printf("class means: %.2f s%n", (t3 - t2) / 1e9);
    System.out.printf("Nc1 (means given): %.2f s, nc1 = %.6g%n", (t4 - t3) / 1e9, nc1);
    System.out.printf("Nc1 (incl. means): %.2f s, nc1 = %.6g%n", (t5 - t4) / 1e9, nc1Again);
    System.out.printf("NcMetrics.measure (all, with W): %.2f s%n", (t6 - t5) / 1e9);
    System.out.println(report.toMap());
  }
}
