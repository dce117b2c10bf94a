package io.mouthpiece.engine.face;

/**
 * Smooths one face's landmarks over time with a 1€ filter per coordinate. Coordinates are
 * filtered in units of the face's inter-ocular distance, so the same settings suit a face
 * filling the frame and a small one far away.
 */
public final class LandmarkSmoother {
  /** Rest cut-off in Hz and speed coefficient (inter-ocular distances per second). */
  public static final double MIN_CUTOFF_HZ = 1.0;
  public static final double BETA = 8.0;
  private static final double DERIVATIVE_CUTOFF_HZ = 1.0;

  private final OneEuroFilter[] filters = new OneEuroFilter[FaceLandmarks.COUNT * 3];

  public LandmarkSmoother() {
    for (int i = 0; i < filters.length; i++) {
      filters[i] = new OneEuroFilter(MIN_CUTOFF_HZ, BETA, DERIVATIVE_CUTOFF_HZ);
    }
  }

  /** The smoothed landmarks for this frame. */
  public FaceLandmarks smooth(FaceLandmarks raw, long timestampUs) {
    double unit = Math.max(1e-3, raw.interocular());
    float[] out = new float[raw.xyz().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (filters[i].filter(raw.xyz()[i] / unit, timestampUs) * unit);
    }
    return new FaceLandmarks(out);
  }
}
