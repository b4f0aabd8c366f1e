package ncverify.theory.geometry.dufm;

/**
 * A low-rank L-DUFM solution from the triangular-graph / Kneser construction of [DUFM] (docs/theory.md
 * section 4), possibly as a block next to DNC on the remaining classes. It is an upper bound on the
 * optimum of the objective, never the optimum itself.
 *
 * @param parameters the instance
 * @param graphVertices r of the T(r) block (its K_r = r(r-1)/2 classes come first)
 * @param dncClasses m = K - K_r classes solved by DNC in a second block (0 if none)
 * @param scales the optimized positive scales a_1, b_1, (c_l, d_l) for l = 2..L-1, t
 * @param loss the objective evaluated directly on {@link #point()}
 * @param ranks class-mean ranks per layer ({@link ClassMeanRanks})
 * @param point the explicit H_1 (N columns), W_1..W_L
 */
public record LowRankSolution(DufmParameters parameters, int graphVertices, int dncClasses,
    double[] scales, double loss, ClassMeanRanks ranks, DeepUfmPoint point) {

  public LowRankSolution {
    scales = scales.clone();
  }

  @Override
  public double[] scales() {
    return scales.clone();
  }

  /** max over the layers below the last post-activation of the class-mean rank. */
  public int rank() {
    return ranks.max();
  }

  /** "T(r)" or "T(r)+DNC(m)". */
  public String description() {
    return dncClasses == 0 ? "T(" + graphVertices + ")"
        : "T(" + graphVertices + ")+DNC(" + dncClasses + ")";
  }

  /** True iff the solution is better than the all-zero solution (loss below 1/2). */
  public boolean nonTrivial() {
    return loss < 0.5 - LowRankConstruction.NON_TRIVIAL_MARGIN;
  }
}
