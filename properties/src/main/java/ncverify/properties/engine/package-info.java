/**
 * The project's own property-based testing engine, modeled on Hypothesis's "Conjecture": every
 * generator ({@link ncverify.properties.engine.Gen}, {@link ncverify.properties.engine.Matrices})
 * draws typed choices (integers, double magnitudes encoded by
 * {@link ncverify.properties.engine.DoubleEncoding}) from one recorded choice sequence
 * ({@link ncverify.properties.engine.ChoiceSource}), so any value, however composite, shrinks by
 * editing that sequence and replays exactly from it. {@link ncverify.properties.engine.PropertyRunner}
 * runs pinned examples, then the failures saved in the failure database
 * ({@link ncverify.properties.engine.ExampleDatabase}), then the tries of the
 * {@link ncverify.properties.engine.GenerationSchedule} (shared with {@code ncv campaign}) with health
 * checks, then one targeted hill-climb per target label, checks coverage with Wilson bounds, and
 * shrinks a counterexample on its failure identity ({@link ncverify.properties.engine.FailureKey}). It
 * does not depend on JUnit; the adapter lives in {@code ncverify.properties.engine.junit}. See
 * docs/decisions/0001-own-property-engine-not-jqwik.md.
 */
package ncverify.properties.engine;
