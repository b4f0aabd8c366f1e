package ncverify.reports.cli;

import java.util.List;
import ncverify.properties.engine.Gen;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.reports.campaign.FakeStudies;

/** Runs {@code ncv campaign} on a slow fake study, to be killed by {@link CampaignInterruptTest}. */
public final class InterruptedCampaignMain {

  private InterruptedCampaignMain() {
  }

  public static void main(String[] args) {
    Study<FakeStudies.Case> fast = FakeStudies.threshold();
    Study<FakeStudies.Case> slow = new Study<>() {
      @Override
      public String id() {
        return "fake.slow";
      }

      @Override
      public String description() {
        return "fake.threshold, 100 ms per try";
      }

      @Override
      public List<String> claimIds() {
        return fast.claimIds();
      }

      @Override
      public Gen<FakeStudies.Case> cases() {
        return fast.cases();
      }

      @Override
      public StudyOutcome run(FakeStudies.Case c, long seed) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return fast.run(c, seed);
      }
    };
    CampaignCommand.studies = () -> List.of(slow);
    Ncv.main(args);
  }
}
