/** The project's own property-based testing engine and the properties that check the claims. */
package ncverify.properties;
