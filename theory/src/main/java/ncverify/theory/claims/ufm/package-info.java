/**
 * The [SELI], [DLN], [DUFM] and [DUFM2] claims about unconstrained-features models (docs/theory.md sections
 * 2-4). They are judged on quantities the caller computes (the property suite trains the model and
 * evaluates the closed forms with the geometry classes); these classes only state the claims.
 */
package ncverify.theory.claims.ufm;
