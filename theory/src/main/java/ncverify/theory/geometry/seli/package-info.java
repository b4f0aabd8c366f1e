/**
 * The [SELI] cross-entropy UFM at a finite ridge lambda (docs/theory.md section 2; derivations in
 * docs/derivations/seli.md): its global optimum as the certified optimum of the convex problem
 * min_X CE(X) + lambda ||X||_* reduced to K x K class logits ({@link
 * ncverify.theory.geometry.seli.NuclearNormCeOptimum}), the closed-form second-order expansion of the
 * ridge path that gives the ~1/log(1/lambda) rate with its constant ({@link
 * ncverify.theory.geometry.seli.SeliSecondOrder}), and the objects [SELI] states the limit of
 * (classifier Gram, logits, feature and class-mean Grams, spectrum) for a class-logit matrix
 * ({@link ncverify.theory.geometry.seli.ClassLogitGeometry}).
 */
package ncverify.theory.geometry.seli;
