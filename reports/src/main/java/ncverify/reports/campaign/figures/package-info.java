/**
 * Figures and the HTML page of a campaign run folder. Each figure is a small class that computes its
 * data (training small models or evaluating closed forms, seeded) and draws it with XChart into PNG and
 * SVG; {@link ncverify.reports.campaign.figures.CampaignReport} writes them with index.html.
 */
package ncverify.reports.campaign.figures;
