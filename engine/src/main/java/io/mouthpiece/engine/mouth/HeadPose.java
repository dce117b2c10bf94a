package io.mouthpiece.engine.mouth;

import io.mouthpiece.engine.face.FaceLandmarks;

/**
 * Which way a head faces, from the mesh's 3D points, in radians: yaw (turn left/right), pitch
 * (nod), roll (tilt). Good enough to tell a frontal mouth from one seen from the side, which is
 * what exemplar choice needs; not a calibrated head-pose estimate.
 */
public record HeadPose(double yaw, double pitch, double roll) {
  /**
   * Roll's weight in the squared distance (half its angle): the face frame takes roll out of the
   * mouth's shape and the placement rotates the exemplar, so a rolled head matters less.
   */
  private static final double ROLL_WEIGHT = 0.25;

  /** The pose of the head in these landmarks. */
  public static HeadPose of(FaceLandmarks l) {
    int r = FaceLandmarks.RIGHT_EYE_OUTER;
    int e = FaceLandmarks.LEFT_EYE_OUTER;
    double dx = l.x(e) - l.x(r);
    double dy = l.y(e) - l.y(r);
    double across = Math.hypot(dx, dy);
    double yaw = Math.atan2(l.z(e) - l.z(r), across);
    int top = FaceLandmarks.FOREHEAD;
    int chin = FaceLandmarks.CHIN_TIP;
    double down = Math.hypot(l.x(chin) - l.x(top), l.y(chin) - l.y(top));
    double pitch = Math.atan2(l.z(chin) - l.z(top), down);
    return new HeadPose(yaw, pitch, Math.atan2(dy, dx));
  }

  /** Angular distance to another pose (roll counts less: the face frame takes it out). */
  public double distance(HeadPose o) {
    double a = yaw - o.yaw;
    double b = pitch - o.pitch;
    double c = roll - o.roll;
    return Math.sqrt(a * a + b * b + ROLL_WEIGHT * c * c);
  }
}
