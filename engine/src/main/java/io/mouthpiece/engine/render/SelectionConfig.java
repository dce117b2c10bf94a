package io.mouthpiece.engine.render;

/**
 * Weights of exemplar selection, with defaults, checked in one place.
 *
 * @param candidates how many best-matching exemplars per frame the Viterbi search considers
 * @param paramWeights weight of each {@code MouthParams} difference (in library standard deviations)
 * @param poseScaleRad a pose difference this large costs as much as one standard deviation of shape
 * @param holdCost cost of showing the same exemplar twice running
 * @param jumpCost cost of moving to an exemplar that is not the next source frame
 * @param closedQuantile a wanted aperture at or below this quantile of the library's is a closed mouth
 */
public record SelectionConfig(int candidates, double[] paramWeights, double poseScaleRad, double holdCost, double jumpCost,
    double closedQuantile) {
  public static final SelectionConfig DEFAULT = new SelectionConfig(24, new double[] {1.0, 0.4, 0.4}, 0.15, 0.2, 0.6, 0.06);

  /** Throws with the field and the rule when a value is out of range. */
  public SelectionConfig {
    if (candidates < 1 || candidates > 256) {
      throw new IllegalArgumentException("candidates: must be 1 to 256, got " + candidates);
    }
    if (paramWeights.length != io.mouthpiece.engine.mouth.MouthParams.COUNT) {
      throw new IllegalArgumentException("paramWeights: needs one weight per mouth parameter");
    }
    if (!(closedQuantile >= 0 && closedQuantile <= 0.5)) {
      throw new IllegalArgumentException("closedQuantile: must be 0 to 0.5, got " + closedQuantile);
    }
    if (!(poseScaleRad > 0) || holdCost < 0 || jumpCost < 0) {
      throw new IllegalArgumentException("poseScaleRad must be positive, holdCost and jumpCost not negative");
    }
  }
}
