/** The registry of every claim ncverify encodes ({@link ncverify.theory.claims.registry.ClaimRegistry}). */
package ncverify.theory.claims.registry;
