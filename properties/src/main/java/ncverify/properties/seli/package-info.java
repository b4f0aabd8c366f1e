/**
 * [SELI] study (docs/theory.md section 2): the cross-entropy unconstrained-features model trained along a
 * decreasing ridge path with warm starts and a stationarity certificate, measured against the SELI
 * geometry (classifier, feature, class-mean Grams and logits) and, for balanced classes, the simplex ETF.
 */
package ncverify.properties.seli;
