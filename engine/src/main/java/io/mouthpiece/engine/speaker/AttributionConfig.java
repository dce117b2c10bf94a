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
 * @param nullShifts the most looped shifts of the sound a face's turns are tested against
 * @param minNullShifts the fewest: a sound too short to hold this many copies {@code shiftSpacingSec}
 *     apart cannot say anyone speaks (the bar is a rank test at p = 1 / (minNullShifts + 1) or better)
 * @param minShiftSec the smallest shift: further than the sound's own timing reaches
 * @param shiftSpacingSec the least spacing between two shifts: nearer, two copies are one copy
 * @param nullShare the share of the shifted copies a face's turn must follow the voice better than
 * @param minNullZ how far above the shifted copies' mean r, in their standard deviations, a face's turns must be
 * @param cue what of the sound a mouth is correlated with
 */
public record AttributionConfig(double windowSec, int lagFromMs, int lagToMs, int lagStepMs, double minTurnSec,
    int nullShifts, int minNullShifts, double minShiftSec, double shiftSpacingSec, double nullShare, double minNullZ,
    Cue cue) {
  /** What of the sound a face's mouth is correlated with. */
  public enum Cue {
    /** The speech envelope, eval's measure: how loud the voice is. */
    ENVELOPE,
    /**
     * The aperture, width and jaw the generic motion model predicts from the sound (which sounds
     * open the mouth, spread or round the lips, drop the jaw), each against the face's own.
     */
    PREDICTED_MOUTH
  }

  /** Every field at its default. */
  public static final AttributionConfig DEFAULT = new AttributionConfig(3.0, -40, 240, 20, 1.0, 39, 19, 1.0, 0.1,
      1.0, 2.25, Cue.PREDICTED_MOUTH);

  /** Throws with the field and the rule when a value is out of range. */
  public void checkValidity() {
    if (cue == null) {
      throw new IllegalArgumentException("cue: must be given");
    }
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
    if (minNullShifts < 1 || nullShifts < minNullShifts || !(minShiftSec > 0) || !(shiftSpacingSec > 0)) {
      throw new IllegalArgumentException("null: need 1 <= minNullShifts <= nullShifts and shifts of more than 0 s, got "
          + minNullShifts + ".." + nullShifts + " from " + minShiftSec + " s, " + shiftSpacingSec + " s apart");
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

  public AttributionConfig withNullShifts(int most, int fewest) {
    return new AttributionConfig(windowSec, lagFromMs, lagToMs, lagStepMs, minTurnSec, most,
        fewest, minShiftSec, shiftSpacingSec, nullShare, minNullZ, cue);
  }

  public AttributionConfig withShiftSpacingSec(double spacing) {
    return new AttributionConfig(windowSec, lagFromMs, lagToMs, lagStepMs, minTurnSec, nullShifts,
        minNullShifts, minShiftSec, spacing, nullShare, minNullZ, cue);
  }

  public AttributionConfig withMinNullZ(double z) {
    return new AttributionConfig(windowSec, lagFromMs, lagToMs, lagStepMs, minTurnSec, nullShifts,
        minNullShifts, minShiftSec, shiftSpacingSec, nullShare, z, cue);
  }

  public AttributionConfig withCue(Cue c) {
    return new AttributionConfig(windowSec, lagFromMs, lagToMs, lagStepMs, minTurnSec, nullShifts,
        minNullShifts, minShiftSec, shiftSpacingSec, nullShare, minNullZ, c);
  }
}
