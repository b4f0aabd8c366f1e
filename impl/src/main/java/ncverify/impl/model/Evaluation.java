package ncverify.impl.model;

/**
 * A full-data evaluation of a model: data term, regularizer sum_P (lambda_P/2)||P||^2, their sum
 * (the objective exactly as docs/theory.md writes it for the model) and the train error (fraction of
 * samples whose argmax logit, lowest index on ties, differs from the label).
 */
public record Evaluation(double dataLoss, double regularization, double objective, double trainError) {
}
