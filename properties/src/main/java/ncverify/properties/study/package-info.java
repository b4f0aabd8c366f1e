/**
 * Studies: the unit shared by the property suite and {@code ncv campaign}. A {@link
 * ncverify.properties.study.Study} generates cases (data, architecture, imbalance, hyperparameters),
 * trains and measures on each, and returns the verdict of every claim it judges. The property suite
 * runs a study through the engine and fails on any VIOLATED verdict or too little coverage; the
 * campaign runs the same study over more tries and writes the ledger.
 */
package ncverify.properties.study;
