/**
 * The {@code ncv} command line ({@link ncverify.reports.cli.Ncv}): one picocli command per subcommand
 * (campaign, train, metrics, check, geometry, claims, bench). Every user-facing failure is one line on
 * stderr with exit code 2, never a stack trace.
 */
package ncverify.reports.cli;
