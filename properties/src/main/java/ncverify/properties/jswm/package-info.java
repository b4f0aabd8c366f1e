/**
 * [JSWM] studies (docs/theory.md section 5): {@link ncverify.properties.jswm.JswmMlpStudy} trains MLPs with a
 * nonlinear backbone and a linear head under weight decay and judges the [JSWM] claims that apply to a
 * trained network; {@link ncverify.properties.jswm.JswmConstructedHeadsStudy} judges the exact-case and the assembled
 * claims on constructed heads (exactly balanced through A = Y Z^+, perturbed, or unbalanced in ker W_L);
 * {@link ncverify.properties.jswm.JswmBalancednessDynamicsStudy} checks the Thm 4.4
 * balancedness identity at every GD step (MLP, CNN and ResNet backbones); {@link ncverify.properties.jswm.WidthSweep} fixes the cases of
 * the GD-side observation (low error and balance after training, by width), which is reported, never
 * judged as a claim.
 */
package ncverify.properties.jswm;
