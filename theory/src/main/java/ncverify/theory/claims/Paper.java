package ncverify.theory.claims;

/** The papers whose statements ncverify encodes, with the citation keys used in docs/theory.md and the ledger. */
public enum Paper {
  /** Jacot, Súkeník, Wang, Mondelli, arXiv 2410.04887 (ICLR 2025). */
  JSWM("[JSWM]", "Jacot, Súkeník, Wang, Mondelli. Wide Neural Networks Trained with Weight Decay Provably"
      + " Exhibit Neural Collapse. arXiv 2410.04887 (ICLR 2025)"),
  /** Thrampoulidis, Kini, Vakilian, Behnia, arXiv 2208.05512 (NeurIPS 2022). */
  SELI("[SELI]", "Thrampoulidis, Kini, Vakilian, Behnia. Imbalance Trouble: Revisiting Neural-Collapse"
      + " Geometry. arXiv 2208.05512 (NeurIPS 2022)"),
  /** Dang, Tran, Osher, Tran-The, Ho, Nguyen, arXiv 2301.00437 (ICML 2023). */
  DLN("[DLN]", "Dang, Tran, Osher, Tran-The, Ho, Nguyen. Neural Collapse in Deep Linear Networks: From"
      + " Balanced to Imbalanced Data. arXiv 2301.00437 (ICML 2023)"),
  /** Súkeník, Mondelli, Lampert, arXiv 2405.14468 (NeurIPS 2024). */
  DUFM("[DUFM]", "Súkeník, Mondelli, Lampert. Neural Collapse versus Low-rank Bias: Is Deep Neural"
      + " Collapse Really Optimal? arXiv 2405.14468 (NeurIPS 2024)"),
  /** Súkeník, Mondelli, Lampert, arXiv 2305.13165 (the predecessor of [DUFM]). */
  DUFM2("[DUFM2]", "Súkeník, Mondelli, Lampert. Deep Neural Collapse Is Provably Optimal for the Deep"
      + " Unconstrained Features Model. arXiv 2305.13165 (NeurIPS 2023)");

  private final String key;
  private final String citation;

  Paper(String key, String citation) {
    this.key = key;
    this.citation = citation;
  }

  /** The bracketed key, e.g. {@code [JSWM]}. */
  public String key() {
    return key;
  }

  /** Authors, title, arXiv number and venue. */
  public String citation() {
    return citation;
  }
}
