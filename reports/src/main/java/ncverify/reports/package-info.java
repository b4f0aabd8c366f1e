/** The {@code ncv} command line, the claims ledger and its plots. */
package ncverify.reports;
