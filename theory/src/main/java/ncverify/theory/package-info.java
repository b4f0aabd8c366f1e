/**
 * The theory of neural collapse as code: metrics (NC1-NC4, balancedness, conditioning), closed-form
 * geometries (simplex ETF, SELI, deep-linear UFM optimum, deep UFM solutions) and the claims of the
 * four papers as assumption/conclusion pairs. No training code lives here.
 */
package ncverify.theory;
