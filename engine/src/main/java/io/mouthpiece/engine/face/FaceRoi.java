package io.mouthpiece.engine.face;

/**
 * A rotated square-ish region of a frame, in frame pixels: where the mesh model looks.
 *
 * @param rotationRad clockwise on screen (image y points down), 0 when the eyes are level
 */
public record FaceRoi(double centerX, double centerY, double width, double height, double rotationRad) {
  /**
   * How much larger than the face's box the mesh's region is: MediaPipe's own 1.5, both from a
   * detection (face_detection_front_detection_to_roi) and from the last landmarks
   * (face_landmark_landmarks_to_roi): the mesh model is fed faces framed so.
   */
  static final double MESH_SCALE = 1.5;

  /**
   * The affine map from a {@code size}×{@code size} crop's pixels to frame pixels, as the 2×3
   * row-major matrix {@code [a b c; d e f]}: x = a·u + b·v + c, y = d·u + e·v + f.
   */
  double[] cropToFrame(int size) {
    double sx = width / size;
    double sy = height / size;
    double cos = Math.cos(rotationRad);
    double sin = Math.sin(rotationRad);
    double half = size / 2.0;
    return new double[] {
      sx * cos, -sy * sin, centerX - sx * cos * half + sy * sin * half,
      sx * sin, sy * cos, centerY - sx * sin * half - sy * cos * half
    };
  }

  /**
   * The region MediaPipe's face graphs feed the mesh: a box turned so that the line from
   * {@code (x0, y0)} to {@code (x1, y1)} (right eye to left eye) is level, enlarged by
   * {@code scale} and made square on its longer side.
   */
  static FaceRoi around(double boxCenterX, double boxCenterY, double boxWidth, double boxHeight,
      double x0, double y0, double x1, double y1, double scale) {
    double rotation = normalize(-Math.atan2(-(y1 - y0), x1 - x0));
    double side = Math.max(boxWidth, boxHeight) * scale;
    return new FaceRoi(boxCenterX, boxCenterY, side, side, rotation);
  }

  private static double normalize(double angle) {
    return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
  }
}
