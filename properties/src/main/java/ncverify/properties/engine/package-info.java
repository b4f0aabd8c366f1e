/**
 * The project's own small property-based testing engine, modeled on Hypothesis's "Conjecture": every
 * generator ({@link ncverify.properties.engine.Gen}) draws from one recorded choice sequence
 * ({@link ncverify.properties.engine.ChoiceSource}), so any value, however composite, shrinks by
 * editing that sequence and replays exactly from it; {@link ncverify.properties.engine.PropertyRunner}
 * runs edge cases first, then seeded random tries (in parallel when thread-safe, deterministically),
 * then an optional targeted hill-climb, checks coverage and discards, and shrinks counterexamples.
 * It does not depend on JUnit; the adapter lives in {@code ncverify.properties.engine.junit}. See
 * docs/decisions/0001-own-property-engine-not-jqwik.md.
 */
package ncverify.properties.engine;
