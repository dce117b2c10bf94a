package io.mouthpiece.engine.face;

/**
 * The 468 points of MediaPipe's face mesh in frame pixels (z in the same pixel scale, relative
 * to the face's centre, smaller is nearer the camera).
 *
 * @param xyz 468 × (x, y, z), point i at {@code 3i}
 */
public record FaceLandmarks(float[] xyz) {
  public static final int COUNT = 468;

  // The mesh's named points and contours, spelled out here once: every stage that reads a lip, the
  // jaw or an eye corner uses these. Right and left are the face's own, as in MediaPipe's names
  // (the face's right is on the picture's left).

  public static final int RIGHT_EYE_OUTER = 33;
  public static final int LEFT_EYE_OUTER = 263;
  /** The tip of the nose. */
  public static final int NOSE_TIP = 1;
  /** The top of the forehead, on the face's mid-line. */
  public static final int FOREHEAD = 10;
  /** The lowest point of the chin, on the face's mid-line. */
  public static final int CHIN_TIP = 152;
  /** The mouth's corners, where the outer lip contours meet. */
  public static final int MOUTH_RIGHT = 61;
  public static final int MOUTH_LEFT = 291;
  /** The corners of the inner lip contours (the lips' opening). */
  public static final int INNER_MOUTH_RIGHT = 78;
  public static final int INNER_MOUTH_LEFT = 308;
  /** The upper lip's lower edge and the lower lip's upper edge on the mid-line: the mouth's centre. */
  public static final int UPPER_LIP_INNER_MIDDLE = 13;
  public static final int LOWER_LIP_INNER_MIDDLE = 14;

  /** Outer edge of the upper lip, from the right mouth corner (61) to the left (291). */
  public static final int[] UPPER_LIP_OUTER = {61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291};
  /** Outer edge of the lower lip, the same way. */
  public static final int[] LOWER_LIP_OUTER = {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291};
  /** Inner edge of the upper lip, from the right inner corner (78) to the left (308). */
  public static final int[] UPPER_LIP_INNER = {78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308};
  /** Inner edge of the lower lip, the same way. */
  public static final int[] LOWER_LIP_INNER = {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308};
  /** Outer lip contour, closed loop, from the right mouth corner (61) round the lower lip. */
  public static final int[] LIPS_OUTER = loop(LOWER_LIP_OUTER, UPPER_LIP_OUTER);
  /** Inner lip contour, closed loop, from the right inner corner (78) round the lower lip. */
  public static final int[] LIPS_INNER = loop(LOWER_LIP_INNER, UPPER_LIP_INNER);
  /**
   * Points of the inner lip contours facing each other across the opening (upper, lower): on the
   * mid-line and half-way to either corner. Their distances are how open a mouth is.
   */
  public static final int[][] LIP_GAP_PAIRS = {{13, 14}, {82, 87}, {312, 317}};
  /** The jaw line under the mouth, from the right jaw angle (172) round the chin to the left (397). */
  public static final int[] JAW_LINE = {172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397};
  /** The chin: the middle of the jaw line, its tip (152) and two points either side. */
  public static final int[] CHIN = {176, 148, 152, 377, 400};

  /** Index sets one after the other, as one list of points. */
  public static int[] join(int[]... sets) {
    int n = 0;
    for (int[] s : sets) {
      n += s.length;
    }
    int[] all = new int[n];
    int at = 0;
    for (int[] s : sets) {
      System.arraycopy(s, 0, all, at, s.length);
      at += s.length;
    }
    return all;
  }

  /** A closed contour from two halves that share their ends: {@code lower}, then {@code upper} back. */
  private static int[] loop(int[] lower, int[] upper) {
    int[] all = new int[lower.length + upper.length - 2];
    System.arraycopy(lower, 0, all, 0, lower.length);
    for (int i = upper.length - 2, at = lower.length; i >= 1; i--) {
      all[at++] = upper[i];
    }
    return all;
  }

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
        x(RIGHT_EYE_OUTER), y(RIGHT_EYE_OUTER), x(LEFT_EYE_OUTER), y(LEFT_EYE_OUTER), FaceRoi.MESH_SCALE);
  }
}
