package io.mouthpiece.engine.render;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.List;

/**
 * Weights of exemplar selection: each field's default is named, and {@link ExemplarSelector} calls
 * {@link #checkValidity()} when it is made.
 *
 * @param candidates how many best-matching exemplars per frame the Viterbi search considers
 * @param paramWeights weight of each {@code MouthParams} difference (in library standard deviations),
 *     in {@code MouthParams} order; an unmodifiable copy
 * @param poseScaleRad a pose difference this large costs as much as one standard deviation of shape
 * @param holdCost cost of showing the same exemplar twice running
 * @param jumpCost cost of moving to an exemplar that is not the next source frame
 * @param closedQuantile a wanted aperture at or below this quantile of the library's is a closed mouth
 */
public record SelectionConfig(int candidates, List<Double> paramWeights, double poseScaleRad, double holdCost,
    double jumpCost, double closedQuantile) {
  public static final int DEFAULT_CANDIDATES = 24;
  /** Aperture, width, jaw: the order of {@code MouthParams}. */
  public static final List<Double> DEFAULT_PARAM_WEIGHTS = List.of(1.0, 0.4, 0.4);
  public static final double DEFAULT_POSE_SCALE_RAD = 0.15;
  public static final double DEFAULT_HOLD_COST = 0.2;
  public static final double DEFAULT_JUMP_COST = 0.6;
  public static final double DEFAULT_CLOSED_QUANTILE = 0.06;

  /** Every field at its default. */
  public static final SelectionConfig DEFAULT = new SelectionConfig(DEFAULT_CANDIDATES, DEFAULT_PARAM_WEIGHTS,
      DEFAULT_POSE_SCALE_RAD, DEFAULT_HOLD_COST, DEFAULT_JUMP_COST, DEFAULT_CLOSED_QUANTILE);

  public SelectionConfig {
    // A copy, so the caller's list can change without changing the selection.
    paramWeights = List.copyOf(paramWeights);
  }

  /** Throws with the field and the rule when a value is out of range. */
  public void checkValidity() {
    if (candidates < 1 || candidates > 256) {
      throw new IllegalArgumentException("candidates: must be 1 to 256, got " + candidates);
    }
    if (paramWeights.size() != MouthParams.COUNT) {
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
