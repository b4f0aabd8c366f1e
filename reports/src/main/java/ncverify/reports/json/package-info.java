/**
 * JSON output of {@code ncv} ({@link ncverify.reports.json.Json}): keys in insertion order, non-finite
 * numbers as strings, files written atomically.
 */
package ncverify.reports.json;
