/**
 * [DLN] study (docs/theory.md section 3): the bias-free deep linear MSE unconstrained-features model with
 * imbalanced classes, trained by GD from several random inits and compared with the closed-form global
 * optimum: loss never below it, Grams and minority collapse as it says at the best restart.
 */
package ncverify.properties.dln;
