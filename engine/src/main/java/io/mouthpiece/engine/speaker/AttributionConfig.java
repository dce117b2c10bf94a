package io.mouthpiece.engine.speaker;

/**
 * How speech is attributed to faces; {@link SpeakerAttribution} calls {@link #checkValidity()}.
 * Why each default is what it is: {@link SpeakerAttribution}.
 *
 * @param windowSec the sliding window a mouth is correlated with the voice over, to say which face
 *     follows the voice best at each frame
 * @param lagFromMs the earliest lag looked at (positive: the mouth leads the sound)
 * @param lagToMs the latest lag looked at
 * @param lagStepMs the step between lags
 * @param minTurnSec a turn shorter than this inside a stretch of speech is given to its longer neighbour
 * @param nullShifts how many looped shifts of the sound a face's turn is tested against
 * @param minShiftSec the smallest shift: further than the sound's own timing reaches
 * @param nullShare the share of the shifted copies a face's turn must follow the voice better than
 */
public record AttributionConfig(double windowSec, int lagFromMs, int lagToMs, int lagStepMs, double minTurnSec,
    int nullShifts, double minShiftSec, double nullShare) {
  /** Every field at its default. */
  public static final AttributionConfig DEFAULT = new AttributionConfig(3.0, -40, 240, 20, 1.0, 19, 1.0, 1.0);

  /** Throws with the field and the rule when a value is out of range. */
  public void checkValidity() {
    if (!(windowSec >= 0.5 && windowSec <= 30)) {
      throw new IllegalArgumentException("windowSec: must be 0.5 to 30, got " + windowSec);
    }
    if (lagStepMs <= 0 || lagFromMs > lagToMs) {
      throw new IllegalArgumentException("lags: need lagFromMs <= lagToMs and a positive step, got " + lagFromMs + ".."
          + lagToMs + " by " + lagStepMs);
    }
    if (!(minTurnSec >= 0)) {
      throw new IllegalArgumentException("minTurnSec: must be 0 or more, got " + minTurnSec);
    }
    if (!(nullShare > 0 && nullShare <= 1)) {
      throw new IllegalArgumentException("nullShare: must be more than 0 and at most 1, got " + nullShare);
    }
    if (nullShifts < 1 || !(minShiftSec > 0)) {
      throw new IllegalArgumentException("null: need at least one shift of more than 0 s, got " + nullShifts + " from "
          + minShiftSec + " s");
    }
  }

  /** The lags looked at, in ms. */
  public int[] lagsMs() {
    int[] lags = new int[(lagToMs - lagFromMs) / lagStepMs + 1];
    for (int i = 0; i < lags.length; i++) {
      lags[i] = lagFromMs + i * lagStepMs;
    }
    return lags;
  }

  public AttributionConfig withWindowSec(double w) {
    return new AttributionConfig(w, lagFromMs, lagToMs, lagStepMs, minTurnSec, nullShifts, minShiftSec, nullShare);
  }

  public AttributionConfig withNullShifts(int n) {
    return new AttributionConfig(windowSec, lagFromMs, lagToMs, lagStepMs, minTurnSec, n, minShiftSec, nullShare);
  }

  public AttributionConfig withNullShare(double share) {
    return new AttributionConfig(windowSec, lagFromMs, lagToMs, lagStepMs, minTurnSec, nullShifts, minShiftSec, share);
  }
}
