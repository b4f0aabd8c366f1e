package ncverify.properties.study;

import java.util.ArrayList;
import java.util.List;

/** Every study of the suite, in ledger order; {@code ncv campaign} runs them all. */
public final class StudyRegistry {

  private StudyRegistry() {
  }

  /** All registered studies. Each paper's package adds its studies here. */
  public static List<Study<?>> all() {
    List<Study<?>> studies = new ArrayList<>();
    studies.add(new ncverify.properties.jswm.JswmMlpStudy());
    studies.add(new ncverify.properties.jswm.JswmBalancednessDynamicsStudy());
    studies.add(new ncverify.properties.jswm.JswmConstructedHeadsStudy());
    studies.add(new ncverify.properties.seli.SeliStudy());
    studies.add(new ncverify.properties.seli.SeliBalancedStudy());
    studies.add(new ncverify.properties.dln.DlnStudy());
    studies.add(ncverify.properties.dufm.DufmStudy.defaults());
    studies.add(new ncverify.properties.dufm.DufmRegimeStudy());
    studies.add(new ncverify.properties.dufm.DufmBinaryStudy());
    return studies;
  }
}
