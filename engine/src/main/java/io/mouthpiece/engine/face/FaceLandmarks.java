package io.mouthpiece.engine.face;

/**
 * The 468 points of MediaPipe's face mesh in frame pixels (z in the same pixel scale, relative
 * to the face's centre, smaller is nearer the camera).
 *
 * @param xyz 468 × (x, y, z), point i at {@code 3i}
 */
public record FaceLandmarks(float[] xyz) {
  public static final int COUNT = 468;
  /** Outer lip contour, closed loop, from the left mouth corner (61) round the lower lip. */
  public static final int[] LIPS_OUTER = {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185};
  /** Inner lip contour, closed loop, from the left inner corner (78). */
  public static final int[] LIPS_INNER = {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191};
  public static final int RIGHT_EYE_OUTER = 33;
  public static final int LEFT_EYE_OUTER = 263;

  public float x(int i) {
    return xyz[3 * i];
  }

  public float y(int i) {
    return xyz[3 * i + 1];
  }

  public float z(int i) {
    return xyz[3 * i + 2];
  }

  /** Axis-aligned bounds {xMin, yMin, xMax, yMax} in frame pixels. */
  public double[] bounds() {
    double x0 = Double.MAX_VALUE;
    double y0 = Double.MAX_VALUE;
    double x1 = -Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (int i = 0; i < COUNT; i++) {
      x0 = Math.min(x0, x(i));
      y0 = Math.min(y0, y(i));
      x1 = Math.max(x1, x(i));
      y1 = Math.max(y1, y(i));
    }
    return new double[] {x0, y0, x1, y1};
  }

  /** Distance between the outer eye corners, the face's own unit of length. */
  public double interocular() {
    return Math.hypot(x(LEFT_EYE_OUTER) - x(RIGHT_EYE_OUTER), y(LEFT_EYE_OUTER) - y(RIGHT_EYE_OUTER));
  }

  /** Where to look for this face in the next frame (MediaPipe's landmarks-to-ROI step). */
  public FaceRoi nextRoi() {
    double[] b = bounds();
    return FaceRoi.around((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, b[2] - b[0], b[3] - b[1],
        x(RIGHT_EYE_OUTER), y(RIGHT_EYE_OUTER), x(LEFT_EYE_OUTER), y(LEFT_EYE_OUTER), 1.5);
  }
}
