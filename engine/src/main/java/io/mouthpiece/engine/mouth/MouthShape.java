package io.mouthpiece.engine.mouth;

import io.mouthpiece.engine.face.FaceLandmarks;

/**
 * A mouth's shape in the face's own frame: the lip contours and the jaw line, with the head's
 * position, size and roll taken out. In: one frame's landmarks. Out: points in units of the
 * inter-ocular distance, origin between the outer eye corners, x along the eye line, y down.
 * Two frames of the same face with the same mouth give (nearly) the same vector wherever the head
 * is in the picture.
 *
 * @param points x, y pairs for {@link #INDICES}, in the face frame
 */
public record MouthShape(float[] points) {
  /** Outer lips, inner lips, then the jaw from the right angle round the chin to the left. */
  public static final int[] INDICES = FaceLandmarks.join(FaceLandmarks.LIPS_OUTER, FaceLandmarks.LIPS_INNER,
      FaceLandmarks.JAW_LINE);

  /** The shape of the mouth in these landmarks. */
  public static MouthShape of(FaceLandmarks l) {
    FaceFrame frame = FaceFrame.of(l);
    float[] p = new float[INDICES.length * 2];
    for (int i = 0; i < INDICES.length; i++) {
      double[] xy = frame.toFace(l.x(INDICES[i]), l.y(INDICES[i]));
      p[2 * i] = (float) xy[0];
      p[2 * i + 1] = (float) xy[1];
    }
    return new MouthShape(p);
  }

  /**
   * How open the mouth is (the measure of engine.md): the mean inner-lip gap at the centre and
   * both sides ({@link FaceLandmarks#LIP_GAP_PAIRS}) divided by the mouth's width (corner to
   * corner). About 0 when closed, 0.3-0.6 wide open.
   */
  public static double aperture(FaceLandmarks l) {
    double gap = 0;
    for (int[] pair : FaceLandmarks.LIP_GAP_PAIRS) {
      gap += dist(l, pair[0], pair[1]);
    }
    gap /= FaceLandmarks.LIP_GAP_PAIRS.length;
    double width = dist(l, FaceLandmarks.MOUTH_RIGHT, FaceLandmarks.MOUTH_LEFT);
    return width <= 0 ? 0 : gap / width;
  }

  /** Mouth width (corner to corner) over the inter-ocular distance. */
  public static double width(FaceLandmarks l) {
    double eyes = l.interocular();
    return eyes <= 0 ? 0 : dist(l, FaceLandmarks.MOUTH_RIGHT, FaceLandmarks.MOUTH_LEFT) / eyes;
  }

  /** Distance between two mesh points of this shape, in inter-ocular units. */
  double dist(int meshA, int meshB) {
    int a = slot(meshA);
    int b = slot(meshB);
    return Math.hypot(points[2 * a] - points[2 * b], points[2 * a + 1] - points[2 * b + 1]);
  }

  /** The y (downwards, inter-ocular units from the eye line) of a mesh point of this shape. */
  double y(int mesh) {
    return points[2 * slot(mesh) + 1];
  }

  private static int slot(int mesh) {
    for (int i = 0; i < INDICES.length; i++) {
      if (INDICES[i] == mesh) {
        return i;
      }
    }
    throw new IllegalArgumentException("mesh point " + mesh + " is not part of a mouth shape");
  }

  /** Euclidean distance to another shape of the same layout. */
  public double distance(MouthShape other) {
    double sum = 0;
    for (int i = 0; i < points.length; i++) {
      double d = points[i] - other.points[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  private static double dist(FaceLandmarks l, int a, int b) {
    return Math.hypot(l.x(a) - l.x(b), l.y(a) - l.y(b));
  }
}
