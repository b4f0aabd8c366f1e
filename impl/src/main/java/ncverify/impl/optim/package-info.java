/**
 * First-order optimizers with weight decay applied as in docs/theory.md section 5
 * (W <- (1 - eta lambda) W - eta G, the gradient of (lambda/2)||W||^2) and learning-rate schedules.
 */
package ncverify.impl.optim;
