package io.mouthpiece.engine.face;

/**
 * How the face tracker works: each field's default is named, and {@link FaceTracker} calls
 * {@link #checkValidity()} before it starts.
 *
 * @param detectIntervalUs how often the detector looks for new faces while faces are tracked
 * @param maxFaces the most faces followed at once
 * @param minFacePixels a face narrower than this (landmark bounds, frame pixels) is ignored
 * @param threads TFLite threads per model
 */
public record FaceTrackerConfig(long detectIntervalUs, int maxFaces, int minFacePixels, int threads) {
  public static final long DEFAULT_DETECT_INTERVAL_US = 400_000;
  public static final int DEFAULT_MAX_FACES = 8;
  public static final int DEFAULT_MIN_FACE_PIXELS = 24;
  public static final int DEFAULT_THREADS = 1;

  /** Every field at its default. */
  public static final FaceTrackerConfig DEFAULT = new FaceTrackerConfig(DEFAULT_DETECT_INTERVAL_US, DEFAULT_MAX_FACES,
      DEFAULT_MIN_FACE_PIXELS, DEFAULT_THREADS);

  /** Throws with the field and the rule when a value is out of range. */
  public void checkValidity() {
    if (detectIntervalUs <= 0) {
      throw new IllegalArgumentException("detectIntervalUs: must be positive, got " + detectIntervalUs);
    }
    if (maxFaces < 1 || maxFaces > 64) {
      throw new IllegalArgumentException("maxFaces: must be 1 to 64, got " + maxFaces);
    }
    if (minFacePixels < 8) {
      throw new IllegalArgumentException("minFacePixels: must be at least 8, got " + minFacePixels);
    }
    if (threads < 1 || threads > 16) {
      throw new IllegalArgumentException("threads: must be 1 to 16, got " + threads);
    }
  }
}
