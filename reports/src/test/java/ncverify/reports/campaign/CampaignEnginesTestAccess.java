package ncverify.reports.campaign;

/** Test helper: whether the Spark engine's dependencies are on the test class path. */
public final class CampaignEnginesTestAccess {

  private CampaignEnginesTestAccess() {
  }

  public static boolean sparkBuilt() {
    return CampaignEnginesTest.sparkBuilt();
  }
}
