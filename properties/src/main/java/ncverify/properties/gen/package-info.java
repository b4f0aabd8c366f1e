/**
 * Shared generators of the property suite and {@code ncv campaign}: class counts and imbalance
 * profiles ({@link ncverify.properties.gen.ClassSizeGens}), network shapes
 * ({@link ncverify.properties.gen.ArchitectureGens}) and training hyperparameters
 * ({@link ncverify.properties.gen.HyperparameterGens}), all built on the engine's
 * {@link ncverify.properties.engine.Gen} so that they shrink toward small, simple networks.
 */
package ncverify.properties.gen;
