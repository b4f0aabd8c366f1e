package ncverify.reports.campaign;

/**
 * A {@link CampaignEngine} could not finish the run (a cluster that removed the application, lost every
 * executor, or whose master stopped): the records it already delivered through {@code onDone} are the
 * finished tries, the rest never ran. The message is one line naming the cause, for the user;
 * {@code ncv campaign} writes the finished tries as an incomplete ledger and exits with code 2.
 */
public class EngineFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EngineFailedException(String message) {
    super(message);
  }

  public EngineFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
