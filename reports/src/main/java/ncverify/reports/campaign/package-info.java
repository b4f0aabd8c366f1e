/**
 * {@code ncv campaign}: runs every registered {@link ncverify.properties.study.Study} over generated
 * cases and writes the claims ledger. The unit of work is a pure, serializable {@link
 * ncverify.reports.campaign.CampaignTask} (study id, seed block, settings) mapped to per-try {@link
 * ncverify.reports.campaign.TryRecord}s; {@link ncverify.reports.campaign.LocalEngine} runs tasks on a
 * thread pool (a distributed engine can run the same tasks), the driver merges them in try order into
 * a {@link ncverify.reports.campaign.Ledger}, shrinks violated claims once, and {@link
 * ncverify.reports.campaign.RunFolder} writes ledger.json, ledger.md, the figures and index.html.
 */
package ncverify.reports.campaign;
