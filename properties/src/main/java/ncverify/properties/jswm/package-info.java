/**
 * [JSWM] studies (docs/theory.md section 5): {@link ncverify.properties.jswm.JswmMlpStudy} trains MLPs with a
 * nonlinear backbone and a linear head under weight decay and judges every [JSWM] claim on the trained
 * network; {@link ncverify.properties.jswm.JswmBalancednessDynamicsStudy} checks the Thm 4.4
 * balancedness identity at every GD step; {@link ncverify.properties.jswm.WidthSweep} fixes the cases of
 * the GD-side observation (low error and balance after training, by width), which is reported, never
 * judged as a claim.
 */
package ncverify.properties.jswm;
