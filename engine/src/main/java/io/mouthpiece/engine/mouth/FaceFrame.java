package io.mouthpiece.engine.mouth;

import io.mouthpiece.engine.face.FaceLandmarks;

/**
 * The similarity transform between frame pixels and a face's own frame: origin midway between the
 * outer eye corners (mesh 33 and 263), x along the eye line, unit the inter-ocular distance. The
 * eyes do not move when the mouth does, so the mouth's motion is all that is left in this frame.
 */
public record FaceFrame(double originX, double originY, double cos, double sin, double unitPx) {
  /** The frame of the face in these landmarks. */
  public static FaceFrame of(FaceLandmarks l) {
    double x0 = l.x(FaceLandmarks.RIGHT_EYE_OUTER);
    double y0 = l.y(FaceLandmarks.RIGHT_EYE_OUTER);
    double x1 = l.x(FaceLandmarks.LEFT_EYE_OUTER);
    double y1 = l.y(FaceLandmarks.LEFT_EYE_OUTER);
    double unit = Math.max(1e-6, Math.hypot(x1 - x0, y1 - y0));
    return new FaceFrame((x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / unit, (y1 - y0) / unit, unit);
  }

  /** Frame pixels to face units. */
  public double[] toFace(double x, double y) {
    double dx = x - originX;
    double dy = y - originY;
    return new double[] {(dx * cos + dy * sin) / unitPx, (-dx * sin + dy * cos) / unitPx};
  }

  /** Face units to frame pixels. */
  public double[] toFrame(double u, double v) {
    return new double[] {originX + (u * cos - v * sin) * unitPx, originY + (u * sin + v * cos) * unitPx};
  }
}
