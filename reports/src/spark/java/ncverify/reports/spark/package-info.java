/**
 * The Spark engine of {@code ncv campaign --engine spark} (built only with {@code mvn -Pspark}): the
 * campaign's serializable {@link ncverify.reports.campaign.CampaignTask}s become a Spark RDD, executors
 * run the same study code and return {@link ncverify.reports.campaign.TryRecord}s, and the driver merges
 * them in task order into the same ledger as the local engine. Found through {@link
 * java.util.ServiceLoader} ({@link ncverify.reports.spark.SparkEngineProvider}) so Spark stays off the
 * default class path.
 */
package ncverify.reports.spark;
