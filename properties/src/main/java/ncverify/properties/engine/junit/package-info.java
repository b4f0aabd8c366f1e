/**
 * The JUnit 5 adapter of the property engine: the {@link ncverify.properties.engine.junit.Property}
 * annotation (a Jupiter {@code @Test}) and {@link ncverify.properties.engine.junit.ForAll} parameters,
 * the {@link ncverify.properties.engine.junit.PropertyExtension} that runs them through
 * {@link ncverify.properties.engine.PropertyRunner}, and the
 * {@link ncverify.properties.engine.junit.PropertyGuard} counter behind the "zero properties ran"
 * build guard.
 */
package ncverify.properties.engine.junit;
