package ncverify.impl.model;

/**
 * A full-data evaluation of a model: data term, regularizer sum_P (lambda_P/2)||P||^2, their sum
 * (the objective exactly as docs/theory.md writes it for the model) and the train error (fraction of
 * samples whose argmax logit, lowest index on ties, differs from the label).
 */
public record Evaluation(double dataLoss, double regularization, double objective, double trainError) {

  /**
   * The number of columns j < b of the logits z (K x b, row-major, leading dimension b) whose argmax
   * (lowest index on ties) differs from y[j]; a column whose largest logit is NaN counts as wrong.
   */
  public static int misclassified(double[] z, int k, int b, int[] y) {
    int wrong = 0;
    for (int j = 0; j < b; j++) {
      int best = 0;
      double bestV = z[j];
      for (int r = 1; r < k; r++) {
        double v = z[r * b + j];
        if (v > bestV) {
          bestV = v;
          best = r;
        }
      }
      if (best != y[j] || Double.isNaN(bestV)) {
        wrong++;
      }
    }
    return wrong;
  }
}
